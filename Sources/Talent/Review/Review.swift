/// A whole review in memory after validation (`ValidationRun`, collected by `ValidatedInputBuilder`): every placement,
/// then succession planning. The database jobs run the same steps separately (batches of placements, succession).
public enum Review {
    /// Every accepted employee's placement.
    /// - Parameters:
    ///   - input: the validated folder.
    ///   - context: Y and D.
    ///   - rules: a rule set that passed `validate()`.
    /// - Returns: one placement per assessed employee, in NIP order.
    /// - Throws: `EngineError` when the rule set lacks a target level for an accepted position.
    public static func place(_ input: ValidatedInput, context: ReviewContext,
                             rules: RuleSet) throws(EngineError) -> [Placement] {
        try TalentEngine.assess(batch: input.employees, organisation: input.organisation, context: context, rules: rules)
    }

    /// Target positions, candidates, ranking and readiness (DOMAIN.md §8), through
    /// `SuccessionShortlist` as the database job does.
    /// - Parameters:
    ///   - input: the validated folder.
    ///   - placements: `place`'s result for the same input.
    ///   - context: Y and D.
    ///   - rules: a rule set that passed `validate()`.
    /// - Returns: one plan per target position, by position code.
    /// - Precondition: every placement names an accepted employee of `input`.
    public static func plan(_ input: ValidatedInput, placements: [Placement], context: ReviewContext,
                            rules: RuleSet) -> [SuccessionPlan] {
        var employees: [String: Employee] = [:]
        employees.reserveCapacity(input.employees.count)
        for item in input.employees { employees[item.employee.nip] = item.employee }
        var shortlist = SuccessionShortlist<Void>(organisation: input.organisation, rules: rules)
        for placement in placements where placement.isPoolMember {
            shortlist.add(CandidateFacts(placement: placement, employee: employees[placement.nip]!))
        }
        return shortlist.plans(holders: PositionHolder.holders(of: input.employees.map(\.employee)), context: context)
            .map(\.plan)
    }
}

/// The results of a review: the three §11 result files as values.
public struct ReviewResult: Sendable {
    /// One per assessed employee, in NIP order.
    public var placements: [Placement]
    /// One per target position, by position code.
    public var plans: [SuccessionPlan]
    /// Rejected rows, by file (§11 order) then line.
    public var rejections: [Rejection]

    public init(placements: [Placement], plans: [SuccessionPlan], rejections: [Rejection]) {
        self.placements = placements
        self.plans = plans
        self.rejections = rejections
    }
}
