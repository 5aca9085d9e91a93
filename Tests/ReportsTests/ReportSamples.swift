import Reports

/// Filled models for the HTML tests and for the screenshots of scripts/html-screenshot.sh: one OPD's completeness
/// under the BKN 411/2025 preset (11 indicators, DOMAIN.md §12.2) and one employee's profile. Synthetic figures.
enum ReportSamples {
    static let presetNote = "BKN 411/2025 preset, reconstructed from public implementations, not from the Lampiran"

    /// (axis, indicator, label, weight, present, missing, no record) for 312 employees of one OPD.
    static let rows: [(String, String, String, Double, Int, Int, Int)] = [
        ("KINERJA", "SKP", "the annual SKP predicate", 60, 297, 15, 0),
        ("KINERJA", "PENGHARGAAN", "awards of the last 5 years", 15, 41, 0, 271),
        ("KINERJA", "PENUGASAN_TIM", "team assignments by decree, last 2 years", 15, 88, 0, 224),
        ("KINERJA", "UMPAN_BALIK_360", "360° feedback of the last 2 years", 10, 120, 192, 0),
        ("POTENSI", "ASESMEN_KOMPETENSI", "managerial and socio-cultural competencies", 20, 66, 246, 0),
        ("POTENSI", "PENGEMBANGAN_KOMPETENSI", "courses and programmes", 10, 250, 0, 62),
        ("POTENSI", "PENGALAMAN_JABATAN", "tenure, variety of posts, acting assignments", 10, 312, 0, 0),
        ("POTENSI", "ASESMEN_POTENSI", "the eight potential aspects", 25, 112, 200, 0),
        ("POTENSI", "PENDIDIKAN", "level of formal education", 10, 305, 7, 0),
        ("POTENSI", "KESESUAIAN_BIDANG", "field of study against the target position", 10, 140, 172, 0),
        ("POTENSI", "DISIPLIN", "disciplinary record", 15, 312, 0, 0),
    ]

    static var completeness: CompletenessPage {
        let indicators = rows.map {
            CompletenessPage.Indicator(axis: $0.0, indicator: $0.1, label: $0.2, present: $0.4, missing: $0.5,
                                       noRecord: $0.6, pointsAtStake: $0.3)
        }
        let ranked = indicators.filter { $0.missing > 0 }
            .map { ($0, $0.pointsAtStake * Double($0.missing)) }
            .sorted { $0.1 > $1.1 }
        return CompletenessPage(
            year: 2026, opdCode: "BPKAD", title: "Badan Pengelola Keuangan dan Aset Daerah",
            ruleSet: "bkn-411-2025/preset@1", ruleSetNote: presetNote, employees: 312, fullyComplete: 23,
            indicators: indicators,
            collectFirst: ranked.map { row, priority in
                CompletenessPage.Priority(axis: row.axis, indicator: row.indicator, employees: row.missing,
                                          pointsAtStake: row.pointsAtStake, priority: priority,
                                          action: "Collect \(row.label) for the employees on the OPD's chase list.")
            })
    }

