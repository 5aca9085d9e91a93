import Foundation
import Interchange
import Talent
import TestThreads
import Testing

@Suite("Rule set", .ownThread)
struct RuleSetTests {
    static func json(_ rules: RuleSet) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(rules), as: UTF8.self)
    }

    @Test("the two built-in documents: ids, provenance, and both validate")
    func builtIn() {
        #expect(RuleSet.default.id == "permenpanrb-3-2020/default@1")
        #expect(RuleSet.default.provenance == nil)
        #expect(RuleSet.default.validate().isEmpty, "\(RuleSet.default.validate())")
        #expect(RuleSet.bkn411Preset.id == "bkn-411-2025/preset@1")
        #expect(RuleSet.bkn411Preset.provenance
                == "reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran")
        #expect(RuleSet.bkn411Preset.validate().isEmpty, "\(RuleSet.bkn411Preset.validate())")
        #expect(RuleSet.bkn411Preset.kinerja.indicators.map(\.indicator)
                == ["SKP", "PENGHARGAAN", "PENUGASAN_TIM", "UMPAN_BALIK_360"])
        #expect(RuleSet.bkn411Preset.kinerja.indicators.map(\.weight.percentDescription) == ["60", "15", "15", "10"])
        #expect(RuleSet.bkn411Preset.potensi.indicators.map(\.indicator)
                == ["ASESMEN_KOMPETENSI", "PENGEMBANGAN_KOMPETENSI", "PENGALAMAN_JABATAN", "ASESMEN_POTENSI",
                    "PENDIDIKAN", "KESESUAIAN_BIDANG", "DISIPLIN"])
        #expect(RuleSet.bkn411Preset.potensi.indicators.map(\.weight.percentDescription)
                == ["20", "10", "10", "25", "10", "10", "15"])
    }

    @Test("JSON round trip of both documents is exact; the encoding is stable, sorted, with no floating-point number")
    func jsonRoundTrip() throws {
        for rules in RuleSet.builtIn {
            let text = try Self.json(rules)
            let decoded = try JSONDecoder().decode(RuleSet.self, from: Data(text.utf8))
            #expect(decoded == rules, "\(rules.id)")
            #expect(try Self.json(decoded) == text, "\(rules.id) encodes to the same text again")
            // Every number in the built-in documents is a whole number: no float can drift in a migration's copy.
            let numbers = try NSRegularExpression(pattern: #"[0-9]+\.[0-9]+"#)
            #expect(numbers.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)) == 0,
                    "\(rules.id) has a fractional number")
        }
        let preset = try Self.json(.bkn411Preset)
        #expect(preset.contains(#""provenance":"reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran""#))
        #expect(preset.contains(#""weighting":{"cases":[],"policy":"FIXED"}"#))
        #expect(preset.contains(#""KESESUAIAN_BIDANG","measure":{"FIELD_FIT":{"doesNotFit":50,"fits":100}}"#))
        let defaults = try Self.json(.default)
        #expect(!defaults.contains("provenance"))
        #expect(defaults.contains(#"{"flag":"KINERJA_PARTIAL","name":"ONE_YEAR","weights":{"SKP_LATEST":100}}"#))
        // Weights are percentages, scores two-decimal numbers: an edited version keeps them exactly.
        var custom = RuleSet.default
        custom.version = 2
        custom.potensi.indicators[0].weight = Weight(decimal: "0.6667")!
        custom.potensi.cutOffs[.menengah] = Score(decimal: "67.99")!
        let customText = try Self.json(custom)
        #expect(customText.contains(#""weight":66.67"#) && customText.contains(#""MENENGAH":67.99"#))
        let customDecoded = try JSONDecoder().decode(RuleSet.self, from: Data(customText.utf8))
        #expect(customDecoded == custom)
        #expect(customDecoded.id == "permenpanrb-3-2020/default@2")
    }

    @Test("Tests/Fixtures/rule-sets holds both documents exactly as `talenta rules show` prints them")
    func fixtureFiles() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for (rules, file) in [(RuleSet.default, "permenpanrb-3-2020-default@1.json"),
                              (RuleSet.bkn411Preset, "bkn-411-2025-preset@1.json")] {
            let text = try String(contentsOf: GoldenFixture.fixtures.appendingPathComponent("rule-sets/\(file)"),
                                  encoding: .utf8)
            #expect(text == String(decoding: try encoder.encode(rules), as: UTF8.self) + "\n", "\(file)")
            #expect(try JSONDecoder().decode(RuleSet.self, from: Data(text.utf8)) == rules, "\(file)")
        }
    }

    @Test("a measure is an object with one key, its kind; anything else is refused")
    func measureJSON() throws {
        let award = try JSONDecoder().decode(Measure.self, from: Data(#"{"AWARD": {"windowYears": 5, "points": {"KOTA": 25, "PROVINSI": 50, "NASIONAL": 75, "INTERNASIONAL": 100}}}"#.utf8))
        guard case let .award(p) = award else {
            Issue.record("not an award measure")
            return
        }
        #expect(p.points[.internasional] == Score(100) && p.windowYears == 5)
        for bad in [#"{}"#, #"{"AWARD": {"windowYears": 5, "points": {}}, "TENURE": {"bands": [], "otherPoints": 60}}"#,
                    #"{"LOTTERY": {}}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Measure.self, from: Data(bad.utf8)) }
        }
    }

    @Test("validate names each problem by its JSON path")
    func validation() {
        var broken = RuleSet.default
        broken.levels[.administrator] = nil
        broken.targetLevels.removeAll { $0.jenjang == .ahliMuda }
        broken.pool.disciplineWindowYears = 0
        broken.kinerja.indicators[1].weight = Weight(percent: 30)
        broken.kinerja.cutOffs[.atas] = Score(60)
        broken.potensi.indicators[2].indicator = "ASESMEN"
        if case var .composite(rj) = broken.potensi.indicators[1].measure {
            rj.parts[0].whenNone = nil
            if case var .yearlyTraining(jp) = rj.parts[4].measure {
                jp.pointsByYearsMet = [Score(30)]
                rj.parts[4].measure = .yearlyTraining(jp)
            }
            if case var .tenure(tenure) = rj.parts[2].measure {
                tenure.bands.swapAt(0, 1)
                rj.parts[2].measure = .tenure(tenure)
            }
            broken.potensi.indicators[1].measure = .composite(rj)
        }
        broken.potensi.weighting.cases.removeLast()
        let messages = broken.validate().map(\.message)
        #expect(messages.contains { $0.contains("levels: has no row for ADMINISTRATOR") })
        #expect(messages.contains { $0.contains("targetLevels: has no row for FUNGSIONAL AHLI_MUDA") })
        #expect(messages.contains { $0.contains("pool.disciplineWindowYears: 0 is below 1 year") })
        #expect(messages.contains { $0.contains("kinerja.indicators: weights sum to 90, not 100") })
        #expect(messages.contains { $0.contains("kinerja.cutOffs: ATAS 60.00 must be above SESUAI 70.00") })
        #expect(messages.contains { $0.contains("potensi.indicators[2].indicator: ASESMEN is repeated") })
        #expect(messages.contains { $0.contains("potensi.indicators[1].measure.COMPOSITE.parts[0].whenNone: is missing") })
        #expect(messages.contains {
            $0.contains("parts[4].measure.YEARLY_TRAINING.pointsByYearsMet: needs yearsChecked + 1 entries")
        })
        #expect(messages.contains { $0.contains("parts[2].measure.TENURE.bands[1]: minimum 4 is not below the band before it") })
        #expect(messages.allSatisfy { $0.hasPrefix("rule set permenpanrb-3-2020/default@1: ") })
        // Renaming PERTIMBANGAN_LAINNYA to ASESMEN also breaks the re-weighting cases that name them.
        #expect(messages.contains { $0.contains("potensi.weighting.cases[1].weights.PERTIMBANGAN_LAINNYA: is not an indicator of the axis") })
        #expect(messages.contains { $0.contains("potensi.weighting.cases: no case for the indicators with a value: REKAM_JEJAK") })
        #expect(messages.count == 12, "\(messages.joined(separator: "\n"))")
    }

    @Test("validate: weights, cases, ladders, whenNone, caps and overrides")
    func validationOfAxes() {
        func problems(_ change: (inout RuleSet) -> Void) -> [String] {
            var rules = RuleSet.bkn411Preset
            change(&rules)
            return rules.validate().map { "\($0.path): \($0.problem)" }
        }
        #expect(Self.has(problems { $0.kinerja.indicators[0].weight = Weight(tenThousandths: 6050) }, "kinerja.indicators[0].weight: 60.5 is not a whole percent ≥ 0"))
        #expect(Self.has(problems { $0.kinerja.indicators[1].whenNone?.score = nil }, "kinerja.indicators[1].whenNone.score: is needed: without a row PENGHARGAAN must still score"))
        #expect(Self.has(problems { $0.potensi.indicators[5].best = Score(40) }, "potensi.indicators[5].best: 40.00 is below whenNone.score 50.00"))
        #expect(Self.has(problems { $0.kinerja.indicators[0].indicator = "skp" }, "kinerja.indicators[0].indicator: 'skp' must be capital letters, digits and _"))
        #expect(Self.has(problems { $0.kinerja.notPlacedWithout = "PENGHARGAAN" }, "kinerja.notPlacedWithout: PENGHARGAAN always has a value"))
        #expect(Self.has(problems { $0.potensi.notPlacedWithout = "DISIPLIN" }, "potensi.notPlacedWithout: only KINERJA may leave an employee not placed (NO_KINERJA)"))
        #expect(Self.has(problems { $0.kinerja.overrides = [LevelOverride(indicator: "PENGHARGAAN", predicates: [.kurang], level: .bawah)] }, "kinerja.overrides[0].indicator: PENGHARGAAN is not an SKP_YEAR indicator of the axis"))
        #expect(Self.has(problems { $0.potensi.caps = [LevelCap(without: "NOTHING", atMost: .menengah)] }, "potensi.caps[0].without: NOTHING is not an indicator of the axis that can find nothing"))
        let reweighted = problems { $0.kinerja.weighting = .reweighted([]) }
        #expect(reweighted.isEmpty, "every preset indicator scores without a row: no case is needed")
        #expect(Self.has(problems { $0.kinerja.weighting.cases = [WeightCase(name: "X", weights: ["SKP": Weight(percent: 100)])] }, "kinerja.weighting.cases: FIXED weights take no cases"))
        #expect(problems { rules in
            guard case var .award(award) = rules.kinerja.indicators[1].measure else { return }
            award.points[.internasional] = nil
            award.points[.kota] = Score(120)
            rules.kinerja.indicators[1].measure = .award(award)
        }.sorted() == ["kinerja.indicators[1].measure.AWARD.points.KOTA: 120.00 is outside 0–100",
                       "kinerja.indicators[1].measure.AWARD.points: has no INTERNASIONAL"])
        #expect(problems { rules in
            guard case var .skpYear(skp) = rules.kinerja.indicators[0].measure else { return }
            skp.legacyBands.append(LegacyBand(minimum: Score(10), predicate: .baik))
            skp.rank = 5
            rules.kinerja.indicators[0].measure = .skpYear(skp)
        }.sorted() == ["kinerja.indicators[0].measure.SKP_YEAR.legacyBands: a predicate is repeated",
                       "kinerja.indicators[0].measure.SKP_YEAR.legacyBands[5]: minimum 10.00 is not below the band before it",
                       "kinerja.indicators[0].measure.SKP_YEAR.rank: 5 is not 1 … windowYears"])
        #expect(problems { rules in
            guard case var .composite(experience) = rules.potensi.indicators[2].measure else { return }
            experience.parts[0].weight = Weight(percent: 50)
            rules.potensi.indicators[2].measure = .composite(experience)
        } == ["potensi.indicators[2].measure.COMPOSITE.parts: weights sum to 110, not 100"])
        #expect(problems { rules in
            guard case var .educationLevel(education) = rules.potensi.indicators[4].measure else { return }
            education.points[.d4] = Score(75)
            rules.potensi.indicators[4].measure = .educationLevel(education)
        } == ["potensi.indicators[4].measure.EDUCATION_LEVEL.points: D4 and S1 are equal everywhere (75.00 ≠ 80.00)"])
        var defaults = RuleSet.default
        defaults.potensi.weighting.cases.removeAll { $0.name == "RJ_L" }
        #expect(defaults.validate().map(\.problem)
                == ["no case for the indicators with a value: PERTIMBANGAN_LAINNYA, REKAM_JEJAK"])
        defaults = .default
        defaults.potensi.weighting.cases[0].weights["REKAM_JEJAK"] = Weight(percent: 30)
        #expect(defaults.validate().map(\.message)
                == ["rule set permenpanrb-3-2020/default@1: potensi.weighting.cases[0].weights: sum to 97, not 100"])
    }

    static func has(_ problems: [String], _ problem: String) -> Bool { problems.contains(problem) }

    @Test("the rules read the rule set: changing a parameter changes the golden results")
    func parametersCount() throws {
        var rules = RuleSet.default
        rules.version = 99
        rules.kinerja.cutOffs[.sesuai] = Score(80)
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

@Suite("Fingerprint and explanation", .ownThread)
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
        #expect(e.formatVersion == Explanation.version)
        #expect(e.position.targetLevel == .pengawas)
        #expect(e.kinerja.indicators.map(\.indicator) == ["SKP_LATEST", "SKP_PREVIOUS"])
        #expect(e.kinerja.indicators.map(\.weight) == [Weight(percent: 60), Weight(percent: 40)])
        #expect(e.kinerja.indicators.flatMap(\.evidence) == [
            .performance(year: 2025, predicate: .baik, legacyScore: nil, rowsForYear: 1),
            .performance(year: 2024, predicate: .baik, legacyScore: nil, rowsForYear: 1),
        ])
        #expect(e.kinerja.score == Score(80))
        #expect((e.kinerja.highMinimum, e.kinerja.middleMinimum) == (Score(90), Score(70)))
        #expect(placement.indicator("ASESMEN")?.score == Score(90))
        #expect(e.potensi.weightCase == "A_RJ")
        let rekamJejak = try #require(placement.indicator("REKAM_JEJAK"))
        #expect(rekamJejak.parts.count == 7)
        let award = try #require(placement.part("PENGHARGAAN", of: "REKAM_JEJAK"))
        #expect(award.score == Score(60) && award.weight == Weight(percent: 10) && award.state == .present)
        #expect(award.evidence == [.award(on: Sample.date("2024-01-01"), level: .kota)])
        #expect(award.window == .dates(after: Sample.date("2021-03-31"), through: Sample.d))
        #expect(rekamJejak.score?.description == "78.00")
        #expect(e.candidate == CandidateEvidence(highestEducation: .s1, bestLeadership: nil))
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
        #expect(placement.explanation.leftOut[1].detail == "year 2026 is not before the review year 2026")
        #expect(placement.explanation.leftOut.first?.line == 7)
    }
}
