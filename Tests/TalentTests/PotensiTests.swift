import Talent
import TestThreads
import Testing

/// The default rule set's POTENSI axis: ASESMEN (A), REKAM_JEJAK (RJ) and PERTIMBANGAN_LAINNYA (L), re-weighted by
/// which of A and L exist, capped at MENENGAH without A.
@Suite("Potensi (default): DOMAIN.md §5", .ownThread)
struct PotensiTests {
    func assess(_ input: EmployeeInput, position: Position = Sample.staff, rules: RuleSet = .default) throws -> Placement {
        try Sample.assess(input, position: position, rules: rules)
    }

    /// A position whose target level is ADMINISTRATOR (R = 3).
    static let pengawas = Position(code: "BPKAD-005", unitCode: "BPKAD-SEK", title: "Kepala Subbagian", kind: .pengawas,
                                   jenjang: nil, critical: false)

    @Test("80.00 is TINGGI, 79.99 is MENENGAH; 68.00 is MENENGAH, 67.99 is RENDAH")
    func bounds() throws {
        let g10 = try assess(Sample.input(assessments: [Sample.jpm("80")],
                                          otherScores: [OtherScoreRecord(year: 2026, score: Score(92))]))
        #expect(g10.potensiScore.description == "80.00")
        #expect(g10.potensiLevel == .tinggi)
        let g11 = try assess(Sample.input(assessments: [Sample.jpm("81.96")]))
        #expect(g11.potensiScore.description == "79.99")
        #expect(g11.potensiLevel == .menengah)
        let g13 = try assess(Sample.input(assessments: [Sample.jpm("64.06")]))
        #expect(g13.potensiScore.description == "68.00")
        #expect(g13.potensiLevel == .menengah)
        let g14 = try assess(Sample.input(assessments: [Sample.jpm("64.05")]))
        #expect(g14.potensiScore.description == "67.99")
        #expect(g14.potensiLevel == .rendah)
    }

