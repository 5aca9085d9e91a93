import Talent
import TestThreads
import Testing

/// The base profile of golden-411's CASES.md under the BKN 411/2025 preset: KINERJA 67.25, POTENSI 76.05, box 5.
/// PNS, III/b, at the level since 2020-01-02, S1 (field_fit true), two TEKNIS courses, SKP BAIK 2024 and 2025, team
/// decree KETUA INSTANSI 2025-02-10, 360 BAIK 2025, JPM 80 and potential aspects all 4 on 2025-06-15.
enum PresetSample {
    static func input(_ employee: Employee = Sample.employee(), change: (inout EmployeeInput) -> Void = { _ in })
        -> EmployeeInput {
        var input = EmployeeInput(
            employee: employee,
            education: [EducationRecord(level: .s1, graduatedOn: Sample.date("2007-08-30"), fieldFit: true)],
            training: [TrainingRecord(kind: "TEKNIS", endedOn: Sample.date("2024-05-10"), hours: Score(24)),
                       TrainingRecord(kind: "TEKNIS", endedOn: Sample.date("2025-05-10"), hours: Score(24))],
            performance: [Sample.skp(2025, .baik), Sample.skp(2024, .baik)],
            assessments: [Sample.jpm("80")],
            potentialAssessments: [potential(4, 4, 4, 4, 4, 4, 4, 4)],
            teamAssignments: [TeamAssignmentRecord(role: .ketua, scope: .instansi, decidedOn: Sample.date("2025-02-10"))],
            feedback: [FeedbackRecord(year: 2025, predicate: .baik, score: nil)])
        change(&input)
        return input
    }

    static func potential(_ levels: Int..., on day: String = "2025-06-15") -> PotentialAssessmentRecord {
        PotentialAssessmentRecord(assessedOn: Sample.date(day), method: "PROASN_CACT", levels: levels)
    }

    static func assess(_ input: EmployeeInput, position: Position = Sample.staff) throws -> Placement {
        try Sample.assess(input, position: position, rules: .bkn411Preset)
    }

    static func assess(change: (inout EmployeeInput) -> Void) throws -> Placement {
        try assess(input(change: change))
    }

    /// The score of an indicator or a part, as indicators.csv prints it.
    static func score(_ placement: Placement, _ name: String) -> String? {
        placement.indicator(name)?.score?.description
    }

    static let pengawas = PotensiTests.pengawas
    static let administrator = Position(code: "BPKAD-002", unitCode: "BPKAD-SEK", title: "Sekretaris",
                                        kind: .administrator, jenjang: nil, critical: false)
}

