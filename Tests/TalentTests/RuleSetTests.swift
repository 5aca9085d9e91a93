import Foundation
import Interchange
import Talent
import Testing

@Suite("Rule set")
struct RuleSetTests {
    @Test("the default is permenpanrb-3-2020/default@1 and validates")
    func defaultRuleSet() {
        #expect(RuleSet.default.id == "permenpanrb-3-2020/default@1")
        #expect(RuleSet.default.validate().isEmpty)
    }

    @Test("JSON round trip is exact, including weights and two-decimal thresholds")
    func jsonRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(RuleSet.default)
        let decoded = try JSONDecoder().decode(RuleSet.self, from: data)
        #expect(decoded == RuleSet.default)
        #expect(try encoder.encode(decoded) == data)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"latestWeight\":0.6"))
        #expect(text.contains("\"minimumGolongan\":\"III\\/b\"") || text.contains("\"minimumGolongan\":\"III/b\""))
        var custom = RuleSet.default
        custom.version = 2
        custom.potensi.withAssessmentOnly.assessment = Weight(decimal: "0.6667")!
        custom.potensi.menengahMinimum = Score(decimal: "67.99")!
        let customDecoded = try JSONDecoder().decode(RuleSet.self, from: encoder.encode(custom))
        #expect(customDecoded == custom)
        #expect(customDecoded.id == "permenpanrb-3-2020/default@2")
    }

    @Test("validate names what is missing")
    func validation() {
        var broken = RuleSet.default
        broken.levels[.administrator] = nil
        broken.kinerja.predicatePoints[.kurang] = nil
        broken.targetLevels.removeAll { $0.jenjang == .ahliMuda }
        broken.potensi.rekamJejak.trainingPointsByYearsMet = [Score(30)]
        broken.pool.disciplineWindowYears = 0
        let problems = broken.validate().map(\.message)
        #expect(problems.count == 5)
        #expect(problems.contains { $0.contains("ADMINISTRATOR") })
        #expect(problems.contains { $0.contains("KURANG") })
        #expect(problems.contains { $0.contains("AHLI_MUDA") })
        #expect(problems.contains { $0.contains("trainingPointsByYearsMet") })
        #expect(problems.contains { $0.contains("window") })
    }

    @Test("the rules read the rule set: changing a parameter changes the golden results")
    func parametersCount() throws {
        var rules = RuleSet.default
        rules.version = 99
        rules.kinerja.sesuaiMinimum = Score(80)
        let result = try FolderReview.run(input: GoldenFixture.input, output: nil, context: GoldenFixture.context,
                                          rules: rules).result
        let g15 = try #require(result.placements.first { $0.nip == "198501152010031001" })
        #expect(g15.kinerjaLevel == .bawah)
        #expect(g15.box?.number == 3)
        #expect(g15.ruleVersion == "permenpanrb-3-2020/default@99")
        let expected = try GoldenFixture.expectedTable("placements.csv")
        let diffs = GoldenFixture.differences(file: "placements.csv", header: expected.header, keyColumns: [0],
                                              expected: expected.rows,
                                              actual: ResultFiles.placementRows(result.placements))
        #expect(diffs.contains("placements.csv 198501152010031001 kinerja_level: expected 'SESUAI', got 'BAWAH'"))
    }
}

@Suite("Fingerprint and explanation")
struct FingerprintTests {
    func fingerprint(_ input: EmployeeInput, context: ReviewContext = Sample.context,
                     rules: RuleSet = .default) -> String {
        Fingerprint.of(input, position: Sample.staff, context: context, rules: rules)
    }

    let base = Sample.input(assessments: [Sample.jpm("90")],
                            awards: [AwardRecord(level: .kota, awardedOn: Sample.date("2024-01-01"))])

    @Test("stable: same inputs, reordered rows, names and titles give the same 64-hex fingerprint")
    func stability() throws {
        let first = fingerprint(base)
        #expect(first.count == 64)
        #expect(first.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(fingerprint(base) == first)
        var reordered = base
        reordered.performance.reverse()
        reordered.training.reverse()
        #expect(fingerprint(reordered) == first)
        var renamed = base
        renamed.employee.name = "Nama Lain"
        renamed.awards[0].name = "Satyalancana"
        renamed.training[0].title = "Another title"
        #expect(fingerprint(renamed) == first)
        var outOfWindow = base
        outOfWindow.performance.append(Sample.skp(2019, .sangatKurang))
        outOfWindow.assessments.append(Sample.jpm("10", on: "2020-01-01"))
        #expect(fingerprint(outOfWindow) == first)
        #expect(try Sample.assess(base).fingerprint == first)
    }

