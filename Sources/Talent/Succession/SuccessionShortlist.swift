/// The candidate ranking of succession planning (DOMAIN.md §8), fed one pool member at a time, in memory that does not
/// grow with the pool: the one place the ranking rule lives, used by the database job (members streamed from a
/// cursor) and by the in-memory review (`Review.plan`).
///
/// Candidates for a target of level L are pool members with T = L who do not hold a position of kind L. Order
/// [default]: for levels in `ownOPDFirstLevels` (PENGAWAS, ADMINISTRATOR) the target's own OPD first, then the rest of
/// the city; within that, higher nilai_talenta, higher potensi_score, higher kinerja_score, higher golongan, earlier
/// golongan date, earlier CPNS date, higher education, earlier birth date, lower NIP (a missing date or education sorts
/// last). The first `candidatesKept` (k, [default: 3]) are kept; rank 1 is the designated successor [reg: KemenPANRB].
///
/// What is kept, and why it is enough: per level, the best k candidates of the whole city; per (level, OPD), for the
/// levels in `ownOPDFirstLevels` only, the best k of that OPD. A target's own-OPD part is the best k of its OPD. When the
/// OPD has n < k candidates, the other k − n come from the best candidates outside the OPD, and each of those has at
/// most k − n − 1 outsiders and n insiders above it, so it lies in the level's best k. The order above is total for
/// distinct NIPs; of two candidates that compare equal (one NIP fed twice) the one fed first ranks first.
///
/// `Key` is the caller's handle of a member, carried with the kept candidates (the database job uses the internal
/// employee id; the in-memory review needs none and uses `Void`).
/// - Complexity: `add` is O(k) time; memory is O(k × (levels + levels × OPDs)) candidates, whatever the pool size.
public struct SuccessionShortlist<Key: Sendable>: Sendable {
    /// A plan with the caller's key of each kept candidate.
    public struct KeyedPlan: Sendable {
        public var plan: SuccessionPlan
        /// `candidateKeys[i]` is the key given with `plan.candidates[i]`: one per kept candidate, in rank order.
        public var candidateKeys: [Key]

        public init(plan: SuccessionPlan, candidateKeys: [Key]) {
            self.plan = plan
            self.candidateKeys = candidateKeys
        }
    }

    private let organisation: Organisation
    private let rules: RuleSet
    private let keep: Int
    private var byLevel: [StructuralLevel: Best] = [:]
    private var byLevelAndOPD: [LevelOPD: Best] = [:]

    /// An empty shortlist.
    /// - Parameters:
    ///   - organisation: units and positions (the whole city's: candidates' held positions and target positions).
    ///   - rules: a rule set that passed `validate()` (its `succession` rules; a `candidatesKept` below 0 keeps none).
    public init(organisation: Organisation, rules: RuleSet) {
        self.organisation = organisation
        self.rules = rules
        self.keep = max(rules.succession.candidatesKept, 0)
    }

    /// Considers one assessed employee: a pool member with T = L who does not hold a position of kind L enters the
    /// level's best k and, for a level in `ownOPDFirstLevels`, its OPD's best k when it ranks high enough; anyone else
    /// is skipped.
    /// - Parameters:
    ///   - facts: the employee's placement and employee facts.
    ///   - key: the caller's handle, given back with the plans for a kept candidate.
    public mutating func add(_ facts: CandidateFacts, key: Key) {
        guard facts.isPoolMember, keep > 0 else { return }
        let level = facts.targetLevel
        guard organisation.positions[facts.positionCode]?.kind != level.positionKind else { return }
        let nilai = Score.weightedSum([(rules.succession.nilaiKinerjaWeight, facts.kinerjaScore),
                                       (rules.succession.nilaiPotensiWeight, facts.potensiScore)])
        let ranked = Ranked(facts: facts, nilai: nilai, opdCode: organisation.opdCode(ofPosition: facts.positionCode),
                            key: key)
        byLevel[level, default: Best()].offer(ranked, keep: keep)
        if let opd = ranked.opdCode, rules.succession.ownOPDFirstLevels.contains(level) {
            byLevelAndOPD[LevelOPD(level: level, opdCode: opd), default: Best()].offer(ranked, keep: keep)
        }
    }

