/// Everything the talent rules read about one accepted employee: the employee row, the typed rows of the other input
/// files that passed static validation, and a marker for each of the employee's rows that did not.
///
/// Rows whose only problem depends on the reference date (a date after D, a performance year ≥ Y, an other-score
/// year > Y) are kept here as typed rows: the engine leaves them out and flags them when it assesses, so one stored
/// import can be reviewed with any D (see `Validator`).
public struct EmployeeInput: Hashable, Codable, Sendable {
    public var employee: Employee
    public var education: [EducationRecord]
    public var training: [TrainingRecord]
    public var performance: [PerformanceRecord]
    public var assessments: [AssessmentRecord]
    public var awards: [AwardRecord]
    public var penalties: [PenaltyRecord]
    public var otherScores: [OtherScoreRecord]
    /// Rows of the optional files of DOMAIN.md §12.7, read and validated under every rule set and scored only by
    /// the rule sets whose indicators read them (the BKN 411/2025 preset).
    public var potentialAssessments: [PotentialAssessmentRecord]
    public var teamAssignments: [TeamAssignmentRecord]
    public var feedback: [FeedbackRecord]
    public var actingAssignments: [ActingAssignmentRecord]
    public var positionHistory: [PositionHistoryRecord]
    /// The employee's rows that failed static validation (each becomes an INVALID_… flag).
    public var invalidRows: [InvalidRow]

    public init(employee: Employee, education: [EducationRecord] = [], training: [TrainingRecord] = [],
                performance: [PerformanceRecord] = [], assessments: [AssessmentRecord] = [],
                awards: [AwardRecord] = [], penalties: [PenaltyRecord] = [], otherScores: [OtherScoreRecord] = [],
                potentialAssessments: [PotentialAssessmentRecord] = [], teamAssignments: [TeamAssignmentRecord] = [],
                feedback: [FeedbackRecord] = [], actingAssignments: [ActingAssignmentRecord] = [],
                positionHistory: [PositionHistoryRecord] = [], invalidRows: [InvalidRow] = []) {
        self.employee = employee
        self.education = education
        self.training = training
        self.performance = performance
        self.assessments = assessments
        self.awards = awards
        self.penalties = penalties
        self.otherScores = otherScores
        self.potentialAssessments = potentialAssessments
        self.teamAssignments = teamAssignments
        self.feedback = feedback
        self.actingAssignments = actingAssignments
        self.positionHistory = positionHistory
        self.invalidRows = invalidRows
    }
}

/// The kinds of per-employee history rows (one input file each).
public enum RecordKind: String, CaseIterable, Codable, Sendable {
    case education
    case training
    case performance
    case assessment
    case award
    case penalty
    case otherScore = "other_score"
    case potentialAssessment = "potential_assessment"
    case teamAssignment = "team_assignment"
    case feedback
    case actingAssignment = "acting_assignment"
    case positionHistory = "position_history"

    /// Position in `allCases` (0 … 11), for bit sets.
    var index: Int {
        switch self {
        case .education: return 0
        case .training: return 1
        case .performance: return 2
        case .assessment: return 3
        case .award: return 4
        case .penalty: return 5
        case .otherScore: return 6
        case .potentialAssessment: return 7
        case .teamAssignment: return 8
        case .feedback: return 9
        case .actingAssignment: return 10
        case .positionHistory: return 11
        }
    }

    /// The flag an invalid row of this kind puts on the employee's placement (DOMAIN.md §10).
    public var invalidFlag: PlacementFlag {
        switch self {
        case .education: return .invalidEducation
        case .training: return .invalidTraining
        case .performance: return .invalidPerformance
        case .assessment: return .invalidAssessment
        case .award: return .invalidAward
        case .penalty: return .invalidPenalty
        case .otherScore: return .invalidOtherScore
        case .potentialAssessment: return .invalidPotentialAssessment
        case .teamAssignment: return .invalidTeamAssignment
        case .feedback: return .invalidFeedback
        case .actingAssignment: return .invalidActingAssignment
        case .positionHistory: return .invalidPositionHistory
        }
    }
}

/// A marker for a row of an accepted employee that failed static validation (a value outside its range or
/// vocabulary, an unparseable date, an assessment with some but not all levels...). The row itself is left out.
public struct InvalidRow: Hashable, Codable, Sendable {
    public var kind: RecordKind
    /// The input file's line (the header is line 1).
    public var line: Int
    /// What was wrong, in plain words (for the explanation; never a person's name).
    public var problem: String

    public init(kind: RecordKind, line: Int, problem: String) {
        self.kind = kind
        self.line = line
        self.problem = problem
    }
}
