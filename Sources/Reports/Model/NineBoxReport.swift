/// A nine-box report of one review year: the city summary and one grid per OPD (perangkat daerah).
public struct NineBoxReport: Sendable, Hashable {
    /// One grid with its heading.
    public struct Section: Sendable, Hashable {
        /// The OPD code (e.g. "BPKAD"); nil for the city summary.
        public var opdCode: String?
        /// The OPD's name (e.g. "Badan Pengelola Keuangan dan Aset Daerah"), or the city summary's heading; may be
        /// empty or the code itself when the OPD has no other name.
        public var title: String
        public var counts: NineBoxCounts

        public init(opdCode: String?, title: String, counts: NineBoxCounts) {
            self.opdCode = opdCode
            self.title = title
            self.counts = counts
        }

        /// What a heading shows: "name (CODE)" for an OPD, the code alone when the OPD has no other name, the title
        /// for the city summary.
        public var heading: String { heading(nameLimit: nil) }

        /// The heading with the name cut to at most `nameLimit` characters (ending in "…"); the code is never cut,
        /// so an OPD stays identifiable however long its name.
        func heading(nameLimit: Int?) -> String {
            var name = title
            if let nameLimit, name.count > nameLimit { name = String(name.prefix(max(1, nameLimit - 1))) + "…" }
            guard let opdCode, !title.isEmpty, title != opdCode else { return opdCode ?? name }
            return "\(name) (\(opdCode))"
        }
    }

    /// The rule set a review applied, as every drawing of its grid names it (issue 15: the BKN 411/2025 preset is
    /// labelled as reconstructed wherever a user sees it).
    public struct RuleSetLabel: Sendable, Hashable {
        /// `name@version`, e.g. "bkn-411-2025/preset@1".
        public var id: String
        /// Where the rule set comes from when it says, e.g. "reconstructed from public implementations of Kepka BKN
        /// 411/2025; not checked against its Lampiran"; nil otherwise.
        public var provenance: String?

        public init(id: String, provenance: String?) {
            self.id = id
            self.provenance = provenance
        }

        /// "Rule set bkn-411-2025/preset@1 (reconstructed …)" or "Rule set permenpanrb-3-2020/default@1".
        public var text: String { "Rule set \(id)" + (provenance.map { " (\($0))" } ?? "") }
    }

    /// The review year Y.
    public var year: Int
    /// The rule set of the review.
    public var ruleSet: RuleSetLabel
    /// The headline grid: the whole city, or the one OPD asked for.
    public var summary: Section
    /// One grid per OPD, in the order to show them (empty when the report covers one OPD only).
    public var opds: [Section]

    public init(year: Int, ruleSet: RuleSetLabel, summary: Section, opds: [Section]) {
        self.year = year
        self.ruleSet = ruleSet
        self.summary = summary
        self.opds = opds
    }

    /// Whether any section carries people (the report then lists them; otherwise it shows counts only).
    public var listsPeople: Bool {
        ([summary] + opds).contains { !$0.counts.people.isEmpty }
    }
}
