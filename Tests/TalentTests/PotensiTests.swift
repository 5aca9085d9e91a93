import Talent
import TestThreads
import Testing

@Suite("Potensi: DOMAIN.md §5", .ownThread)
struct PotensiTests {
    func potensi(_ input: EmployeeInput, target: StructuralLevel = .pengawas, rules: RuleSet = .default) -> PotensiResult {
        PotensiRule.evaluate(input, target: target, context: Sample.context, rules: rules)
    }

    @Test("80.00 is TINGGI, 79.99 is MENENGAH; 68.00 is MENENGAH, 67.99 is RENDAH")
    func bounds() {
        let g10 = potensi(Sample.input(assessments: [Sample.jpm("80")],
                                       otherScores: [OtherScoreRecord(year: 2026, score: Score(92))]))
        #expect(g10.score.description == "80.00")
        #expect(g10.level == .tinggi)
        let g11 = potensi(Sample.input(assessments: [Sample.jpm("81.96")]))
        #expect(g11.score.description == "79.99")
        #expect(g11.level == .menengah)
        let g13 = potensi(Sample.input(assessments: [Sample.jpm("64.06")]))
        #expect(g13.score.description == "68.00")
        #expect(g13.level == .menengah)
        let g14 = potensi(Sample.input(assessments: [Sample.jpm("64.05")]))
        #expect(g14.score.description == "67.99")
        #expect(g14.level == .rendah)
    }

    @Test("A from the nine levels, capped at R of the target level; levels win over the JPM")
    func assessmentFromLevels() {
        let levels = AssessmentRecord(assessedOn: Sample.date("2025-06-15"), method: .cact, jpmPercent: nil,
                                      levels: [3, 2, 2, 2, 2, 2, 2, 1, 1])
        let g23 = potensi(Sample.input(assessments: [levels]))
        #expect(g23.explanation.assessment?.score.description == "88.89")
        #expect(g23.explanation.assessment?.source == .competencyLevels)
        #expect(g23.score.description == "84.64")
        // Against ADMINISTRATOR (R = 3) the 3 counts in full: 17 of 27.
        let admin = potensi(Sample.input(assessments: [levels]), target: .administrator)
        #expect(admin.explanation.assessment?.score.description == "62.96")
        let both = AssessmentRecord(assessedOn: Sample.date("2025-06-15"), method: .assessmentCenter,
                                    jpmPercent: Score(95), levels: [2, 2, 2, 2, 1, 1, 1, 1, 1])
        let g24 = potensi(Sample.input(assessments: [both]))
        #expect(g24.explanation.assessment?.score.description == "72.22")
        #expect(g24.score.description == "73.47")
    }

    @Test("the assessment window is (D − 3 years, D]: the latest date counts, the highest A on that day")
    func assessmentWindow() {
        let onEdge = potensi(Sample.input(assessments: [Sample.jpm("95", on: "2023-03-31")]))
        #expect(onEdge.explanation.assessment == nil)
        #expect(onEdge.flags.contains(.tanpaAsesmen))
        let inside = potensi(Sample.input(assessments: [Sample.jpm("95", on: "2023-04-01")]))
        #expect(inside.score.description == "88.73")
        let sameDay = potensi(Sample.input(assessments: [Sample.jpm("70"), Sample.jpm("85"),
                                                         Sample.jpm("99", on: "2024-01-10")]))
        #expect(sameDay.explanation.assessment?.score.description == "85.00")
        #expect(sameDay.explanation.assessment?.rowsOnDay == 2)
        #expect(sameDay.score.description == "82.03")
        let onD = potensi(Sample.input(assessments: [Sample.jpm("90", on: "2026-03-31")]))
        #expect(onD.explanation.assessment?.assessedOn == Sample.d)
    }

    @Test("an assessment after D is left out and flagged INVALID_ASSESSMENT")
    func assessmentAfterD() {
        let result = potensi(Sample.input(assessments: [Sample.jpm("90", on: "2026-04-01")]))
        #expect(result.explanation.assessment == nil)
        #expect(result.flags == [.invalidAssessment, .tanpaAsesmen])
    }

    @Test("the four weight cases")
    func weightCases() {
        let l60 = [OtherScoreRecord(year: 2026, score: Score(60))]
        let both = potensi(Sample.input(assessments: [Sample.jpm("80")], otherScores: l60))
        #expect(both.explanation.weightCase == .assessmentAndOther)
        #expect(both.score.description == "76.80") // 48 + 22.8 + 6
        let aOnly = potensi(Sample.input(assessments: [Sample.jpm("80")]))
        #expect(aOnly.explanation.weightCase == .assessmentOnly)
        #expect(aOnly.score.description == "78.68") // 53.6 + 25.08
        let lOnly = potensi(Sample.input(otherScores: l60))
        #expect(lOnly.explanation.weightCase == .otherOnly)
        #expect(lOnly.score.description == "72.00") // G31
        let neither = potensi(Sample.input())
        #expect(neither.explanation.weightCase == .neither)
        #expect(neither.score.description == "76.00")
    }

