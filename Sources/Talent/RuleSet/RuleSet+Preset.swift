extension RuleSet {
    /// The provenance every user must see beside the BKN 411/2025 preset.
    public static let bkn411Provenance =
        "reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran"

    /// `bkn-411-2025/preset@1`: the BKN 411/2025 method (DOMAIN.md §12) [411, reconstructed], **reconstructed from
    /// public implementations of Keputusan Kepala BKN 411/2025 and not checked against its Lampiran** (see
    /// `provenance`).
    ///
    /// KINERJA: SKP 60 (the latest year only), PENGHARGAAN 15, PENUGASAN_TIM 15, UMPAN_BALIK_360 10. POTENSI:
    /// ASESMEN_KOMPETENSI 20, PENGEMBANGAN_KOMPETENSI 10, PENGALAMAN_JABATAN 10, ASESMEN_POTENSI 25, PENDIDIKAN 10,
    /// KESESUAIAN_BIDANG 10, DISIPLIN 15. Fixed weights: missing data scores 0 with its flag (KESESUAIAN_BIDANG 50),
    /// no re-weighting, no cap, no override; ≥ 80 high and ≥ 60 middle on both axes. Not placed without an SKP year
    /// (NO_KINERJA) [default: the protection rule of §4.5, kept]. Target levels, requirements, pool and succession
    /// as the default (§12.1).
    public static let bkn411Preset = RuleSet(
        name: "bkn-411-2025/preset",
        version: 1,
        provenance: bkn411Provenance,
        assessedStates: [.aktif, .diberhentikanSementara, .cltn],
        targetLevels: standardTargetLevels,
        levels: standardLevels,
        kinerja: Axis(
            indicators: [
                IndicatorRule(indicator: "SKP", weight: Weight(percent: 60),
                              measure: .skpYear(.init(rank: 1, windowYears: 4, points: skpPoints,
                                                      legacyBands: legacyBands)),
                              whenNone: WhenNone(state: .missing)),
                IndicatorRule(indicator: "PENGHARGAAN", weight: Weight(percent: 15),
                              measure: .award(.init(windowYears: 5, points: [
                                  .internasional: Score(100), .nasional: Score(75), .provinsi: Score(50),
                                  .kota: Score(25),
                              ])),
                              whenNone: WhenNone(score: .zero, state: .noRecord)),
                IndicatorRule(indicator: "PENUGASAN_TIM", weight: Weight(percent: 15),
                              measure: .teamDecree(.init(windowYears: 2, points: [
                                  .ketua: [.lintasInstansi: Score(100), .instansi: Score(75)],
                                  .anggota: [.lintasInstansi: Score(50), .instansi: Score(25)],
                              ])),
                              whenNone: WhenNone(score: .zero, state: .noRecord)),
                IndicatorRule(indicator: "UMPAN_BALIK_360", weight: Weight(percent: 10),
                              measure: .feedback360(.init(windowYears: 2, points: skpPoints)),
                              whenNone: WhenNone(score: .zero, state: .missing, flag: .tanpaUmpanBalik360)),
            ],
            weighting: .fixed,
            cutOffs: [.atas: Score(80), .sesuai: Score(60)],
            notPlacedWithout: "SKP"),
        potensi: Axis(
            indicators: [
                IndicatorRule(indicator: "ASESMEN_KOMPETENSI", weight: Weight(percent: 20),
                              measure: .competencyAssessment(.init(windowYears: 3, weights: [
                                  .integritas: 2, .kerjaSama: 2, .komunikasi: 2, .orientasiHasil: 2,
                                  .pelayananPublik: 3, .pengembanganDiri: 2, .mengelolaPerubahan: 3,
                                  .pengambilanKeputusan: 2, .perekatBangsa: 2,
                              ])),
                              whenNone: WhenNone(score: .zero, state: .missing, flag: .tanpaAsesmen)),
                IndicatorRule(indicator: "PENGEMBANGAN_KOMPETENSI", weight: Weight(percent: 10),
                              measure: .composite(.init(parts: [
                                  IndicatorRule(indicator: "KURSUS", weight: Weight(percent: 50),
                                                measure: .trainingCount(.init(
                                                    counted: [.init(kinds: programmeKinds, except: true, windowYears: 3)],
                                                    bands: [.init(minimum: 8, points: Score(100)),
                                                            .init(minimum: 6, points: Score(75)),
                                                            .init(minimum: 4, points: Score(50)),
                                                            .init(minimum: 1, points: Score(25))],
                                                    otherPoints: .zero)),
                                                whenNone: WhenNone(score: .zero, state: .noRecord)),
                                  IndicatorRule(indicator: "PROGRAM", weight: Weight(percent: 50),
                                                measure: .trainingCount(.init(
                                                    counted: [.init(kinds: leadershipKinds, windowYears: nil),
                                                              .init(kinds: ["SERTIFIKASI", "DIKLAT_FUNGSIONAL"],
                                                                    windowYears: 3)],
                                                    bands: [.init(minimum: 3, points: Score(100)),
                                                            .init(minimum: 1, points: Score(50))],
                                                    otherPoints: .zero)),
                                                whenNone: WhenNone(score: .zero, state: .noRecord)),
                              ]))),
                IndicatorRule(indicator: "PENGALAMAN_JABATAN", weight: Weight(percent: 10),
                              measure: .composite(.init(parts: [
                                  IndicatorRule(indicator: "MASA_JABATAN", weight: Weight(percent: 40),
                                                measure: .tenure(.init(bands: [
                                                    YearsBand(minimumYears: 5, points: Score(100)),
                                                    YearsBand(minimumYears: 3, points: Score(80)),
                                                ], otherPoints: Score(60)))),
                                  IndicatorRule(indicator: "VARIASI_JABATAN", weight: Weight(percent: 30),
                                                measure: .postVariety(.init(otherAgency: Score(100),
                                                                            severalUnits: Score(80), minimumUnits: 2,
                                                                            oneUnit: Score(60)))),
                                  IndicatorRule(indicator: "PJ_PLT_PLH", weight: Weight(percent: 30),
                                                measure: .acting(.init(points: [
                                                    .init(kind: .pj, points: Score(100)),
                                                    .init(kind: .plt, level: .atas, points: Score(80)),
                                                    .init(kind: .plt, level: .setara, points: Score(60)),
                                                    .init(kind: .plh, level: .atas, points: Score(40)),
                                                    .init(kind: .plh, level: .setara, points: Score(20)),
                                                ])),
                                                whenNone: WhenNone(score: .zero, state: .noRecord)),
                              ]))),
                IndicatorRule(indicator: "ASESMEN_POTENSI", weight: Weight(percent: 25),
                              measure: .potentialAssessment(.init(windowYears: 3, weights: [
                                  .kemampuanIntelektual: 3, .kemampuanInterpersonal: 3, .kesadaranDiri: 3,
                                  .berpikirKritisStrategis: 3, .menyelesaikanMasalah: 3, .kecerdasanEmosional: 3,
                                  .belajarCepat: 4, .motivasiKomitmen: 3,
                              ], topLevel: 5)),
                              whenNone: WhenNone(score: .zero, state: .missing, flag: .tanpaAsesmenPotensi)),
                IndicatorRule(indicator: "PENDIDIKAN", weight: Weight(percent: 10),
                              measure: .educationLevel(.init(points: [.s3: Score(100), .s2: Score(90), .s1: Score(80),
                                                                      .d4: Score(80), .d3: Score(70)],
                                                             otherPoints: Score(60))),
                              whenNone: WhenNone(score: .zero, state: .missing, flag: .tanpaPendidikan)),
                IndicatorRule(indicator: "KESESUAIAN_BIDANG", weight: Weight(percent: 10),
                              measure: .fieldFit(.init(fits: Score(100), doesNotFit: Score(50))),
                              whenNone: WhenNone(score: Score(50), state: .missing, flag: .bidangIlmuBelumDinilai)),
                IndicatorRule(indicator: "DISIPLIN", weight: Weight(percent: 15),
                              measure: .discipline(.init(windowYears: 5, windowBasis: .end,
                                                         points: [.ringan: Score(75), .sedang: Score(50),
                                                                  .berat: Score(25)],
                                                         running: .init(levels: [.ringan, .sedang, .berat],
                                                                        points: .zero))),
                              whenNone: WhenNone(score: Score(100), state: .present)),
            ],
            weighting: .fixed,
            cutOffs: [.tinggi: Score(80), .menengah: Score(60)]),
        penalties: standardPenalties,
        pool: standardPool,
        succession: standardSuccession)

    /// The eight leadership kinds of DOMAIN.md §3, as training.csv spells them.
    static let leadershipKinds = LeadershipTraining.allCases.map(\.rawValue)

    /// The programme kinds of §12.5: leadership training, SERTIFIKASI and DIKLAT_FUNGSIONAL; every other kind is a
    /// course.
    static let programmeKinds = leadershipKinds + ["SERTIFIKASI", "DIKLAT_FUNGSIONAL"]
}
