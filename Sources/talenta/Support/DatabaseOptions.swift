import ArgumentParser
import Foundation

/// Options every database command shares.
struct DatabaseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "PostgreSQL URL (postgresql://user:password@host:port/database) or libpq conninfo.",
        discussion: "Default: the DATABASE_URL environment variable; when that is unset too, libpq's PG* variables."))
    var databaseURL: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: LogLevelOption = .info

    @Option(help: ArgumentHelp(
        "Log format: human (one readable line per event) or json (one JSON object per line, for log shippers).",
        discussion: "JSON lines carry timestamp, level, label, message and metadata; a job's lines carry job.id, job.kind, job.attempt and worker.id."))
    var logFormat: LogFormatOption = .human

    /// The URL to connect to: the option, else DATABASE_URL, else "" (libpq's PG* environment).
    var resolvedDatabaseURL: String {
        databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
    }
}