@Suite("BKN 411/2025 preset: the axes and the worked checks of golden-411's CASES.md", .ownThread)
struct PresetTests {
    @Test("the base profile: every indicator, weight, weighted value and both axes")
    func base() throws {
        let placement = try PresetSample.assess(PresetSample.input())
        #expect(placement.ruleVersion == "bkn-411-2025/preset@1")
        let rows = placement.indicators.map { [$0.indicator, $0.score?.description ?? "", $0.weight.percentDescription,
                                               $0.weighted?.description ?? ""] }
        #expect(rows == [
            ["SKP", "80.00", "60", "48.0000"], ["PENGHARGAAN", "0.00", "15", "0.0000"],
            ["PENUGASAN_TIM", "75.00", "15", "11.2500"], ["UMPAN_BALIK_360", "80.00", "10", "8.0000"],
            ["ASESMEN_KOMPETENSI", "80.00", "20", "16.0000"], ["PENGEMBANGAN_KOMPETENSI", "12.50", "10", "1.2500"],
            ["PENGALAMAN_JABATAN", "58.00", "10", "5.8000"], ["ASESMEN_POTENSI", "80.00", "25", "20.0000"],
            ["PENDIDIKAN", "80.00", "10", "8.0000"], ["KESESUAIAN_BIDANG", "100.00", "10", "10.0000"],
            ["DISIPLIN", "100.00", "15", "15.0000"],
        ])
        #expect(placement.kinerjaScore?.description == "67.25" && placement.kinerjaLevel == .sesuai)
        #expect(placement.potensiScore.description == "76.05" && placement.potensiLevel == .menengah)
        #expect(placement.box?.number == 5)
        #expect(placement.flags.isEmpty)
        // No award: zero may be true, so NO_RECORD, with 15 × 100 / 100 = 15 points at stake.
        let award = try #require(placement.indicators.first { $0.indicator == "PENGHARGAAN" })
        #expect(award.state == .noRecord && award.best == Score(100))
        #expect(placement.indicators.filter { $0.state == .missing }.isEmpty)
    }

    @Test("rounding at the bounds: 79.995 is 80.00 ATAS, 79.994 is 79.99; 59.995 is 60.00, 59.994 is 59.99 (X01..X04)")
    func rounding() throws {
        func kinerja(_ feedback: String, award: AwardLevel?, team: TeamRole) throws -> Placement {
            try PresetSample.assess { input in
                input.feedback = [FeedbackRecord(year: 2025, predicate: nil, score: Score(decimal: feedback))]
                input.awards = award.map { [AwardRecord(level: $0, awardedOn: Sample.date("2025-01-15"))] } ?? []
                input.teamAssignments[0].role = team
            }
        }
        let x01 = try kinerja("57.45", award: .internasional, team: .ketua)
        #expect(x01.kinerjaScore?.description == "80.00" && x01.kinerjaLevel == .atas)
        let x02 = try kinerja("57.44", award: .internasional, team: .ketua)
        #expect(x02.kinerjaScore?.description == "79.99" && x02.kinerjaLevel == .sesuai)
        let x03 = try kinerja("82.45", award: nil, team: .anggota)
        #expect(x03.kinerjaScore?.description == "60.00" && x03.kinerjaLevel == .sesuai)
        let x04 = try kinerja("82.44", award: nil, team: .anggota)
        #expect(x04.kinerjaScore?.description == "59.99" && x04.kinerjaLevel == .bawah)
        func potensi(jpm: String, running: Bool) throws -> Placement {
            try PresetSample.assess { input in
                input.assessments = [Sample.jpm(jpm)]
                if running {
                    input.penalties = [PenaltyRecord(level: .ringan, decidedOn: Sample.date("2026-03-01"),
                                                     endsOn: Sample.date("2026-04-30"))]
                }
            }
        }
        let x01p = try potensi(jpm: "99.72", running: false)  // 19.944 + 60.05 = 79.994
        #expect(x01p.potensiScore.description == "79.99" && x01p.potensiLevel == .menengah)
        let x03p = try potensi(jpm: "74.72", running: true)   // 14.944 + 45.05 = 59.994
        #expect(x03p.potensiScore.description == "59.99" && x03p.potensiLevel == .rendah)
        let x04p = try potensi(jpm: "74.73", running: true)   // 14.946 + 45.05 = 59.996
        #expect(x04p.potensiScore.description == "60.00" && x04p.potensiLevel == .menengah)
    }

    @Test("ASESMEN_KOMPETENSI: 100 × Σ wᵢ min(levelᵢ, R) / (20 R), weights 3 for pelayanan_publik and mengelola_perubahan")
    func competencyWeights() throws {
        func score(_ levels: [Int], position: Position = Sample.staff, jpm: Score? = nil) throws -> String? {
            let row = AssessmentRecord(assessedOn: Sample.date("2025-06-15"), method: .cact, jpmPercent: jpm, levels: levels)
            let placement = try PresetSample.assess(PresetSample.input { $0.assessments = [row] }, position: position)
            return PresetSample.score(placement, "ASESMEN_KOMPETENSI")
        }
        let row = [4, 3, 3, 3, 2, 3, 2, 3, 3]
        #expect(try score(row, jpm: Score(50)) == "100.00")                        // R = 2 (K03): levels win over JPM
        #expect(try score(row, position: PresetSample.pengawas) == "90.00")        // R = 3 (A03)
        #expect(try score(row, position: PresetSample.administrator) == "70.00")   // R = 4 (J04)
        #expect(try score([3, 2, 2, 2, 1, 2, 1, 2, 2]) == "85.00")                 // K01: 34 of 40
        #expect(try score([1, 1, 2, 2, 2, 2, 2, 2, 2]) == "90.00")                 // K02: 36 of 40
        // Two rows on the latest day: the higher *preset* score counts (W07: 87.00 over the levels' 85.00).
        let w07 = try PresetSample.assess { input in
            input.assessments = [
                AssessmentRecord(assessedOn: Sample.date("2025-06-15"), method: .cact, jpmPercent: nil,
                                 levels: [2, 2, 2, 2, 1, 2, 1, 2, 2]),
                Sample.jpm("87"), Sample.jpm("99", on: "2024-02-01"),
            ]
        }
        #expect(PresetSample.score(w07, "ASESMEN_KOMPETENSI") == "87.00")
        // No assessment in (D − 3 years, D]: 0, MISSING, TANPA_ASESMEN, and no cap (W04).
        let w04 = try PresetSample.assess { $0.assessments = [Sample.jpm("95", on: "2023-03-31")] }
        #expect(PresetSample.score(w04, "ASESMEN_KOMPETENSI") == "0.00")
        #expect(w04.indicator("ASESMEN_KOMPETENSI")?.state == .missing)
        #expect(w04.flags == [.tanpaAsesmen])
        #expect(w04.potensiScore.description == "60.05" && w04.explanation.potensi.adjustments.isEmpty)
        let w05 = try PresetSample.assess { $0.assessments = [Sample.jpm("95", on: "2023-04-01")] }
        #expect(PresetSample.score(w05, "ASESMEN_KOMPETENSI") == "95.00")
    }

    @Test("ASESMEN_POTENSI: 0.8 × Σ wⱼ levelⱼ with belajar_cepat 4 and the others 3; the latest day's highest")
    func potentialAspects() throws {
        func score(_ rows: [PotentialAssessmentRecord]) throws -> Placement {
            try PresetSample.assess { $0.potentialAssessments = rows }
        }
        let cases: [([Int], String)] = [
            ([4, 4, 4, 4, 4, 4, 4, 4], "80.00"), ([5, 5, 5, 5, 5, 5, 5, 5], "100.00"), ([1, 1, 1, 1, 1, 1, 1, 1], "20.00"),
            ([3, 3, 3, 3, 3, 3, 3, 3], "60.00"), ([4, 4, 4, 4, 4, 4, 5, 4], "83.20"), ([5, 4, 4, 4, 4, 4, 4, 4], "82.40"),
            ([4, 4, 4, 4, 4, 4, 2, 4], "73.60"),
        ]
        for (levels, expected) in cases {
            let row = PotentialAssessmentRecord(assessedOn: Sample.date("2025-06-15"), levels: levels)
            #expect(PresetSample.score(try score([row]), "ASESMEN_POTENSI") == expected, "\(levels)")
        }
        // K08: two rows on the latest day, the higher counts; an older all-5 row does not.
        let k08 = try score([PresetSample.potential(3, 3, 3, 3, 3, 3, 3, 3), PresetSample.potential(4, 4, 4, 4, 4, 4, 2, 4),
                             PresetSample.potential(5, 5, 5, 5, 5, 5, 5, 5, on: "2024-01-10")])
        #expect(PresetSample.score(k08, "ASESMEN_POTENSI") == "73.60")
        #expect(k08.indicator("ASESMEN_POTENSI")?.evidence == [.potentialAssessment(
            on: Sample.date("2025-06-15"), method: "PROASN_CACT", levels: [4, 4, 4, 4, 4, 4, 2, 4], rowsOnDay: 2)])
        let w06 = try score([PresetSample.potential(5, 5, 5, 5, 5, 5, 5, 5, on: "2023-03-31")])
        #expect(PresetSample.score(w06, "ASESMEN_POTENSI") == "0.00")
        #expect(w06.flags == [.tanpaAsesmenPotensi] && w06.potensiLevel == .rendah)
        let w07 = try score([PresetSample.potential(5, 5, 5, 5, 5, 5, 5, 5, on: "2023-04-01")])
        #expect(PresetSample.score(w07, "ASESMEN_POTENSI") == "100.00")
    }

    @Test("PENGEMBANGAN_KOMPETENSI = 0.5 courses + 0.5 programmes; rows counted, not hours")
    func competencyDevelopment() throws {
        func with(courses: Int, programmes: [(String, String)], courseDay: String = "2025-01-10") throws -> Placement {
            try PresetSample.assess { input in
                input.training = (0..<courses).map { _ in
                    TrainingRecord(kind: "TEKNIS", endedOn: Sample.date(courseDay), hours: Score(2))
                } + programmes.map { TrainingRecord(kind: $0.0, endedOn: Sample.date($0.1), hours: Score(40)) }
            }
        }
        for (count, points) in [(0, "0.00"), (1, "25.00"), (3, "25.00"), (4, "50.00"), (5, "50.00"), (6, "75.00"),
                                (7, "75.00"), (8, "100.00"), (12, "100.00")] {
            let placement = try with(courses: count, programmes: [])
            #expect(placement.part("KURSUS", of: "PENGEMBANGAN_KOMPETENSI")?.score?.description == points, "\(count)")
        }
        let none = try with(courses: 0, programmes: [])
        #expect(PresetSample.score(none, "PENGEMBANGAN_KOMPETENSI") == "0.00")
        #expect(none.indicator("PENGEMBANGAN_KOMPETENSI")?.state == .noRecord)
        let k10 = try with(courses: 1, programmes: [("PKP", "2015-06-01")], courseDay: "2023-04-01")
        #expect(PresetSample.score(k10, "PENGEMBANGAN_KOMPETENSI") == "37.50")
        let k09 = try with(courses: 1, programmes: [("SERTIFIKASI", "2023-03-31")], courseDay: "2023-03-31")
        #expect(PresetSample.score(k09, "PENGEMBANGAN_KOMPETENSI") == "0.00")
        let k12 = try with(courses: 4, programmes: [("DIKLATPIM_IV", "2012-10-01"), ("SERTIFIKASI", "2024-02-01"),
                                                   ("DIKLAT_FUNGSIONAL", "2025-03-01")])
        #expect(PresetSample.score(k12, "PENGEMBANGAN_KOMPETENSI") == "75.00")
        let k16 = try with(courses: 8, programmes: [("PKP", "2018-01-01"), ("PKA", "2021-01-01"),
                                                   ("SERTIFIKASI", "2025-01-01"), ("SERTIFIKASI", "2019-01-01")])
        #expect(PresetSample.score(k16, "PENGEMBANGAN_KOMPETENSI") == "100.00")
        #expect(k16.part("PROGRAM", of: "PENGEMBANGAN_KOMPETENSI")?.evidence.count == 3)
        // A kind is a programme only in the exact spelling: lower case is a course.
        let spelled = try with(courses: 0, programmes: [("sertifikasi", "2025-01-01")])
        #expect(spelled.part("KURSUS", of: "PENGEMBANGAN_KOMPETENSI")?.score == Score(25))
    }

    @Test("PENGALAMAN_JABATAN = 0.4 tenure + 0.3 variety + 0.3 acting")
    func experience() throws {
        func with(since: String = "2020-01-02", history: [PositionHistoryRecord] = [],
                  acting: [ActingAssignmentRecord] = []) throws -> Placement {
            try PresetSample.assess(PresetSample.input(Sample.employee(since: since)) { input in
                input.positionHistory = history
                input.actingAssignments = acting
            })
        }
        for (since, tenure) in [("2021-03-31", "100.00"), ("2021-04-01", "80.00"), ("2023-03-31", "80.00"),
                                ("2023-04-01", "60.00")] {
            #expect(try with(since: since).part("MASA_JABATAN", of: "PENGALAMAN_JABATAN")?.score?.description == tenure,
                    "since \(since)")
        }
        func variety(_ history: [PositionHistoryRecord]) throws -> String? {
            try with(history: history).part("VARIASI_JABATAN", of: "PENGALAMAN_JABATAN")?.score?.description
        }
        #expect(try variety([]) == "60.00")
        #expect(try variety([PositionHistoryRecord(startedOn: Sample.date("2016-01-04"), unitCode: "BPKAD-SEK")]) == "60.00")
        #expect(try variety([PositionHistoryRecord(startedOn: Sample.date("2016-01-04"), unitCode: "SETDA-BORG")]) == "80.00")
        #expect(try variety([PositionHistoryRecord(startedOn: Sample.date("2014-02-03"), unitCode: "PROV-BKD",
                                                   agency: "Pemerintah Provinsi Kalimantan Timur")]) == "100.00")
        func acting(_ kind: ActingKind, _ level: ActingLevel?) throws -> String? {
            let row = ActingAssignmentRecord(kind: kind, level: level, startedOn: Sample.date("2013-01-07"),
                                             endedOn: Sample.date("2013-03-29"))
            return try with(acting: [row]).part("PJ_PLT_PLH", of: "PENGALAMAN_JABATAN")?.score?.description
        }
        #expect(try acting(.pj, nil) == "100.00")
        #expect(try acting(.pj, .setara) == "100.00")
        #expect(try acting(.plt, .atas) == "80.00")
        #expect(try acting(.plt, .setara) == "60.00")
        #expect(try acting(.plh, .atas) == "40.00")
        #expect(try acting(.plh, .setara) == "20.00")
        let none = try with()
        #expect(none.part("PJ_PLT_PLH", of: "PENGALAMAN_JABATAN")?.state == .noRecord)
        #expect(PresetSample.score(none, "PENGALAMAN_JABATAN") == "58.00")
        let x02 = try with(history: [PositionHistoryRecord(startedOn: Sample.date("2014-02-03"), unitCode: "X", agency: "K")],
                           acting: [ActingAssignmentRecord(kind: .pj, level: .atas, startedOn: Sample.date("2024-01-01"),
                                                           endedOn: nil)])
        #expect(PresetSample.score(x02, "PENGALAMAN_JABATAN") == "100.00")
        #expect(x02.indicator("PENGALAMAN_JABATAN")?.state == .present)
    }

    @Test("PENUGASAN_TIM: the best decree in (D − 2 years, D], role by scope; PENGHARGAAN: INTERNASIONAL 100 … KOTA 25")
    func teamAndAward() throws {
        func team(_ rows: [(TeamRole, TeamScope, String)]) throws -> String? {
            PresetSample.score(try PresetSample.assess { input in
                input.teamAssignments = rows.map { TeamAssignmentRecord(role: $0.0, scope: $0.1, decidedOn: Sample.date($0.2)) }
            }, "PENUGASAN_TIM")
        }
        #expect(try team([(.ketua, .lintasInstansi, "2025-01-01")]) == "100.00")
        #expect(try team([(.ketua, .instansi, "2025-01-01")]) == "75.00")
        #expect(try team([(.anggota, .lintasInstansi, "2025-01-01")]) == "50.00")
        #expect(try team([(.anggota, .instansi, "2025-01-01"), (.ketua, .lintasInstansi, "2024-09-01")]) == "100.00")
        #expect(try team([(.ketua, .lintasInstansi, "2024-03-31")]) == "0.00")
        #expect(try team([(.ketua, .lintasInstansi, "2024-04-01")]) == "100.00")
        func award(_ level: AwardLevel, _ day: String) throws -> String? {
            PresetSample.score(try PresetSample.assess { $0.awards = [AwardRecord(level: level, awardedOn: Sample.date(day))] },
                               "PENGHARGAAN")
        }
        #expect(try award(.internasional, "2025-11-20") == "100.00")
        #expect(try award(.nasional, "2021-04-01") == "75.00")
        #expect(try award(.nasional, "2021-03-31") == "0.00")
        #expect(try award(.provinsi, "2025-10-01") == "50.00")
        #expect(try award(.kota, "2026-03-31") == "25.00")
    }

    @Test("UMPAN_BALIK_360: the latest year of Y−2 … Y−1, the lower of a repeated year, a predicate before a score")
    func feedback() throws {
        func with(_ rows: [FeedbackRecord]) throws -> Placement { try PresetSample.assess { $0.feedback = rows } }
        func row(_ year: Int, _ predicate: PerformancePredicate?, _ score: String? = nil) -> FeedbackRecord {
            FeedbackRecord(year: year, predicate: predicate, score: score.flatMap { Score(decimal: $0) })
        }
        #expect(PresetSample.score(try with([row(2024, .sangatBaik)]), "UMPAN_BALIK_360") == "100.00")
        #expect(PresetSample.score(try with([row(2025, .kurang), row(2024, .sangatBaik)]), "UMPAN_BALIK_360") == "40.00")
        #expect(PresetSample.score(try with([row(2025, nil, "73.50")]), "UMPAN_BALIK_360") == "73.50")
        #expect(PresetSample.score(try with([row(2025, .baik, "30")]), "UMPAN_BALIK_360") == "80.00")
        let k24 = try with([row(2025, .sangatBaik), row(2025, nil, "70.50")])
        #expect(PresetSample.score(k24, "UMPAN_BALIK_360") == "70.50")
        #expect(k24.flags == [.duplicateFeedbackYear])
        let k22 = try with([row(2025, .baik, "30"), row(2024, .baik), row(2024, .sangatKurang)])
        #expect(k22.flags == [.duplicateFeedbackYear] && PresetSample.score(k22, "UMPAN_BALIK_360") == "80.00")
        let k25 = try with([row(2023, .sangatBaik)])
        #expect(PresetSample.score(k25, "UMPAN_BALIK_360") == "0.00")
        #expect(k25.flags == [.tanpaUmpanBalik360] && k25.indicator("UMPAN_BALIK_360")?.state == .missing)
        #expect(k25.kinerjaScore?.description == "59.25")
        // A year of Y is invalid at D, under every rule set.
        let invalid = try with([row(2026, .baik), row(2025, .baik)])
        #expect(invalid.flags == [.invalidFeedback])
    }

    @Test("PENDIDIKAN and KESESUAIAN_BIDANG: the highest row (level, then latest graduation, then file order)")
    func education() throws {
        func with(_ rows: [EducationRecord]) throws -> Placement { try PresetSample.assess { $0.education = rows } }
        func row(_ level: EducationLevel, _ graduated: String?, _ fit: Bool?) -> EducationRecord {
            EducationRecord(level: level, graduatedOn: graduated.map(Sample.date), fieldFit: fit)
        }
        let e01 = try with([row(.s3, "2018-01-01", true), row(.s2, "2012-01-01", false), row(.s1, "2008-01-01", nil)])
        #expect(PresetSample.score(e01, "PENDIDIKAN") == "100.00" && PresetSample.score(e01, "KESESUAIAN_BIDANG") == "100.00")
        let e02 = try with([row(.s2, "2012-01-01", nil), row(.s1, "2008-01-01", true)])
        #expect(PresetSample.score(e02, "PENDIDIKAN") == "90.00" && PresetSample.score(e02, "KESESUAIAN_BIDANG") == "50.00")
        #expect(e02.flags == [.bidangIlmuBelumDinilai])
        let e03 = try with([row(.d4, "2012-01-01", false), row(.s1, "2009-01-01", true)])
        #expect(PresetSample.score(e03, "PENDIDIKAN") == "80.00" && PresetSample.score(e03, "KESESUAIAN_BIDANG") == "50.00")
        let e06 = try with([row(.s1, nil, true), row(.s1, "2005-01-01", false)])
        #expect(PresetSample.score(e06, "KESESUAIAN_BIDANG") == "50.00")
        let e07 = try with([row(.s1, "2005-01-01", false), row(.s1, "2005-01-01", true)])
        #expect(PresetSample.score(e07, "KESESUAIAN_BIDANG") == "50.00")
        #expect(PresetSample.score(try with([row(.d3, nil, true)]), "PENDIDIKAN") == "70.00")
        #expect(PresetSample.score(try with([row(.sma, nil, true)]), "PENDIDIKAN") == "60.00")
        let none = try with([])
        #expect(PresetSample.score(none, "PENDIDIKAN") == "0.00" && PresetSample.score(none, "KESESUAIAN_BIDANG") == "50.00")
        #expect(none.flags == [.bidangIlmuBelumDinilai, .tanpaPendidikan])
        #expect(none.indicator("PENDIDIKAN")?.state == .missing && none.indicator("KESESUAIAN_BIDANG")?.state == .missing)
    }

    @Test("DISIPLIN: any penalty running at D 0; else the worst whose end falls in (D − 5 years, D]")
    func discipline() throws {
        func with(_ rows: [PenaltyRecord]) throws -> String? {
            PresetSample.score(try PresetSample.assess { $0.penalties = rows }, "DISIPLIN")
        }
        func p(_ level: PenaltyLevel, _ decided: String, _ ends: String? = nil) -> PenaltyRecord {
            PenaltyRecord(level: level, decidedOn: Sample.date(decided), endsOn: ends.map(Sample.date))
        }
        #expect(try with([]) == "100.00")
        #expect(try with([p(.ringan, "2024-05-02")]) == "75.00")                       // E01
        #expect(try with([p(.sedang, "2022-01-10", "2022-10-10")]) == "50.00")         // E02
        #expect(try with([p(.berat, "2021-06-01", "2022-06-01"), p(.ringan, "2023-02-01")]) == "25.00")  // E03
        #expect(try with([p(.sedang, "2025-06-01")]) == "0.00")                        // E04: runs to 2026-06-01
        #expect(try with([p(.ringan, "2026-03-31")]) == "0.00")                        // E05: decided on D
        #expect(try with([p(.sedang, "2020-03-31")]) == "100.00")                      // E06: ended on D − 5 years
        #expect(try with([p(.sedang, "2020-04-01")]) == "50.00")                       // E07: ended one day inside
        #expect(try with([p(.berat, "2020-01-15", "2026-03-31")]) == "0.00")           // X04: the end day is included
        #expect(try with([p(.berat, "2020-01-15", "2026-03-30")]) == "25.00")          // J02
    }

    @Test("not placed without an SKP year: all eleven rows, SKP empty with its weight 60, the others scored")
    func unplaced() throws {
        let n01 = try PresetSample.assess { $0.performance = [Sample.skp(2021, .baik)] }
        #expect(n01.status == .belumTerpetakan && n01.reason == .noKinerja && n01.box == nil)
        #expect(n01.kinerjaScore == nil)
        #expect(n01.indicators.count == 11)
        let skp = try #require(n01.indicators.first)
        #expect(skp.indicator == "SKP" && skp.score == nil && skp.weight == Weight(percent: 60) && skp.weighted == nil)
        #expect(skp.state == .missing)
        #expect(n01.indicators[1...3].map { $0.score?.description } == ["0.00", "75.00", "80.00"])
        #expect(n01.potensiScore.description == "76.05")
        #expect(n01.poolBlockers == [.box])
        // One SKP year is the rule, not a shortfall: no KINERJA_PARTIAL; no latest-KURANG override either (K03).
        let k03 = try PresetSample.assess { input in
            input.performance = [Sample.skp(2025, .kurang), Sample.skp(2024, .sangatBaik)]
            input.awards = [AwardRecord(level: .internasional, awardedOn: Sample.date("2024-11-10"))]
            input.teamAssignments = [TeamAssignmentRecord(role: .ketua, scope: .lintasInstansi,
                                                          decidedOn: Sample.date("2025-02-10"))]
            input.feedback = [FeedbackRecord(year: 2025, predicate: .sangatBaik, score: nil)]
        }
        #expect(k03.kinerjaScore?.description == "64.00" && k03.kinerjaLevel == .sesuai)
        #expect(k03.flags.isEmpty)
    }

    @Test("other scores are validated but not scored: no DUPLICATE_OTHER_SCORE under the preset (V04)")
    func otherScoresNotScored() throws {
        let v04 = try PresetSample.assess { input in
            input.otherScores = [OtherScoreRecord(year: 2026, score: Score(92)), OtherScoreRecord(year: 2026, score: Score(50))]
        }
        #expect(v04.flags.isEmpty)
        #expect(v04.potensiScore.description == "76.05")
        let later = try PresetSample.assess { $0.otherScores = [OtherScoreRecord(year: 2027, score: Score(90))] }
        #expect(later.flags == [.invalidOtherScore])
    }
}
