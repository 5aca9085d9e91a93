/// The per-employee talent rules: target level, both axes, box and recommendations, pool membership, flags,
/// explanation and fingerprint (DOMAIN.md §2–§7, §10, §12). Pure: no I/O, no clock; D comes in the context.
///
/// One engine for every rule set: the rule set is resolved once per batch (`CompiledRules`), then for each employee
/// 1. rows that failed static validation arrive as `InvalidRow` markers and become INVALID_… flags;
/// 2. rows whose problem depends on D (a date after D, a performance or feedback year ≥ Y, an other-score year > Y)
///    are left out and flagged (`DatedScreen`), the same under every rule set;
/// 3. each axis scores its indicators from the rows left (`CompiledAxis.evaluate`);
/// 4. the box, the recommendations and the pool screens follow from the levels;
/// 5. what the missing data put at stake: each indicator's points at stake and the best box reachable
///    (`CompiledAxis.stakes`).
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
        let buffers = FingerprintBuffers()
        return try assess(input, position: position, context: context, rules: rules,
                          compiled: CompiledRules(rules, context: context), buffers: buffers)
    }

    /// `assess` with the rule set compiled once by the caller (a batch shares it) and the fingerprint's buffers
    /// reused.
    static func assess(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet,
                       compiled: CompiledRules, buffers: FingerprintBuffers) throws(EngineError) -> Placement? {
        guard var placement = try placement(input, position: position, context: context, rules: rules,
                                            compiled: compiled)
        else { return nil }
        placement.fingerprint = Fingerprint.of(input, position: position, context: context, scope: compiled.scope,
                                               ruleID: compiled.ruleID, buffers: buffers)
        return placement
    }

    /// The placement of one employee with an empty fingerprint, which the caller sets.
    private static func placement(_ input: EmployeeInput, position: Position, context: ReviewContext, rules: RuleSet,
                                  compiled: CompiledRules) throws(EngineError) -> Placement? {
        let employee = input.employee
        guard rules.assessedStates.contains(employee.state) else { return nil }
        guard let target = rules.targetLevel(kind: position.kind, jenjang: position.jenjang) else {
            throw .noTargetLevel(nip: employee.nip, positionCode: position.code)
        }
        var flags: PlacementFlags = []
        var leftOut = input.invalidRows.map { LeftOutRow(kind: $0.kind, line: $0.line, detail: $0.problem) }
        for row in input.invalidRows { flags.insert(row.kind.invalidFlag) }
        if employee.nipDisagreesWithRecord { flags.insert(.nipMismatch) }

        let screen = DatedScreen(input, context: context)
        flags.formUnion(screen.flags)
        leftOut += screen.leftOut
        let facts = EmployeeFacts(input: screen.input, position: position, requirement: rules.requirement(target),
                                  context: context, penalties: rules.penalties)
        let (kinerja, kinerjaStakes) = compiled.kinerja.evaluate(facts, flags: &flags)
        let (potensi, potensiStakes) = compiled.potensi.evaluate(facts, flags: &flags)
        guard let potensiScore = potensi.score, let potensiLevel = potensi.level else {
            preconditionFailure("a POTENSI axis always has a score (validate() refuses notPlacedWithout on it)")
        }

        let (kinerjaScore, kinerjaLevel) = (kinerja.score, kinerja.level)
        let box = kinerjaLevel.map { Box(kinerja: $0, potensi: potensiLevel) }
        let pool = PoolRule.evaluate(employee: employee, box: box, penalties: screen.input.penalties, target: target,
                                     context: context, rules: rules)
        let sortedFlags = flags.sorted
        let bestBox = kinerjaStakes.bestLevel.flatMap { k in potensiStakes.bestLevel.map { Box(kinerja: k, potensi: $0) } }
        // The axes and the rows left out are moved into the explanation, not copied.
        let explanation = Explanation(
            ruleSet: compiled.ruleID, year: context.year, referenceDate: context.referenceDate,
            position: PositionExplanation(code: position.code, kind: position.kind, jenjang: position.jenjang,
                                          targetLevel: target),
            kinerja: consume kinerja, potensi: consume potensi, box: box, pool: pool,
            candidate: CandidateEvidence(highestEducation: facts.highestEducation?.level,
                                         bestLeadership: facts.bestLeadership),
            leftOut: consume leftOut, flags: sortedFlags)
        return Placement(
            nip: employee.nip, year: context.year, status: box == nil ? .belumTerpetakan : .terpetakan,
            reason: box == nil ? .noKinerja : nil, targetLevel: target, kinerjaScore: kinerjaScore,
            kinerjaLevel: kinerjaLevel, potensiScore: potensiScore, potensiLevel: potensiLevel, box: box,
            recommendations: box?.recommendations ?? [], isPoolMember: pool.member,
            poolBlockers: pool.blockers.map(\.blocker), krsNasional: pool.krsNasional, flags: sortedFlags,
            ruleVersion: compiled.ruleID, explanation: consume explanation, fingerprint: "", bestBox: bestBox,
            pointsAtStake: kinerjaStakes.points + potensiStakes.points)
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
        let compiled = CompiledRules(rules, context: context)
        let buffers = FingerprintBuffers()
        // Each assessed employee's slot in the result, in NIP order (-1: not assessed).
        var slot = [Int](repeating: -1, count: batch.count)
        var assessed = 0
        for index in nipOrder(batch) where rules.assessedStates.contains(batch[index].employee.state) {
            slot[index] = assessed
            assessed += 1
        }
        // Employees are visited in batch order, the order their rows lie in memory (a large city visited in NIP order
        // misses the cache on nearly every row), and each placement is put straight into its slot.
        var failure: EngineError?
        let placements = [Placement](unsafeUninitializedCapacity: assessed) { buffer, initializedCount in
            var filled = [Bool](repeating: false, count: assessed)
            do throws(EngineError) {
                for index in batch.indices {
                    let input = batch[index]
                    guard let position = organisation.positions[input.employee.positionCode] else {
                        throw .unknownPosition(nip: input.employee.nip, positionCode: input.employee.positionCode)
                    }
                    guard slot[index] >= 0 else { continue }
                    guard let placement = try assess(input, position: position, context: context, rules: rules,
                                                      compiled: compiled, buffers: buffers)
                    else { preconditionFailure("an employee in an assessed state has a placement") }
                    (buffer.baseAddress! + slot[index]).initialize(to: placement)
                    filled[slot[index]] = true
                }
                initializedCount = assessed
            } catch {
                for index in filled.indices where filled[index] { (buffer.baseAddress! + index).deinitialize(count: 1) }
                initializedCount = 0
                failure = error
            }
        }
        if let failure { throw failure }
        return placements
    }

    /// The indices of `batch` in NIP order (String order; equal NIPs in batch order). NIPs of 18 ASCII digits, as
    /// validation ensures, order as their numbers, which sort faster than strings.
    static func nipOrder(_ batch: [EmployeeInput]) -> [Int] {
        var keys: [(nip: UInt64, index: Int)] = []
        keys.reserveCapacity(batch.count)
        for index in batch.indices {
            guard let key = numericKey(batch[index].employee.nip) else {
                return batch.indices.sorted { (batch[$0].employee.nip, $0) < (batch[$1].employee.nip, $1) }
            }
            keys.append((key, index))
        }
        keys.sort { ($0.nip, $0.index) < ($1.nip, $1.index) }
        return keys.map(\.index)
    }

    /// The number an 18-ASCII-digit NIP spells, nil for any other text.
    private static func numericKey(_ nip: String) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in nip.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 18 else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            count += 1
        }
        return count == 18 ? value : nil
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
