import Foundation
@testable import Interchange
import Talent
import TestThreads
import Testing

@Suite("Interchange: reading a §11 folder", .ownThread)
struct InterchangeTests {
    func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("talent-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name))
        }
        return url
    }

    let required = [
        "units.csv": "unit_code,name,parent_code\nOPD,Dinas,\n",
        "positions.csv": "position_code,unit_code,title,kind,jenjang,critical\nP,OPD,Staf,PELAKSANA,,false\n",
        "employees.csv": InputFile.employees.header.joined(separator: ",") + "\n",
    ]

    @Test("a wrong header is refused, and the error shows the expected header")
    func wrongHeader() throws {
        var files = required
        files["performance.csv"] = "nip,tahun,predicate,score\n198501012010031001,2025,BAIK,\n"
        let url = try folder(files)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: InterchangeError.self) {
            try ValidatedFolder.read(url, referenceDate: GoldenFixture.context.referenceDate)
        }
        #expect(error == .wrongHeader(file: .performance, found: ["nip", "tahun", "predicate", "score"]))
        #expect(error?.description.contains("expected exactly nip,year,predicate,score") == true)
    }

    @Test("unknown files are reported and skipped; missing history files read as empty")
    func unknownAndMissingFiles() throws {
        var files = required
        files["simata_extra.csv"] = "a,b\n1,2\n"
        files["notes.txt"] = "hello"
        files[".hidden"] = "x"
        let url = try folder(files)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try ValidatedFolder.read(url, referenceDate: GoldenFixture.context.referenceDate)
        #expect(read.unknownFiles == ["notes.txt", "simata_extra.csv"])
        #expect(read.summary.counts.filter { $0.counts.read > 0 }.map(\.file) == [.units, .positions])
        #expect(read.summary.absentFiles == InputFile.allCases.filter { $0.recordKind != nil })
    }

    @Test("a missing required file is an error naming it")
    func missingRequired() throws {
        var files = required
        files["units.csv"] = nil
        let url = try folder(files)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: InterchangeError.missingFile(.units)) { try InputFolderReader(folder: url) }
    }

    @Test("lines count from the header, across quoted line breaks and blank lines; quoting and BOM handled")
    func lines() throws {
        let text = "\u{FEFF}nip,level,name,awarded_on\n"
            + "1,KOTA,\"Satya, \"\"Lencana\"\"\nbaris dua\",2024-01-01\n"
            + "\n"
            + "2,KOTA,plain,2024-01-02\r\n"
            + ",,,\n"
            + "3,KOTA,\"\",\r"
            + "4,KOTA,last,2024-01-04"
        let records = try InputFolderReader.records(of: .awards, text: text)
        #expect(records.map(\.line) == [2, 5, 7, 8])
        #expect(records[0].fields["name"] == "Satya, \"Lencana\"\nbaris dua")
        #expect(records[1].fields["awarded_on"] == "2024-01-02")
        #expect(records[2]["name"] == nil && records[2]["awarded_on"] == nil)
        #expect(records[3]["awarded_on"] == "2024-01-04")
    }

    @Test("a file that breaks RFC 4180 is refused with its line and what is wrong", arguments: [
        // The golden stray quote: `…,2024,"BAIK,` opens a quote that never closes.
        ("nip,year,predicate,score\n1,2025,BAIK,\n1,2024,\"BAIK,\n1,2023,BAIK,\n", 3, "never closed"),
        // A short row and a long row: a missing comma, an unquoted comma inside a value.
        ("nip,year,predicate,score\n1,2025,BAIK\n", 2, "3 fields, the header has 4"),
        ("nip,year,predicate,score\n1,2025,BAIK,\n1,2024,BAIK,80,5\n", 3, "5 fields, the header has 4"),
        ("nip,year,predicate,score\n1,2025,BA\"IK,\n", 2, "holds a double quote"),
        ("nip,year,predicate,score\n1,2025,\"BAIK\"x,\n", 2, "text after its closing quote"),
        ("nip,year,predicate,score\n1,2025,\"BA\nIK\"x,\n", 3, "the quote opened on line 2"),
        // A file cut inside its last row.
        ("nip,year,predicate,score\n1,2025,BAIK,\n1,20", 3, "2 fields, the header has 4"),
    ])
    func malformed(text: String, line: Int, words: String) throws {
        let error = #expect(throws: InterchangeError.self) { try InputFolderReader.records(of: .performance, text: text) }
        guard case let .malformedCSV(file, errorLine, _) = error else {
            Issue.record("expected malformedCSV, got \(String(describing: error))")
            return
        }
        #expect(file == .performance)
        #expect(errorLine == line)
        let description = error?.description ?? ""
        #expect(description.contains("performance.csv line \(line)") && description.contains(words), "\(description)")
    }

    @Test("bytes that are not UTF-8 refuse the file with their line")
    func notUTF8() throws {
        var bytes = Array("nip,year,predicate,score\n1,2025,BAIK,\n".utf8)
        bytes += [UInt8(ascii: "2"), UInt8(ascii: ","), 0xFF] + Array(",BAIK,\n".utf8)
        let url = try folder(required)
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url.appendingPathComponent("performance.csv"))
        let error = #expect(throws: InterchangeError.self) {
            try ValidatedFolder.read(url, referenceDate: GoldenFixture.context.referenceDate)
        }
        #expect(error == .malformedCSV(file: .performance, line: 3, reason: "the row is not UTF-8"))
    }

    @Test("a header must be the expected one less optional columns, in order")
    func headerLayout() throws {
        let expected = ["nip", "level", "field_fit", "graduated_on"]
        let full = try #require(ColumnLayout(header: expected, expected: expected, optional: ["field_fit"]))
        #expect(full.missing.isEmpty && full.width == 4)
        let without = try #require(ColumnLayout(header: ["nip", "level", "graduated_on"], expected: expected,
                                                optional: ["field_fit"]))
        #expect(without.missing == ["field_fit"] && without.width == 3)
        #expect(without.values(of: ["1", "S1", "2020-01-01"]) == ["1", "S1", "", "2020-01-01"])
        #expect(full.values(of: ["1", "S1", "true", "2020-01-01"]) == ["1", "S1", "true", "2020-01-01"])
        #expect(ColumnLayout(header: ["nip", "level", "graduated_on"], expected: expected, optional: []) == nil)
        #expect(ColumnLayout(header: ["level", "nip", "field_fit", "graduated_on"], expected: expected,
                             optional: ["field_fit"]) == nil)
        #expect(ColumnLayout(header: expected + ["extra"], expected: expected, optional: ["field_fit"]) == nil)
    }

    @Test("result files print 2-decimal scores, ;-lists, true/false and the NO_SUCCESSOR row shape")
    func resultRows() throws {
        let plan = SuccessionPlan(
            target: TargetPosition(positionCode: "X-1", level: .pengawas, opdCode: "X", reasons: [.vacant]),
            candidates: [], flags: [.noSuccessor])
        #expect(ResultFiles.successionRows([plan]) == [["X-1", "", "", "", "", "", "NO_SUCCESSOR"]])
        let text = CSVWriter.render(header: ResultFiles.successionHeader, rows: ResultFiles.successionRows([plan]))
        #expect(text == "position_code,rank,nip,nilai_talenta,readiness,gaps,flags\nX-1,,,,,,NO_SUCCESSOR\n")
        let placement = try Sample.assess(Sample.input(performance: [Sample.skp(2025, .baik)]))
        let row = try #require(ResultFiles.placementRows([placement]).first)
        #expect(row == ["198501012010031001", "2026", "TERPETAKAN", "", "PENGAWAS", "80.00", "SESUAI", "76.00",
                        "MENENGAH", "5", "PENEMPATAN_SESUAI;BIMBINGAN_KINERJA;PENGEMBANGAN_KOMPETENSI", "", "BOX",
                        "false", "KINERJA_PARTIAL;TANPA_ASESMEN", "permenpanrb-3-2020/default@1"])
    }
}
