/// Target positions (jabatan target), candidate ranking, readiness and plan flags, DOMAIN.md §8.
///
/// Takes plain values (organisation, holders, candidate facts) so it runs after every placement of a review exists,
/// in memory or from stored placements.
public enum SuccessionPlanner {
    /// The structural positions (PENGAWAS, ADMINISTRATOR, JPT_PRATAMA) that are targets at D, by position code:
    /// vacant (no holder), a holder's BUP birthday (birth date + the retirement age of the position's level) on or
    /// before D + retirementHorizonYears, or flagged critical. The reasons are listed in that order.
    public static func targets(organisation: Organisation, holders: [PositionHolder], context: ReviewContext,
                               rules: RuleSet) -> [TargetPosition] {
        var holdersByPosition: [String: [PositionHolder]] = [:]
        for holder in holders { holdersByPosition[holder.positionCode, default: []].append(holder) }
        let horizon = context.referenceDate.adding(years: rules.succession.retirementHorizonYears)
        var targets: [TargetPosition] = []
        for position in organisation.positions.values {
            guard let level = position.kind.structuralLevel else { continue }
            let positionHolders = holdersByPosition[position.code] ?? []
            let retirementAge = rules.requirement(level).retirementAge
            var reasons: [TargetReason] = []
            if positionHolders.isEmpty { reasons.append(.vacant) }
            if positionHolders.contains(where: { $0.birthDate.adding(years: retirementAge) <= horizon }) {
                reasons.append(.holderRetiring)
            }
            if position.critical { reasons.append(.critical) }
            guard !reasons.isEmpty else { continue }
            targets.append(TargetPosition(positionCode: position.code, level: level,
                                          opdCode: organisation.opdCode(ofPosition: position.code), reasons: reasons))
        }
        return targets.sorted { $0.positionCode < $1.positionCode }
    }

    /// The succession plan of every target position, by position code.
    ///
    /// Candidates for a target of level L: pool members with T = L who do not hold a position of kind L. Order: for
    /// levels in `ownOPDFirstLevels` (PENGAWAS, ADMINISTRATOR) the target's own OPD first; then higher nilai_talenta,
    /// higher potensi_score, higher kinerja_score, higher golongan, earlier golongan date, earlier CPNS date, higher
    /// education, earlier birth date, lower NIP (a missing date or education sorts last). The first `candidatesKept`
    /// are kept; rank 1 is the designated successor.
    /// - Parameters:
    ///   - organisation: units and positions (for targets, kinds and OPDs).
    ///   - holders: who holds which position (see `PositionHolder.holders(of:)`).
    ///   - candidates: facts of every assessed employee (non-members are skipped).
    /// - Returns: one plan per target; a plan without candidates has flag NO_SUCCESSOR only.
    public static func plan(organisation: Organisation, holders: [PositionHolder], candidates: [CandidateFacts],
                            context: ReviewContext, rules: RuleSet) -> [SuccessionPlan] {
        let targets = targets(organisation: organisation, holders: holders, context: context, rules: rules)
        var poolByLevel: [StructuralLevel: [Ranked]] = [:]
        for facts in candidates where facts.isPoolMember {
            let held = organisation.positions[facts.positionCode]
            guard held?.kind != facts.targetLevel.positionKind else { continue }
            let nilai = Score.weightedSum([(rules.succession.nilaiKinerjaWeight, facts.kinerjaScore),
                                           (rules.succession.nilaiPotensiWeight, facts.potensiScore)])
            poolByLevel[facts.targetLevel, default: []].append(
                Ranked(facts: facts, nilai: nilai, opdCode: organisation.opdCode(ofPosition: facts.positionCode)))
        }
        for level in poolByLevel.keys { poolByLevel[level]!.sort(by: Ranked.before) }

        return targets.map { target in
            let pool = poolByLevel[target.level] ?? []
            let keep = max(rules.succession.candidatesKept, 0)
            // Only the first `keep` of the order are needed: taken lazily, never a copy of the level's whole pool
            // per target.
            let ordered: [Ranked]
            if rules.succession.ownOPDFirstLevels.contains(target.level), let opd = target.opdCode {
                let own = Array(pool.lazy.filter { $0.opdCode == opd }.prefix(keep))
                ordered = own + pool.lazy.filter { $0.opdCode != opd }.prefix(keep - own.count)
            } else {
                ordered = Array(pool.prefix(keep))
            }
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
            return SuccessionPlan(target: target, candidates: kept, flags: flags)
        }
    }

    /// A pool member with its nilai_talenta and OPD, ordered by the tie-breakers after the OPD preference.
    struct Ranked {
        let facts: CandidateFacts
        let nilai: Score
        let opdCode: String?

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

/// Why a position is a target.
public enum TargetReason: String, Hashable, Codable, Sendable {
    case vacant = "VACANT"
    case holderRetiring = "HOLDER_RETIRING"
    case critical = "CRITICAL"
}

/// A target position.
public struct TargetPosition: Hashable, Codable, Sendable {
    public var positionCode: String
    public var level: StructuralLevel
    /// The position's OPD, nil when its unit's ancestry is broken.
    public var opdCode: String?
    public var reasons: [TargetReason]

    public init(positionCode: String, level: StructuralLevel, opdCode: String?, reasons: [TargetReason]) {
        self.positionCode = positionCode
        self.level = level
        self.opdCode = opdCode
        self.reasons = reasons
    }
}

/// A kept candidate of a plan.
public struct SuccessionCandidate: Hashable, Codable, Sendable {
    /// 1 … candidatesKept; 1 is the designated successor.
    public var rank: Int
    public var nip: String
    /// 0.5 × kinerja_score + 0.5 × potensi_score, rounded half-up to 2 places.
    public var nilaiTalenta: Score
    public var readiness: Readiness
    /// Gaps in DOMAIN.md §8 order.
    public var gaps: [Gap]
    /// Each gap with its shortfall.
    public var gapDetails: [GapDetail]
    /// Whether the candidate's OPD is the target's.
    public var fromOwnOPD: Bool

    public init(rank: Int, nip: String, nilaiTalenta: Score, readiness: Readiness, gaps: [Gap], gapDetails: [GapDetail], fromOwnOPD: Bool) {
        self.rank = rank
        self.nip = nip
        self.nilaiTalenta = nilaiTalenta
        self.readiness = readiness
        self.gaps = gaps
        self.gapDetails = gapDetails
        self.fromOwnOPD = fromOwnOPD
    }
}

/// The succession plan of one target.
public struct SuccessionPlan: Hashable, Codable, Sendable {
    public var target: TargetPosition
    /// Kept candidates by rank; empty with flag NO_SUCCESSOR.
    public var candidates: [SuccessionCandidate]
    /// NO_SUCCESSOR (no candidate) or NO_READY_NOW (no kept candidate ready now); repeated on every row.
    public var flags: [PlanFlag]

    public init(target: TargetPosition, candidates: [SuccessionCandidate], flags: [PlanFlag]) {
        self.target = target
        self.candidates = candidates
        self.flags = flags
    }
}
