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
        case .bidangIlmuBelumDinilai: return 0
        case .duplicateFeedbackYear: return 1
        case .duplicateOtherScore: return 2
        case .duplicateYear: return 3
        case .invalidActingAssignment: return 4
        case .invalidAssessment: return 5
        case .invalidAward: return 6
        case .invalidEducation: return 7
        case .invalidFeedback: return 8
        case .invalidOtherScore: return 9
        case .invalidPenalty: return 10
        case .invalidPerformance: return 11
        case .invalidPositionHistory: return 12
        case .invalidPotentialAssessment: return 13
        case .invalidTeamAssignment: return 14
        case .invalidTraining: return 15
        case .kinerjaPartial: return 16
        case .nipMismatch: return 17
        case .tanpaAsesmen: return 18
        case .tanpaAsesmenPotensi: return 19
        case .tanpaPendidikan: return 20
        case .tanpaUmpanBalik360: return 21
        }
    }
}
