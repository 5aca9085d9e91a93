/// A set of placement flags as a bit mask: the rules collect flags for every employee, and a bit mask costs no
/// allocation. `sorted` gives them in print order (alphabetical, each once).
public struct PlacementFlags: Hashable, Sendable, ExpressibleByArrayLiteral, CustomStringConvertible {
    private var bits: UInt32 = 0

    public init() {}

    public init(arrayLiteral elements: PlacementFlag...) {
        for flag in elements { insert(flag) }
    }

    private static func bit(_ flag: PlacementFlag) -> UInt32 {
        1 << flag.bitIndex
    }

    public mutating func insert(_ flag: PlacementFlag) { bits |= Self.bit(flag) }

    public mutating func formUnion(_ other: PlacementFlags) { bits |= other.bits }

    public func contains(_ flag: PlacementFlag) -> Bool { bits & Self.bit(flag) != 0 }

    public var isEmpty: Bool { bits == 0 }

    /// The flags in print order (`PlacementFlag.allCases` is declared alphabetically).
    public var sorted: [PlacementFlag] {
        guard bits != 0 else { return [] }
        var flags: [PlacementFlag] = []
        flags.reserveCapacity(bits.nonzeroBitCount)
        for flag in Self.printOrder where contains(flag) { flags.append(flag) }
        return flags
    }

    /// `PlacementFlag.allCases`, built once.
    private static let printOrder = PlacementFlag.allCases

    public var description: String { sorted.map(\.rawValue).joined(separator: ";") }
}

extension PlacementFlag {
    /// Position in `allCases` (alphabetical), without building the array.
    fileprivate var bitIndex: UInt32 {
        switch self {
        case .duplicateOtherScore: return 0
        case .duplicateYear: return 1
        case .invalidAssessment: return 2
        case .invalidAward: return 3
        case .invalidEducation: return 4
        case .invalidOtherScore: return 5
        case .invalidPenalty: return 6
        case .invalidPerformance: return 7
        case .invalidTraining: return 8
        case .kinerjaPartial: return 9
        case .nipMismatch: return 10
        case .tanpaAsesmen: return 11
        }
    }
}
