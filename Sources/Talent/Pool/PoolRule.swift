/// Talent-pool (KRS instansi) membership for the target level T, DOMAIN.md §7. Every failing code is recorded, in order:
/// - BOX: the box is not a pool box (7, 8, 9) or the employee is not placed;
/// - STATUS: the status is not eligible (PNS by default);
/// - STATE: the state is not eligible (AKTIF by default);
/// - DISIPLIN: a penalty of a discipline level (SEDANG, BERAT) whose decision or last day falls in
///   (D − disciplineWindowYears, D], or any penalty running at D;
/// - BUP: full_years(D, birth date + the retirement age of T) is below T's minimum.
/// A member in a national box (9) is also a national-pool candidate (krs_nasional).
///
/// Penalties decided after D are not read here: they are left out (INVALID_PENALTY) like everywhere else.
public enum PoolRule {
    public static func evaluate(employee: Employee, box: Box?, penalties: [PenaltyRecord], target: StructuralLevel,
                                context: ReviewContext, rules: RuleSet) -> PoolExplanation {
        let day = context.referenceDate
        let pool = rules.pool
        var blockers: [BlockerExplanation] = []
        blockers.reserveCapacity(5)
        if let box {
            if !pool.boxes.contains(box) {
                blockers.append(BlockerExplanation(blocker: .box, detail: "not a pool box"))
            }
        } else {
            blockers.append(BlockerExplanation(blocker: .box, detail: "not placed"))
        }
        if !pool.eligibleStatuses.contains(employee.status) {
            blockers.append(BlockerExplanation(blocker: .status, detail: "status \(employee.status.rawValue) is not eligible"))
        }
        if !pool.eligibleStates.contains(employee.state) {
            blockers.append(BlockerExplanation(blocker: .state, detail: "state \(employee.state.rawValue) is not eligible"))
        }
        if let reason = disciplineReason(penalties, day: day, rules: rules) {
            blockers.append(BlockerExplanation(blocker: .disiplin, detail: reason))
        }
        let requirement = rules.requirement(target)
        let retirement = employee.birthDate.adding(years: requirement.retirementAge)
        let yearsLeft = CivilDate.fullYears(from: day, to: retirement)
        if yearsLeft < requirement.minimumYearsToRetirement {
            blockers.append(BlockerExplanation(
                blocker: .bup,
                detail: "\(yearsLeft) full years to the BUP birthday \(retirement), minimum \(requirement.minimumYearsToRetirement)"))
        }
        let member = blockers.isEmpty
        return PoolExplanation(member: member, krsNasional: member && box.map(pool.nationalBoxes.contains) == true,
                               blockers: blockers, retirementDate: retirement, yearsToRetirement: yearsLeft)
    }

    /// Why the discipline condition fails, nil when it holds.
    static func disciplineReason(_ penalties: [PenaltyRecord], day: CivilDate, rules: RuleSet) -> String? {
        let after = day.adding(years: -rules.pool.disciplineWindowYears)
        for penalty in penalties where penalty.decidedOn <= day {
            let last = penalty.lastDay(rules.penalties)
            if rules.pool.runningPenaltyBlocks, penalty.isRunning(on: day, rules.penalties) {
                return "\(penalty.level.rawValue) penalty \(penalty.decidedOn) … \(last) runs at D"
            }
            guard rules.pool.disciplineLevels.contains(penalty.level) else { continue }
            let inWindow = { (date: CivilDate) in date > after && date <= day }
            if inWindow(penalty.decidedOn) || inWindow(last) {
                return "\(penalty.level.rawValue) penalty \(penalty.decidedOn) … \(last) falls in the window after \(after)"
            }
        }
        return nil
    }
}
