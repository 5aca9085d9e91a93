extension RuleSet {
    /// `permenpanrb-3-2020/default@1`: the project's default rule set, every number as DOMAIN.md §3–§8 gives it.
    public static let `default` = RuleSet(
        name: "permenpanrb-3-2020/default",
        version: 1,
        assessedStates: [.aktif, .diberhentikanSementara, .cltn],
        targetLevels: [
            TargetLevelRule(kind: .pelaksana, target: .pengawas),
            TargetLevelRule(kind: .fungsional, jenjang: .pemula, target: .pengawas),
            TargetLevelRule(kind: .fungsional, jenjang: .terampil, target: .pengawas),
            TargetLevelRule(kind: .fungsional, jenjang: .mahir, target: .pengawas),
            TargetLevelRule(kind: .fungsional, jenjang: .penyelia, target: .pengawas),
            TargetLevelRule(kind: .fungsional, jenjang: .ahliPertama, target: .pengawas),
            TargetLevelRule(kind: .pengawas, target: .administrator),
            TargetLevelRule(kind: .fungsional, jenjang: .ahliMuda, target: .administrator),
            TargetLevelRule(kind: .administrator, target: .jptPratama),
            TargetLevelRule(kind: .jptPratama, target: .jptPratama),
            TargetLevelRule(kind: .fungsional, jenjang: .ahliMadya, target: .jptPratama),
            TargetLevelRule(kind: .fungsional, jenjang: .ahliUtama, target: .jptPratama),
        ],
        levels: [
            .pengawas: LevelRequirement(
                competencyStandard: 2, minimumGolongan: Golongan(pns: "III/b")!, minimumEducation: .d3,
                yearsAtLevel: 4, leadershipTraining: .pkp, retirementAge: 58, minimumYearsToRetirement: 2,
                maximumAge: nil),
            .administrator: LevelRequirement(
                competencyStandard: 3, minimumGolongan: Golongan(pns: "III/d")!, minimumEducation: .s1,
                yearsAtLevel: 3, leadershipTraining: .pka, retirementAge: 58, minimumYearsToRetirement: 3,
                maximumAge: nil),
            .jptPratama: LevelRequirement(
                competencyStandard: 4, minimumGolongan: Golongan(pns: "IV/b")!, minimumEducation: .s1,
                yearsAtLevel: 2, leadershipTraining: .pknII, retirementAge: 60, minimumYearsToRetirement: 4,
                maximumAge: 56),
        ],
        kinerja: KinerjaRules(
            lookBackYears: 4,
            predicatePoints: [
                .sangatBaik: Score(100), .baik: Score(80), .butuhPerbaikan: Score(60),
                .kurang: Score(40), .sangatKurang: Score(20),
            ],
            legacyBands: [
                LegacyBand(minimum: Score(91), predicate: .sangatBaik),
                LegacyBand(minimum: Score(76), predicate: .baik),
                LegacyBand(minimum: Score(61), predicate: .butuhPerbaikan),
                LegacyBand(minimum: Score(51), predicate: .kurang),
                LegacyBand(minimum: Score(0), predicate: .sangatKurang),
            ],
            latestWeight: Weight(percent: 60),
            previousWeight: Weight(percent: 40),
            atasMinimum: Score(90),
            sesuaiMinimum: Score(70),
            bawahWhenLatestIs: [.kurang, .sangatKurang]),
        potensi: PotensiRules(
            assessmentWindowYears: 3,
            withAssessmentAndOther: PotensiWeights(
                assessment: Weight(percent: 60), rekamJejak: Weight(percent: 30), other: Weight(percent: 10)),
            withAssessmentOnly: PotensiWeights(
                assessment: Weight(percent: 67), rekamJejak: Weight(percent: 33), other: .zero),
            withOtherOnly: PotensiWeights(
                assessment: .zero, rekamJejak: Weight(percent: 75), other: Weight(percent: 25)),
            withNeither: PotensiWeights(assessment: .zero, rekamJejak: .one, other: .zero),
            tinggiMinimum: Score(80),
            menengahMinimum: Score(68),
            levelCapWithoutAssessment: .menengah,
            rekamJejak: RekamJejakRules(
                educationWeight: Weight(percent: 20),
                educationPoints: [.s3: Score(100), .s2: Score(90), .s1: Score(80), .d4: Score(80), .d3: Score(70)],
                educationOtherPoints: Score(60),
                golonganWeight: Weight(percent: 15),
                golonganPointsByStepsShort: [Score(100), Score(70)],
                golonganOtherPoints: Score(40),
                yearsAtLevelWeight: Weight(percent: 15),
                yearsAtLevelBands: [
                    YearsBand(minimumYears: 4, points: Score(100)),
                    YearsBand(minimumYears: 3, points: Score(85)),
                    YearsBand(minimumYears: 2, points: Score(70)),
                ],
                yearsAtLevelOtherPoints: Score(50),
                leadershipWeight: Weight(percent: 20),
                leadershipPointsByRungsShort: [Score(100), Score(60)],
                leadershipOtherPoints: Score(30),
                trainingWeight: Weight(percent: 10),
                trainingMinimumHours: Score(20),
                trainingYearsChecked: 2,
                trainingPointsByYearsMet: [Score(30), Score(60), Score(100)],
                awardWeight: Weight(percent: 10),
                awardWindowYears: 5,
                awardPoints: [.nasional: Score(100), .provinsi: Score(80), .kota: Score(60)],
                awardNonePoints: Score(40),
                penaltyWeight: Weight(percent: 10),
                penaltyWindowYears: 5,
                penaltyPoints: [.ringan: Score(75), .sedang: Score(50), .berat: Score(25)],
                penaltyNonePoints: Score(100),
                beratRunningPoints: Score(0))),
        penalties: PenaltyRules(defaultDurationMonths: [.ringan: 0, .sedang: 12, .berat: 12]),
        pool: PoolRules(
            boxes: [Box(number: 7)!, Box(number: 8)!, Box(number: 9)!],
            nationalBoxes: [Box(number: 9)!],
            eligibleStatuses: [.pns],
            eligibleStates: [.aktif],
            disciplineLevels: [.sedang, .berat],
            disciplineWindowYears: 2,
            runningPenaltyBlocks: true),
        succession: SuccessionRules(
            retirementHorizonYears: 2,
            nilaiKinerjaWeight: Weight(percent: 50),
            nilaiPotensiWeight: Weight(percent: 50),
            ownOPDFirstLevels: [.pengawas, .administrator],
            candidatesKept: 3,
            gapsIgnoredForReadiness: [.pelatihan],
            closableGolonganSteps: 1,
            closableYearsAtLevel: 2))
}

