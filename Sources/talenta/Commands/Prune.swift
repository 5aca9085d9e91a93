import ArgumentParser
import JobQueue

/// `talenta prune`: deletes finished jobs past their retention in small batches through `queue.prune`, now, instead of
/// waiting for the hourly `retention` schedule (sql/0018) that does the same by itself.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete finished jobs past their retention now, in small batches (each its own short transaction).",
        discussion: "The enabled schedule 'retention' does this every hour by itself (a 'prune' job, 7 and 30 days).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Keep completed and cancelled jobs this long (a Postgres interval).")
    var completedOlderThan = "7 days"

    @Option(help: "Keep discarded jobs this long (a Postgres interval).")
    var discardedOlderThan = "30 days"

    @Option(help: "Jobs deleted per batch (1-10000).")
    var batchSize = 1_000

    func validate() throws {
        guard (1...10_000).contains(batchSize) else { throw ValidationError("--batch-size must be between 1 and 10000") }
    }

    func run() throws {
        let deleted = try OperatorConnection.with(database, action: "prune") { connection in
            try QueueOperations.prune(
                completedOlderThan: completedOlderThan, discardedOlderThan: discardedOlderThan, batchSize: batchSize,
                on: connection)
        }
        print("pruned \(deleted) job(s)")
    }
}
