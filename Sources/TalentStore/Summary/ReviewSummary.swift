public import Postgres
import Talent

/// The headline numbers of a stored review: the nine-box distribution, the talent pool and succession coverage.
public struct ReviewSummary: Hashable, Sendable {
    /// Y.
    public var year: Int
    /// The scenario summarised; nil for the official review.
    public var scenario: ScenarioName?
    /// The period's rule set, `name@version`.
    public var ruleSetID: String
    /// Where the rule set comes from when it says (the BKN 411/2025 preset: reconstructed, not checked against the
    /// Lampiran); nil otherwise.
    public var provenance: String?
    /// Employees per box (kotak) 1 … 9; a box with nobody is absent.
    public var boxes: [Int: Int]
    /// Assessed employees with no box (BELUM_TERPETAKAN).
    public var notPlaced: Int
    /// Pool members (KRS instansi).
    public var poolSize: Int
    /// Target positions (jabatan target) with a plan.
    public var targetPositions: Int
    /// Targets with no candidate (NO_SUCCESSOR).
    public var noSuccessor: Int
    /// Targets whose kept candidates include nobody ready now (NO_READY_NOW).
    public var noReadyNow: Int
    /// Every employee in `hr.employee` now.
    public var employees: Int
    /// Employees with no result in the period, by `hr.employee.state`: the states the rules do not assess (PENSIUN,
    /// BERHENTI by default), and anyone imported after the review (until a recalculation assesses them).
    public var withoutResult: [String: Int]

    /// The period's review runs (an annual review or a recalculation) whose batches are not all done yet, oldest
    /// first: while one is listed, the figures are partial (succession is planned after a run's last batch).
    public var unfinishedRuns: [UnfinishedRun]

    /// A review run still in progress: its job kind and its assessment batches done of all.
    public struct UnfinishedRun: Hashable, Sendable {
        public var kind: String
        public var batchesDone: Int
        public var batchesTotal: Int
    }

    /// Everyone assessed: placed plus not placed.
    public var assessed: Int { boxes.values.reduce(0, +) + notPlaced }

    /// Employees with no result in the period: ``employees`` minus ``assessed``.
    public var notInReview: Int { withoutResult.values.reduce(0, +) }

    /// Reads the summary of year Y's official review, or of its scenario `scenario` (six queries).
    /// - Throws: `StoreError` (`.notFound`) when the year has no such period; `PostgresError`.
    public static func read(year: Int, scenario: ScenarioName? = nil, on connection: Connection) throws -> ReviewSummary {
        let (period, rules) = try ReviewPeriods.find(year: year, scenario: scenario, on: connection)
        var summary = ReviewSummary(year: year, scenario: scenario, ruleSetID: rules.id, provenance: rules.provenance,
                                    boxes: [:], notPlaced: 0, poolSize: 0, targetPositions: 0,
                                    noSuccessor: 0, noReadyNow: 0, employees: 0, withoutResult: [:],
                                    unfinishedRuns: [])
        for row in try connection.execute("""
            SELECT box, count(*) AS employees FROM talent.assessment_result WHERE period_id = $1 GROUP BY box
            """, [period.id], name: "talent.summary_boxes").rows {
            let count = try row.decode("employees", as: Int.self)
            if let box = try row.decode("box", as: Int?.self) { summary.boxes[box] = count } else { summary.notPlaced = count }
        }
        let pool = try connection.execute(
            "SELECT count(*) AS members FROM talent.pool_evaluation WHERE period_id = $1 AND is_member",
            [period.id], name: "talent.summary_pool").rows[0]
        summary.poolSize = try pool.decode("members", as: Int.self)
        let plans = try connection.execute("""
            SELECT count(*) AS targets,
                   count(*) FILTER (WHERE 'NO_SUCCESSOR' = ANY(flags)) AS no_successor,
                   count(*) FILTER (WHERE 'NO_READY_NOW' = ANY(flags)) AS no_ready_now
              FROM talent.succession_plan WHERE period_id = $1
            """, [period.id], name: "talent.summary_plans").rows[0]
        summary.targetPositions = try plans.decode("targets", as: Int.self)
        summary.noSuccessor = try plans.decode("no_successor", as: Int.self)
        summary.noReadyNow = try plans.decode("no_ready_now", as: Int.self)
        summary.employees = try connection.execute(
            "SELECT count(*) AS employees FROM hr.employee", name: "talent.summary_employees").rows[0]
            .decode("employees", as: Int.self)
        for row in try connection.execute("""
            SELECT e.state, count(*) AS employees FROM hr.employee e
             WHERE NOT EXISTS (SELECT 1 FROM talent.assessment_result r WHERE r.period_id = $1 AND r.employee_id = e.id)
             GROUP BY e.state
            """, [period.id], name: "talent.summary_not_in_review").rows {
            summary.withoutResult[try row.decode("state", as: String.self)] = try row.decode("employees", as: Int.self)
        }
        for row in try connection.execute("""
            SELECT kind, batches_done, batches_total FROM talent.review_run
             WHERE period_id = $1 AND finished_at IS NULL ORDER BY id
            """, [period.id], name: "talent.summary_unfinished_runs").rows {
            summary.unfinishedRuns.append(UnfinishedRun(kind: try row.decode("kind", as: String.self),
                                                        batchesDone: try row.decode("batches_done", as: Int.self),
                                                        batchesTotal: try row.decode("batches_total", as: Int.self)))
        }
        return summary
    }
}
