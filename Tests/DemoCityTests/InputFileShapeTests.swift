import DemoCity
import Foundation
import Talent
import TestThreads
import Testing

/// The files have exactly the DOMAIN.md §11 headers and vocabularies, and refer to each other consistently.
@Suite("Demo city: §11 file shape and references", .ownThread)
struct InputFileShapeTests {
    /// Copied from DOMAIN.md §11, not from the generator.
    static let expectedHeaders: [String: String] = [
        "units.csv": "unit_code,name,parent_code",
        "positions.csv": "position_code,unit_code,title,kind,jenjang,critical",
        "employees.csv": "nip,name,sex,birth_date,status,state,golongan,golongan_since,cpns_date,position_code,position_since",
        "education.csv": "nip,level,institution,major,graduated_on,field_fit",
        "training.csv": "nip,kind,title,ended_on,hours",
        "performance.csv": "nip,year,predicate,score",
        "assessments.csv": "nip,assessed_on,method,jpm_percent,integritas,kerja_sama,komunikasi,orientasi_hasil,"
            + "pelayanan_publik,pengembangan_diri,mengelola_perubahan,pengambilan_keputusan,perekat_bangsa",
        "awards.csv": "nip,level,name,awarded_on",
        "penalties.csv": "nip,level,decided_on,ends_on",
        "other_scores.csv": "nip,year,score",
        "potential_assessments.csv": "nip,assessed_on,method,kemampuan_intelektual,kemampuan_interpersonal,"
            + "kesadaran_diri,berpikir_kritis_strategis,menyelesaikan_masalah,kecerdasan_emosional,belajar_cepat,"
            + "motivasi_komitmen",
        "team_assignments.csv": "nip,role,scope,title,decided_on",
        "feedback_360.csv": "nip,year,predicate,score",
        "acting_assignments.csv": "nip,kind,level,started_on,ended_on",
        "position_history.csv": "nip,started_on,unit_code,agency",
    ]

    @Test("every file is written with exactly the §11 header, the preset's optional files included")
    func headers() throws {
        let city = try GeneratedCity.demo.get()
        #expect(Set(InputFile.allCases.map(\.rawValue)) == Set(Self.expectedHeaders.keys))
        #expect(DemoCityGenerator.files == InputFile.allCases)
        for file in InputFile.allCases {
            #expect(try city.headerLine(file) == Self.expectedHeaders[file.rawValue], "\(file.rawValue)")
        }
    }

    @Test("units have known parents, positions known units and kinds, FUNGSIONAL positions a jenjang")
    func structure() throws {
        let city = try GeneratedCity.demo.get()
        let units = try city.rows(.units)
        let unitCodes = Set(units.compactMap { $0["unit_code"] })
        #expect(unitCodes.count == units.count, "unit codes repeat")
        let topLevel = units.filter { $0["parent_code"] == "" }
        #expect((28...36).contains(topLevel.count), "about 30 OPD, got \(topLevel.count)")
        for unit in units where unit["parent_code"] != "" {
            #expect(unitCodes.contains(unit["parent_code"] ?? ""), "unit \(unit["unit_code"] ?? "") has an unknown parent")
        }
        let positions = try city.rows(.positions)
        #expect(Set(positions.compactMap { $0["position_code"] }).count == positions.count, "position codes repeat")
        let kinds: Set = ["JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS", "PELAKSANA", "FUNGSIONAL"]
        let jenjangs: Set = ["PEMULA", "TERAMPIL", "MAHIR", "PENYELIA", "AHLI_PERTAMA", "AHLI_MUDA", "AHLI_MADYA", "AHLI_UTAMA"]
        for position in positions {
            let code = position["position_code"] ?? ""
            #expect(unitCodes.contains(position["unit_code"] ?? ""), "\(code) names an unknown unit")
            #expect(kinds.contains(position["kind"] ?? ""), "\(code) has kind \(position["kind"] ?? "")")
            if position["kind"] == "FUNGSIONAL" {
                #expect(jenjangs.contains(position["jenjang"] ?? ""), "FUNGSIONAL \(code) lacks a jenjang")
            } else {
                #expect(position["jenjang"] == "", "\(code) is not FUNGSIONAL but has a jenjang")
            }
            #expect(["true", "false"].contains(position["critical"] ?? ""), "\(code) critical is \(position["critical"] ?? "")")
        }
        let critical = positions.filter { $0["critical"] == "true" }
        #expect(!critical.isEmpty && critical.count < positions.count / 20, "a few critical positions, got \(critical.count)")
        #expect(positions.contains { $0["kind"] == "JPT_PRATAMA" && $0["title"] == "Sekretaris Daerah" })
    }

