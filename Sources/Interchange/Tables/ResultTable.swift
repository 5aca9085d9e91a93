public import Foundation
internal import Spreadsheet

/// A table Talenta hands to people or other systems (a §11 result file, a report's figures): a name, typed columns
/// and rows of text, written as CSV or as an Excel workbook from the same rows.
///
/// Each field is the text CSV carries (DOMAIN.md §11: `72.50`, `2026`, an empty field for no value); the column's
/// kind says what it is, so the xlsx file stores codes as text and numbers as numbers with their decimals.
public struct ResultTable {
    /// What a column holds.
    public enum Kind: Sendable, Hashable {
        /// An identifier that may look like a number (NIP, unit and position codes): always a text cell, in a column
        /// formatted as text, so an 18-digit NIP is never shown as 1.98501E+17.
        case code
        /// Words, vocabulary values and `;`-lists: a text cell.
        case text
        /// A whole number (`2026`): a number cell.
        case integer
        /// A number printed with this many decimals (`72.50` for 2): a number cell shown with as many.
        case decimal(places: Int)
    }

    /// One column: its header text and kind.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let kind: Kind

        public init(_ name: String, _ kind: Kind) {
            self.name = name
            self.kind = kind
        }
    }

    /// The file's stem (`placements` → placements.csv or placements.xlsx) and the worksheet's name: 1 … 31
    /// characters, none of `: \ / ? * [ ]`.
    public let name: String
    public let columns: [Column]
    /// The rows, each with exactly `columns.count` fields; read once, in order, when the table is written.
    public let rows: any Sequence<[String]>

    public init(name: String, columns: [Column], rows: any Sequence<[String]>) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// The header: the column names in order.
    public var header: [String] { columns.map(\.name) }
}

/// The file formats of a ``ResultTable``.
public enum TableFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV as DOMAIN.md §11 writes it (`CSVWriter`).
    case csv
    /// An Office Open XML workbook with one worksheet per table (`Spreadsheet.XLSXWriter`).
    case xlsx

    /// The file name extension, without the dot.
    public var fileExtension: String { rawValue }
}

/// Why a table was not written: a field that does not fit its column's kind (a programming error in the table's
/// builder, named so it can be found), or a table the format cannot hold.
public struct TableWriteError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

extension ResultTable {
    /// Writes the table into `folder` as `name.csv` or `name.xlsx`, replacing the file atomically.
    /// - Parameters:
    ///   - folder: an existing folder.
    ///   - format: CSV or xlsx.
    /// - Returns: the file written.
    /// - Throws: `TableWriteError` for a row of the wrong length, a number field that is not a number, or a table
    ///   the xlsx format cannot hold (more than 1,048,575 rows, a field over 32,767 characters); the file system's
    ///   error when the file cannot be written. Nothing is written then.
    @discardableResult
    public func write(in folder: URL, format: TableFormat) throws -> URL {
        let url = folder.appendingPathComponent(name).appendingPathExtension(format.fileExtension)
        switch format {
        case .csv: try TableFiles.writeCSV(self, to: url)
        case .xlsx: try TableFiles.writeWorkbook([self], to: url)
        }
        return url
    }

    /// Writes the table to the file `url` (any name) as CSV or as a workbook of one worksheet, replacing it
    /// atomically: for a file the operator names (`talenta completeness --out FILE.csv`).
    /// - Throws: as ``write(in:format:)``. Nothing is written then.
    public func write(to url: URL, format: TableFormat) throws {
        switch format {
        case .csv: try TableFiles.writeCSV(self, to: url)
        case .xlsx: try TableFiles.writeWorkbook([self], to: url)
        }
    }

    /// Writes several tables as one workbook at `url`, one worksheet per table in the order given (a report's
    /// figures, a chase list and its summary).
    /// - Throws: as ``write(in:format:)``; also for two tables of the same name.
    public static func writeWorkbook(_ tables: [ResultTable], to url: URL) throws {
        try TableFiles.writeWorkbook(tables, to: url)
    }
}

/// The two writers behind ``ResultTable``.
enum TableFiles {
    /// Rows are rendered and written this many at a time, so a large table is never held as one string.
    static let csvChunkRows = 10_000

    static func writeCSV(_ table: ResultTable, to url: URL) throws {
        let scratch = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: scratch.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = try FileHandle(forWritingTo: scratch)
        defer { try? file.close() }
        let columns = table.columns.count
        try file.write(contentsOf: Data(CSVWriter.render(header: table.header, rows: []).utf8))
        var chunk = [[String]]()
        chunk.reserveCapacity(csvChunkRows)
        var line = 1
        for row in table.rows {
            line += 1
            guard row.count == columns else {
                throw TableWriteError("\(table.name) line \(line) has \(row.count) fields; its header has \(columns)")
            }
            chunk.append(row)
            if chunk.count == csvChunkRows {
                try file.write(contentsOf: Data(CSVWriter.renderRows(chunk, columns: columns).utf8))
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try file.write(contentsOf: Data(CSVWriter.renderRows(chunk, columns: columns).utf8))
        try file.close()
        try replace(url, with: scratch)
    }

    /// Moves `scratch` onto `url` with rename(2): atomic, whether `url` exists or not.
    static func replace(_ url: URL, with scratch: URL) throws {
        guard rename(scratch.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                           NSUnderlyingErrorKey: POSIXError(.init(rawValue: errno) ?? .EIO)])
        }
    }

    /// The cells of one row: codes and text as text cells, numbers parsed from their CSV text; an empty field is an
    /// empty cell.
    /// - Throws: `TableWriteError` naming the table, line (as in the CSV file: the header is line 1) and column when
    ///   the row has the wrong length or a number field is not a number.
    static func cells(_ row: [String], line: Int, of table: ResultTable) throws -> [Cell] {
        guard row.count == table.columns.count else {
            throw TableWriteError("\(table.name) line \(line) has \(row.count) fields; its header has \(table.columns.count)")
        }
        return try zip(row, table.columns).map { field, column in
            if field.isEmpty { return .empty }
            switch column.kind {
            case .code, .text:
                return .text(field)
            case .integer, .decimal:
                guard let number = Double(field), number.isFinite else {
                    throw TableWriteError("\(table.name) line \(line) column \(column.name): \"\(field)\" is not a number")
                }
                return .number(number)
            }
        }
    }

    static func writeWorkbook(_ tables: [ResultTable], to url: URL) throws {
        let sheets = tables.map { table in
            var rows = table.rows.makeIterator()
            var line = 1
            return Worksheet(name: table.name, columns: table.columns.map(column)) {
                guard let row = rows.next() else { return nil }
                line += 1
                return try cells(row, line: line, of: table)
            }
        }
        do {
            try XLSXWriter.write(sheets, to: url)
        } catch let error as SpreadsheetError {
            throw TableWriteError(error.message)
        }
    }

    static func column(_ column: ResultTable.Column) -> Spreadsheet.Column {
        switch column.kind {
        case .code: return Spreadsheet.Column(column.name, format: .text)
        case .text: return Spreadsheet.Column(column.name)
        case .integer: return Spreadsheet.Column(column.name, format: .integer)
        case .decimal(let places): return Spreadsheet.Column(column.name, format: .decimal(places: places))
        }
    }
}
