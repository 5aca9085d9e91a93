extension RuleSet {
    /// `permenpanrb-3-2020/default@1`: the project's default rule set, every number as DOMAIN.md §3–§8 gives it.
    ///
    /// KINERJA: SKP_LATEST 60 and SKP_PREVIOUS 40, re-weighted to SKP_LATEST 100 with one year (KINERJA_PARTIAL);
    /// not placed without a year (NO_KINERJA); ≥ 90 ATAS, ≥ 70 SESUAI; BAWAH when the latest is KURANG or
    /// SANGAT_KURANG. POTENSI: ASESMEN (A) 60, REKAM_JEJAK (RJ, seven parts) 30, PERTIMBANGAN_LAINNYA (L) 10,
    /// re-weighted without A or L (67/33, 75/25, 100); ≥ 80 TINGGI, ≥ 68 MENENGAH; at most MENENGAH without A
    /// (TANPA_ASESMEN).
    public static let `default` = RuleSet(
        name: "permenpanrb-3-2020/default",
        version: 1,
        assessedStates: [.aktif, .diberhentikanSementara, .cltn],
        targetLevels: standardTargetLevels,
        levels: standardLevels,
        kinerja: Axis(
            indicators: [
                IndicatorRule(indicator: "SKP_LATEST", weight: Weight(percent: 60),
                              measure: .skpYear(.init(rank: 1, windowYears: 4, points: skpPoints,
                                                      legacyBands: legacyBands)),
                              whenNone: WhenNone(state: .missing)),
                IndicatorRule(indicator: "SKP_PREVIOUS", weight: Weight(percent: 40),
                              measure: .skpYear(.init(rank: 2, windowYears: 4, points: skpPoints,
                                                      legacyBands: legacyBands)),
                              whenNone: WhenNone(state: .missing)),
            ],
            weighting: .reweighted([
                WeightCase(name: "ONE_YEAR", weights: ["SKP_LATEST": Weight(percent: 100)], flag: .kinerjaPartial),
            ]),
            cutOffs: [.atas: Score(90), .sesuai: Score(70)],
            overrides: [LevelOverride(indicator: "SKP_LATEST", predicates: [.kurang, .sangatKurang], level: .bawah)],
            notPlacedWithout: "SKP_LATEST"),
        potensi: Axis(
            indicators: [
                IndicatorRule(indicator: "ASESMEN", weight: Weight(percent: 60),
                              measure: .competencyAssessment(.init(windowYears: 3)),
                              whenNone: WhenNone(state: .missing, flag: .tanpaAsesmen)),
                IndicatorRule(indicator: "REKAM_JEJAK", weight: Weight(percent: 30),
                              measure: .composite(.init(parts: rekamJejakParts))),
                IndicatorRule(indicator: "PERTIMBANGAN_LAINNYA", weight: Weight(percent: 10),
                              measure: .committeeScore(.init()),
                              whenNone: WhenNone(state: .noRecord)),
            ],
            weighting: .reweighted([
                WeightCase(name: "A_RJ", weights: ["ASESMEN": Weight(percent: 67), "REKAM_JEJAK": Weight(percent: 33)]),
                WeightCase(name: "RJ_L", weights: ["REKAM_JEJAK": Weight(percent: 75),
                                                   "PERTIMBANGAN_LAINNYA": Weight(percent: 25)]),
                WeightCase(name: "RJ", weights: ["REKAM_JEJAK": Weight(percent: 100)]),
            ]),
            cutOffs: [.tinggi: Score(80), .menengah: Score(68)],
            caps: [LevelCap(without: "ASESMEN", atMost: .menengah)]),
        penalties: standardPenalties,
        pool: standardPool,
        succession: standardSuccession)

    /// RJ, rekam jejak (track record), DOMAIN.md §5 [practice]: seven parts.
    private static let rekamJejakParts: [IndicatorRule] = [
        IndicatorRule(indicator: "PENDIDIKAN", weight: Weight(percent: 20),
                      measure: .educationLevel(.init(points: [.s3: Score(100), .s2: Score(90), .s1: Score(80),
                                                              .d4: Score(80), .d3: Score(70)],
                                                     otherPoints: Score(60))),
                      whenNone: WhenNone(score: Score(60), state: .noRecord)),
        IndicatorRule(indicator: "GOLONGAN", weight: Weight(percent: 15),
                      measure: .golonganVsTarget(.init(pointsByStepsShort: [Score(100), Score(70)],
                                                       otherPoints: Score(40)))),
        IndicatorRule(indicator: "MASA_JABATAN", weight: Weight(percent: 15),
                      measure: .tenure(.init(bands: [YearsBand(minimumYears: 4, points: Score(100)),
                                                     YearsBand(minimumYears: 3, points: Score(85)),
                                                     YearsBand(minimumYears: 2, points: Score(70))],
                                             otherPoints: Score(50)))),
        IndicatorRule(indicator: "PELATIHAN_KEPEMIMPINAN", weight: Weight(percent: 20),
                      measure: .leadershipVsTarget(.init(pointsByRungsShort: [Score(100), Score(60)],
                                                         otherPoints: Score(30))),
                      whenNone: WhenNone(score: Score(30), state: .noRecord)),
        IndicatorRule(indicator: "JP_PELATIHAN", weight: Weight(percent: 10),
                      measure: .yearlyTraining(.init(minimumHours: Score(20), yearsChecked: 2,
                                                     pointsByYearsMet: [Score(30), Score(60), Score(100)]))),
        IndicatorRule(indicator: "PENGHARGAAN", weight: Weight(percent: 10),
                      measure: .award(.init(windowYears: 5, points: [.internasional: Score(100), .nasional: Score(100),
                                                                     .provinsi: Score(80), .kota: Score(60)])),
                      whenNone: WhenNone(score: Score(40), state: .noRecord)),
        IndicatorRule(indicator: "DISIPLIN", weight: Weight(percent: 10),
                      measure: .discipline(.init(windowYears: 5, windowBasis: .decided,
                                                 points: [.ringan: Score(75), .sedang: Score(50), .berat: Score(25)],
                                                 running: .init(levels: [.berat], points: .zero))),
                      whenNone: WhenNone(score: Score(100), state: .present)),
    ]

    /// SKP predicate points, DOMAIN.md §4 [practice] and §12.4 [411, reconstructed]: the same ladder.
    static let skpPoints: [PerformancePredicate: Score] = [
        .sangatBaik: Score(100), .baik: Score(80), .butuhPerbaikan: Score(60), .kurang: Score(40),
        .sangatKurang: Score(20),
    ]

    /// Legacy SKP score bands (PP 46/2011).
    static let legacyBands = [
        LegacyBand(minimum: Score(91), predicate: .sangatBaik),
        LegacyBand(minimum: Score(76), predicate: .baik),
        LegacyBand(minimum: Score(61), predicate: .butuhPerbaikan),
        LegacyBand(minimum: Score(51), predicate: .kurang),
        LegacyBand(minimum: Score(0), predicate: .sangatKurang),
    ]

    /// The target level of each position, DOMAIN.md §3 [practice]; the same under both built-in rule sets.
    static let standardTargetLevels = [
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
    ]

    /// The requirements per level, DOMAIN.md §3 [practice; BUP reg].
    static let standardLevels: [StructuralLevel: LevelRequirement] = [
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
    ]

    /// PP 94/2021 default durations [reg].
    static let standardPenalties = PenaltyRules(defaultDurationMonths: [.ringan: 0, .sedang: 12, .berat: 12])

    /// The pool screens of DOMAIN.md §7.
    static let standardPool = PoolRules(
        boxes: [Box(number: 7)!, Box(number: 8)!, Box(number: 9)!],
        nationalBoxes: [Box(number: 9)!],
        eligibleStatuses: [.pns],
        eligibleStates: [.aktif],
        disciplineLevels: [.sedang, .berat],
        disciplineWindowYears: 2,
        runningPenaltyBlocks: true)

    /// Targets and succession, DOMAIN.md §8.
    static let standardSuccession = SuccessionRules(
        retirementHorizonYears: 2,
        nilaiKinerjaWeight: Weight(percent: 50),
        nilaiPotensiWeight: Weight(percent: 50),
        ownOPDFirstLevels: [.pengawas, .administrator],
        candidatesKept: 3,
        gapsIgnoredForReadiness: [.pelatihan],
        closableGolonganSteps: 1,
        closableYearsAtLevel: 2)
}
