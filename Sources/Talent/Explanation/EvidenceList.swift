/// The rows an indicator was computed from: a collection of `Evidence` that holds none or one without a heap
/// allocation (most indicators count one row), and more in an array. The engine builds one per indicator for every
/// employee, so this saves an allocation and a release per indicator. Equal when the elements are; encoded as a JSON
/// array.
public struct EvidenceList: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
    private enum Storage: Sendable {
        case none
        case one(Evidence)
        case many([Evidence])
    }

    private var storage: Storage

    public init() { storage = .none }

    /// A list of one row.
    public init(_ evidence: Evidence) { storage = .one(evidence) }

    public init(_ elements: [Evidence]) {
        switch elements.count {
        case 0: storage = .none
        case 1: storage = .one(elements[0])
        default: storage = .many(elements)
        }
    }

    public init(arrayLiteral elements: Evidence...) { self.init(elements) }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .none: return 0
        case .one: return 1
        case let .many(elements): return elements.count
        }
    }

    public subscript(position: Int) -> Evidence {
        switch storage {
        case .none: preconditionFailure("index \(position) out of an empty evidence list")
        case let .one(evidence):
            precondition(position == 0, "index \(position) out of a one-row evidence list")
            return evidence
        case let .many(elements): return elements[position]
        }
    }

    public mutating func append(_ evidence: Evidence) {
        switch storage {
        case .none: storage = .one(evidence)
        case let .one(first): storage = .many([first, evidence])
        case var .many(elements):
            storage = .none  // drop the second reference, so the append below does not copy the buffer
            elements.append(evidence)
            storage = .many(elements)
        }
    }

    /// Inserts a row at the front.
    public mutating func prepend(_ evidence: Evidence) {
        var elements = [evidence]
        elements.append(contentsOf: self)
        self = EvidenceList(elements)
    }

    public static func == (lhs: EvidenceList, rhs: EvidenceList) -> Bool { lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for evidence in self { hasher.combine(evidence) }
    }
}

extension EvidenceList: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(try [Evidence](from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        var list = encoder.unkeyedContainer()
        for evidence in self { try list.encode(evidence) }
    }
}
