import ArgumentParser
import JobQueue

/// `talenta cancel ID`: cancels a job through `queue.cancel`.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel an available, retryable or running job (a running job is stopped at its worker's next heartbeat).")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The job's id.")
    var id: Int64

    func run() throws {
        let previous = try OperatorConnection.with(database, action: "cancel") { connection in
            try QueueOperations.cancel(jobID: id, on: connection)
        }
        print("job \(id): \(previous) -> cancelled")
    }
}
