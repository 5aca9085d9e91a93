/// The people of one nine-box grid: how many sit in each box (kotak) 1 … 9 and how many are not placed, and,
/// when the caller asked for them, who they are.
public struct NineBoxCounts: Sendable, Hashable {
    /// Employees per box 1 … 9; a box that is absent has nobody.
    public var boxes: [Int: Int]
    /// Assessed employees with no box (BELUM_TERPETAKAN: no kinerja in the window, DOMAIN.md §3).
    public var notPlaced: Int
    /// The people of each box, in the order to show them; empty unless names were asked for. A box's list may be
    /// shorter than its count (the renderer shows the count as the truth).
    public var people: [Int: [ReportPerson]]

    /// - Parameters:
    ///   - boxes: employees per box number 1 … 9 (other keys are ignored by the renderers).
    ///   - notPlaced: employees assessed but not placed (≥ 0).
    ///   - people: who sits in each box; leave empty to show counts only.
    public init(boxes: [Int: Int], notPlaced: Int, people: [Int: [ReportPerson]] = [:]) {
        self.boxes = boxes
        self.notPlaced = notPlaced
        self.people = people
    }

    /// Employees in box `number` (0 when nobody).
    public func count(inBox number: Int) -> Int { boxes[number] ?? 0 }

    /// Employees placed on the grid (boxes 1 … 9).
    public var placed: Int { NineBoxLayout.boxNumbers.reduce(0) { $0 + count(inBox: $1) } }

    /// Everyone assessed: placed plus not placed.
    public var assessed: Int { placed + notPlaced }

    /// The sum of two grids, box by box (for a city total built from its OPDs); people lists are joined.
    public static func + (lhs: NineBoxCounts, rhs: NineBoxCounts) -> NineBoxCounts {
        NineBoxCounts(
            boxes: lhs.boxes.merging(rhs.boxes, uniquingKeysWith: +),
            notPlaced: lhs.notPlaced + rhs.notPlaced,
            people: lhs.people.merging(rhs.people, uniquingKeysWith: +))
    }
}

/// One person as a report may show them: NIP always, name only when the caller asked for names.
public struct ReportPerson: Sendable, Hashable {
    /// The 18-digit NIP.
    public var nip: String
    /// The person's name; nil to show the NIP alone.
    public var name: String?

    public init(nip: String, name: String?) {
        self.nip = nip
        self.name = name
    }

    /// "Name (NIP)" or the NIP alone.
    public var label: String { name.map { "\($0) (\(nip))" } ?? nip }
}
