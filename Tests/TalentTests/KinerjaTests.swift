import Talent
import TestThreads
import Testing

@Suite("Kinerja: DOMAIN.md §4", .ownThread)
struct KinerjaTests {
    let rules = RuleSet.default.kinerja
    let context = Sample.context

    func evaluate(_ rows: [PerformanceRecord], rules: KinerjaRules? = nil) -> KinerjaResult {
        KinerjaRule.evaluate(rows, context: context, rules: rules ?? self.rules)
    }

    @Test("72.00 is SESUAI, 68.00 is BAWAH: the same predicates in the other order")
    func sesuaiBound() {
        let g15 = evaluate([Sample.skp(2025, .baik), Sample.skp(2024, .butuhPerbaikan)])
        #expect(g15.score?.description == "72.00")
        #expect(g15.level == .sesuai)
        let g01 = evaluate([Sample.skp(2025, .butuhPerbaikan), Sample.skp(2024, .baik)])
        #expect(g01.score?.description == "68.00")
        #expect(g01.level == .bawah)
    }

    @Test("92.00 is ATAS, 88.00 is SESUAI")
    func atasBound() {
        let above = evaluate([Sample.skp(2025, .sangatBaik), Sample.skp(2024, .baik)])
        #expect(above.score?.description == "92.00")
        #expect(above.level == .atas)
        let below = evaluate([Sample.skp(2025, .baik), Sample.skp(2024, .sangatBaik)])
        #expect(below.score?.description == "88.00")
        #expect(below.level == .sesuai)
    }

    @Test("thresholds are inclusive lower bounds on the rounded score (a rule set with other weights reaches them)")
    func exactThresholds() {
        var custom = rules
        custom.latestWeight = Weight(percent: 50)
        custom.previousWeight = Weight(percent: 50)
        // 0.5 × 80 + 0.5 × 60 = 70.00 → SESUAI; 0.5 × 100 + 0.5 × 80 = 90.00 → ATAS.
        #expect(evaluate([Sample.skp(2025, .baik), Sample.skp(2024, .butuhPerbaikan)], rules: custom).level == .sesuai)
        #expect(evaluate([Sample.skp(2025, .sangatBaik), Sample.skp(2024, .baik)], rules: custom).level == .atas)
        custom.previousWeight = Weight(tenThousandths: 4999)
        custom.latestWeight = Weight(tenThousandths: 5001)
        // 0.5001 × 60 + 0.4999 × 80 = 69.998 → 70.00 after rounding: SESUAI.
        let rounded = evaluate([Sample.skp(2025, .butuhPerbaikan), Sample.skp(2024, .baik)], rules: custom)
        #expect(rounded.score?.description == "70.00")
        #expect(rounded.level == .sesuai)
    }

    @Test("a latest KURANG or SANGAT_KURANG makes BAWAH whatever the score")
    func latestOverride() {
        let g19 = evaluate([Sample.skp(2025, .kurang), Sample.skp(2024, .sangatBaik), Sample.skp(2023, .sangatBaik)])
        #expect(g19.score?.description == "64.00")
        #expect(g19.level == .bawah)
        var custom = rules
        custom.latestWeight = Weight(percent: 20)
        custom.previousWeight = Weight(percent: 80)
        // 0.2 × 40 + 0.8 × 100 = 88.00 would be SESUAI; the latest KURANG forces BAWAH.
        let forced = evaluate([Sample.skp(2025, .kurang), Sample.skp(2024, .sangatBaik)], rules: custom)
        #expect(forced.score?.description == "88.00")
        #expect(forced.level == .bawah)
        #expect(forced.explanation.latestOverride)
        // 0.2 × 60 + 0.8 × 100 = 92.00: a latest BUTUH_PERBAIKAN does not force anything.
        let notForced = evaluate([Sample.skp(2025, .butuhPerbaikan), Sample.skp(2024, .sangatBaik)], rules: custom)
        #expect(notForced.level == .atas)
        #expect(!notForced.explanation.latestOverride)
    }

