import Foundation
import Interchange
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
        let error = #expect(throws: InterchangeError.self) { try InputFolderReader.read(folder: url) }
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
        let read = try InputFolderReader.read(folder: url)
        #expect(read.unknownFiles == ["notes.txt", "simata_extra.csv"])
        #expect(read.records.map(\.file) == [.units, .positions])
    }

    @Test("a missing required file is an error naming it")
    func missingRequired() throws {
        var files = required
        files["units.csv"] = nil
        let url = try folder(files)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: InterchangeError.missingFile(.units)) { try InputFolderReader.read(folder: url) }
    }

    @Test("lines count from the header, across quoted line breaks and blank lines; quoting and BOM handled")
    func lines() throws {
        let text = "\u{FEFF}nip,level,name,awarded_on\n"
            + "1,KOTA,\"Satya, \"\"Lencana\"\"\nbaris dua\",2024-01-01\n"
            + "\n"
            + "2,KOTA,plain,2024-01-02\r\n"
            + "3,KOTA\n"
        let records = try InputFolderReader.records(of: .awards, text: text)
        #expect(records.map(\.line) == [2, 5, 6])
        #expect(records[0].fields["name"] == "Satya, \"Lencana\"\nbaris dua")
        #expect(records[1].fields["awarded_on"] == "2024-01-02")
        #expect(records[2]["awarded_on"] == nil)
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
