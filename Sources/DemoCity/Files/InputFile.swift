/// The DOMAIN.md §11 input files, in the section's order, with their exact headers.
public enum InputFile: String, CaseIterable, Sendable {
    case units, positions, employees, education, training, performance, assessments, awards, penalties, otherScores

    /// The file name inside the output folder, e.g. `other_scores.csv`.
    public var fileName: String {
        switch self {
        case .otherScores: "other_scores.csv"
        default: rawValue + ".csv"
        }
    }

    /// The header row, column by column, as DOMAIN.md §11 lists it.
    public var header: [String] {
        switch self {
        case .units: ["unit_code", "name", "parent_code"]
        case .positions: ["position_code", "unit_code", "title", "kind", "jenjang", "critical"]
        case .employees:
            ["nip", "name", "sex", "birth_date", "status", "state", "golongan", "golongan_since", "cpns_date",
             "position_code", "position_since"]
        case .education: ["nip", "level", "institution", "major", "graduated_on"]
        case .training: ["nip", "kind", "title", "ended_on", "hours"]
        case .performance: ["nip", "year", "predicate", "score"]
        case .assessments: ["nip", "assessed_on", "method", "jpm_percent"] + Competency.columns
        case .awards: ["nip", "level", "name", "awarded_on"]
        case .penalties: ["nip", "level", "decided_on", "ends_on"]
        case .otherScores: ["nip", "year", "score"]
        }
    }
}

/// The 9 competency columns of `assessments.csv` (PermenPANRB 38/2017): 8 managerial and 1 socio-cultural.
enum Competency {
    static let columns = [
        "integritas", "kerja_sama", "komunikasi", "orientasi_hasil", "pelayanan_publik", "pengembangan_diri",
        "mengelola_perubahan", "pengambilan_keputusan", "perekat_bangsa",
    ]
}