    @Test("A from the nine levels, capped at R of the target level, the plain mean; levels win over the JPM")
    func assessmentFromLevels() throws {
        let levels = AssessmentRecord(assessedOn: Sample.date("2025-06-15"), method: .cact, jpmPercent: nil,
                                      levels: [3, 2, 2, 2, 2, 2, 2, 1, 1])
        let g23 = try assess(Sample.input(assessments: [levels]))
        #expect(g23.indicator("ASESMEN")?.score?.description == "88.89")
        #expect(g23.indicator("ASESMEN")?.evidence == [.assessment(on: Sample.date("2025-06-15"), method: .cact, jpm: nil,
                                                                   levels: [3, 2, 2, 2, 2, 2, 2, 1, 1], standard: 2,
                                                                   rowsOnDay: 1)])
        #expect(g23.potensiScore.description == "84.64")
        // Against ADMINISTRATOR (R = 3) the 3 counts in full: 17 of 27.
        let admin = try assess(Sample.input(assessments: [levels]), position: Self.pengawas)
        #expect(admin.indicator("ASESMEN")?.score?.description == "62.96")
        let both = AssessmentRecord(assessedOn: Sample.date("2025-06-15"), method: .assessmentCenter,
                                    jpmPercent: Score(95), levels: [2, 2, 2, 2, 1, 1, 1, 1, 1])
        let g24 = try assess(Sample.input(assessments: [both]))
        #expect(g24.indicator("ASESMEN")?.score?.description == "72.22")
        #expect(g24.potensiScore.description == "73.47")
        // indicators.csv: 72.22 × 67 % = 48.3874, exact.
        #expect(g24.indicators.first { $0.indicator == "ASESMEN" }?.weighted?.description == "48.3874")
    }

    @Test("the assessment window is (D − 3 years, D]: the latest date counts, the highest A on that day")
    func assessmentWindow() throws {
        let onEdge = try assess(Sample.input(assessments: [Sample.jpm("95", on: "2023-03-31")]))
        #expect(onEdge.indicator("ASESMEN")?.score == nil)
        #expect(onEdge.indicator("ASESMEN")?.state == .missing)
        #expect(onEdge.flags.contains(.tanpaAsesmen))
        #expect(onEdge.indicator("ASESMEN")?.window == .dates(after: Sample.date("2023-03-31"), through: Sample.d))
        let inside = try assess(Sample.input(assessments: [Sample.jpm("95", on: "2023-04-01")]))
        #expect(inside.potensiScore.description == "88.73")
        let sameDay = try assess(Sample.input(assessments: [Sample.jpm("70"), Sample.jpm("85"),
                                                            Sample.jpm("99", on: "2024-01-10")]))
        #expect(sameDay.indicator("ASESMEN")?.score?.description == "85.00")
        guard case let .assessment(_, _, _, _, _, rowsOnDay)? = sameDay.indicator("ASESMEN")?.evidence.first else {
            Issue.record("no assessment evidence")
            return
        }
        #expect(rowsOnDay == 2)
        #expect(sameDay.potensiScore.description == "82.03")
        let onD = try assess(Sample.input(assessments: [Sample.jpm("90", on: "2026-03-31")]))
        #expect(onD.indicator("ASESMEN")?.score == Score(90))
    }

    @Test("an assessment after D is left out and flagged INVALID_ASSESSMENT")
    func assessmentAfterD() throws {
        let result = try assess(Sample.input(assessments: [Sample.jpm("90", on: "2026-04-01")]))
        #expect(result.indicator("ASESMEN")?.score == nil)
        #expect(result.flags.contains(.invalidAssessment) && result.flags.contains(.tanpaAsesmen))
        #expect(result.explanation.leftOut.map(\.kind) == [.assessment])
    }

    @Test("the four weight cases, with the weights each indicator row shows")
    func weightCases() throws {
        let l60 = [OtherScoreRecord(year: 2026, score: Score(60))]
        func weights(_ placement: Placement) -> [String] {
            placement.indicators.filter { $0.axis == .potensi }.map(\.weight.percentDescription)
        }
        let both = try assess(Sample.input(assessments: [Sample.jpm("80")], otherScores: l60))
        #expect(both.explanation.potensi.weightCase == nil)
        #expect(weights(both) == ["60", "30", "10"])
        #expect(both.potensiScore.description == "76.80") // 48 + 22.8 + 6
        let aOnly = try assess(Sample.input(assessments: [Sample.jpm("80")]))
        #expect(aOnly.explanation.potensi.weightCase == "A_RJ")
        #expect(weights(aOnly) == ["67", "33", "0"])
        #expect(aOnly.potensiScore.description == "78.68") // 53.6 + 25.08
        let lOnly = try assess(Sample.input(otherScores: l60))
        #expect(lOnly.explanation.potensi.weightCase == "RJ_L")
        #expect(weights(lOnly) == ["0", "75", "25"])
        #expect(lOnly.potensiScore.description == "72.00") // G31
        let neither = try assess(Sample.input())
        #expect(neither.explanation.potensi.weightCase == "RJ")
        #expect(weights(neither) == ["0", "100", "0"])
        #expect(neither.potensiScore.description == "76.00")
        #expect(neither.indicator("PERTIMBANGAN_LAINNYA")?.state == .noRecord)
    }

    @Test("without an assessment the level is at most MENENGAH and TANPA_ASESMEN is set")
    func capWithoutAssessment() throws {
        let pkp = TrainingRecord(kind: "PKP", endedOn: Sample.date("2019-11-20"), hours: Score(358))
        let g28 = try assess(Sample.input(training: Sample.input().training + [pkp]))
        #expect(g28.potensiScore.description == "90.00")
        #expect(g28.explanation.potensi.levelFromScore == .tinggi)
        #expect(g28.potensiLevel == .menengah)
        #expect(g28.explanation.potensi.adjustments == [LevelAdjustment(kind: .cap, indicator: "ASESMEN", level: .menengah)])
        #expect(g28.flags == [.tanpaAsesmen])
        let low = try assess(Sample.input(education: [EducationRecord(level: .sma, graduatedOn: nil)]))
        #expect(low.flags == [.tanpaAsesmen])
        #expect(low.explanation.potensi.adjustments.isEmpty)
    }

    @Test("L: the lower of two rows for Y with DUPLICATE_OTHER_SCORE; after Y invalid; before Y ignored")
    func otherScores() throws {
        let g32 = try assess(Sample.input(assessments: [Sample.jpm("75")], otherScores: [
            OtherScoreRecord(year: 2026, score: Score(92)), OtherScoreRecord(year: 2026, score: Score(50)),
        ]))
        #expect(g32.potensiScore.description == "72.80")
        #expect(g32.flags == [.duplicateOtherScore])
        #expect(g32.indicator("PERTIMBANGAN_LAINNYA")?.evidence == [.otherScore(year: 2026, score: Score(50), rowsForYear: 2)])
        let later = try assess(Sample.input(assessments: [Sample.jpm("75")],
                                            otherScores: [OtherScoreRecord(year: 2027, score: Score(90))]))
        #expect(later.flags == [.invalidOtherScore])
        #expect(later.indicator("PERTIMBANGAN_LAINNYA")?.score == nil)
        let earlier = try assess(Sample.input(assessments: [Sample.jpm("75")],
                                              otherScores: [OtherScoreRecord(year: 2025, score: Score(90))]))
        #expect(earlier.flags.isEmpty)
        #expect(earlier.explanation.potensi.weightCase == "A_RJ")
    }
}

