import ArgumentParser
import Logging

/// A swift-log level as a command-line option value.
struct LogLevelOption: ExpressibleByArgument, Sendable {
    let level: Logger.Level

    static let info = LogLevelOption(level: .info)

    init(level: Logger.Level) { self.level = level }

    init?(argument: String) {
        guard let level = Logger.Level(rawValue: argument.lowercased()) else { return nil }
        self.level = level
    }

    var defaultValueDescription: String { level.rawValue }

    static var allValueStrings: [String] { Logger.Level.allCases.map(\.rawValue) }
}

/// The executable's one logging bootstrap: swift-log's stream handler on standard error at the chosen level.
enum LogSetup {
    /// Bootstraps logging (once per process) and returns a logger labelled `label`.
    static func logger(label: String, level: LogLevelOption) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level.level
            return handler
        }
        return Logger(label: label)
    }
}
