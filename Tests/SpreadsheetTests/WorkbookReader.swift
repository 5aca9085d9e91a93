import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads a written workbook back for the tests: unzips a part with ZIPFoundation and parses it with Foundation's
/// XML parser, independently of the writer's own code.
struct WorkbookReader {
    let archive: Archive

    init(_ url: URL) throws {
        archive = try Archive(url: url, accessMode: .read)
    }

    /// The paths of the package's parts.
    var paths: [String] { archive.map(\.path) }

    /// The bytes of the part at `path`.
    func data(_ path: String) throws -> Data {
        guard let entry = archive[path] else { throw ReadError(description: "no part \(path)") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    /// The part at `path` as an XML document.
    func document(_ path: String) throws -> XMLDocument {
        try XMLDocument(data: data(path))
    }

    /// The elements matching `xpath` (local names, so the default namespace needs no prefix).
    static func elements(_ node: XMLNode, _ xpath: String) throws -> [XMLElement] {
        try node.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }

    /// An attribute's value by name (FoundationXML's `attribute(forName:)` misses attributes of elements in a default
    /// namespace).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name }?.stringValue
    }

    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }
}

/// One cell as read back from a worksheet part.
struct ReadCell: Equatable {
    /// `inlineStr` (or `s`, `str`) for a text cell; nil for a number.
    var type: String?
    /// The text, with `_xHHHH_` sequences decoded, or the number's `<v>` text.
    var value: String
    /// The cell's style index (0 when absent).
    var style: Int
}

extension WorkbookReader {
    /// The cells of worksheet `number` (1-based) by row number and 0-based column; absent cells are absent.
    func cells(sheet number: Int = 1) throws -> [Int: [Int: ReadCell]] {
        let document = try document("xl/worksheets/sheet\(number).xml")
        var result = [Int: [Int: ReadCell]]()
        for row in try Self.elements(document, "//*[local-name()='sheetData']/*[local-name()='row']") {
            let rowNumber = Int(Self.attribute(row, "r") ?? "") ?? 0
            for cell in try Self.elements(row, "*[local-name()='c']") {
                let reference = Self.attribute(cell, "r") ?? ""
                let type = Self.attribute(cell, "t")
                let raw = type == nil
                    ? try Self.elements(cell, "*[local-name()='v']").first?.stringValue
                    : try Self.elements(cell, ".//*[local-name()='t']").first?.stringValue
                result[rowNumber, default: [:]][Self.columnIndex(reference)] = ReadCell(
                    type: type, value: Self.decodeOfficeText(raw ?? ""), style: Int(Self.attribute(cell, "s") ?? "") ?? 0)
            }
        }
        return result
    }

    /// The cells of a sheet as rows of text under the header, empty cells as "" (the shape of a CSV file).
    func rows(sheet number: Int = 1, columns: Int) throws -> [[String]] {
        let cells = try cells(sheet: number)
        return cells.keys.sorted().map { row in
            (0..<columns).map { cells[row]?[$0]?.value ?? "" }
        }
    }

    /// The number format id of cell style `index` (`cellXfs`), and whether its font is bold.
    func style(_ index: Int) throws -> (numberFormat: Int, bold: Bool) {
        let styles = try document("xl/styles.xml")
        let xfs = try Self.elements(styles, "//*[local-name()='cellXfs']/*[local-name()='xf']")
        let xf = xfs[index]
        let fontID = Int(Self.attribute(xf, "fontId") ?? "0") ?? 0
        let font = try Self.elements(styles, "//*[local-name()='fonts']/*[local-name()='font']")[fontID]
        let bold = try !Self.elements(font, "*[local-name()='b']").isEmpty
        return (Int(Self.attribute(xf, "numFmtId") ?? "0") ?? 0, bold)
    }

    /// The 0-based column of a reference such as "AB12".
    static func columnIndex(_ reference: String) -> Int {
        reference.unicodeScalars.prefix { $0.properties.isAlphabetic }
            .reduce(0) { $0 * 26 + Int($1.value - 64) } - 1
    }

    /// Decodes ECMA-376 `ST_Xstring` escapes (`_x0001_` → U+0001), as a spreadsheet program does on reading.
    static func decodeOfficeText(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "_", index + 6 < scalars.count, scalars[index + 1] == "x", scalars[index + 6] == "_",
               let value = UInt32(String(String.UnicodeScalarView(scalars[(index + 2)...(index + 5)])), radix: 16),
               let scalar = Unicode.Scalar(value) {
                out.append(scalar)
                index += 7
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        scalars.removeAll()
        return String(out)
    }
}