    static var profile: EmployeeProfile {
        typealias Row = EmployeeProfile.Indicator
        let window3 = "2023-04-01 … 2026-03-31"
        return EmployeeProfile(
            year: 2026, referenceDate: "2026-03-31", nip: "198501012010031001", name: "Siti Contoh, S.E.",
            position: "Kepala Subbagian Keuangan (BPKAD-012)", opd: "Badan Pengelola Keuangan dan Aset Daerah (BPKAD)",
            box: 5,
            axes: [
                EmployeeProfile.Axis(name: "KINERJA", label: "Kinerja (performance)", score: "63.00", level: "SESUAI",
                                     indicators: [
                    Row(name: "SKP", label: "the annual SKP predicate", score: "80.00", weight: 60, weighted: "48.0000",
                        state: "PRESENT", window: "2022 … 2025, the latest year",
                        evidence: ["performance.csv line 14: 2025, BAIK (80)", "performance.csv line 13: 2024, BAIK (not counted: not the latest)"]),
                    Row(name: "PENGHARGAAN", label: "awards", score: "75.00", weight: 15, weighted: "11.2500",
                        state: "PRESENT", window: "2021-04-01 … 2026-03-31",
                        evidence: ["awards.csv line 3: 2024-08-17, Satyalancana Karya Satya, NASIONAL (75)"]),
                    Row(name: "PENUGASAN_TIM", label: "team assignments by decree", score: "25.00", weight: 15,
                        weighted: "3.7500", state: "PRESENT", window: "2024-04-01 … 2026-03-31",
                        evidence: ["team_assignments.csv line 2: 2025-02-10, ANGGOTA, INSTANSI (25)"]),
                    Row(name: "UMPAN_BALIK_360", label: "360° feedback", score: "0.00", weight: 10, weighted: "0.0000",
                        state: "MISSING", window: "2024 … 2025", pointsAtStake: 10),
                ]),
                EmployeeProfile.Axis(name: "POTENSI", label: "Potensi (potential)", score: "60.45", level: "MENENGAH",
                                     indicators: [
                    Row(name: "ASESMEN_KOMPETENSI", label: "managerial and socio-cultural competencies", score: "100.00",
                        weight: 20, weighted: "20.0000", state: "PRESENT", window: window3,
                        evidence: ["assessments.csv line 7: 2024-05-20, ASSESSMENT_CENTER, 9 levels, all at or above standard 3"]),
                    Row(name: "PENGEMBANGAN_KOMPETENSI", label: "courses and programmes", score: "62.50", weight: 10,
                        weighted: "6.2500", state: "PRESENT", window: window3,
                        evidence: ["training.csv lines 21-26: 6 courses (75)", "training.csv line 18: PKP, 2019 (programmes 50)"]),
                    Row(name: "PENGALAMAN_JABATAN", label: "tenure, variety of posts, acting", score: "62.00", weight: 10,
                        weighted: "6.2000", state: "PRESENT",
                        evidence: ["employees.csv: in position since 2022-01-03, 4 full years (80)",
                                   "position_history.csv lines 4, 5: 2 units (80)", "acting_assignments.csv line 3: PLH, SETARA, 2023 (20)"]),
                    Row(name: "ASESMEN_POTENSI", label: "the eight potential aspects", score: "0.00", weight: 25,
                        weighted: "0.0000", state: "MISSING", window: window3, pointsAtStake: 25),
                    Row(name: "PENDIDIKAN", label: "level of formal education", score: "80.00", weight: 10,
                        weighted: "8.0000", state: "PRESENT", evidence: ["education.csv line 9: S1, 2008-09-01"]),
                    Row(name: "KESESUAIAN_BIDANG", label: "field of study against the target position", score: "50.00",
                        weight: 10, weighted: "5.0000", state: "MISSING",
                        evidence: ["education.csv line 9: field_fit empty"], pointsAtStake: 5),
                    Row(name: "DISIPLIN", label: "disciplinary record", score: "100.00", weight: 15, weighted: "15.0000",
                        state: "PRESENT", window: "2021-04-01 … 2026-03-31", evidence: ["penalties.csv: none"]),
                ]),
            ],
            recommendations: ["PENEMPATAN_SESUAI: stays in a post of the same level",
                              "BIMBINGAN_KINERJA: performance coaching", "PENGEMBANGAN_KOMPETENSI: competency development"],
            flags: [
                EmployeeProfile.Flag(code: "BIDANG_ILMU_BELUM_DINILAI",
                                     words: "The agency has not yet judged whether the field of study fits the target position: it counts 50."),
                EmployeeProfile.Flag(code: "TANPA_ASESMEN_POTENSI",
                                     words: "No potential assessment in the last 3 years: it counts 0."),
                EmployeeProfile.Flag(code: "TANPA_UMPAN_BALIK_360", words: "No 360° feedback for 2024 or 2025: it counts 0."),
            ],
            ruleSet: "bkn-411-2025/preset@1", ruleSetNote: presetNote,
            fingerprint: "9f2c4e1d7a3b58c06e2f1a9d4b7c3e8f0a6d2b5c9e1f4a7d3b8c6e0f2a5d9b1c")
    }
}
