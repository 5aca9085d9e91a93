import Foundation
import Interchange
import Talent
import TestThreads
import Testing

/// A stored default result must replay after the rule set became indicator axes: the default's fingerprints are the
/// ones main computed before (Tests/Fixtures/pinned, see its README), and the preset's cover its own inputs.
@Suite("Fingerprints: pinned from main, and the preset's canonical text", .ownThread)
struct PinnedFingerprintTests {
    static func pinned(_ name: String) throws -> [String: String] {
        let text = try String(contentsOf: GoldenFixture.pinned.appendingPathComponent(name), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map(String.init)
            result[fields[0]] = fields[1]
        }
        return result
    }

    static func fingerprints(_ folder: URL, rules: RuleSet) throws -> [String: String] {
        let result = try FolderReview.run(input: folder, output: nil, context: GoldenFixture.context, rules: rules)
        return Dictionary(uniqueKeysWithValues: result.result.placements.map { ($0.nip, $0.fingerprint) })
    }

    @Test("the golden set, a generated city and an edited version: the fingerprints of main, unchanged")
    func pinnedByMain() throws {
        let golden = try Self.pinned("golden-default-fingerprints.csv")
        #expect(golden.count == 65)
        #expect(try Self.fingerprints(GoldenFixture.input, rules: .default) == golden)
        let city = try Self.pinned("city-200-default-fingerprints.csv")
        #expect(city.count == 190)
        #expect(try Self.fingerprints(GoldenFixture.pinned.appendingPathComponent("city-200"), rules: .default) == city)
        // The edited old-shape version 2, as sql/0017 converts it (its windows differ: 4-year assessments, 4-year
        // penalties, a 3-year pool window).
        let edited = try Self.pinned("golden-default@2/fingerprints.csv")
        #expect(try Self.fingerprints(GoldenFixture.input, rules: Self.editedVersionTwo()) == edited)
    }

    /// `old-shape-default@2.json`'s numbers in the new shape (what sql/0017's converter gives, checked against the
    /// database by the upgrade test).
    static func editedVersionTwo() -> RuleSet {
        var rules = RuleSet.default
        rules.version = 2
        rules.kinerja.indicators[0].weight = Weight(percent: 70)
        rules.kinerja.indicators[1].weight = Weight(percent: 30)
        rules.kinerja.cutOffs[.atas] = Score(80)
        rules.kinerja.overrides[0].predicates = [.sangatKurang]
        for index in 0..<2 {
            guard case var .skpYear(skp) = rules.kinerja.indicators[index].measure else { continue }
            skp.points[.butuhPerbaikan] = Score(65)
            rules.kinerja.indicators[index].measure = .skpYear(skp)
        }
        rules.potensi.cutOffs = [.tinggi: Score(70), .menengah: Score(decimal: "60.5")!]
        rules.potensi.caps[0].atMost = .rendah
        rules.potensi.indicators[0].measure = .competencyAssessment(.init(windowYears: 4))
        rules.potensi.weighting.cases[0].weights = ["ASESMEN": Weight(percent: 70), "REKAM_JEJAK": Weight(percent: 30)]
        guard case var .composite(rj) = rules.potensi.indicators[1].measure else { return rules }
        rj.parts[0].weight = Weight(percent: 25)
        rj.parts[1].weight = Weight(percent: 10)
        rj.parts[2].measure = .tenure(.init(bands: [YearsBand(minimumYears: 5, points: Score(100)),
                                                    YearsBand(minimumYears: 2, points: Score(75))],
                                            otherPoints: Score(50)))
        if case var .yearlyTraining(jp) = rj.parts[4].measure {
            jp.minimumHours = Score(16)
            rj.parts[4].measure = .yearlyTraining(jp)
        }
        rj.parts[5].measure = .award(.init(windowYears: 5, points: [.internasional: Score(90), .nasional: Score(90),
                                                                    .provinsi: Score(80), .kota: Score(60)]))
        rj.parts[5].whenNone = WhenNone(score: Score(30), state: .noRecord)
        rj.parts[5].best = Score(90)
        rj.parts[6].measure = .discipline(.init(windowYears: 4, windowBasis: .decided,
                                                points: [.ringan: Score(75), .sedang: Score(50), .berat: Score(25)],
                                                running: .init(levels: [.berat], points: Score(10))))
        rules.potensi.indicators[1].measure = .composite(rj)
        rules.potensi.indicators[1].best = Score(99)
        rules.pool.disciplineWindowYears = 3
        return rules
    }

