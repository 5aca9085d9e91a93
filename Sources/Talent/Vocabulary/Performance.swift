/// An annual SKP predicate (PermenPANRB 6/2022), DOMAIN.md §4. Ordered from worst to best.
public enum PerformancePredicate: String, CaseIterable, Codable, Sendable, Comparable, CodingKeyRepresentable {
    case sangatKurang = "SANGAT_KURANG"
    case kurang = "KURANG"
    case butuhPerbaikan = "BUTUH_PERBAIKAN"
    case baik = "BAIK"
    case sangatBaik = "SANGAT_BAIK"

    private var order: Int {
        switch self {
        case .sangatKurang: return 0
        case .kurang: return 1
        case .butuhPerbaikan: return 2
        case .baik: return 3
        case .sangatBaik: return 4
        }
    }

    public static func < (lhs: PerformancePredicate, rhs: PerformancePredicate) -> Bool { lhs.order < rhs.order }
}

/// The performance axis of the grid (DOMAIN.md §1).
public enum KinerjaLevel: String, CaseIterable, Codable, Sendable, Comparable {
    /// Di bawah ekspektasi, below expectation.
    case bawah = "BAWAH"
    /// Sesuai ekspektasi, meets expectation.
    case sesuai = "SESUAI"
    /// Di atas ekspektasi, above expectation.
    case atas = "ATAS"

    private var order: Int {
        switch self {
        case .bawah: return 0
        case .sesuai: return 1
        case .atas: return 2
        }
    }

    public static func < (lhs: KinerjaLevel, rhs: KinerjaLevel) -> Bool { lhs.order < rhs.order }
}

/// The potential axis of the grid (DOMAIN.md §1).
public enum PotensiLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case rendah = "RENDAH"
    case menengah = "MENENGAH"
    case tinggi = "TINGGI"

    private var order: Int {
        switch self {
        case .rendah: return 0
        case .menengah: return 1
        case .tinggi: return 2
        }
    }

    public static func < (lhs: PotensiLevel, rhs: PotensiLevel) -> Bool { lhs.order < rhs.order }
}
