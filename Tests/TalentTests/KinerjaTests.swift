import Talent
import TestThreads
import Testing

/// The default rule set's KINERJA axis: SKP_LATEST and SKP_PREVIOUS, re-weighted with one year, the BAWAH override.
@Suite("Kinerja (default): DOMAIN.md §4", .ownThread)
struct KinerjaTests {
    static let kinerjaFlags: Set<PlacementFlag> = [.duplicateYear, .kinerjaPartial, .invalidPerformance]

    func assess(_ rows: [PerformanceRecord], rules: RuleSet = .default) throws -> Placement {
        try Sample.assess(Sample.input(performance: rows), rules: rules)
    }

    /// The default with other weights for the two SKP years (and the BAWAH override kept).
    func weights(latest: Weight, previous: Weight) -> RuleSet {
        var rules = RuleSet.default
        rules.kinerja.indicators[0].weight = latest
        rules.kinerja.indicators[1].weight = previous
        return rules
    }

    @Test("72.00 is SESUAI, 68.00 is BAWAH: the same predicates in the other order")
    func sesuaiBound() throws {
        let g15 = try assess([Sample.skp(2025, .baik), Sample.skp(2024, .butuhPerbaikan)])
        #expect(g15.kinerjaScore?.description == "72.00")
        #expect(g15.kinerjaLevel == .sesuai)
        let g01 = try assess([Sample.skp(2025, .butuhPerbaikan), Sample.skp(2024, .baik)])
        #expect(g01.kinerjaScore?.description == "68.00")
        #expect(g01.kinerjaLevel == .bawah)
    }

    @Test("92.00 is ATAS, 88.00 is SESUAI")
    func atasBound() throws {
        let above = try assess([Sample.skp(2025, .sangatBaik), Sample.skp(2024, .baik)])
        #expect(above.kinerjaScore?.description == "92.00")
        #expect(above.kinerjaLevel == .atas)
        let below = try assess([Sample.skp(2025, .baik), Sample.skp(2024, .sangatBaik)])
        #expect(below.kinerjaScore?.description == "88.00")
        #expect(below.kinerjaLevel == .sesuai)
    }

    @Test("thresholds are inclusive lower bounds on the rounded score (a rule set with other weights reaches them)")
    func exactThresholds() throws {
        let half = weights(latest: Weight(percent: 50), previous: Weight(percent: 50))
        // 0.5 × 80 + 0.5 × 60 = 70.00 → SESUAI; 0.5 × 100 + 0.5 × 80 = 90.00 → ATAS.
        #expect(try assess([Sample.skp(2025, .baik), Sample.skp(2024, .butuhPerbaikan)], rules: half).kinerjaLevel == .sesuai)
        #expect(try assess([Sample.skp(2025, .sangatBaik), Sample.skp(2024, .baik)], rules: half).kinerjaLevel == .atas)
        let uneven = weights(latest: Weight(tenThousandths: 5001), previous: Weight(tenThousandths: 4999))
        // 0.5001 × 60 + 0.4999 × 80 = 69.998 → 70.00 after rounding: SESUAI.
        let rounded = try assess([Sample.skp(2025, .butuhPerbaikan), Sample.skp(2024, .baik)], rules: uneven)
        #expect(rounded.kinerjaScore?.description == "70.00")
        #expect(rounded.kinerjaLevel == .sesuai)
    }

