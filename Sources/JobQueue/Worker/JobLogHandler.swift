import Logging

/// The log handler of one attempt's logger: the worker's handler plus the job's `job.id`, `job.kind` and
/// `job.attempt`, merged into each record's metadata only when something is logged.
///
/// Setting those keys on the worker's logger instead would have most handlers (swift-log's `StreamLogHandler`)
/// re-render their whole metadata at every key, for every job, even when nothing is ever logged: that was about a
/// sixth of the worker's CPU time on a drain of no-op jobs. Keys set on the attempt's logger later (by a handler)
/// override the job's; per-record metadata overrides both, as with any handler.
struct JobLogHandler: LogHandler {
    private var base: any LogHandler
    /// The job's keys, then keys set on this logger.
    private var own: Logger.Metadata

    /// - Parameters:
    ///   - base: the worker's handler (its metadata, level and metadata provider stay in effect).
    ///   - job: the attempt's job.
    init(base: any LogHandler, job: Job) {
        self.base = base
        own = ["job.id": .string(String(job.id)), "job.kind": .string(job.kind), "job.attempt": .string(String(job.attempt))]
    }

    func log(event: LogEvent) {
        var event = event
        event.metadata = event.metadata.map { own.merging($0) { _, record in record } } ?? own
        base.log(event: event)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { own[key] ?? base[metadataKey: key] }
        set {
            own[key] = newValue
            if newValue == nil { base[metadataKey: key] = nil }
        }
    }

    var metadata: Logger.Metadata {
        get { base.metadata.merging(own) { _, job in job } }
        set {
            base.metadata = newValue
            own = [:]
        }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }
}