    @Test("without an assessment the level is at most MENENGAH and TANPA_ASESMEN is set")
    func capWithoutAssessment() {
        let pkp = TrainingRecord(kind: "PKP", endedOn: Sample.date("2019-11-20"), hours: Score(358))
        let g28 = potensi(Sample.input(training: Sample.input().training + [pkp]))
        #expect(g28.score.description == "90.00")
        #expect(g28.explanation.levelFromScore == .tinggi)
        #expect(g28.level == .menengah)
        #expect(g28.explanation.cappedWithoutAssessment)
        #expect(g28.flags == [.tanpaAsesmen])
        let low = potensi(Sample.input(education: [EducationRecord(level: .sma, graduatedOn: nil)]))
        #expect(low.flags == [.tanpaAsesmen])
        #expect(!low.explanation.cappedWithoutAssessment)
    }

    @Test("L: the lower of two rows for Y with DUPLICATE_OTHER_SCORE; after Y invalid; before Y ignored")
    func otherScores() {
        let g32 = potensi(Sample.input(assessments: [Sample.jpm("75")], otherScores: [
            OtherScoreRecord(year: 2026, score: Score(92)), OtherScoreRecord(year: 2026, score: Score(50)),
        ]))
        #expect(g32.score.description == "72.80")
        #expect(g32.flags == [.duplicateOtherScore])
        let later = potensi(Sample.input(assessments: [Sample.jpm("75")],
                                         otherScores: [OtherScoreRecord(year: 2027, score: Score(90))]))
        #expect(later.flags == [.invalidOtherScore])
        #expect(later.explanation.other == nil)
        let earlier = potensi(Sample.input(assessments: [Sample.jpm("75")],
                                           otherScores: [OtherScoreRecord(year: 2025, score: Score(90))]))
        #expect(earlier.flags.isEmpty)
        #expect(earlier.explanation.weightCase == .assessmentOnly)
    }
}

@Suite("Rekam jejak indicators", .ownThread)
struct RekamJejakTests {
    func rj(_ input: EmployeeInput, target: StructuralLevel = .pengawas) -> RekamJejakExplanation {
        PotensiRule.evaluate(input, target: target, context: Sample.context, rules: .default).explanation.rekamJejak
    }

    func points(_ explanation: RekamJejakExplanation, _ kind: RekamJejakIndicatorKind) -> String? {
        explanation.indicators.first { $0.indicator == kind }?.points.description
    }

    @Test("the base profile is 76.00 against PENGAWAS")
    func base() {
        #expect(rj(Sample.input()).score.description == "76.00")
    }

    @Test("education: highest level; D4 equals S1; lower or none 60; a degree after D is left out")
    func education() {
        let cases: [(EducationLevel?, String)] = [(.s3, "100.00"), (.s2, "90.00"), (.s1, "80.00"), (.d4, "80.00"),
                                                 (.d3, "70.00"), (.d2, "60.00"), (.sma, "60.00"), (nil, "60.00")]
        for (level, expected) in cases {
            let rows = level.map { [EducationRecord(level: $0, graduatedOn: nil)] } ?? []
            #expect(points(rj(Sample.input(education: rows)), .education) == expected, "\(String(describing: level))")
        }
        let both = rj(Sample.input(education: [EducationRecord(level: .s1, graduatedOn: nil),
                                               EducationRecord(level: .s2, graduatedOn: Sample.date("2008-03-15"))]))
        #expect(both.highestEducation == .s2)
        let future = PotensiRule.evaluate(
            Sample.input(education: [EducationRecord(level: .s1, graduatedOn: nil),
                                     EducationRecord(level: .s2, graduatedOn: Sample.date("2026-06-01"))]),
            target: .pengawas, context: Sample.context, rules: .default)
        #expect(future.explanation.rekamJejak.highestEducation == .s1)
        #expect(future.flags.contains(.invalidEducation))
    }

    @Test("golongan against T's minimum: at or above 100, one step below 70, lower 40; PPPK grade N is ordinal N")
    func golongan() {
        #expect(points(rj(Sample.input(Sample.employee(golongan: "III/c"))), .golongan) == "100.00")
        #expect(points(rj(Sample.input(Sample.employee(golongan: "III/a"))), .golongan) == "70.00")
        #expect(points(rj(Sample.input(Sample.employee(golongan: "II/d"))), .golongan) == "40.00")
        let pppk = Sample.employee(nip: "199002012022211001", birth: "1990-02-01", status: .pppk, golongan: "IX", cpns: nil)
        #expect(points(rj(Sample.input(pppk)), .golongan) == "70.00")
        #expect(points(rj(Sample.input(Sample.employee(golongan: "III/c")), target: .administrator), .golongan) == "70.00")
    }

