/// The per-employee talent rules: target level, kinerja, potensi, box and recommendations, pool membership, flags,
/// explanation and fingerprint (DOMAIN.md §2–§7, §10). Pure: no I/O, no clock; D comes in the context.
///
/// Rows that failed static validation arrive as `InvalidRow` markers and become INVALID_… flags; rows whose problem
/// depends on D (a date after D, a performance year ≥ Y, an other-score year > Y) are left out and flagged here.
/// Employee rows were checked against the import's D; reviewed with an earlier D, a `position_since` after D gives
/// negative full years (the lowest years-at-level band), never an error.
public enum TalentEngine {
    /// Assesses one employee.
    /// - Parameters:
    ///   - input: the employee and its rows.
    ///   - position: the employee's current position.
    ///   - context: Y and D.
    ///   - rules: a rule set that passed `validate()`.
    /// - Returns: the placement, or nil when the employee's state is not assessed (PENSIUN, BERHENTI by default).
    /// - Throws: `EngineError.noTargetLevel` when the rule set has no target level for the position.
    public static func assess(_ input: EmployeeInput, position: Position, context: ReviewContext,
                              rules: RuleSet) throws(EngineError) -> Placement? {
        try assess(input, position: position, context: context, rules: rules, ruleID: rules.id)
    }

    /// `assess` with the rule set's id computed once by the caller (a batch shares one string).
    static func assess(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet,
                       ruleID: String) throws(EngineError) -> Placement? {
        let employee = input.employee
        guard rules.assessedStates.contains(employee.state) else { return nil }
        guard let target = rules.targetLevel(kind: position.kind, jenjang: position.jenjang) else {
            throw .noTargetLevel(nip: employee.nip, positionCode: position.code)
        }
        var flags: PlacementFlags = []
        var leftOut = input.invalidRows.map { LeftOutRow(kind: $0.kind, line: $0.line, detail: $0.problem) }
        for row in input.invalidRows { flags.insert(row.kind.invalidFlag) }
        if employee.nipDisagreesWithRecord { flags.insert(.nipMismatch) }

        let kinerja = KinerjaRule.evaluate(input.performance, context: context, rules: rules.kinerja)
        flags.formUnion(kinerja.flags)
        leftOut += kinerja.leftOut

        let potensi = PotensiRule.evaluate(input, target: target, context: context, rules: rules)
        flags.formUnion(potensi.flags)
        leftOut += potensi.leftOut

        let box = kinerja.level.map { Box(kinerja: $0, potensi: potensi.level) }
        let countedPenalties = input.penalties.filter { $0.decidedOn <= context.referenceDate }
        let pool = PoolRule.evaluate(employee: employee, box: box, penalties: countedPenalties, target: target,
                                     context: context, rules: rules)
        let sortedFlags = flags.sorted
        let explanation = Explanation(
            ruleSet: ruleID, year: context.year, referenceDate: context.referenceDate,
            position: PositionExplanation(code: position.code, kind: position.kind, jenjang: position.jenjang,
                                          targetLevel: target),
            kinerja: kinerja.explanation, potensi: potensi.explanation, box: box, pool: pool, leftOut: leftOut,
            flags: sortedFlags)
        return Placement(
            nip: employee.nip, year: context.year, status: box == nil ? .belumTerpetakan : .terpetakan,
            reason: box == nil ? .noKinerja : nil, targetLevel: target, kinerjaScore: kinerja.score,
            kinerjaLevel: kinerja.level, potensiScore: potensi.score, potensiLevel: potensi.level, box: box,
            recommendations: box?.recommendations ?? [], isPoolMember: pool.member,
            poolBlockers: pool.blockers.map(\.blocker), krsNasional: pool.krsNasional, flags: sortedFlags,
            ruleVersion: ruleID, explanation: explanation,
            fingerprint: Fingerprint.of(input, position: position, context: context, rules: rules, ruleID: ruleID))
    }

    /// Assesses a batch (the database job's 500 employees, or a whole city in memory).
    /// - Parameters:
    ///   - batch: the employees with their rows, in any order.
    ///   - organisation: the positions the employees hold.
    /// - Returns: one placement per assessed employee, in NIP order.
    /// - Throws: `EngineError.unknownPosition` for an employee whose position is not in `organisation`,
    ///   `EngineError.noTargetLevel` as `assess` does.
    public static func assess(batch: [EmployeeInput], organisation: Organisation, context: ReviewContext,
                              rules: RuleSet) throws(EngineError) -> [Placement] {
        let ruleID = rules.id
        var placements: [Placement] = []
        placements.reserveCapacity(batch.count)
        // Visit in NIP order rather than sorting the (large) placements afterwards.
        let order = batch.indices.sorted { batch[$0].employee.nip < batch[$1].employee.nip }
        for index in order {
            let input = batch[index]
            guard let position = organisation.positions[input.employee.positionCode] else {
                throw .unknownPosition(nip: input.employee.nip, positionCode: input.employee.positionCode)
            }
            if let placement = try assess(input, position: position, context: context, rules: rules, ruleID: ruleID) {
                placements.append(placement)
            }
        }
        return placements
    }
}

/// Why the engine could not assess an employee: the inputs or the rule set do not fit together.
public enum EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The employee's position is not in the organisation given.
    case unknownPosition(nip: String, positionCode: String)
    /// The rule set has no target level for the employee's position (kind and jenjang).
    case noTargetLevel(nip: String, positionCode: String)

    public var description: String {
        switch self {
        case let .unknownPosition(nip, code): return "employee \(nip): position \(code) is not in the organisation"
        case let .noTargetLevel(nip, code): return "employee \(nip): the rule set has no target level for position \(code)"
        }
    }
}
