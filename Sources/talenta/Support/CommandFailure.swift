import Postgres

/// A command's failure as the operator should read it: ArgumentParser prints the description and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    /// A failure with its own message.
    init(description: String) {
        self.description = description
    }

    /// Wraps an error for the terminal; a database error shows the server's message (the operator's own input).
    init(_ context: String, _ error: any Error) {
        let detail = (error as? PostgresError)?.debugDescription ?? String(describing: error)
        description = "\(context): \(detail)"
    }
}
