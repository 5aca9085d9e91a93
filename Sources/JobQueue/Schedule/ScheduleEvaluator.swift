public import Foundation
public import Logging
public import Postgres

/// Fires due schedules: one pass over `queue.schedule` as of the clock's "now". Every worker may run it, as often as
/// it likes, concurrently: the database makes each fire time enqueue exactly one job (`queue.fire_schedule`'s
/// compare-and-set on `next_fire_at`, the `queue.schedule_fire` primary key, the job key).
///
/// For each enabled schedule that is unplanned (`next_fire_at` NULL) or due (`next_fire_at` ≤ now):
/// - unplanned: plans the first fire time after now (`queue.plan_schedule`), fires nothing;
/// - due: fires once, for the latest fire time in [next_fire_at, now] (after an outage, the missed fire times make one
///   job, not one each), and plans the first fire time after now.
/// A schedule whose expression or zone cannot be read gets `last_error` and is skipped; the others go on.
public struct ScheduleEvaluator: Sendable {
    /// One fire time that enqueued a job in this pass.
    public struct Fired: Sendable, Hashable {
        public var schedule: String
        public var fireAt: Date
        public var jobID: Int64
    }

    /// What one pass did.
    public struct Pass: Sendable, Hashable {
        /// Fire times this evaluator fired (another evaluator may have fired others).
        public var fired: [Fired] = []
        /// Schedules this evaluator planned.
        public var planned: [String] = []
        /// Schedules skipped with an error (recorded in `last_error`).
        public var failed: [String] = []
    }

    /// Recorded as `queue.schedule_fire.fired_by`.
    public let workerID: String
    /// "Now" for deciding what is due.
    public let clock: any WallClock
    let logger: Logger

    /// - Parameters:
    ///   - workerID: the evaluating worker's id (host:pid:random).
    ///   - clock: the clock that decides what is due (``SystemWallClock`` in production).
    public init(workerID: String, clock: any WallClock = SystemWallClock(), logger: Logger) {
        self.workerID = workerID
        self.clock = clock
        self.logger = logger
    }

    static let dueSQL = """
        SELECT name, cron, time_zone, next_fire_at FROM queue.schedule
         WHERE enabled AND (next_fire_at IS NULL OR next_fire_at <= $1)
         ORDER BY name
        """

    /// Runs one pass.
    /// - Parameter connection: used on the calling thread, outside any transaction (each fire commits on its own).
    /// - Returns: what this pass fired, planned and skipped.
    /// - Throws: `PostgresError` when a statement fails (the fires before it have committed).
    public func evaluate(on connection: Connection) throws -> Pass {
        let now = clock.now()
        var pass = Pass()
        for row in try connection.execute(Self.dueSQL, [now], name: "queue.due_schedules").rows {
            let name: String = try row.decode("name")
            let due: Date? = try row.decode("next_fire_at")
            let cron: CronExpression
            let zone: TimeZone
            do {
                cron = try CronExpression(try row.decode("cron", as: String.self))
                let identifier: String = try row.decode("time_zone")
                guard let known = TimeZone(identifier: identifier) else {
                    throw CronExpressionError("time zone \(identifier) is not known to this worker")
                }
                zone = known
            } catch let error as CronExpressionError {
                try record(error: error.message, schedule: name, on: connection)
                pass.failed.append(name)
                continue
            }
            guard let due else {
                guard let first = cron.nextFireTime(after: now, in: zone) else {
                    try record(error: "the expression has no fire time in the next \(CronExpression.horizonYears) years",
                               schedule: name, on: connection)
                    pass.failed.append(name)
                    continue
                }
                if try connection.execute("SELECT queue.plan_schedule($1, $2) AS planned", [name, first],
                                          name: "queue.plan_schedule").rows[0].decode("planned", as: Bool.self) {
                    pass.planned.append(name)
                    logger.debug("schedule planned", metadata: ["schedule": "\(name)", "next_fire_at": "\(first)"])
                }
                continue
            }
            let fireAt = cron.latestFireTime(notBefore: due, notAfter: now, in: zone) ?? due
            let following = cron.nextFireTime(after: max(fireAt, now), in: zone)
            let job: Int64? = try connection.execute(
                "SELECT queue.fire_schedule($1, $2, $3, $4, $5) AS job", [name, due, fireAt, following, workerID],
                name: "queue.fire_schedule").rows[0].decode("job")
            if let job {
                pass.fired.append(Fired(schedule: name, fireAt: fireAt, jobID: job))
                logger.info("schedule fired", metadata: [
                    "schedule": "\(name)", "fire_at": "\(fireAt)", "job.id": "\(job)",
                    "missed": "\(fireAt > due)", "next_fire_at": "\(following.map { "\($0)" } ?? "none")",
                ])
            }
        }
        return pass
    }

    private func record(error message: String, schedule name: String, on connection: Connection) throws {
        logger.error("schedule cannot be evaluated", metadata: ["schedule": "\(name)", "error": "\(message)"])
        try connection.execute("SELECT queue.record_schedule_error($1, $2)", [name, message],
                               name: "queue.record_schedule_error")
    }
}