    @Test("legacy scores read through the PP 46/2011 bands, exactly")
    func legacyScores() {
        let cases: [(String, PerformancePredicate)] = [
            ("91.00", .sangatBaik), ("90.99", .baik), ("76", .baik), ("75.99", .butuhPerbaikan), ("61", .butuhPerbaikan),
            ("60.99", .kurang), ("51", .kurang), ("50.99", .sangatKurang), ("0", .sangatKurang), ("100", .sangatBaik),
        ]
        for (text, expected) in cases {
            let row = PerformanceRecord(year: 2025, predicate: nil, score: Score(decimal: text)!)
            #expect(KinerjaRule.predicate(of: row, rules: rules) == expected, "score \(text)")
        }
        let g20 = evaluate([PerformanceRecord(year: 2023, predicate: nil, score: Score(decimal: "91.00")),
                            PerformanceRecord(year: 2022, predicate: nil, score: Score(decimal: "90.99"))])
        #expect(g20.score?.description == "92.00")
        #expect(g20.level == .atas)
    }

    @Test("a predicate wins over the row's score")
    func predicateWins() {
        let row = PerformanceRecord(year: 2025, predicate: .butuhPerbaikan, score: Score(95))
        #expect(KinerjaRule.predicate(of: row, rules: rules) == .butuhPerbaikan)
    }

    @Test("two rows for one year: the lower counts, flag DUPLICATE_YEAR")
    func duplicateYear() {
        let g21 = evaluate([PerformanceRecord(year: 2025, predicate: .baik, score: Score(95)),
                            Sample.skp(2025, .sangatBaik), Sample.skp(2024, .sangatBaik)])
        #expect(g21.score?.description == "88.00")
        #expect(g21.flags == [.duplicateYear])
        #expect(g21.explanation.yearsUsed.first?.rowsForYear == 2)
        // A duplicate in an older window year that is not among the two used still flags.
        let older = evaluate([Sample.skp(2025, .baik), Sample.skp(2024, .baik), Sample.skp(2022, .baik),
                              Sample.skp(2022, .kurang)])
        #expect(older.flags == [.duplicateYear])
        #expect(older.score?.description == "80.00")
    }

    @Test("missing years: the two most recent valid years count, wherever they are in the window")
    func missingYears() {
        let gap = evaluate([Sample.skp(2025, .sangatBaik), Sample.skp(2022, .butuhPerbaikan)])
        #expect(gap.explanation.yearsUsed.map(\.year) == [2025, 2022])
        #expect(gap.score?.description == "84.00")
        let one = evaluate([Sample.skp(2023, .baik)])
        #expect(one.score?.description == "80.00")
        #expect(one.flags == [.kinerjaPartial])
        let none = evaluate([Sample.skp(2021, .baik)])
        #expect(none.score == nil)
        #expect(none.level == nil)
        #expect(none.flags.isEmpty)
    }

    @Test("a row for year Y or later is invalid; a row before Y-4 is ignored without a flag")
    func windowEdges() {
        let g18 = evaluate([Sample.skp(2026, .sangatBaik), Sample.skp(2025, .sangatBaik)])
        #expect(g18.flags == [.invalidPerformance, .kinerjaPartial])
        #expect(g18.score?.description == "100.00")
        let old = evaluate([Sample.skp(2021, .sangatKurang), Sample.skp(2022, .baik), Sample.skp(2025, .baik)])
        #expect(old.flags.isEmpty)
        #expect(old.explanation.yearsUsed.map(\.year) == [2025, 2022])
    }

    @Test("not placed without kinerja: BELUM_TERPETAKAN, NO_KINERJA, empty kinerja and box, potensi still shown")
    func unplaced() throws {
        let placement = try Sample.assess(Sample.input(performance: [Sample.skp(2021, .baik)],
                                                       assessments: [Sample.jpm("75")]))
        #expect(placement.status == .belumTerpetakan)
        #expect(placement.reason == .noKinerja)
        #expect(placement.kinerjaScore == nil && placement.kinerjaLevel == nil && placement.box == nil)
        #expect(placement.recommendations.isEmpty)
        #expect(placement.potensiScore.description == "75.33")
        #expect(placement.poolBlockers == [.box])
    }
}
