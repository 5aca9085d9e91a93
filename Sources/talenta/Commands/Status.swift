import ArgumentParser
import Foundation
import JobQueue

/// `talenta status`: the queue's monitoring views as tables, or as one JSON document with `--json`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show jobs by kind and state, queues, throughput over the last hour, recent failures, workers and the cleanup of the job table.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print one JSON document (snake_case keys, ISO 8601 dates) instead of tables.")
    var json = false

    @Option(help: "The most recent failures to show (the rest are counted: \"and 12 more\").")
    var failures = 10

    @Option(help: "The dead or stopped workers to show besides every live one (the rest are counted).")
    var workers = 20

    @Option(help: "Seconds from which an open transaction counts as holding back the cleanup of queue.job (1-86400).")
    var longTransaction: Double = 60

    func validate() throws {
        guard failures >= 0 else { throw ValidationError("--failures must not be negative") }
        guard workers >= 0 else { throw ValidationError("--workers must not be negative") }
        guard longTransaction.isFinite, (1...86_400).contains(longTransaction) else {
            throw ValidationError("--long-transaction must be between 1 and 86400 seconds")
        }
    }

    func run() throws {
        let status = try OperatorConnection.with(database, action: "status") { connection in
            try QueueStatus.read(
                failureLimit: failures, workerLimit: workers, longTransactionSeconds: longTransaction, on: connection)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(Self.tables(status))
        }
    }

    static func tables(_ status: QueueStatus) -> String {
        var counts = TextTable("KIND", "STATE", "JOBS")
        for count in status.counts { counts.append(count.kind, count.state, "\(count.jobs)") }

        var queues = TextTable("QUEUE", "STATE", "WAITING", "OLDEST WAITING", "SCHEDULED", "RUNNING")
        for queue in status.queues {
            queues.append(
                queue.queue, queue.pausedAt == nil ? "running" : "paused", "\(queue.waiting)",
                queue.oldestWaitingSeconds.map(seconds) ?? "-", "\(queue.scheduled)", "\(queue.running)")
        }

        var throughput = TextTable("MINUTE (UTC)", "COMPLETED", "DISCARDED", "CANCELLED")
        for minute in status.throughput where minute.completed + minute.discarded + minute.cancelled > 0 {
            throughput.append(time(minute.minute), "\(minute.completed)", "\(minute.discarded)", "\(minute.cancelled)")
        }
        let total = status.throughput.reduce(0) { $0 + $1.completed }

        var failures = TextTable("JOB", "KIND", "STATE", "ATTEMPT", "FAILED AT (UTC)", "WHY", "ERROR")
        for failure in status.failures {
            failures.append(
                "\(failure.jobID)", failure.kind, failure.state, "\(failure.attempt)", time(failure.failedAt),
                failure.errorKind ?? "-", clipped(failure.error, to: 100))
        }

        var workers = TextTable("WORKER", "STATUS", "VERSION", "SLOTS", "RUNNING", "QUEUES", "LAST SEEN", "STARTED (UTC)")
        for worker in status.workers {
            workers.append(
                worker.id, worker.status, worker.version, "\(worker.concurrency)", "\(worker.runningJobs)",
                worker.queues.joined(separator: ","), seconds(worker.seenSecondsAgo) + " ago", time(worker.startedAt))
        }

        return [
            "Jobs by kind and state\n" + counts.rendered,
            "Queues\n" + queues.rendered,
            "Throughput, last hour (\(total) completed; minutes with activity)\n" + throughput.rendered,
            "Recent failures (last 24 hours)\n" + failures.rendered
                + more(status.failuresNotShown, "failed attempt", "failed attempts", option: "--failures"),
            "Workers\n" + workers.rendered
                + more(status.workersNotShown, "dead or stopped worker", "dead or stopped workers", option: "--workers"),
            "Cleanup of queue.job\n" + cleanup(status.cleanup),
        ].joined(separator: "\n\n")
    }

    /// The job table's rows and vacuums, then who holds its cleanup back (or that nothing does).
    static func cleanup(_ health: CleanupHealth) -> String {
        var table = TextTable("LIVE ROWS", "DEAD ROWS", "LAST VACUUM (UTC)", "LAST AUTOVACUUM (UTC)")
        table.append("\(health.liveRows)", "\(health.deadRows)", health.lastVacuumAt.map(time) ?? "never",
                     health.lastAutovacuumAt.map(time) ?? "never")
        var lines = [table.rendered]
        let threshold = seconds(health.longTransactionSeconds)
        if let holder = health.heldBackBy {
            lines.append("""
                WARNING: an open transaction has held back cleanup for \(seconds(holder.seconds)) (over \(threshold)): \
                pid \(holder.pid), application \(holder.application.isEmpty ? "-" : holder.application), \
                state \(holder.state); dead rows stay until it ends
                """)
        } else {
            lines.append("No open transaction has held back cleanup for over \(threshold).")
        }
        if !health.seesAllSessions {
            lines.append("""
                Note: the schema owner sees only its own roles' sessions; GRANT pg_read_all_stats to it so that \
                every session counts.
                """)
        }
        return lines.joined(separator: "\n")
    }

    /// The line under a cut list: "… and 12 more failed attempts (--failures N shows more)"; nothing when nothing
    /// was cut.
    static func more(_ count: Int, _ one: String, _ many: String, option: String) -> String {
        count == 0 ? "" : "\n… and \(count) more \(count == 1 ? one : many) (\(option) N shows more)"
    }

    /// `text` cut to `length` characters, ending in "…" when it was cut.
    static func clipped(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }

    private static func seconds(_ value: Double) -> String {
        value < 60 ? String(format: "%.1f s", value) : String(format: "%.0f min", value / 60)
    }

    private static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: date)
    }
}
