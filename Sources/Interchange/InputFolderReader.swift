public import Foundation
public import Talent

/// Reads a DOMAIN.md §11 input folder as a stream of raw rows, file by file, for `ValidationRun`: the reader behind
/// both `talenta import` and `talenta review-folder`.
///
/// What it knows of each file comes from `InputFile`: its header, the columns it may leave out
/// (`optionalColumns`: empty on every row) and whether it must be present (`isRequired`), so a new input file needs
/// no reader code. Each file is read with `StrictCSVReader` (RFC 4180, refused whole at the first malformed row, a
/// leading UTF-8 byte-order mark ignored); its header must be `InputFile.header`, less any optional columns, in that
/// order, and every row must have as many fields as the header. A row's line is the file line it starts on (the
/// header is line 1), counting the line breaks inside quoted fields; blank lines are skipped, and so is a row whose
/// every field is empty. units.csv, positions.csv and employees.csv must exist; a missing optional file is reported
/// by `ValidationRun` as absent; any other file (not starting with `.`) is listed in `unknownFiles` and skipped.
public struct InputFolderReader: RecordSource {
    /// The folder read.
    public let folder: URL
    /// Files in the folder that are not §11 input files (reported, skipped), sorted.
    public let unknownFiles: [String]
    /// The optional columns each file read left out (they count as empty on every row), in §11 order.
    public private(set) var missingColumns: [(file: InputFile, columns: [String])] = []
    private let present: Set<InputFile>

    /// Lists the folder.
    /// - Throws: `InterchangeError.unreadable` when the folder cannot be listed, `.missingFile` for a missing
    ///   required file.
    public init(folder: URL) throws(InterchangeError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) else {
            throw .unreadable(name: folder.path, reason: "no such folder")
        }
        guard isFolder.boolValue else { throw .unreadable(name: folder.path, reason: "it is a file, not a folder") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .unreadable(name: folder.path, reason: (error as NSError).localizedDescription)
        }
        let known = Set(InputFile.allCases.map(\.rawValue))
        for file in InputFile.allCases where file.isRequired && !names.contains(file.rawValue) {
            throw .missingFile(file)
        }
        self.folder = folder
        present = Set(InputFile.allCases.filter { names.contains($0.rawValue) })
        unknownFiles = names.filter { !known.contains($0) && !$0.hasPrefix(".") }.sorted()
    }

    /// Streams the data rows of `file` to `body`.
    /// - Returns: false when the folder has no such file.
    /// - Throws: `InterchangeError` for an unreadable or malformed file or a wrong header (at the first bad row:
    ///   rows before it have been handed over, so a caller applies nothing until the run ends), or what `body` throws.
    public mutating func forEachRecord(of file: InputFile, _ body: (RawRecord) throws -> Void) throws -> Bool {
        guard present.contains(file) else { return false }
        var reader: StrictCSVReader
        do {
            reader = try StrictCSVReader(url: folder.appendingPathComponent(file.rawValue))
        } catch {
            throw InterchangeError.unreadable(name: file.rawValue, reason: error.description)
        }
        try Self.forEachRecord(of: file, in: &reader, missingColumns: &missingColumns, body)
        return true
    }

    /// Parses the text of one input file (tests and small inputs).
    /// - Returns: its records in line order.
    /// - Throws: as `forEachRecord(of:_:)`.
    public static func records(of file: InputFile, text: String) throws(InterchangeError) -> [RawRecord] {
        var reader = StrictCSVReader(bytes: Array(text.utf8))
        var records: [RawRecord] = []
        var missing: [(file: InputFile, columns: [String])] = []
        do {
            try forEachRecord(of: file, in: &reader, missingColumns: &missing) { records.append($0) }
        } catch let error as InterchangeError {
            throw error
        } catch {
            preconditionFailure("collecting records throws nothing else: \(error)")
        }
        return records
    }

    private static func forEachRecord(of file: InputFile, in reader: inout StrictCSVReader,
                                      missingColumns: inout [(file: InputFile, columns: [String])],
                                      _ body: (RawRecord) throws -> Void) throws {
        func malformed(_ error: CSVFormatError) -> InterchangeError {
            guard let line = error.line else { return .unreadable(name: file.rawValue, reason: error.description) }
            return .malformedCSV(file: file, line: line, reason: error.description)
        }
        let layout: ColumnLayout
        do {
            guard let header = try reader.next() else { throw InterchangeError.wrongHeader(file: file, found: []) }
            guard let found = ColumnLayout(header: header.fields, expected: file.header,
                                           optional: file.optionalColumns) else {
                throw InterchangeError.wrongHeader(file: file, found: header.fields)
            }
            layout = found
        } catch let error as CSVFormatError {
            throw malformed(error)
        }
        if !layout.missing.isEmpty { missingColumns.append((file, layout.missing)) }
        while true {
            let row: CSVRow
            do {
                guard let next = try reader.next() else { return }
                row = next
            } catch {
                throw malformed(error)
            }
            guard row.fields.count == layout.width else {
                throw malformed(.fieldCount(line: row.line, found: row.fields.count, expected: layout.width))
            }
            if row.fields.allSatisfy(\.isEmpty) { continue }
            try body(RawRecord(file: file, line: row.line, names: layout.names, values: layout.values(of: row.fields)))
        }
    }
}

