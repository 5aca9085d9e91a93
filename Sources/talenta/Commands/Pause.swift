import ArgumentParser
import JobQueue

/// `talenta pause QUEUE`: stops workers claiming from a queue through `queue.pause`.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Pause a queue: workers claim nothing from it until `talenta resume`; running jobs finish.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The queue's name.")
    var queue: String

    func run() throws {
        try OperatorConnection.with(database, action: "pause") { connection in
            try QueueOperations.pause(queue: queue, on: connection)
        }
        print("queue \(queue): paused")
    }
}
