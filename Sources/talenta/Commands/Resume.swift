import ArgumentParser
import JobQueue

/// `talenta resume QUEUE`: lets workers claim from a paused queue again through `queue.resume`.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Resume a paused queue and wake its workers.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The queue's name.")
    var queue: String

    func run() throws {
        try OperatorConnection.with(database, action: "resume") { connection in
            try QueueOperations.resume(queue: queue, on: connection)
        }
        print("queue \(queue): running")
    }
}
