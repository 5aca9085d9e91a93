/// One typed row of a history file (education.csv … other_scores.csv and the optional files of DOMAIN.md §12.7), as
/// validation gives it: what an import stores in the file's `hr` table and what a review reads.
public enum HistoryRow: Hashable, Sendable {
    case education(EducationRecord)
    case training(TrainingRecord)
    case performance(PerformanceRecord)
    case assessment(AssessmentRecord)
    case award(AwardRecord)
    case penalty(PenaltyRecord)
    case otherScore(OtherScoreRecord)
    case potentialAssessment(PotentialAssessmentRecord)
    case teamAssignment(TeamAssignmentRecord)
    case feedback(FeedbackRecord)
    case actingAssignment(ActingAssignmentRecord)
    case positionHistory(PositionHistoryRecord)

    /// The kind of history, one per file.
    public var kind: RecordKind {
        switch self {
        case .education: return .education
        case .training: return .training
        case .performance: return .performance
        case .assessment: return .assessment
        case .award: return .award
        case .penalty: return .penalty
        case .otherScore: return .otherScore
        case .potentialAssessment: return .potentialAssessment
        case .teamAssignment: return .teamAssignment
        case .feedback: return .feedback
        case .actingAssignment: return .actingAssignment
        case .positionHistory: return .positionHistory
        }
    }
}

/// A history row of an accepted employee after static validation (DOMAIN.md §10): kept as a typed row, or left out
/// and replaced by a marker that becomes the employee's INVALID_… flag.
public enum HistoryCheck: Hashable, Sendable {
    case valid(HistoryRow)
    case invalid(InvalidRow)
}

extension EmployeeInput {
    /// Adds a validated history row to the employee: the typed row to its list, or the marker to `invalidRows`.
    public mutating func append(_ check: HistoryCheck) {
        switch check {
        case let .valid(row):
            switch row {
            case let .education(record): education.append(record)
            case let .training(record): training.append(record)
            case let .performance(record): performance.append(record)
            case let .assessment(record): assessments.append(record)
            case let .award(record): awards.append(record)
            case let .penalty(record): penalties.append(record)
            case let .otherScore(record): otherScores.append(record)
            case let .potentialAssessment(record): potentialAssessments.append(record)
            case let .teamAssignment(record): teamAssignments.append(record)
            case let .feedback(record): feedback.append(record)
            case let .actingAssignment(record): actingAssignments.append(record)
            case let .positionHistory(record): positionHistory.append(record)
            }
        case let .invalid(marker):
            invalidRows.append(marker)
        }
    }
}
