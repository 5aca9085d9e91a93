import Interchange
import Talent
import TestThreads
import Testing

/// Points at stake and the best box (issue 16's completeness, stored in talent.indicator_result and
/// talent.assessment_result.best_box), worked out by hand from the golden sets' CASES.md.
@Suite("Points at stake and the best box", .ownThread)
struct StakesTests {
    /// The placement of `nip` in a golden set reviewed in memory.
    static func placement(_ nip: String, in set: GoldenSet) throws -> Placement {
        let placements = try set.run().result.placements
        return try #require(placements.first { $0.nip == nip }, "\(nip) is not placed in \(set.name)")
    }

    /// indicator → (state, points at stake as printed with 4 decimals).
    static func stakes(_ placement: Placement) -> [String: String] {
        var result: [String: String] = [:]
        for row in placement.indicators {
            result[row.indicator] = row.state.rawValue + " " + (row.pointsAtStake?.description ?? "nil")
        }
        return result
    }

    static let preset = GoldenSet.sets[1]
    static let standard = GoldenSet.sets[0]

    /// B01, the base profile of golden-411 (KINERJA 67.25 SESUAI, POTENSI 76.05 MENENGAH, box 5):
    /// - PENGHARGAAN: no award, NO_RECORD 0: (100 − 0) × 15 / 100 = 15.0000;
    /// - PENGEMBANGAN_KOMPETENSI 12.50: KURSUS 25 (two courses, PRESENT), PROGRAM NO_RECORD 0; at best
    ///   0.5 × 25 + 0.5 × 100 = 62.50, so (62.50 − 12.50) × 10 / 100 = 5.0000 (not 8.75: the courses that are
    ///   there are no missing data);
    /// - PENGALAMAN_JABATAN 58.00: tenure 100 and variety 60 PRESENT, acting NO_RECORD 0; at best
    ///   0.4 × 100 + 0.3 × 60 + 0.3 × 100 = 88.00, so (88 − 58) × 10 / 100 = 3.0000;
    /// - every other indicator is PRESENT: 0.
    /// Best box: KINERJA 67.25 + 15 = 82.25 ATAS, POTENSI 76.05 + 5 + 3 = 84.05 TINGGI: box 9.
    @Test("B01 (base profile, box 5): award 15, competency development 5, experience 3; best box 9")
    func baseProfile() throws {
        let b01 = try Self.placement("198706012010031001", in: Self.preset)
        #expect(b01.box?.number == 5)
        #expect(Self.stakes(b01) == [
            "SKP": "PRESENT 0.0000", "PENGHARGAAN": "NO_RECORD 15.0000", "PENUGASAN_TIM": "PRESENT 0.0000",
            "UMPAN_BALIK_360": "PRESENT 0.0000", "ASESMEN_KOMPETENSI": "PRESENT 0.0000",
            "PENGEMBANGAN_KOMPETENSI": "NO_RECORD 5.0000", "PENGALAMAN_JABATAN": "NO_RECORD 3.0000",
            "ASESMEN_POTENSI": "PRESENT 0.0000", "PENDIDIKAN": "PRESENT 0.0000", "KESESUAIAN_BIDANG": "PRESENT 0.0000",
            "DISIPLIN": "PRESENT 0.0000",
        ])
        #expect(b01.bestBox?.number == 9)
    }

    /// N03, golden-411's good performer in box 1 (KINERJA 56.00 BAWAH: SKP BAIK 48 + 360 BAIK 8; POTENSI 40.05
    /// RENDAH: no competency and no potential assessment):
    /// - PENGHARGAAN and PENUGASAN_TIM NO_RECORD: 100 × 15 / 100 = 15.0000 each; best KINERJA 56 + 30 = 86.00 ATAS;
    /// - ASESMEN_KOMPETENSI MISSING 0: 100 × 20 / 100 = 20.0000; ASESMEN_POTENSI MISSING 0: 100 × 25 / 100 =
    ///   25.0000; PENGEMBANGAN_KOMPETENSI and PENGALAMAN_JABATAN as the base profile, 5.0000 and 3.0000;
    ///   best POTENSI 40.05 + 20 + 25 + 5 + 3 = 93.05 TINGGI.
    /// Best box 9: the data can still move this employee from box 1 to box 9.
    @Test("N03 (box 1 for lack of records): 83 points at stake, best box 9")
    func goodPerformerInBoxOne() throws {
        let n03 = try Self.placement("198802032010031001", in: Self.preset)
        #expect(n03.box?.number == 1)
        let stakes = Self.stakes(n03)
        #expect(stakes["PENGHARGAAN"] == "NO_RECORD 15.0000")
        #expect(stakes["PENUGASAN_TIM"] == "NO_RECORD 15.0000")
        #expect(stakes["UMPAN_BALIK_360"] == "PRESENT 0.0000")
        #expect(stakes["ASESMEN_KOMPETENSI"] == "MISSING 20.0000")
        #expect(stakes["ASESMEN_POTENSI"] == "MISSING 25.0000")
        #expect(stakes["PENGEMBANGAN_KOMPETENSI"] == "NO_RECORD 5.0000")
        #expect(stakes["PENGALAMAN_JABATAN"] == "NO_RECORD 3.0000")
        #expect(n03.bestBox?.number == 9)
    }

    /// N02, golden-411's employee with almost no records (SKP 2025 SANGAT_BAIK only; KINERJA 60.00 SESUAI, POTENSI
    /// 25.80 RENDAH, box 2):
    /// - UMPAN_BALIK_360 MISSING 0: 100 × 10 / 100 = 10.0000 (with award and decree 15 each: KINERJA at best 100);
    /// - PENGEMBANGAN_KOMPETENSI: no course and no programme, both parts NO_RECORD 0: at best 100, 10.0000;
    /// - PENDIDIKAN MISSING 0: 10.0000; KESESUAIAN_BIDANG MISSING at 50 (no education row): (100 − 50) × 10 / 100 =
    ///   5.0000; ASESMEN_KOMPETENSI 20.0000, ASESMEN_POTENSI 25.0000, PENGALAMAN_JABATAN 3.0000;
    ///   best POTENSI 25.80 + 20 + 10 + 3 + 25 + 10 + 5 = 98.80 TINGGI: best box 9.
    @Test("N02 (almost no records, box 2): field fit at 50 leaves 5 points at stake; best box 9")
    func almostNoRecords() throws {
        let n02 = try Self.placement("198802022010031001", in: Self.preset)
        #expect(n02.box?.number == 2)
        let stakes = Self.stakes(n02)
        #expect(stakes["UMPAN_BALIK_360"] == "MISSING 10.0000")
        #expect(stakes["PENGEMBANGAN_KOMPETENSI"] == "NO_RECORD 10.0000")
        #expect(stakes["PENDIDIKAN"] == "MISSING 10.0000")
        #expect(stakes["KESESUAIAN_BIDANG"] == "MISSING 5.0000")
        #expect(stakes["DISIPLIN"] == "PRESENT 0.0000")
        #expect(n02.bestBox?.number == 9)
    }

    /// N01, golden-411's unplaced employee (the only SKP row is 2021): SKP MISSING, empty score, weight 60:
    /// 100 × 60 / 100 = 60.0000; the award 15.0000 as the base profile. With SKP at its best, KINERJA would be
    /// 60 + 15 (award at best) + 11.25 + 8 = 94.25 ATAS, POTENSI 84.05 TINGGI as B01: best box 9, though not placed.
    @Test("N01 (not placed): SKP at its best counts 60 points; the best box exists although the box does not")
    func unplaced() throws {
        let n01 = try Self.placement("198802012010031001", in: Self.preset)
        #expect(n01.box == nil)
        let stakes = Self.stakes(n01)
        #expect(stakes["SKP"] == "MISSING 60.0000")
        #expect(stakes["PENGHARGAAN"] == "NO_RECORD 15.0000")
        #expect(n01.bestBox?.number == 9)
    }

    /// Under the default rule set the weight at stake is the re-weighting case's:
    /// - G18 (one SKP year, 2025 SANGAT_BAIK, KINERJA_PARTIAL): SKP_PREVIOUS MISSING with an empty score; with a value
    ///   both years would count, its own weight 40: 100 × 40 / 100 = 40.0000. SKP_LATEST PRESENT: 0.
    /// - G17 (not placed, no SKP year): SKP_LATEST MISSING; with a value alone the case ONE_YEAR gives it 100:
    ///   100.0000. SKP_PREVIOUS MISSING; no case gives the second year a weight without the first (the axis would
    ///   still not be formed): 0.0000. With both at their best KINERJA is 100.00 ATAS.
    /// - G31 (no assessment, L = 60, RJ 76: weights RJ 75, L 25): ASESMEN MISSING; with a value all three count,
    ///   its own weight 60: 100 × 60 / 100 = 60.0000. PERTIMBANGAN_LAINNYA PRESENT: 0.
    @Test("default rule set: the weight at stake is the re-weighting case's (G17, G18, G31)")
    func reweighted() throws {
        let placements = try Self.standard.run().result.placements
        func stakes(_ nip: String) throws -> [String: String] {
            Self.stakes(try #require(placements.first { $0.nip == nip }))
        }
        let g18 = try stakes("198501182010031001")
        #expect(g18["SKP_LATEST"] == "PRESENT 0.0000")
        #expect(g18["SKP_PREVIOUS"] == "MISSING 40.0000")
        let g17 = try stakes("198501172010031001")
        #expect(g17["SKP_LATEST"] == "MISSING 100.0000")
        #expect(g17["SKP_PREVIOUS"] == "MISSING 0.0000")
        let g17Placement = try #require(placements.first { $0.nip == "198501172010031001" })
        #expect(g17Placement.box == nil)
        #expect(g17Placement.bestBox?.kinerjaLevel == .atas)
        let g31 = try stakes("198501312010031001")
        #expect(g31["ASESMEN"] == "MISSING 60.0000")
        #expect(g31["PERTIMBANGAN_LAINNYA"] == "PRESENT 0.0000")
    }

    @Test("every placement of both golden sets: PRESENT rows stake 0, others ≥ 0; the best box is at least as good on each axis")
    func invariants() throws {
        for set in GoldenSet.sets {
            for placement in try set.run().result.placements {
                let bestBox = try #require(placement.bestBox, "\(placement.nip) in \(set.name)")
                if let box = placement.box {
                    #expect(bestBox.kinerjaLevel >= box.kinerjaLevel, "\(placement.nip) in \(set.name)")
                    #expect(bestBox.potensiLevel >= box.potensiLevel, "\(placement.nip) in \(set.name)")
                }
                #expect(placement.pointsAtStake.count == placement.indicators.count)
                for row in placement.indicators {
                    let stake = try #require(row.pointsAtStake)
                    if row.state == .present { #expect(stake.millionths == 0, "\(placement.nip) \(row.indicator)") }
                    #expect(stake.millionths >= 0)
                }
                // No missing data, nothing at stake: the best box is the box.
                if placement.indicators.allSatisfy({ $0.state == .present }), let box = placement.box {
                    #expect(bestBox == box, "\(placement.nip) in \(set.name)")
                }
            }
        }
    }
}