    @Test("every employee holds a known position; every other row names a known employee")
    func references() throws {
        let city = try GeneratedCity.demo.get()
        let positionCodes = Set(try city.rows(.positions).compactMap { $0["position_code"] })
        let employees = try city.rows(.employees)
        for employee in employees {
            #expect(positionCodes.contains(employee["position_code"] ?? ""), "\(employee["nip"] ?? "") holds an unknown position")
        }
        let nips = Set(employees.compactMap { $0["nip"] })
        for file in InputFile.allCases where file.recordKind != nil {
            let rows = try city.rows(file)
            #expect(rows.allSatisfy { nips.contains($0["nip"] ?? "") }, "\(file.rawValue) names an unknown NIP")
        }
    }

    @Test("vocabularies: sex, status, state, golongan by status, SKP predicates, award and penalty levels")
    func vocabularies() throws {
        let city = try GeneratedCity.demo.get()
        let pnsGolongan: Set = ["I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
                                "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"]
        let pppkGrades: Set = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                               "XVI", "XVII"]
        for employee in try city.rows(.employees) {
            let nip = employee["nip"] ?? ""
            #expect(["L", "P"].contains(employee["sex"] ?? ""), "\(nip) sex")
            #expect(["AKTIF", "CLTN", "DIBERHENTIKAN_SEMENTARA", "PENSIUN", "BERHENTI"].contains(employee["state"] ?? ""), "\(nip) state")
            let golongan = employee["golongan"] ?? ""
            switch employee["status"] {
            case "PNS", "CPNS":
                #expect(pnsGolongan.contains(golongan), "\(nip) golongan \(golongan) for PNS/CPNS")
                #expect(employee["cpns_date"] != "", "\(nip) PNS/CPNS without cpns_date")
            case "PPPK", "PPPK_PARUH_WAKTU":
                #expect(pppkGrades.contains(golongan), "\(nip) grade \(golongan) for PPPK")
            default:
                Issue.record("\(nip) has status \(employee["status"] ?? "")")
            }
            for field in ["name", "birth_date", "golongan_since", "position_since"] {
                #expect(employee[field] != "", "\(nip) lacks \(field)")
            }
        }
        let predicates: Set = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
        for row in try city.rows(.performance) {
            let predicate = row["predicate"] ?? ""
            let score = row["score"] ?? ""
            #expect(predicate.isEmpty != score.isEmpty, "a performance row needs a predicate or a score, not both or neither")
            if !predicate.isEmpty { #expect(predicates.contains(predicate)) }
            if let value = Double(score) { #expect((0...100).contains(value)) }
            #expect((2022...2025).contains(Int(row["year"] ?? "") ?? 0), "SKP year \(row["year"] ?? "")")
        }
        #expect(try city.rows(.awards).allSatisfy { ["NASIONAL", "PROVINSI", "KOTA"].contains($0["level"] ?? "") })
        #expect(try city.rows(.penalties).allSatisfy { ["RINGAN", "SEDANG", "BERAT"].contains($0["level"] ?? "") })
        #expect(try city.rows(.otherScores).allSatisfy { $0["year"] == "2026" && (0...100).contains(Double($0["score"] ?? "") ?? -1) })
    }

    @Test("assessments carry a JPM in 0–100 or all nine levels in 1–5, dated within three years before D")
    func assessments() throws {
        let city = try GeneratedCity.demo.get()
        let columns = ["integritas", "kerja_sama", "komunikasi", "orientasi_hasil", "pelayanan_publik", "pengembangan_diri",
                       "mengelola_perubahan", "pengambilan_keputusan", "perekat_bangsa"]
        let rows = try city.rows(.assessments)
        for row in rows {
            let levels = columns.map { row[$0] ?? "" }
            let filled = levels.filter { !$0.isEmpty }
            #expect(filled.isEmpty || filled.count == 9, "\(row["nip"] ?? ""): some but not all levels")
            #expect(filled.allSatisfy { (1...5).contains(Int($0) ?? 0) })
            let jpm = row["jpm_percent"] ?? ""
            #expect(!jpm.isEmpty || filled.count == 9, "\(row["nip"] ?? ""): neither JPM nor levels")
            if !jpm.isEmpty { #expect((0...100).contains(Double(jpm) ?? -1)) }
            let date = row["assessed_on"] ?? ""
            #expect(date > "2023-03-31" && date <= "2026-03-31", "assessed_on \(date)")
        }
        let share = Double(Set(rows.compactMap { $0["nip"] }).count) / Double(city.options.employees)
        #expect((0.25...0.42).contains(share), "about a third assessed, got \(share)")
    }
}
