public import Foundation

/// One periodic job as `queue.schedule` stores it.
public struct Schedule: Sendable, Hashable {
    /// Stable name (1–128 characters of letters, digits and `_ . : / -`); part of each fired job's key.
    public var name: String
    /// The five-field cron expression (or macro), read in `timeZone`; see ``CronExpression``.
    public var cron: String
    /// IANA time zone identifier, e.g. `Asia/Makassar`.
    public var timeZone: String
    /// The kind of the jobs enqueued.
    public var kind: String
    /// The payload with placeholders (`{{fire_year}}`, `{{fire_month}}`, `{{fire_day}}`, `{{fire_date}}`,
    /// `{{fire_time}}`, `{{schedule}}`) as JSON text; see `queue.render_schedule_payload`.
    public var payloadTemplate: String
    /// Queue of the jobs. Default `"default"`.
    public var queue: String
    /// 0 (first) to 100. Default 0.
    public var priority: Int
    /// ≥ 1. Default 20.
    public var maxAttempts: Int
    /// Only enabled schedules fire. Default true.
    public var enabled: Bool
    /// Free text for operators.
    public var description: String?

    public init(name: String, cron: String, timeZone: String, kind: String, payloadTemplate: String = "{}",
                queue: String = "default", priority: Int = 0, maxAttempts: Int = 20, enabled: Bool = true,
                description: String? = nil) {
        self.name = name
        self.cron = cron
        self.timeZone = timeZone
        self.kind = kind
        self.payloadTemplate = payloadTemplate
        self.queue = queue
        self.priority = priority
        self.maxAttempts = maxAttempts
        self.enabled = enabled
        self.description = description
    }
}

/// A schedule with what the evaluators recorded on it.
public struct ScheduleState: Sendable, Hashable {
    public var schedule: Schedule
    /// The fire time of the latest job enqueued, nil before the first.
    public var lastFiredAt: Date?
    /// The latest job enqueued.
    public var lastJobID: Int64?
    /// The planned fire time; nil until a worker plans it.
    public var nextFireAt: Date?
    /// Why a worker could not evaluate it, nil when fine.
    public var lastError: String?
}