    @Test("the edited version gives main's placements under it")
    func editedPlacements() throws {
        let rules = Self.editedVersionTwo()
        #expect(rules.validate().isEmpty, "\(rules.validate())")
        let result = try FolderReview.run(input: GoldenFixture.input, output: nil, context: GoldenFixture.context,
                                          rules: rules)
        let written = CSVWriter.render(header: ResultFiles.placementsHeader,
                                       rows: ResultFiles.placementRows(result.result.placements))
        let pinned = try String(contentsOf: GoldenFixture.pinned.appendingPathComponent("golden-default@2/placements.csv"),
                                encoding: .utf8)
        #expect(written == pinned)
    }

    @Test("the preset's canonical text holds the optional files' rows in their windows and field_fit; the default's does not")
    func presetCanonicalText() throws {
        var input = PresetSample.input()
        input.actingAssignments = [ActingAssignmentRecord(kind: .plt, level: .atas, startedOn: Sample.date("2013-01-07"),
                                                          endedOn: Sample.date("2013-03-29"))]
        input.positionHistory = [PositionHistoryRecord(startedOn: Sample.date("2014-02-03"), unitCode: "PROV-BKD",
                                                       agency: "Pemerintah Provinsi")]
        input.feedback.append(FeedbackRecord(year: 2023, predicate: .kurang, score: nil))
        input.teamAssignments.append(TeamAssignmentRecord(role: .anggota, scope: .instansi,
                                                          decidedOn: Sample.date("2023-01-01")))
        input.otherScores = [OtherScoreRecord(year: 2026, score: Score(70))]
        input.training.append(TrainingRecord(kind: "SERTIFIKASI", endedOn: Sample.date("2019-01-01"), hours: Score(10)))
        let preset = Fingerprint.canonicalText(input, position: Sample.staff, context: Sample.context, rules: .bkn411Preset)
        #expect(preset == """
            talent-inputs/1
            rules|bkn-411-2025/preset@1
            review|2026|2026-03-31
            employee|198501012010031001|1985-01-01|PNS|AKTIF|III/b|2022-04-01|2010-03-01|BPKAD-010|PELAKSANA||2020-01-02
            acting|PLT|ATAS|2013-01-07|2013-03-29
            assessment|2025-06-15|80.00|
            education|S1|2007-08-30|true
            feedback|2025|BAIK|
            performance|2024|BAIK|
            performance|2025|BAIK|
            position_history|2014-02-03|PROV-BKD|1
            potential_assessment|2025-06-15|4,4,4,4,4,4,4,4
            team|KETUA|INSTANSI|2025-02-10
            training|TEKNIS|2024-05-10|24.00
            training|TEKNIS|2025-05-10|24.00

            """)
        let defaults = Fingerprint.canonicalText(input, position: Sample.staff, context: Sample.context, rules: .default)
        #expect(!defaults.contains("acting|") && !defaults.contains("feedback|") && !defaults.contains("team|"))
        #expect(!defaults.contains("potential_assessment|") && !defaults.contains("position_history|"))
        #expect(defaults.contains("education|S1|2007-08-30\n") && defaults.contains("other_score|2026|70.00"))
        // What the preset reads changes its fingerprint; what it does not read does not.
        let base = Fingerprint.of(input, position: Sample.staff, context: Sample.context, rules: .bkn411Preset)
        var fit = input
        fit.education[0].fieldFit = false
        var agencyName = input
        agencyName.positionHistory[0].agency = "Kementerian Dalam Negeri"
        var title = input
        title.teamAssignments[0].title = "Tim Lain"
        var method = input
        method.potentialAssessments[0].method = "LAIN"
        var committee = input
        committee.otherScores[0].score = Score(10)
        #expect(Fingerprint.of(fit, position: Sample.staff, context: Sample.context, rules: .bkn411Preset) != base)
        for unread in [agencyName, title, method, committee] {
            #expect(Fingerprint.of(unread, position: Sample.staff, context: Sample.context, rules: .bkn411Preset) == base)
        }
        // A row after D counts under every rule set: it changes the flags.
        var late = input
        late.potentialAssessments.append(PresetSample.potential(4, 4, 4, 4, 4, 4, 4, 4, on: "2026-04-01"))
        #expect(Fingerprint.of(late, position: Sample.staff, context: Sample.context, rules: .default)
                != Fingerprint.of(input, position: Sample.staff, context: Sample.context, rules: .default))
    }
}
