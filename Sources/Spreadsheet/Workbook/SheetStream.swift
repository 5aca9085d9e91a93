import Foundation
internal import XMLCoder

/// Writes one worksheet part: the rows go to a body file as they are encoded (one `<row>` at a time) while the
/// column widths are measured; then the part is the head (which needs the widths), the body and the tail.
enum SheetStream {
    /// Rows are written to the body file in chunks of about this many bytes.
    static let chunkBytes = 1 << 20

    static func write(_ sheet: Worksheet, to part: URL, scratch: URL, catalogue: StylesPart.Catalogue) throws {
        let styles = sheet.columns.map { catalogue.index(of: $0.format) }
        var widths = sheet.columns.map { $0.title.count }
        let encoder = rowEncoder()

        let body = scratch.appendingPathComponent("body.xml")
        let bodyFile = try FileHandle.create(at: body)
        var buffer = Data()
        func flush() throws {
            try bodyFile.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        let header = sheet.columns.enumerated().map { column, definition in
            SheetParts.CellElement(r: CellReference.cell(column: column, row: 1), s: StylesPart.Catalogue.header,
                                   t: "inlineStr", v: nil, inline: .init(t: .init(definition.title)))
        }
        buffer += try encoder.encode(SheetParts.Row(r: 1, c: header), withRootKey: "row")
        var rowNumber = 1
        while let cells = try sheet.nextRow() {
            rowNumber += 1
            guard rowNumber <= Limits.rows else {
                throw SpreadsheetError(.tooLarge, "worksheet \"\(sheet.name)\" has more than \(Limits.rows - 1) rows "
                                       + "under its header; a worksheet holds at most \(Limits.rows) rows")
            }
            guard cells.count <= sheet.columns.count else {
                throw SpreadsheetError(.tooLarge, "worksheet \"\(sheet.name)\" row \(rowNumber) has \(cells.count) "
                                       + "cells; its header has \(sheet.columns.count) columns")
            }
            var elements = [SheetParts.CellElement]()
            elements.reserveCapacity(cells.count)
            for (column, cell) in cells.enumerated() {
                let reference = CellReference.cell(column: column, row: rowNumber)
                let style = styles[column] == 0 ? nil : styles[column]
                switch cell {
                case .empty:
                    continue
                case .text(let text):
                    guard text.utf16.count <= Limits.textLength else {
                        throw SpreadsheetError(.invalidCell, "worksheet \"\(sheet.name)\" cell \(reference) "
                                               + "(\(sheet.columns[column].title)) holds \(text.utf16.count) "
                                               + "characters; a cell holds at most \(Limits.textLength)")
                    }
                    widths[column] = max(widths[column], text.count)
                    elements.append(.init(r: reference, s: style, t: "inlineStr", v: nil, inline: .init(t: .init(text))))
                case .number(let value):
                    guard value.isFinite else {
                        throw SpreadsheetError(.invalidCell, "worksheet \"\(sheet.name)\" cell \(reference) "
                                               + "(\(sheet.columns[column].title)) is \(value), which no cell holds")
                    }
                    let text = numberText(value)
                    widths[column] = max(widths[column], shownWidth(text, format: sheet.columns[column].format))
                    elements.append(.init(r: reference, s: style, t: nil, v: text, inline: nil))
                }
            }
            buffer += try encoder.encode(SheetParts.Row(r: rowNumber, c: elements), withRootKey: "row")
            if buffer.count >= chunkBytes { try flush() }
        }
        try flush()
        try bodyFile.close()

        let lastCell = CellReference.cell(column: sheet.columns.count - 1, row: rowNumber)
        let columns = SheetParts.Columns(col: sheet.columns.enumerated().map { index, column in
            .init(min: index + 1, max: index + 1, width: column.width ?? Double(min(60, max(6, widths[index] + 2))),
                  style: styles[index])
        })
        let part = try FileHandle.create(at: part)
        try part.write(contentsOf: Data(openTag.utf8))
        try part.write(contentsOf: try encoder.encode(SheetParts.Dimension(ref: "A1:" + lastCell), withRootKey: "dimension"))
        try part.write(contentsOf: try encoder.encode(SheetParts.SheetViews(), withRootKey: "sheetViews"))
        try part.write(contentsOf: try encoder.encode(columns, withRootKey: "cols"))
        try part.write(contentsOf: Data("<sheetData>".utf8))
        let bodyReader = try FileHandle(forReadingFrom: body)
        while let chunk = try bodyReader.read(upToCount: chunkBytes), !chunk.isEmpty {
            try part.write(contentsOf: chunk)
        }
        try bodyReader.close()
        try part.write(contentsOf: Data("</sheetData></worksheet>".utf8))
        try part.close()
        try FileManager.default.removeItem(at: body)
    }

    /// XMLCoder's encoder for the rows, set up for their volume (about half the time of a sheet went into escaping):
    /// element text, the only place a cell's value goes, has `&`, `<` and `>` escaped (all that XML needs there;
    /// the library's default also escapes both quotes); attribute values are only cell references, style numbers
    /// and the type `inlineStr`, written by this file, and are left as they are.
    static func rowEncoder() -> XMLEncoder {
        let encoder = XMLEncoder()
        encoder.charactersEscapedInElements = [("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")]
        encoder.charactersEscapedInAttributes = []
        return encoder
    }

    /// The fixed start of a worksheet part, up to its first child; it holds no values, only the namespace.
    static let openTag = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        + "<worksheet xmlns=\"\(Namespace.spreadsheet)\">"

    /// The shortest decimal text that reads back as `value` (`2026`, `72.5`, `1e-05`): whole numbers below 10^15
    /// without a fraction, others as Swift prints a `Double`.
    static func numberText(_ value: Double) -> String {
        if value == value.rounded(.towardZero), abs(value) < 1e15 { return String(Int64(value)) }
        return String(describing: value)
    }

    /// The characters a number takes when shown in `format`.
    static func shownWidth(_ text: String, format: NumberFormat) -> Int {
        guard case .decimal(let places) = format, places > 0 else { return text.count }
        let whole = text.split(separator: ".", maxSplits: 1).first?.count ?? text.count
        return whole + 1 + places
    }
}

extension FileHandle {
    /// A new, empty file opened for writing.
    /// - Throws: `CocoaError` when the file cannot be created.
    static func create(at url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }
}
