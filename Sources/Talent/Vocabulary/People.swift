/// Employment status (DOMAIN.md §2): all four are assessed [reg: ASN means PNS and PPPK].
public enum EmployeeStatus: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// Pegawai Negeri Sipil, permanent civil servant.
    case pns = "PNS"
    /// Calon PNS, a civil servant on probation.
    case cpns = "CPNS"
    /// Pegawai Pemerintah dengan Perjanjian Kerja, contract civil servant.
    case pppk = "PPPK"
    /// Part-time PPPK.
    case pppkParuhWaktu = "PPPK_PARUH_WAKTU"

    /// PNS and CPNS carry a CPNS appointment date and write golongan `III/b`; PPPK write a grade `I` … `XVII`.
    public var isPNSCareer: Bool { self == .pns || self == .cpns }
}

/// Employment state (DOMAIN.md §2). Which states are assessed is a rule-set parameter [default: AKTIF,
/// DIBERHENTIKAN_SEMENTARA, CLTN].
public enum EmployeeState: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// Active.
    case aktif = "AKTIF"
    /// Suspended.
    case diberhentikanSementara = "DIBERHENTIKAN_SEMENTARA"
    /// Cuti di luar tanggungan negara, unpaid leave.
    case cltn = "CLTN"
    /// Retired.
    case pensiun = "PENSIUN"
    /// Left the service.
    case berhenti = "BERHENTI"

    /// Whether an employee in this state still holds a position (DOMAIN.md §8: all but PENSIUN and BERHENTI).
    public var holdsPosition: Bool { self != .pensiun && self != .berhenti }
}

/// Sex as written in employees.csv (DOMAIN.md §10): `L` (laki-laki) or `P` (perempuan).
public enum Sex: String, CaseIterable, Codable, Sendable {
    /// Male.
    case l = "L"
    /// Female.
    case p = "P"
}