/// A problem that makes a rule set unusable.
public struct RuleSetProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the parameter.
    public let message: String

    public var description: String { message }
}

extension RuleSet {
    /// Checks that the rules can run on every input: a requirement row per level, a target level for every position
    /// kind (and jenjang), points for every predicate and penalty level, non-empty band tables, weights ≥ 0 and
    /// windows ≥ 1.
    /// - Returns: every problem found, empty when the rule set is usable.
    public func validate() -> [RuleSetProblem] {
        var problems: [String] = []
        if name.isEmpty { problems.append("name is empty") }
        if version < 1 { problems.append("version \(version) is below 1") }
        for level in StructuralLevel.allCases {
            guard let requirement = levels[level] else {
                problems.append("levels has no row for \(level.rawValue)")
                continue
            }
            if !(1...5).contains(requirement.competencyStandard) {
                problems.append("levels.\(level.rawValue).competencyStandard must be 1 … 5")
            }
        }
        for kind in PositionKind.allCases {
            let jenjangs: [Jenjang?] = kind == .fungsional ? Jenjang.allCases.map { $0 } : [nil]
            for jenjang in jenjangs where targetLevel(kind: kind, jenjang: jenjang) == nil {
                problems.append("targetLevels has no row for \(kind.rawValue) \(jenjang?.rawValue ?? "")")
            }
        }
        for predicate in PerformancePredicate.allCases where kinerja.predicatePoints[predicate] == nil {
            problems.append("kinerja.predicatePoints has no \(predicate.rawValue)")
        }
        if kinerja.legacyBands.isEmpty { problems.append("kinerja.legacyBands is empty") }
        for level in PenaltyLevel.allCases {
            if potensi.rekamJejak.penaltyPoints[level] == nil {
                problems.append("potensi.rekamJejak.penaltyPoints has no \(level.rawValue)")
            }
            if penalties.defaultDurationMonths[level] == nil {
                problems.append("penalties.defaultDurationMonths has no \(level.rawValue)")
            }
        }
        let rj = potensi.rekamJejak
        if rj.golonganPointsByStepsShort.isEmpty { problems.append("golonganPointsByStepsShort is empty") }
        if rj.leadershipPointsByRungsShort.isEmpty { problems.append("leadershipPointsByRungsShort is empty") }
        if rj.trainingPointsByYearsMet.count != rj.trainingYearsChecked + 1 {
            problems.append("trainingPointsByYearsMet needs trainingYearsChecked + 1 entries")
        }
        let weights = [kinerja.latestWeight, kinerja.previousWeight, rj.educationWeight, rj.golonganWeight,
                       rj.yearsAtLevelWeight, rj.leadershipWeight, rj.trainingWeight, rj.awardWeight, rj.penaltyWeight,
                       succession.nilaiKinerjaWeight, succession.nilaiPotensiWeight]
            + [potensi.withAssessmentAndOther, potensi.withAssessmentOnly, potensi.withOtherOnly, potensi.withNeither]
            .flatMap { [$0.assessment, $0.rekamJejak, $0.other] }
        if weights.contains(where: { $0 < .zero }) { problems.append("a weight is negative") }
        let windows = [kinerja.lookBackYears, potensi.assessmentWindowYears, rj.awardWindowYears,
                       rj.penaltyWindowYears, pool.disciplineWindowYears]
        if windows.contains(where: { $0 < 1 }) { problems.append("a look-back window is below 1 year") }
        if succession.candidatesKept < 1 { problems.append("succession.candidatesKept is below 1") }
        return problems.map { RuleSetProblem(message: "rule set \(id): \($0)") }
    }
}
