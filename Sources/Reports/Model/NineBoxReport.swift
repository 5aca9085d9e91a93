/// A nine-box report of one review year: the city summary and one grid per OPD (perangkat daerah).
public struct NineBoxReport: Sendable, Hashable {
    /// One grid with its heading.
    public struct Section: Sendable, Hashable {
        /// The OPD code (e.g. "BPKAD"); nil for the city summary.
        public var opdCode: String?
        /// The heading to show, e.g. the OPD's name or "Kota Bontang".
        public var title: String
        public var counts: NineBoxCounts

        public init(opdCode: String?, title: String, counts: NineBoxCounts) {
            self.opdCode = opdCode
            self.title = title
            self.counts = counts
        }
    }

    /// The review year Y.
    public var year: Int
    /// The headline grid: the whole city, or the one OPD asked for.
    public var summary: Section
    /// One grid per OPD, in the order to show them (empty when the report covers one OPD only).
    public var opds: [Section]

    public init(year: Int, summary: Section, opds: [Section]) {
        self.year = year
        self.summary = summary
        self.opds = opds
    }

    /// Whether any section carries people (the report then lists them; otherwise it shows counts only).
    public var listsPeople: Bool {
        ([summary] + opds).contains { !$0.counts.people.isEmpty }
    }
}
