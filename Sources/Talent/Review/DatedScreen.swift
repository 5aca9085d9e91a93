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
        var input = input
        var flags: PlacementFlags = []
        var leftOut: [LeftOutRow] = []
        func screen<Row>(_ rows: inout [Row], _ kind: RecordKind, invalid: (Row) -> Bool, detail: (Row) -> String) {
            Self.screen(&rows, kind, invalid: invalid, detail: detail, flags: &flags, leftOut: &leftOut)
        }
        let day = context.referenceDate
        let year = context.year
        screen(&input.performance, .performance, invalid: { $0.year >= year }) { row in
            "year \(row.year) is not before the review year \(year)"
        }
        screen(&input.assessments, .assessment, invalid: { $0.assessedOn > day }) { row in
            "assessed on \(row.assessedOn), after D \(day)"
        }
        screen(&input.education, .education, invalid: { $0.graduatedOn.map { $0 > day } ?? false }) { row in
            "\(row.level.rawValue) graduated on \(row.graduatedOn!), after D \(day)"
        }
        screen(&input.training, .training, invalid: { $0.endedOn > day }) { row in
            "\(row.kind) ended on \(row.endedOn), after D \(day)"
        }
        screen(&input.awards, .award, invalid: { $0.awardedOn > day }) { row in
            "\(row.level.rawValue) awarded on \(row.awardedOn), after D \(day)"
        }
        screen(&input.penalties, .penalty, invalid: { $0.decidedOn > day }) { row in
            "\(row.level.rawValue) decided on \(row.decidedOn), after D \(day)"
        }
        screen(&input.otherScores, .otherScore, invalid: { $0.year > year }) { row in
            "year \(row.year) is after the review year \(year)"
        }
        screen(&input.potentialAssessments, .potentialAssessment, invalid: { $0.assessedOn > day }) { row in
            "assessed on \(row.assessedOn), after D \(day)"
        }
        screen(&input.teamAssignments, .teamAssignment, invalid: { $0.decidedOn > day }) { row in
            "decided on \(row.decidedOn), after D \(day)"
        }
        screen(&input.feedback, .feedback, invalid: { $0.year >= year }) { row in
            "year \(row.year) is not before the review year \(year)"
        }
        screen(&input.actingAssignments, .actingAssignment, invalid: { $0.startedOn > day }) { row in
            "\(row.kind.rawValue) started on \(row.startedOn), after D \(day)"
        }
        screen(&input.positionHistory, .positionHistory, invalid: { $0.startedOn > day }) { row in
            "post started on \(row.startedOn), after D \(day)"
        }
        self.input = input
        self.flags = flags
        self.leftOut = leftOut
    }

    /// Leaves out the rows of one kind that are `invalid`, each with its `detail`. The rows are only read (no copy,
    /// no allocation) unless one is left out, which is rare.
    private static func screen<Row>(_ rows: inout [Row], _ kind: RecordKind, invalid: (Row) -> Bool,
                                    detail: (Row) -> String, flags: inout PlacementFlags, leftOut: inout [LeftOutRow]) {
        guard rows.contains(where: invalid) else { return }
        flags.insert(kind.invalidFlag)
        var kept: [Row] = []
        for row in rows {
            if invalid(row) {
                leftOut.append(LeftOutRow(kind: kind, detail: detail(row)))
            } else {
                kept.append(row)
            }
        }
        rows = kept
    }
}
