public import Foundation
public import Talent
import SwiftCSV

/// Reads a DOMAIN.md §11 input folder into raw rows with SwiftCSV: UTF-8 (a leading byte-order mark is dropped),
/// a header row that must be `InputFile.requiredColumns` followed by its optional columns or a leading part of them
/// (`InputFile.accepts(header:)`; a missing optional column reads as empty), comma separators, RFC 4180 quoting.
///
/// units.csv, positions.csv and employees.csv must exist; a missing history file (the optional files of the BKN
/// 411/2025 preset included) reads as no rows and is listed in
/// `absentFiles` (an import leaves that kind of history as it is; a present file with only its header replaces it
/// with nothing); any other file in the folder (not starting with `.`) is reported in `unknownFiles` and skipped, so a later rule set's extra files do
/// not stop an import. Blank lines (rows whose every field is empty) are skipped. A row's line is the file line it
/// starts on (the header is line 1), counting the line breaks inside quoted fields. A row shorter than the header
/// reads the missing fields as empty; fields past the header are ignored.
public enum InputFolderReader {
    /// Reads every known file of `folder`.
    /// - Returns: the rows of all files and the names of the unknown files, sorted.
    /// - Throws: `InterchangeError` for a missing required file, an unreadable file, malformed CSV or a wrong header.
    public static func read(folder: URL) throws(InterchangeError) -> InputFolder {
        let rows = try self.rows(folder: folder)
        return InputFolder(records: rows.files.flatMap { file, rows in rows.map { $0.record(of: file) } },
                           unknownFiles: rows.unknownFiles, absentFiles: rows.absentFiles)
    }

    /// Reads every known file of `folder` as compact rows (an array of fields per row, not yet a `RawRecord`'s
    /// dictionary): what `InputRows.validate` needs to validate a large folder a share at a time.
    /// - Throws: as `read(folder:)`.
    public static func rows(folder: URL) throws(InterchangeError) -> InputRows {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw .unreadable(name: folder.path, reason: String(describing: error))
        }
        let known = Set(InputFile.allCases.map(\.rawValue))
        var files: [(file: InputFile, rows: [InputRow])] = []
        var absent: [InputFile] = []
        for file in InputFile.allCases {
            guard names.contains(file.rawValue) else {
                if file.isRequired { throw .missingFile(file) }
                absent.append(file)
                continue
            }
            files.append((file, try rows(of: file, text: try text(of: file, in: folder))))
        }
        let unknown = names.filter { !known.contains($0) && !$0.hasPrefix(".") }.sorted()
        return InputRows(files: files, unknownFiles: unknown, absentFiles: absent)
    }

    private static func text(of file: InputFile, in folder: URL) throws(InterchangeError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: folder.appendingPathComponent(file.rawValue))
        } catch {
            throw .unreadable(name: file.rawValue, reason: String(describing: error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(name: file.rawValue, reason: "not UTF-8")
        }
        return text
    }

    /// Parses the text of one input file.
    /// - Throws: `InterchangeError.malformedCSV` when SwiftCSV cannot parse it, `.wrongHeader` when the header row
    ///   is not the required columns followed by (a leading part of) the optional ones.
    public static func records(of file: InputFile, text: String) throws(InterchangeError) -> [RawRecord] {
        try rows(of: file, text: text).map { $0.record(of: file) }
    }

    static func rows(of file: InputFile, text: String) throws(InterchangeError) -> [InputRow] {
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw .malformedCSV(file: file, reason: String(describing: error))
        }
        // The required columns, then the optional ones (or a leading part of them): a missing optional column reads as
        // empty on every row (`InputRow.record(of:)` maps fields by position).
        guard file.accepts(header: csv.header) else { throw .wrongHeader(file: file, found: csv.header) }
        var rows: [InputRow] = []
        rows.reserveCapacity(csv.rows.count)
        var line = 2 + lineBreaks(in: csv.header)
        for row in csv.rows {
            defer { line += 1 + lineBreaks(in: row) }
            if row.allSatisfy(\.isEmpty) { continue }
            // Fields past the file's own header are ignored (they must not fill an optional column it left out).
            rows.append(InputRow(line: line, fields: row.count > csv.header.count ? Array(row.prefix(csv.header.count)) : row))
        }
        return rows
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        fields.reduce(0) { $0 + $1.filter(\.isNewline).count }
    }
}

/// The rows of an input folder.
public struct InputFolder: Sendable {
    /// Rows of every known file, file by file in §11 order, then by line.
    public var records: [RawRecord]
    /// Files in the folder that are not §11 input files (reported, skipped).
    public var unknownFiles: [String]
    /// The optional history files not in the folder, §11 order: their kind of history is not part of the snapshot.
    public var absentFiles: [InputFile]
}

/// Why an input folder cannot be read. The description names the file and, for a header, the expected header.
public enum InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingFile(InputFile)
    case unreadable(name: String, reason: String)
    case malformedCSV(file: InputFile, reason: String)
    case wrongHeader(file: InputFile, found: [String])

    public var description: String {
        switch self {
        case let .missingFile(file):
            return "\(file.rawValue) is missing; it is required (header: \(file.header.joined(separator: ",")))"
        case let .unreadable(name, reason):
            return "\(name) cannot be read: \(reason)"
        case let .malformedCSV(file, reason):
            return "\(file.rawValue) is not valid CSV: \(reason)"
        case let .wrongHeader(file, found):
            let optional = file.optionalColumns.isEmpty ? ""
                : " (the optional " + file.optionalColumns.joined(separator: ",") + " may be left out)"
            return "\(file.rawValue) has the header \(found.joined(separator: ",")); expected exactly "
                + file.header.joined(separator: ",") + optional
        }
    }
}
