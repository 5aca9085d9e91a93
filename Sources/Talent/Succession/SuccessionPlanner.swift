/// Target positions (jabatan target), DOMAIN.md §8. The candidates, their ranking, readiness and the plan flags are
/// `SuccessionShortlist`'s.
///
/// Takes plain values (organisation, holders) so it runs after every placement of a review exists, in memory or from
/// stored placements.
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