    /// The succession plan of every target position (`SuccessionPlanner.targets`), by position code, from the members
    /// added so far: kept candidates by rank with nilai_talenta, gaps and readiness (`Readiness`), and the plan flags
    /// NO_SUCCESSOR (no candidate) or NO_READY_NOW (no kept candidate ready now) [default].
    /// - Parameters:
    ///   - holders: who holds which structural position (see `PositionHolder.holders(of:)`).
    ///   - context: Y and D (targets, gaps and readiness are taken at D).
    /// - Returns: one plan per target, each with its candidates' keys.
    public func plans(holders: [PositionHolder], context: ReviewContext) -> [KeyedPlan] {
        SuccessionPlanner.targets(organisation: organisation, holders: holders, context: context, rules: rules)
            .map { target in
                let ordered = ordered(for: target)
                let kept = ordered.enumerated().map { index, ranked in
                    let gaps = Readiness.gaps(ranked.facts, level: target.level, context: context, rules: rules)
                    return SuccessionCandidate(
                        rank: index + 1, nip: ranked.facts.nip, nilaiTalenta: ranked.nilai,
                        readiness: Readiness.readiness(gaps, rules: rules.succession), gaps: gaps.map(\.gap),
                        gapDetails: gaps, fromOwnOPD: target.opdCode != nil && ranked.opdCode == target.opdCode)
                }
                var flags: [PlanFlag] = []
                if kept.isEmpty {
                    flags = [.noSuccessor]
                } else if !kept.contains(where: { $0.readiness == .siapSekarang }) {
                    flags = [.noReadyNow]
                }
                return KeyedPlan(plan: SuccessionPlan(target: target, candidates: kept, flags: flags),
                                 candidateKeys: ordered.map(\.key))
            }
    }

    /// The first k of the order for `target`: its OPD's best k (own-OPD-first levels), then the level's best outside
    /// the OPD up to k in all (see the type's note for why the level's best k hold them).
    private func ordered(for target: TargetPosition) -> [Ranked] {
        let level = byLevel[target.level]?.members ?? []
        guard rules.succession.ownOPDFirstLevels.contains(target.level), let opd = target.opdCode else { return level }
        let own = byLevelAndOPD[LevelOPD(level: target.level, opdCode: opd)]?.members ?? []
        return own + level.lazy.filter { $0.opdCode != opd }.prefix(keep - own.count)
    }

    private struct LevelOPD: Hashable, Sendable {
        let level: StructuralLevel
        let opdCode: String
    }

    /// The best k seen so far, best first.
    private struct Best: Sendable {
        private(set) var members: [Ranked] = []

        /// Inserts `ranked` after every member not ranked below it and drops what falls past `keep` (≥ 1).
        mutating func offer(_ ranked: Ranked, keep: Int) {
            if members.count == keep, let last = members.last, !Ranked.before(ranked, last) { return }
            let index = members.firstIndex { Ranked.before(ranked, $0) } ?? members.endIndex
            members.insert(ranked, at: index)
            if members.count > keep { members.removeLast() }
        }
    }

    /// A candidate with its nilai_talenta, OPD and key, ordered by the tie-breakers after the OPD preference.
    private struct Ranked: Sendable {
        let facts: CandidateFacts
        let nilai: Score
        let opdCode: String?
        let key: Key

        /// Whether `a` ranks above `b` (DOMAIN.md §8 [default]; a missing date sorts last, no education is rank 0).
        static func before(_ a: Ranked, _ b: Ranked) -> Bool {
            if a.nilai != b.nilai { return a.nilai > b.nilai }
            let x = a.facts, y = b.facts
            if x.potensiScore != y.potensiScore { return x.potensiScore > y.potensiScore }
            if x.kinerjaScore != y.kinerjaScore { return x.kinerjaScore > y.kinerjaScore }
            if x.golongan.ordinal != y.golongan.ordinal { return x.golongan.ordinal > y.golongan.ordinal }
            if let order = earlierFirst(x.golonganSince, y.golonganSince) { return order }
            if let order = earlierFirst(x.cpnsDate, y.cpnsDate) { return order }
            let xEducation = x.highestEducation?.rank ?? 0, yEducation = y.highestEducation?.rank ?? 0
            if xEducation != yEducation { return xEducation > yEducation }
            if x.birthDate != y.birthDate { return x.birthDate < y.birthDate }
            return x.nip < y.nip
        }

        /// nil when equal; a missing date sorts last.
        private static func earlierFirst(_ a: CivilDate?, _ b: CivilDate?) -> Bool? {
            switch (a, b) {
            case let (a?, b?): return a == b ? nil : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return nil
            }
        }
    }
}

extension SuccessionShortlist where Key == Void {
    /// Considers one assessed employee without a key (see `add(_:key:)`).
    public mutating func add(_ facts: CandidateFacts) { add(facts, key: ()) }
}