    @Test("the canonical text is the documented one: head lines, then every counted row sorted bytewise")
    func canonicalText() {
        var input = base
        input.assessments.append(AssessmentRecord(assessedOn: Sample.date("2025-06-30"), method: .assessmentCenter,
                                                  jpmPercent: nil, levels: [3, 3, 4, 3, 2, 3, 3, 3, 5]))
        input.penalties = [PenaltyRecord(level: .sedang, decidedOn: Sample.date("2023-02-01"), endsOn: nil)]
        input.otherScores = [OtherScoreRecord(year: 2026, score: Score(decimal: "81.5")!)]
        input.invalidRows = [InvalidRow(kind: .award, line: 9, problem: "level X"),
                             InvalidRow(kind: .award, line: 10, problem: "level Y")]
        let text = Fingerprint.canonicalText(input, position: Sample.staff, context: Sample.context, rules: .default)
        #expect(text == """
            talent-inputs/1
            rules|permenpanrb-3-2020/default@1
            review|2026|2026-03-31
            employee|198501012010031001|1985-01-01|PNS|AKTIF|III/b|2022-04-01|2010-03-01|BPKAD-010|PELAKSANA||2020-01-02
            assessment|2025-06-15|90.00|
            assessment|2025-06-30||3,3,4,3,2,3,3,3,5
            award|KOTA|2024-01-01
            education|S1|2007-08-30
            invalid|award
            other_score|2026|81.50
            penalty|SEDANG|2023-02-01|
            performance|2024|BAIK|
            performance|2025|BAIK|
            training|TEKNIS|2024-05-10|24.00
            training|TEKNIS|2025-05-10|24.00

            """)
        #expect(fingerprint(input) == SHA256.hex(text))
    }

    @Test("sensitive: any input that counts, D, or the rule set version changes it")
    func sensitivity() {
        let first = fingerprint(base)
        var predicate = base
        predicate.performance[0].predicate = .sangatBaik
        var jpm = base
        jpm.assessments[0].jpmPercent = Score(decimal: "90.01")
        var golongan = base
        golongan.employee.golongan = Golongan(pns: "III/c")!
        var invalid = base
        invalid.invalidRows.append(InvalidRow(kind: .award, line: 9, problem: "level X"))
        var rules = RuleSet.default
        rules.version = 2
        let later = ReviewContext(referenceDate: Sample.date("2026-04-01"))
        let all = [first, fingerprint(predicate), fingerprint(jpm), fingerprint(golongan), fingerprint(invalid),
                   fingerprint(base, rules: rules), fingerprint(base, context: later)]
        #expect(Set(all).count == all.count)
    }

    @Test("the explanation answers 'why this box' from the inputs that counted")
    func explanation() throws {
        let placement = try Sample.assess(base)
        let e = placement.explanation
        #expect(e.ruleSet == "permenpanrb-3-2020/default@1")
        #expect(e.position.targetLevel == .pengawas)
        #expect(e.kinerja.yearsUsed.map(\.year) == [2025, 2024])
        #expect(e.kinerja.yearsUsed.map(\.weight) == [Weight(percent: 60), Weight(percent: 40)])
        #expect(e.kinerja.score == Score(80))
        #expect(e.potensi.assessment?.source == .jpm)
        #expect(e.potensi.assessment?.score == Score(90))
        #expect(e.potensi.weightCase == .assessmentOnly)
        #expect(e.potensi.rekamJejak.indicators.count == 7)
        let award = try #require(e.potensi.rekamJejak.indicators.first { $0.indicator == .award })
        #expect(award.input == "KOTA" && award.points == Score(60) && award.weight == Weight(percent: 10))
        #expect(e.potensi.rekamJejak.score.description == "78.00")
        #expect(e.box?.number == placement.box?.number)
        #expect(e.flags == placement.flags)
        let data = try JSONEncoder().encode(placement)
        #expect(try JSONDecoder().decode(Placement.self, from: data) == placement)
    }

    @Test("rows left out are listed with their reason")
    func leftOut() throws {
        let input = Sample.input(performance: [Sample.skp(2026, .baik), Sample.skp(2025, .baik)],
                                 invalidRows: [InvalidRow(kind: .assessment, line: 7, problem: "3 of the 9 competency levels")])
        let placement = try Sample.assess(input)
        #expect(placement.flags == [.invalidAssessment, .invalidPerformance, .kinerjaPartial, .tanpaAsesmen])
        #expect(placement.explanation.leftOut.map(\.kind) == [.assessment, .performance])
        #expect(placement.explanation.leftOut.first?.line == 7)
    }
}