/// The seven parts of the default's REKAM_JEJAK composite.
@Suite("Rekam jejak parts (default)", .ownThread)
struct RekamJejakTests {
    func rj(_ input: EmployeeInput, position: Position = Sample.staff) throws -> Placement {
        try Sample.assess(input, position: position)
    }

    func points(_ placement: Placement, _ part: String) -> String? {
        placement.part(part, of: "REKAM_JEJAK")?.score?.description
    }

    @Test("the base profile is 76.00 against PENGAWAS; the parts weigh 20, 15, 15, 20, 10, 10, 10")
    func base() throws {
        let placement = try rj(Sample.input())
        let composite = try #require(placement.indicator("REKAM_JEJAK"))
        #expect(composite.score?.description == "76.00")
        #expect(composite.parts.map(\.indicator) == ["PENDIDIKAN", "GOLONGAN", "MASA_JABATAN", "PELATIHAN_KEPEMIMPINAN",
                                                     "JP_PELATIHAN", "PENGHARGAAN", "DISIPLIN"])
        #expect(composite.parts.map(\.weight.percentDescription) == ["20", "15", "15", "20", "10", "10", "10"])
        // No award and no leadership training: zero may be true, so the composite has no record, not missing data.
        #expect(composite.state == .noRecord)
        #expect(composite.best == Score(100))
    }

    @Test("education: highest level; D4 equals S1; lower or none 60; a degree after D is left out")
    func education() throws {
        let cases: [(EducationLevel?, String)] = [(.s3, "100.00"), (.s2, "90.00"), (.s1, "80.00"), (.d4, "80.00"),
                                                 (.d3, "70.00"), (.d2, "60.00"), (.sma, "60.00"), (nil, "60.00")]
        for (level, expected) in cases {
            let rows = level.map { [EducationRecord(level: $0, graduatedOn: nil)] } ?? []
            #expect(points(try rj(Sample.input(education: rows)), "PENDIDIKAN") == expected, "\(String(describing: level))")
        }
        let both = try rj(Sample.input(education: [EducationRecord(level: .s1, graduatedOn: nil),
                                                   EducationRecord(level: .s2, graduatedOn: Sample.date("2008-03-15"))]))
        #expect(both.explanation.candidate.highestEducation == .s2)
        let future = try rj(Sample.input(education: [EducationRecord(level: .s1, graduatedOn: nil),
                                                     EducationRecord(level: .s2, graduatedOn: Sample.date("2026-06-01"))]))
        #expect(future.explanation.candidate.highestEducation == .s1)
        #expect(future.flags.contains(.invalidEducation))
        #expect(try rj(Sample.input(education: [])).part("PENDIDIKAN", of: "REKAM_JEJAK")?.state == .noRecord)
    }

    @Test("golongan against T's minimum: at or above 100, one step below 70, lower 40; PPPK grade N is ordinal N")
    func golongan() throws {
        #expect(points(try rj(Sample.input(Sample.employee(golongan: "III/c"))), "GOLONGAN") == "100.00")
        #expect(points(try rj(Sample.input(Sample.employee(golongan: "III/a"))), "GOLONGAN") == "70.00")
        #expect(points(try rj(Sample.input(Sample.employee(golongan: "II/d"))), "GOLONGAN") == "40.00")
        let pppk = Sample.employee(nip: "199002012022211001", birth: "1990-02-01", status: .pppk, golongan: "IX", cpns: nil)
        #expect(points(try rj(Sample.input(pppk)), "GOLONGAN") == "70.00")
        #expect(points(try rj(Sample.input(Sample.employee(golongan: "III/c")), position: PotensiTests.pengawas),
                       "GOLONGAN") == "70.00")
    }

    @Test("full years at the current level: ≥ 4 100, 3 85, 2 70, less 50")
    func yearsAtLevel() throws {
        let cases = [("2022-03-31", "100.00"), ("2022-04-01", "85.00"), ("2023-03-31", "85.00"),
                     ("2024-03-31", "70.00"), ("2024-04-01", "50.00"), ("2026-03-31", "50.00")]
        for (since, expected) in cases {
            #expect(points(try rj(Sample.input(Sample.employee(since: since))), "MASA_JABATAN") == expected, "since \(since)")
        }
    }

    @Test("leadership: T's rung or higher 100, one rung below 60, otherwise (none included) 30")
    func leadership() throws {
        let administrator = Position(code: "BPKAD-002", unitCode: "BPKAD-SEK", title: "Sekretaris", kind: .administrator,
                                     jenjang: nil, critical: false)
        func with(_ kind: String?, position: Position) throws -> String? {
            var training = Sample.input().training
            if let kind { training.append(TrainingRecord(kind: kind, endedOn: Sample.date("2019-11-20"), hours: Score(300))) }
            return points(try rj(Sample.input(training: training), position: position), "PELATIHAN_KEPEMIMPINAN")
        }
        #expect(try with(nil, position: Sample.staff) == "30.00")
        #expect(try with("PKP", position: Sample.staff) == "100.00")
        #expect(try with("DIKLATPIM_IV", position: Sample.staff) == "100.00")
        #expect(try with("PKA", position: Sample.staff) == "100.00")
        #expect(try with("PKP", position: PotensiTests.pengawas) == "60.00")
        #expect(try with("DIKLATPIM_III", position: PotensiTests.pengawas) == "100.00")
        #expect(try with("PKP", position: administrator) == "30.00")
        #expect(try with("PKA", position: administrator) == "60.00")
        #expect(try with("TEKNIS", position: Sample.staff) == "30.00")
    }

    @Test("a training kind is leadership training exactly when it names one, in capitals")
    func leadershipKinds() {
        func kind(_ text: String) -> LeadershipTraining? {
            TrainingRecord(kind: text, endedOn: Sample.date("2019-11-20"), hours: Score(300)).leadership
        }
        for training in LeadershipTraining.allCases { #expect(kind(training.rawValue) == training) }
        for text in ["TEKNIS", "LATSAR", "", "pkp", "PKP ", "PK", "DIKLATPIM", "DIKLATPIM_V", "P", "D"] {
            #expect(kind(text) == nil, "\(text)")
        }
    }

    @Test("training: ≥ 20 JP in Y-1 and in Y-2 (every kind, by end year; only ended by D)")
    func training() throws {
        func with(_ rows: [(String, Int)]) throws -> String? {
            let training = rows.map { TrainingRecord(kind: "TEKNIS", endedOn: Sample.date($0.0), hours: Score($0.1)) }
            return points(try rj(Sample.input(training: training)), "JP_PELATIHAN")
        }
        #expect(try with([("2025-01-10", 20), ("2024-12-31", 20)]) == "100.00")
        #expect(try with([("2025-01-10", 12), ("2025-02-10", 8), ("2024-12-31", 19)]) == "60.00")
        #expect(try with([("2026-01-10", 40), ("2023-12-31", 40)]) == "30.00")
        #expect(try with([]) == "30.00")
    }

    @Test("award: best in (D − 5 years, D]; INTERNASIONAL or NASIONAL 100, PROVINSI 80, KOTA 60, none 40")
    func award() throws {
        func with(_ rows: [(AwardLevel, String)]) throws -> String? {
            points(try rj(Sample.input(awards: rows.map { AwardRecord(level: $0.0, awardedOn: Sample.date($0.1)) })),
                   "PENGHARGAAN")
        }
        #expect(try with([(.kota, "2024-01-01"), (.nasional, "2022-01-01"), (.provinsi, "2025-01-01")]) == "100.00")
        #expect(try with([(.internasional, "2025-11-20")]) == "100.00")
        #expect(try with([(.provinsi, "2021-04-01")]) == "80.00")
        #expect(try with([(.nasional, "2021-03-31")]) == "40.00")
        #expect(try with([(.kota, "2026-03-31")]) == "60.00")
    }

    @Test("penalty: worst decided in (D − 5 years, D]; a BERAT running at D scores 0 whenever decided")
    func penalty() throws {
        func with(_ rows: [PenaltyRecord]) throws -> String? { points(try rj(Sample.input(penalties: rows)), "DISIPLIN") }
        func p(_ level: PenaltyLevel, _ decided: String, _ ends: String? = nil) -> PenaltyRecord {
            PenaltyRecord(level: level, decidedOn: Sample.date(decided), endsOn: ends.map(Sample.date))
        }
        #expect(try with([]) == "100.00")
        #expect(try with([p(.ringan, "2025-01-01")]) == "75.00")
        #expect(try with([p(.ringan, "2025-01-01"), p(.sedang, "2022-01-10", "2022-10-10")]) == "50.00")
        #expect(try with([p(.berat, "2021-04-01", "2021-05-01")]) == "25.00")
        #expect(try with([p(.berat, "2021-03-31", "2021-05-01")]) == "100.00")
        #expect(try with([p(.berat, "2025-06-01")]) == "0.00")
        #expect(try with([p(.berat, "2020-06-01", "2026-03-31")]) == "0.00")
        #expect(try with([p(.berat, "2025-03-30")]) == "25.00") // ended 2026-03-30, the day before D
        // A RINGAN running at D does not zero the default's part (only BERAT does).
        #expect(try with([p(.ringan, "2026-03-01", "2026-04-30")]) == "75.00")
    }
}
