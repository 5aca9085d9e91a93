/// A leadership training (pelatihan kepemimpinan) and its rung, DOMAIN.md §3: PKP or DIKLATPIM_IV is rung 1,
/// PKA or DIKLATPIM_III rung 2, PKN_II or DIKLATPIM_II rung 3, PKN_I or DIKLATPIM_I rung 4.
/// A training row whose kind is none of these is not leadership training (its JP still count).
public enum LeadershipTraining: String, CaseIterable, Codable, Sendable {
    case pkp = "PKP"
    case diklatpimIV = "DIKLATPIM_IV"
    case pka = "PKA"
    case diklatpimIII = "DIKLATPIM_III"
    case pknII = "PKN_II"
    case diklatpimII = "DIKLATPIM_II"
    case pknI = "PKN_I"
    case diklatpimI = "DIKLATPIM_I"

    /// 1 (PKP) … 4 (PKN_I).
    public var rung: Int {
        switch self {
        case .pkp, .diklatpimIV: return 1
        case .pka, .diklatpimIII: return 2
        case .pknII, .diklatpimII: return 3
        case .pknI, .diklatpimI: return 4
        }
    }
}
