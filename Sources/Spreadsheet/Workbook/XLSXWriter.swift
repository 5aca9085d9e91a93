public import Foundation
internal import XMLCoder
internal import ZIPFoundation

/// Writes worksheets of typed cells as one Office Open XML workbook (`.xlsx`, ECMA-376), readable by Excel and
/// LibreOffice Calc.
///
/// Each worksheet has a bold header row that stays frozen while scrolling, columns as wide as their longest value
/// (6 … 60 characters) unless given, and each column's number format (`.text` columns stay text even when a value
/// looks like a number, so an 18-digit NIP never turns into 1.98501E+17). Text is stored inline in the cells and
/// rows are streamed through a temporary file, so memory stays flat however many rows a sheet has. XMLCoder writes
/// every XML element (and escapes its text); ZIPFoundation packs the parts. The same sheets give the same bytes.
public enum XLSXWriter {
    /// Writes `sheets`, in tab order, to `url`, replacing it atomically: on any error the file is left as it was.
    /// - Parameters:
    ///   - sheets: at least one worksheet; names unique ignoring case.
    ///   - url: the `.xlsx` file to write; its folder must exist.
    /// - Throws: `SpreadsheetError` for a sheet or cell Excel cannot hold (naming the sheet, row and column), or the
    ///   file system's or ZIPFoundation's error when the file cannot be written.
    public static func write(_ sheets: [Worksheet], to url: URL) throws {
        try validate(sheets)
        let fileManager = FileManager.default
        let scratch = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp", isDirectory: true)
        try fileManager.createDirectory(at: scratch, withIntermediateDirectories: false)
        defer { try? fileManager.removeItem(at: scratch) }

        let package = scratch.appendingPathComponent("workbook.xlsx")
        let archive = try Archive(url: package, accessMode: .create)
        let catalogue = StylesPart.Catalogue(columns: sheets.flatMap(\.columns))
        // [Content_Types].xml first, as Office writes it: tools that sniff the file type look there.
        try add(ContentTypes(sheetCount: sheets.count), rootKey: "Types", path: "[Content_Types].xml", to: archive)
        try add(Relationships.package, rootKey: "Relationships", path: "_rels/.rels", to: archive)
        try add(WorkbookPart(sheetNames: sheets.map(\.name)), rootKey: "workbook", path: "xl/workbook.xml", to: archive)
        try add(Relationships.workbook(sheetCount: sheets.count), rootKey: "Relationships",
                path: "xl/_rels/workbook.xml.rels", to: archive)
        try add(StylesPart(catalogue), rootKey: "styleSheet", path: "xl/styles.xml", to: archive)
        for (index, sheet) in sheets.enumerated() {
            let part = scratch.appendingPathComponent("sheet\(index + 1).xml")
            try SheetStream.write(sheet, to: part, scratch: scratch, catalogue: catalogue)
            let size = try fileManager.attributesOfItem(atPath: part.path)[.size] as? Int64 ?? 0
            let reader = try FileHandle(forReadingFrom: part)
            defer { try? reader.close() }
            try archive.addEntry(with: WorkbookPart.sheetPath(index + 1), type: .file, uncompressedSize: size,
                                 modificationDate: entryDate, compressionMethod: .deflate) { position, count in
                try reader.seek(toOffset: UInt64(position))
                return try reader.read(upToCount: count) ?? Data()
            }
            try fileManager.removeItem(at: part)
        }
        // rename(2) replaces the target atomically, whether it exists or not.
        guard rename(package.path, url.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                           NSUnderlyingErrorKey: POSIXError(.init(rawValue: errno) ?? .EIO)])
        }
    }

    /// The time every part carries, so the same sheets always give the same bytes: 1980-01-02 00:00 UTC (ZIP times
    /// start in 1980, in local time; a day in leaves room for every time zone).
    static let entryDate = Date(timeIntervalSince1970: 315_619_200)

    /// The XML declaration every part starts with.
    static let header = XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes")

    private static func add(_ part: some Encodable, rootKey: String, path: String, to archive: Archive) throws {
        let data = try XMLEncoder().encode(part, withRootKey: rootKey, header: header)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                             compressionMethod: .deflate) { position, size in
            data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
        }
    }

    private static func validate(_ sheets: [Worksheet]) throws {
        guard !sheets.isEmpty else { throw SpreadsheetError(.empty, "a workbook needs at least one worksheet") }
        var seen = Set<String>()
        for sheet in sheets {
            let name = sheet.name
            let forbidden = name.unicodeScalars.first { ":\\/?*[]".unicodeScalars.contains($0) || $0.value < 0x20 }
            if name.isEmpty || name.count > Limits.sheetNameLength || forbidden != nil
                || name.hasPrefix("'") || name.hasSuffix("'") {
                throw SpreadsheetError(.invalidSheetName, "worksheet name \"\(name)\" is not allowed: 1-31 characters, "
                                       + "none of : \\ / ? * [ ], not starting or ending with '")
            }
            guard seen.insert(name.lowercased()).inserted else {
                throw SpreadsheetError(.invalidSheetName, "worksheet name \"\(name)\" is used twice")
            }
            guard !sheet.columns.isEmpty else {
                throw SpreadsheetError(.empty, "worksheet \"\(name)\" has no columns")
            }
            guard sheet.columns.count <= Limits.columns else {
                throw SpreadsheetError(.tooLarge, "worksheet \"\(name)\" has \(sheet.columns.count) columns; "
                                       + "a worksheet holds at most \(Limits.columns)")
            }
        }
    }
}
