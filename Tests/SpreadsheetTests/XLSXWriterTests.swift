import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Spreadsheet
import TestThreads
import Testing

@Suite("xlsx writer: a workbook read back from its parts", .ownThread)
struct XLSXWriterTests {
    static let nip = "198501012010031001"

    /// A fresh folder for one test's files.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("talenta-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let columns = [
        Column("nip", format: .text), Column("year", format: .integer), Column("score", format: .decimal(places: 2)),
        Column("weighted", format: .decimal(places: 4)), Column("note"),
    ]

    @Test("a NIP is a text cell in a text column, numbers are number cells, the header is bold and frozen")
    func typedCells() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("placements.xlsx")
        try XLSXWriter.write([
            Worksheet(name: "placements", columns: Self.columns, rows: [
                [.text(Self.nip), .number(2026), .number(72.5), .number(43.5), .text("BOX")],
                [.text("199001012015032002"), .number(2026), .empty, .number(0.0001)],
            ]),
            Worksheet(name: "rejected", columns: [Column("nip", format: .text)], rows: []),
        ], to: url)

        let book = try WorkbookReader(url)
        #expect(book.paths.first == "[Content_Types].xml")
        #expect(Set(book.paths) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                    "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let sheets = try WorkbookReader.elements(try book.document("xl/workbook.xml"), "//*[local-name()='sheet']")
        #expect(sheets.map { WorkbookReader.attribute($0, "name") } == ["placements", "rejected"])

        let cells = try book.cells()
        let nip = try #require(cells[2]?[0])
        #expect(nip.type == "inlineStr" && nip.value == Self.nip)
        #expect(try book.style(nip.style).numberFormat == 49, "the NIP column is formatted as text (@)")
        let year = try #require(cells[2]?[1])
        #expect(year.type == nil && year.value == "2026")
        #expect(try book.style(year.style).numberFormat == 1)
        let score = try #require(cells[2]?[2])
        #expect(score.type == nil && Double(score.value) == 72.5)
        #expect(try book.style(score.style).numberFormat == 2, "scores show 2 decimals (0.00)")
        #expect(cells[3]?[2] == nil, "an empty cell is left out")
        #expect(cells[3]?[4] == nil, "a short row leaves its last cells empty")
        #expect(Double(try #require(cells[3]?[3]).value) == 0.0001)
        for column in 0..<Self.columns.count {
            let header = try #require(cells[1]?[column])
            #expect(header.type == "inlineStr" && header.value == Self.columns[column].title)
            #expect(try book.style(header.style).bold)
        }
        #expect(try !book.style(nip.style).bold)

        let sheet = try book.document("xl/worksheets/sheet1.xml")
        let pane = try #require(try WorkbookReader.elements(sheet, "//*[local-name()='pane']").first)
        #expect(WorkbookReader.attribute(pane, "state") == "frozen" && WorkbookReader.attribute(pane, "ySplit") == "1")
        let widths = try WorkbookReader.elements(sheet, "//*[local-name()='col']")
            .map { Double(WorkbookReader.attribute($0, "width") ?? "") ?? 0 }
        #expect(widths.count == 5 && widths[0] >= 18, "the NIP column fits 18 digits: \(widths)")
        let dimension = try WorkbookReader.elements(sheet, "//*[local-name()='dimension']").first
        #expect(dimension.flatMap { WorkbookReader.attribute($0, "ref") } == "A1:E3")
        let formats = try WorkbookReader.elements(try book.document("xl/styles.xml"), "//*[local-name()='numFmt']")
        #expect(formats.map { WorkbookReader.attribute($0, "formatCode") } == ["0.0000"])
    }

    @Test("text comes back exactly: markup, edge spaces, line breaks, control characters, _xHHHH_ look-alikes")
    func textRoundTrip() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("text.xlsx")
        let texts = ["<b>&\"'</b>", "  leading and trailing  ", "line\nbreak", "carriage\r\nreturn", "bell\u{7}tab\t",
                     "_x0041_ stays", "_x00zz_ is no escape", "Kota Bontang – Σ ✓", "=1+1", "00123"]
        try XLSXWriter.write([Worksheet(name: "texts", columns: [Column("text")],
                                        rows: texts.map { [.text($0)] })], to: url)
        let book = try WorkbookReader(url)
        let read = try book.cells()
        #expect((2...texts.count + 1).map { read[$0]?[0]?.value } == texts)
        #expect((2...texts.count + 1).allSatisfy { read[$0]?[0]?.type == "inlineStr" })
        let raw = String(decoding: try book.data("xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(raw.contains("<t xml:space=\"preserve\">  leading and trailing  </t>"))
        #expect(!raw.contains("<b>"), "markup is escaped")
    }

    @Test("what Excel cannot hold is refused by name, and the file on disk is left as it was")
    func refusals() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("kept.xlsx")
        try Data("the previous file".utf8).write(to: url)
        let one = [Column("a")]
        let cases: [(String, [Worksheet], SpreadsheetError.Code, String)] = [
            ("no sheets", [], .empty, "at least one worksheet"),
            ("bad name", [Worksheet(name: "a/b", columns: one, rows: [])], .invalidSheetName, "\"a/b\""),
            ("long name", [Worksheet(name: String(repeating: "x", count: 32), columns: one, rows: [])],
             .invalidSheetName, "1-31 characters"),
            ("twice", [Worksheet(name: "Data", columns: one, rows: []), Worksheet(name: "data", columns: one, rows: [])],
             .invalidSheetName, "used twice"),
            ("no columns", [Worksheet(name: "s", columns: [], rows: [])], .empty, "no columns"),
            ("long text", [Worksheet(name: "s", columns: [Column("note")],
                                     rows: [[.text("ok")], [.text(String(repeating: "x", count: 32_768))]])],
             .invalidCell, "cell A3 (note) holds 32768 characters"),
            ("nan", [Worksheet(name: "s", columns: [Column("a"), Column("score")], rows: [[.empty, .number(.nan)]])],
             .invalidCell, "cell B2 (score)"),
            ("wide row", [Worksheet(name: "s", columns: one, rows: [[.text("a"), .text("b")]])],
             .tooLarge, "row 2 has 2 cells; its header has 1 columns"),
        ]
        for (label, sheets, code, words) in cases {
            let error = #expect(throws: SpreadsheetError.self, "\(label)") { try XLSXWriter.write(sheets, to: url) }
            #expect(error?.code == code, "\(label)")
            #expect(error?.message.contains(words) == true, "\(label): \(error?.message ?? "")")
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "the previous file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["kept.xlsx"], "no scratch left")
    }

    @Test("rows are pulled one at a time; an error from the source writes nothing")
    func streamedRows() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("big.xlsx")
        let count = 20_000
        var next = 0
        try XLSXWriter.write([Worksheet(name: "big", columns: [Column("nip", format: .text), Column("n", format: .integer)]) {
            guard next < count else { return nil }
            next += 1
            return [.text(String(format: "1985010120100310%02d", next % 100)), .number(Double(next))]
        }], to: url)
        let book = try WorkbookReader(url)
        let cells = try book.cells()
        #expect(cells.count == count + 1)
        #expect(cells[count + 1]?[1]?.value == "\(count)")
        #expect(cells[count + 1]?[0]?.type == "inlineStr")

        struct SourceFailed: Error {}
        var pulled = 0
        #expect(throws: SourceFailed.self) {
            try XLSXWriter.write([Worksheet(name: "broken", columns: [Column("n")]) {
                pulled += 1
                if pulled == 3 { throw SourceFailed() }
                return [.number(Double(pulled))]
            }], to: url)
        }
        #expect(try WorkbookReader(url).cells().count == count + 1, "the earlier file is intact")
    }
}
