/// DOMAIN.md §2 employment status, as written in `employees.csv`.
enum EmploymentStatus: String, Sendable {
    case pns = "PNS", cpns = "CPNS", pppk = "PPPK", pppkParuhWaktu = "PPPK_PARUH_WAKTU"

    /// PNS and CPNS write golongan I/a … IV/e; PPPK a grade I … XVII (DOMAIN.md §3).
    var usesRoman: Bool { self == .pppk || self == .pppkParuhWaktu }
}

/// DOMAIN.md §2 employment state.
enum EmploymentState: String, Sendable {
    case aktif = "AKTIF", cltn = "CLTN", suspended = "DIBERHENTIKAN_SEMENTARA", pensiun = "PENSIUN", berhenti = "BERHENTI"
}

/// Golongan notation by ordinal 1 … 17 (DOMAIN.md §3).
enum Golongan {
    private static let pns = ["I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
                              "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"]
    private static let pppk = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
                               "XVI", "XVII"]

    /// The notation of ordinal `ordinal` (1 … 17) for a status.
    static func notation(_ ordinal: Int, for status: EmploymentStatus) -> String {
        (status.usesRoman ? pppk : pns)[ordinal - 1]
    }

    /// The ordinal a new PNS/CPNS starts at, or the PPPK grade, for an education level (PP 11/2017; PermenPANRB 72/2020).
    static func entryOrdinal(for education: EducationLevel) -> Int {
        switch education {
        case .sma: 5
        case .d3: 7
        case .s1: 9
        case .s2, .s3: 10
        }
    }
}
