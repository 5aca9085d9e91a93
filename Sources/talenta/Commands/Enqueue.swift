import ArgumentParser
import Foundation
import JobQueue
import Postgres

/// `talenta enqueue KIND`: adds one job through `queue.enqueue` and prints its id.
struct EnqueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Enqueue one job (through queue.enqueue) and print its id.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The job kind's stable name, e.g. noop.")
    var kind: String

    @Option(help: "The payload as JSON.")
    var payload = "{}"

    @Option(help: "The queue.")
    var queue = "default"

    @Option(help: "Priority: 0 (runs first) to 100.")
    var priority = 0

    @Option(help: "Attempts allowed (at least 1).")
    var maxAttempts = 20

    @Option(help: "Earliest run time, ISO 8601 with an offset (e.g. 2025-01-31T08:00:00+08:00). Default: now.")
    var runAt: String?

    @Option(help: "Job key: while a job with this key is pending, print its id instead of adding another.")
    var jobKey: String?

    func validate() throws {
        guard (try? JSONSerialization.jsonObject(with: Data(payload.utf8), options: [.fragmentsAllowed])) != nil else {
            throw ValidationError("--payload is not valid JSON")
        }
        if let runAt, Self.parseDate(runAt) == nil {
            throw ValidationError("--run-at must be an ISO 8601 date-time with an offset, e.g. 2025-01-31T08:00:00Z")
        }
    }

    func run() throws {
        let options = EnqueueOptions(
            queue: queue, runAt: runAt.flatMap(Self.parseDate), priority: priority, maxAttempts: maxAttempts,
            jobKey: jobKey)
        let request = JobRequest(kindName: kind, payloadJSON: Data(payload.utf8), options: options)
        let id: Int64
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-enqueue")
            defer { connection.close() }
            id = try Enqueuer.enqueue(request, on: connection)
        } catch {
            throw CommandFailure("enqueue failed", error)
        }
        print(id)
    }

    private static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
