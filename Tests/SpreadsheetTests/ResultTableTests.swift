import Foundation
import Interchange
import SwiftCSV
import Talent
import TestThreads
import Testing

@Suite("result tables as CSV and xlsx: the same rows, typed", .ownThread)
struct ResultTableTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    @Test("the golden review as xlsx holds every field of the expected CSV files; NIPs and codes are text cells")
    func goldenAsWorkbooks() throws {
        let folder = try XLSXWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let context = ReviewContext(referenceDate: CivilDate(iso: "2026-03-31")!)
        let (result, _) = try FolderReview.run(input: Self.golden.appendingPathComponent("input"), output: folder,
                                                format: .xlsx, context: context)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["indicators.xlsx", "placements.xlsx", "rejected.xlsx", "succession.xlsx"])
        for table in ResultFiles.tables(result) {
            let expected = try CSV<Enumerated>(url: Self.golden.appendingPathComponent("expected/\(table.name).csv"),
                                               loadColumns: false)
            let book = try WorkbookReader(folder.appendingPathComponent("\(table.name).xlsx"))
            let rows = try book.rows(columns: table.columns.count)
            #expect(rows.first == expected.header, "\(table.name) header")
            #expect(rows.count == expected.rows.count + 1, "\(table.name) rows")
            let cells = try book.cells()
            for (index, fields) in expected.rows.enumerated() {
                for (column, field) in zip(table.columns, fields) {
                    let cell = cells[index + 2]?[table.columns.firstIndex(of: column)!]
                    switch column.kind {
                    case .code, .text:
                        #expect(cell?.value ?? "" == field, "\(table.name) line \(index + 2) \(column.name)")
                        if !field.isEmpty { #expect(cell?.type == "inlineStr") }
                    case .integer, .decimal:
                        #expect(cell.map { Double($0.value) } ?? nil == Double(field), "\(table.name) \(column.name)")
                        if !field.isEmpty { #expect(cell?.type == nil, "\(column.name) is a number cell") }
                    }
                }
            }
            if let nipColumn = table.columns.firstIndex(where: { $0.name == "nip" }),
               let nip = cells[2]?[nipColumn] {
                #expect(try book.style(nip.style).numberFormat == 49, "\(table.name): the nip column is text (@)")
                #expect(nip.value.count == 18 || table.name == "rejected")
            }
        }
    }

    @Test("CSV is written in chunks and equals the whole-file rendering; a bad row refuses the file")
    func csvChunks() throws {
        let folder = try XLSXWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let columns = [ResultTable.Column("nip", .code), ResultTable.Column("n", .integer),
                       ResultTable.Column("note", .text)]
        let rows = (0..<25_001).map { ["1985\($0)", "\($0)", $0 % 7 == 0 ? "a, \"quoted\"\nnote" : ""] }
        let url = try ResultTable(name: "big", columns: columns, rows: rows).write(in: folder, format: .csv)
        #expect(url.lastPathComponent == "big.csv")
        #expect(try String(contentsOf: url, encoding: .utf8)
                == CSVWriter.render(header: columns.map(\.name), rows: rows))

        try Data("kept".utf8).write(to: url)
        for format in TableFormat.allCases {
            let short = ResultTable(name: "big", columns: columns, rows: [["1", "2", "3"], ["1", "2"]])
            let error = #expect(throws: TableWriteError.self) { try short.write(in: folder, format: format) }
            #expect(error?.description == "big line 3 has 2 fields; its header has 3", "\(format)")
        }
        let notNumber = ResultTable(name: "big", columns: columns, rows: [["1", "2.5.1", ""]])
        let error = #expect(throws: TableWriteError.self) { try notNumber.write(in: folder, format: .xlsx) }
        #expect(error?.description == "big line 2 column n: \"2.5.1\" is not a number")
        #expect(try String(contentsOf: url, encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["big.csv"], "no scratch left")
    }

    @Test("several tables make one workbook, one worksheet each, in order")
    func workbookOfTables() throws {
        let folder = try XLSXWriterTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("report.xlsx")
        try ResultTable.writeWorkbook([
            ResultTable(name: "grid", columns: [.init("box", .integer), .init("employees", .integer)],
                        rows: [["9", "3"], ["", "1"]]),
            ResultTable(name: "people", columns: [.init("nip", .code), .init("name", .text)],
                        rows: [["198501012010031001", "Siti Contoh"]]),
        ], to: url)
        let book = try WorkbookReader(url)
        #expect(try book.rows(sheet: 1, columns: 2) == [["box", "employees"], ["9", "3"], ["", "1"]])
        #expect(try book.rows(sheet: 2, columns: 2) == [["nip", "name"], ["198501012010031001", "Siti Contoh"]])
    }
}
