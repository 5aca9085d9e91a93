import Foundation
public import Postgres

/// Adds, lists and removes schedules through the SQL functions of `sql/0005_schedules_rules.sql`, so Swift and
/// other systems share one set of rules. Thread safety: uses `connection` on the calling thread only.
public enum ScheduleStore {
    /// Adds `schedule`, or replaces the one of that name (a changed expression or zone is planned again from now).
    /// - Throws: ``CronExpressionError`` when the expression does not parse; ``JobQueueError``
    ///   (`invalidConfiguration`) for a zone Foundation does not know; `PostgresError` from `queue.add_schedule`
    ///   (22023 for a zone the server does not know or an unknown placeholder, 22P02 for a template that is not JSON,
    ///   23514 for a name, kind, queue, priority or attempt count out of range).
    public static func add(_ schedule: Schedule, on connection: Connection) throws {
        _ = try CronExpression(schedule.cron)
        guard TimeZone(identifier: schedule.timeZone) != nil else {
            throw JobQueueError(code: .invalidConfiguration,
                                message: "\(schedule.timeZone) is not an IANA time zone name (e.g. Asia/Makassar)")
        }
        try connection.execute("""
            SELECT queue.add_schedule($1, $2, $3, $4, $5::jsonb, $6, $7::integer, $8::integer, $9::boolean, $10)
            """, [schedule.name, schedule.cron, schedule.timeZone, schedule.kind, schedule.payloadTemplate,
                  schedule.queue, schedule.priority, schedule.maxAttempts, schedule.enabled, schedule.description],
            name: "queue.add_schedule")
    }

    /// Removes a schedule and its fire history (its jobs stay).
    /// - Returns: false when there was none.
    /// - Throws: `PostgresError`.
    @discardableResult
    public static func remove(named name: String, on connection: Connection) throws -> Bool {
        try connection.execute("SELECT queue.remove_schedule($1) AS removed", [name], name: "queue.remove_schedule")
            .rows[0].decode("removed", as: Bool.self)
    }

    /// Enables or disables a schedule (enabling plans from now on).
    /// - Returns: false when there is none.
    /// - Throws: `PostgresError`.
    @discardableResult
    public static func setEnabled(_ enabled: Bool, named name: String, on connection: Connection) throws -> Bool {
        try connection.execute("SELECT queue.set_schedule_enabled($1, $2::boolean) AS changed", [name, enabled],
                               name: "queue.set_schedule_enabled").rows[0].decode("changed", as: Bool.self)
    }

    /// Every schedule, by name.
    /// - Throws: `PostgresError`.
    public static func list(on connection: Connection) throws -> [ScheduleState] {
        try connection.execute("""
            SELECT name, cron, time_zone, kind, payload_template::text AS payload_template, queue, priority,
                   max_attempts, enabled, description, last_fired_at, last_job_id, next_fire_at, last_error
              FROM queue.schedule ORDER BY name
            """, name: "queue.list_schedules").rows.map { row in
            ScheduleState(
                schedule: Schedule(
                    name: try row.decode("name"), cron: try row.decode("cron"), timeZone: try row.decode("time_zone"),
                    kind: try row.decode("kind"), payloadTemplate: try row.decode("payload_template"),
                    queue: try row.decode("queue"), priority: try row.decode("priority"),
                    maxAttempts: try row.decode("max_attempts"), enabled: try row.decode("enabled"),
                    description: try row.decode("description")),
                lastFiredAt: try row.decode("last_fired_at"), lastJobID: try row.decode("last_job_id"),
                nextFireAt: try row.decode("next_fire_at"), lastError: try row.decode("last_error"))
        }
    }
}
