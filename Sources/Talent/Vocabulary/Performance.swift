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

/// A level of one axis of the grid: low, middle or high (DOMAIN.md §1). Both axes share the grid's three rows and
/// columns; each writes them in its own words. The rule set's axes are generic over their level.
public protocol GridLevel: CaseIterable, Comparable, Codable, Hashable, Sendable, CodingKeyRepresentable,
    RawRepresentable where RawValue == String {
    /// 0 (low), 1 (middle) or 2 (high).
    var rank: Int { get }
    /// The level of rank 0, 1 or 2 (a rank outside is clamped).
    init(rank: Int)
}

extension GridLevel {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// The performance axis of the grid (DOMAIN.md §1).
public enum KinerjaLevel: String, CaseIterable, Codable, Sendable, GridLevel {
    /// Di bawah ekspektasi, below expectation.
    case bawah = "BAWAH"
    /// Sesuai ekspektasi, meets expectation.
    case sesuai = "SESUAI"
    /// Di atas ekspektasi, above expectation.
    case atas = "ATAS"

    public var rank: Int {
        switch self {
        case .bawah: return 0
        case .sesuai: return 1
        case .atas: return 2
        }
    }

    public init(rank: Int) { self = rank <= 0 ? .bawah : rank == 1 ? .sesuai : .atas }
}

/// The potential axis of the grid (DOMAIN.md §1).
public enum PotensiLevel: String, CaseIterable, Codable, Sendable, GridLevel {
    case rendah = "RENDAH"
    case menengah = "MENENGAH"
    case tinggi = "TINGGI"

    public var rank: Int {
        switch self {
        case .rendah: return 0
        case .menengah: return 1
        case .tinggi: return 2
        }
    }

    public init(rank: Int) { self = rank <= 0 ? .rendah : rank == 1 ? .menengah : .tinggi }
}