    @Test("a latest KURANG or SANGAT_KURANG makes BAWAH whatever the score, and the explanation says so")
    func latestOverride() throws {
        let g19 = try assess([Sample.skp(2025, .kurang), Sample.skp(2024, .sangatBaik), Sample.skp(2023, .sangatBaik)])
        #expect(g19.kinerjaScore?.description == "64.00")
        #expect(g19.kinerjaLevel == .bawah)
        let custom = weights(latest: Weight(percent: 20), previous: Weight(percent: 80))
        // 0.2 × 40 + 0.8 × 100 = 88.00 would be SESUAI; the latest KURANG forces BAWAH.
        let forced = try assess([Sample.skp(2025, .kurang), Sample.skp(2024, .sangatBaik)], rules: custom)
        #expect(forced.kinerjaScore?.description == "88.00")
        #expect(forced.kinerjaLevel == .bawah)
        #expect(forced.explanation.kinerja.levelFromScore == .sesuai)
        #expect(forced.explanation.kinerja.adjustments == [LevelAdjustment(kind: .override, indicator: "SKP_LATEST",
                                                                            level: .bawah)])
        // 0.2 × 60 + 0.8 × 100 = 92.00: a latest BUTUH_PERBAIKAN does not force anything.
        let notForced = try assess([Sample.skp(2025, .butuhPerbaikan), Sample.skp(2024, .sangatBaik)], rules: custom)
        #expect(notForced.kinerjaLevel == .atas)
        #expect(notForced.explanation.kinerja.adjustments.isEmpty)
        // The override reads the latest year only: a KURANG previous year does not force BAWAH.
        let previous = try assess([Sample.skp(2025, .sangatBaik), Sample.skp(2024, .kurang)])
        #expect(previous.kinerjaLevel == .sesuai)
    }

    @Test("legacy scores read through the PP 46/2011 bands, exactly")
    func legacyScores() throws {
        let cases: [(String, String)] = [
            ("91.00", "100.00"), ("90.99", "80.00"), ("76", "80.00"), ("75.99", "60.00"), ("61", "60.00"),
            ("60.99", "40.00"), ("51", "40.00"), ("50.99", "20.00"), ("0", "20.00"), ("100", "100.00"),
        ]
        for (text, points) in cases {
            let row = PerformanceRecord(year: 2025, predicate: nil, score: Score(decimal: text)!)
            let placement = try assess([row])
            #expect(placement.indicator("SKP_LATEST")?.score?.description == points, "score \(text)")
            guard case let .performance(_, _, legacy, _)? = placement.indicator("SKP_LATEST")?.evidence.first else {
                Issue.record("no SKP evidence for \(text)")
                continue
            }
            #expect(legacy == Score(decimal: text), "the evidence keeps the legacy score \(text)")
        }
        let g20 = try assess([PerformanceRecord(year: 2023, predicate: nil, score: Score(decimal: "91.00")),
                              PerformanceRecord(year: 2022, predicate: nil, score: Score(decimal: "90.99"))])
        #expect(g20.kinerjaScore?.description == "92.00")
        #expect(g20.kinerjaLevel == .atas)
    }

    @Test("a predicate wins over the row's score")
    func predicateWins() throws {
        let placement = try assess([PerformanceRecord(year: 2025, predicate: .butuhPerbaikan, score: Score(95))])
        #expect(placement.indicator("SKP_LATEST")?.score == Score(60))
    }

    @Test("two rows for one year: the lower counts, flag DUPLICATE_YEAR, the evidence counts the rows")
    func duplicateYear() throws {
        let g21 = try assess([PerformanceRecord(year: 2025, predicate: .baik, score: Score(95)),
                              Sample.skp(2025, .sangatBaik), Sample.skp(2024, .sangatBaik)])
        #expect(g21.kinerjaScore?.description == "88.00")
        #expect(g21.flags(among: Self.kinerjaFlags) == [.duplicateYear])
        #expect(g21.indicator("SKP_LATEST")?.evidence == [.performance(year: 2025, predicate: .baik, legacyScore: nil,
                                                                       rowsForYear: 2)])
        // A duplicate in an older window year that is not among the two used still flags.
        let older = try assess([Sample.skp(2025, .baik), Sample.skp(2024, .baik), Sample.skp(2022, .baik),
                                Sample.skp(2022, .kurang)])
        #expect(older.flags(among: Self.kinerjaFlags) == [.duplicateYear])
        #expect(older.kinerjaScore?.description == "80.00")
    }

    @Test("missing years: the two most recent valid years count, wherever they are in the window; one year: 100 %, KINERJA_PARTIAL")
    func missingYears() throws {
        let gap = try assess([Sample.skp(2025, .sangatBaik), Sample.skp(2022, .butuhPerbaikan)])
        #expect(gap.indicator("SKP_PREVIOUS")?.evidence.first == .performance(year: 2022, predicate: .butuhPerbaikan,
                                                                               legacyScore: nil, rowsForYear: 1))
        #expect(gap.kinerjaScore?.description == "84.00")
        #expect(gap.explanation.kinerja.weightCase == nil)
        let one = try assess([Sample.skp(2023, .baik)])
        #expect(one.kinerjaScore?.description == "80.00")
        #expect(one.flags(among: Self.kinerjaFlags) == [.kinerjaPartial])
        #expect(one.explanation.kinerja.weightCase == "ONE_YEAR")
        #expect(one.indicators.map(\.weight.percentDescription).prefix(2) == ["100", "0"])
        #expect(one.indicator("SKP_PREVIOUS")?.score == nil)
        #expect(one.indicator("SKP_PREVIOUS")?.state == .missing)
        let none = try assess([Sample.skp(2021, .baik)])
        #expect(none.kinerjaScore == nil)
        #expect(none.kinerjaLevel == nil)
        #expect(none.flags(among: Self.kinerjaFlags).isEmpty)
    }

    @Test("a row for year Y or later is invalid; a row before Y-4 is ignored without a flag; the window is Y-4 … Y-1")
    func windowEdges() throws {
        let g18 = try assess([Sample.skp(2026, .sangatBaik), Sample.skp(2025, .sangatBaik)])
        #expect(g18.flags(among: Self.kinerjaFlags) == [.invalidPerformance, .kinerjaPartial])
        #expect(g18.kinerjaScore?.description == "100.00")
        #expect(g18.explanation.leftOut.map(\.kind) == [.performance])
        let old = try assess([Sample.skp(2021, .sangatKurang), Sample.skp(2022, .baik), Sample.skp(2025, .baik)])
        #expect(old.flags(among: Self.kinerjaFlags).isEmpty)
        #expect(old.indicator("SKP_PREVIOUS")?.evidence.first == .performance(year: 2022, predicate: .baik,
                                                                               legacyScore: nil, rowsForYear: 1))
        #expect(old.indicator("SKP_LATEST")?.window == .years(first: 2022, last: 2025))
    }

    @Test("not placed without kinerja: BELUM_TERPETAKAN, NO_KINERJA, both SKP rows empty with weight 0, potensi still shown")
    func unplaced() throws {
        let placement = try Sample.assess(Sample.input(performance: [Sample.skp(2021, .baik)],
                                                       assessments: [Sample.jpm("75")]))
        #expect(placement.status == .belumTerpetakan)
        #expect(placement.reason == .noKinerja)
        #expect(placement.kinerjaScore == nil && placement.kinerjaLevel == nil && placement.box == nil)
        #expect(placement.recommendations.isEmpty)
        #expect(placement.potensiScore.description == "75.33")
        #expect(placement.poolBlockers == [.box])
        let skp = placement.indicators.filter { $0.axis == .kinerja }
        #expect(skp.map(\.indicator) == ["SKP_LATEST", "SKP_PREVIOUS"])
        #expect(skp.allSatisfy { $0.score == nil && $0.weight == .zero && $0.state == .missing })
    }
}
