extension PenaltyRecord {
    /// The last day the penalty runs: `endsOn`, else `decidedOn` + the level's default duration in months
    /// (PP 94/2021, from the rule set).
    public func lastDay(_ rules: PenaltyRules) -> CivilDate {
        endsOn ?? decidedOn.adding(months: rules.defaultDurationMonths[level] ?? 0)
    }

    /// Whether the penalty runs on `day` (from `decidedOn` to its last day, both included).
    public func isRunning(on day: CivilDate, _ rules: PenaltyRules) -> Bool {
        decidedOn <= day && day <= lastDay(rules)
    }
}
