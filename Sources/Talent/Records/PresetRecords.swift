/// A row of potential_assessments.csv (DOMAIN.md §12.7): the eight aspects of potential, each 1–5.
public struct PotentialAssessmentRecord: Hashable, Codable, Sendable {
    public var assessedOn: CivilDate
    /// How it was made, free text (`PROASN_CACT`…); empty when not given. Never changes a score.
    public var method: String
    /// The eight levels in `PotentialAspect.allCases` order, each 1–5.
    public var levels: [Int]

    /// - Precondition: eight levels.
    public init(assessedOn: CivilDate, method: String = "", levels: [Int]) {
        precondition(levels.count == PotentialAspect.allCases.count, "a potential assessment has 8 levels")
        self.assessedOn = assessedOn
        self.method = method
        self.levels = levels
    }
}

/// A row of team_assignments.csv (DOMAIN.md §12.7): a role in a team set up by decree.
public struct TeamAssignmentRecord: Hashable, Codable, Sendable {
    public var role: TeamRole
    public var scope: TeamScope
    /// The team's name, free text; never read by the rules.
    public var title: String
    /// The decree's date.
    public var decidedOn: CivilDate

    public init(role: TeamRole, scope: TeamScope, title: String = "", decidedOn: CivilDate) {
        self.role = role
        self.scope = scope
        self.title = title
        self.decidedOn = decidedOn
    }
}

/// A row of feedback_360.csv (DOMAIN.md §12.7): a year's 360° feedback as an SKP predicate, a score 0–100, or both
/// (the predicate wins).
public struct FeedbackRecord: Hashable, Codable, Sendable {
    public var year: Int
    public var predicate: PerformancePredicate?
    /// 0–100, rounded half-up to two places.
    public var score: Score?

    /// - Precondition: a predicate or a score.
    public init(year: Int, predicate: PerformancePredicate?, score: Score?) {
        precondition(predicate != nil || score != nil, "a feedback record needs a predicate or a score")
        self.year = year
        self.predicate = predicate
        self.score = score
    }
}

/// A row of acting_assignments.csv (DOMAIN.md §12.7): an acting post (PJ, PLT, PLH).
public struct ActingAssignmentRecord: Hashable, Codable, Sendable {
    public var kind: ActingKind
    /// The post's level against the employee's own; only PJ may leave it empty.
    public var level: ActingLevel?
    public var startedOn: CivilDate
    /// On or after `startedOn`; nil or after D while it still runs.
    public var endedOn: CivilDate?

    /// - Precondition: a level unless the kind is PJ; `endedOn`, when given, not before `startedOn`.
    public init(kind: ActingKind, level: ActingLevel?, startedOn: CivilDate, endedOn: CivilDate?) {
        precondition(level != nil || kind == .pj, "a PLT or PLH acting assignment needs a level")
        precondition(endedOn.map { $0 >= startedOn } ?? true, "an acting assignment ends on or after its start")
        self.kind = kind
        self.level = level
        self.startedOn = startedOn
        self.endedOn = endedOn
    }
}

/// A row of position_history.csv (DOMAIN.md §12.7): an earlier post.
public struct PositionHistoryRecord: Hashable, Codable, Sendable {
    public var startedOn: CivilDate
    /// The unit's code, compared as text (not checked against units.csv).
    public var unitCode: String
    /// The agency of a post outside this city's government, free text; empty for a post in this government.
    public var agency: String

    public init(startedOn: CivilDate, unitCode: String, agency: String = "") {
        self.startedOn = startedOn
        self.unitCode = unitCode
        self.agency = agency
    }

    /// Whether the post was outside this city's government (a non-empty agency, whatever its spelling).
    public var isOtherAgency: Bool { !agency.isEmpty }
}
