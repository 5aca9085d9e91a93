/// The rows that break a rule only against the review's D (DOMAIN.md §10): left out of every indicator and flagged
/// INVALID_… on the placement, the same under every rule set, before any rule set's measure reads the rows.
///
/// Dated after D: an education row's graduated_on, a training's ended_on, an assessment's or potential assessment's
/// assessed_on, an award's awarded_on, a penalty's or team decree's decided_on, an acting assignment's or earlier
/// post's started_on. A year Y or later: performance and 360° feedback. A year after Y: other scores. Static
/// problems were found by `Validator` and arrive as `InvalidRow` markers.
struct DatedScreen {
    /// The employee's rows valid at D.
    private(set) var input: EmployeeInput
    /// The INVALID_… flags of the rows left out.
    private(set) var flags: PlacementFlags = []
    /// The rows left out, in record-kind order (performance, assessments, education, training, awards, penalties,
    /// other scores, then the optional files).
    private(set) var leftOut: [LeftOutRow] = []

    init(_ input: EmployeeInput, context: ReviewContext) {
        self.input = input
        let day = context.referenceDate
        let year = context.year
        screen(\.performance, .performance) { row in
            row.year >= year ? "year \(row.year) is not before the review year \(year)" : nil
        }
        screen(\.assessments, .assessment) { row in
            row.assessedOn > day ? "assessed on \(row.assessedOn), after D \(day)" : nil
        }
        screen(\.education, .education) { row in
            guard let graduated = row.graduatedOn, graduated > day else { return nil }
            return "\(row.level.rawValue) graduated on \(graduated), after D \(day)"
        }
        screen(\.training, .training) { row in
            row.endedOn > day ? "\(row.kind) ended on \(row.endedOn), after D \(day)" : nil
        }
        screen(\.awards, .award) { row in
            row.awardedOn > day ? "\(row.level.rawValue) awarded on \(row.awardedOn), after D \(day)" : nil
        }
        screen(\.penalties, .penalty) { row in
            row.decidedOn > day ? "\(row.level.rawValue) decided on \(row.decidedOn), after D \(day)" : nil
        }
        screen(\.otherScores, .otherScore) { row in
            row.year > year ? "year \(row.year) is after the review year \(year)" : nil
        }
        screen(\.potentialAssessments, .potentialAssessment) { row in
            row.assessedOn > day ? "assessed on \(row.assessedOn), after D \(day)" : nil
        }
        screen(\.teamAssignments, .teamAssignment) { row in
            row.decidedOn > day ? "decided on \(row.decidedOn), after D \(day)" : nil
        }
        screen(\.feedback, .feedback) { row in
            row.year >= year ? "year \(row.year) is not before the review year \(year)" : nil
        }
        screen(\.actingAssignments, .actingAssignment) { row in
            row.startedOn > day ? "\(row.kind.rawValue) started on \(row.startedOn), after D \(day)" : nil
        }
        screen(\.positionHistory, .positionHistory) { row in
            row.startedOn > day ? "post started on \(row.startedOn), after D \(day)" : nil
        }
    }

    /// Leaves out the rows of one kind for which `problem` gives a reason. The array is copied only when a row is
    /// left out (rarely), so screening a clean employee costs one pass and no allocation.
    private mutating func screen<Row>(_ rows: WritableKeyPath<EmployeeInput, [Row]>, _ kind: RecordKind,
                                      problem: (Row) -> String?) {
        guard input[keyPath: rows].contains(where: { problem($0) != nil }) else { return }
        flags.insert(kind.invalidFlag)
        var kept: [Row] = []
        for row in input[keyPath: rows] {
            if let detail = problem(row) {
                leftOut.append(LeftOutRow(kind: kind, detail: detail))
            } else {
                kept.append(row)
            }
        }
        input[keyPath: rows] = kept
    }
}
