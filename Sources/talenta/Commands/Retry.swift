import ArgumentParser
import JobQueue

/// `talenta retry ID`: makes a discarded or cancelled job available again through `queue.retry`.
struct RetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make a discarded or cancelled job available again at once.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The job's id.")
    var id: Int64

    func run() throws {
        let previous = try OperatorConnection.with(database, action: "retry") { connection in
            try QueueOperations.retry(jobID: id, on: connection)
        }
        print("job \(id): \(previous) -> available")
    }
}