    @Test("full years at the current level: ≥ 4 100, 3 85, 2 70, less 50")
    func yearsAtLevel() {
        let cases = [("2022-03-31", "100.00"), ("2022-04-01", "85.00"), ("2023-03-31", "85.00"),
                     ("2024-03-31", "70.00"), ("2024-04-01", "50.00"), ("2026-03-31", "50.00")]
        for (since, expected) in cases {
            #expect(points(rj(Sample.input(Sample.employee(since: since))), .yearsAtLevel) == expected, "since \(since)")
        }
    }

    @Test("leadership: T's rung or higher 100, one rung below 60, otherwise (none included) 30")
    func leadership() {
        func with(_ kind: String?, target: StructuralLevel) -> String? {
            var training = Sample.input().training
            if let kind { training.append(TrainingRecord(kind: kind, endedOn: Sample.date("2019-11-20"), hours: Score(300))) }
            return points(rj(Sample.input(training: training), target: target), .leadership)
        }
        #expect(with(nil, target: .pengawas) == "30.00")
        #expect(with("PKP", target: .pengawas) == "100.00")
        #expect(with("DIKLATPIM_IV", target: .pengawas) == "100.00")
        #expect(with("PKA", target: .pengawas) == "100.00")
        #expect(with("PKP", target: .administrator) == "60.00")
        #expect(with("DIKLATPIM_III", target: .administrator) == "100.00")
        #expect(with("PKP", target: .jptPratama) == "30.00")
        #expect(with("PKA", target: .jptPratama) == "60.00")
        #expect(with("TEKNIS", target: .pengawas) == "30.00")
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
    func training() {
        func with(_ rows: [(String, Int)]) -> String? {
            let training = rows.map { TrainingRecord(kind: "TEKNIS", endedOn: Sample.date($0.0), hours: Score($0.1)) }
            return points(rj(Sample.input(training: training)), .training)
        }
        #expect(with([("2025-01-10", 20), ("2024-12-31", 20)]) == "100.00")
        #expect(with([("2025-01-10", 12), ("2025-02-10", 8), ("2024-12-31", 19)]) == "60.00")
        #expect(with([("2026-01-10", 40), ("2023-12-31", 40)]) == "30.00")
        #expect(with([]) == "30.00")
    }

    @Test("award: best in (D − 5 years, D]; NASIONAL 100, PROVINSI 80, KOTA 60, none 40")
    func award() {
        func with(_ rows: [(AwardLevel, String)]) -> String? {
            points(rj(Sample.input(awards: rows.map { AwardRecord(level: $0.0, awardedOn: Sample.date($0.1)) })), .award)
        }
        #expect(with([(.kota, "2024-01-01"), (.nasional, "2022-01-01"), (.provinsi, "2025-01-01")]) == "100.00")
        #expect(with([(.provinsi, "2021-04-01")]) == "80.00")
        #expect(with([(.nasional, "2021-03-31")]) == "40.00")
        #expect(with([(.kota, "2026-03-31")]) == "60.00")
    }

    @Test("penalty: worst decided in (D − 5 years, D]; a BERAT running at D scores 0 whenever decided")
    func penalty() {
        func with(_ rows: [PenaltyRecord]) -> String? { points(rj(Sample.input(penalties: rows)), .penalty) }
        func p(_ level: PenaltyLevel, _ decided: String, _ ends: String? = nil) -> PenaltyRecord {
            PenaltyRecord(level: level, decidedOn: Sample.date(decided), endsOn: ends.map(Sample.date))
        }
        #expect(with([]) == "100.00")
        #expect(with([p(.ringan, "2025-01-01")]) == "75.00")
        #expect(with([p(.ringan, "2025-01-01"), p(.sedang, "2022-01-10", "2022-10-10")]) == "50.00")
        #expect(with([p(.berat, "2021-04-01", "2021-05-01")]) == "25.00")
        #expect(with([p(.berat, "2021-03-31", "2021-05-01")]) == "100.00")
        #expect(with([p(.berat, "2025-06-01")]) == "0.00")
        #expect(with([p(.berat, "2020-06-01", "2026-03-31")]) == "0.00")
        #expect(with([p(.berat, "2025-03-30")]) == "25.00") // ended 2026-03-30, the day before D
    }
}