/// Where each column of `InputFile.header` sits in a file's own header: the header must be the expected one less
/// some optional columns, in the expected order.
struct ColumnLayout: Equatable {
    /// The names of the expected header, each with its index in the file's header (nil: an optional column left out).
    let columns: [(name: String, index: Int?)]
    /// The file's field count.
    let width: Int
    /// The expected header's names.
    let names: [String]
    /// The optional columns left out, in header order.
    var missing: [String] { columns.filter { $0.index == nil }.map(\.name) }

    /// - Returns: nil when `header` is not `expected` less some of `optional`, in order.
    init?(header: [String], expected: [String], optional: Set<String>) {
        var columns: [(name: String, index: Int?)] = []
        var next = 0
        for name in expected {
            if next < header.count, header[next] == name {
                columns.append((name, next))
                next += 1
            } else if optional.contains(name) {
                columns.append((name, nil))
            } else {
                return nil
            }
        }
        guard next == header.count else { return nil }
        self.columns = columns
        width = header.count
        names = expected
        isIdentity = columns.count == header.count
    }

    /// Whether the file has every expected column: its rows are already in `names` order.
    private let isIdentity: Bool

    /// A row's values in `names` order (a left-out column is empty).
    func values(of row: [String]) -> [String] {
        isIdentity ? row : columns.map { $0.index.map { row[$0] } ?? "" }
    }

    static func == (lhs: ColumnLayout, rhs: ColumnLayout) -> Bool {
        lhs.width == rhs.width && lhs.columns.map(\.name) == rhs.columns.map(\.name)
            && lhs.columns.map(\.index) == rhs.columns.map(\.index)
    }
}

/// Why an input folder cannot be read. The description names the file and the line, or for a header the expected one.
public enum InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingFile(InputFile)
    case unreadable(name: String, reason: String)
    /// A file that breaks RFC 4180 or has a row with another field count than its header: refused whole.
    case malformedCSV(file: InputFile, line: Int, reason: String)
    case wrongHeader(file: InputFile, found: [String])

    public var description: String {
        switch self {
        case let .missingFile(file):
            return "\(file.rawValue) is missing; it is required (header: \(file.header.joined(separator: ",")))"
        case let .unreadable(name, reason):
            return "\(name) cannot be read: \(reason)"
        case let .malformedCSV(file, line, reason):
            return "\(file.rawValue) line \(line) is not valid CSV (RFC 4180): \(reason); the file is refused whole"
        case let .wrongHeader(file, found) where found.isEmpty:
            return "\(file.rawValue) is empty (no header row); expected the header " + file.header.joined(separator: ",")
        case let .wrongHeader(file, found):
            let optional = file.optionalColumns.isEmpty ? ""
                : " (optional columns that may be left out: " + file.header.filter(file.optionalColumns.contains)
                    .joined(separator: ",") + ")"
            return "\(file.rawValue) has the header \(found.joined(separator: ",")); expected exactly "
                + file.header.joined(separator: ",") + optional
        }
    }
}
