import ArgumentParser
import LogFormats
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

/// The log output format, as a command-line option value.
enum LogFormatOption: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// swift-log's stream handler: `timestamp level label: metadata message`, for a terminal.
    case human
    /// One JSON object per line (``JSONLinesLogHandler``), for log shippers.
    case json
}

/// The executable's one logging bootstrap: on standard error, at the chosen level, in the chosen format.
enum LogSetup {
    /// Bootstraps logging (once per process) and returns a logger labelled `label`.
    static func logger(label: String, level: LogLevelOption, format: LogFormatOption) -> Logger {
        LoggingSystem.bootstrap { label in
            switch format {
            case .human:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level.level
                return handler
            case .json:
                var handler = JSONLinesLogHandler(label: label)
                handler.logLevel = level.level
                return handler
            }
        }
        return Logger(label: label)
    }

    /// ``logger(label:level:format:)`` with the shared options' level and format.
    static func logger(label: String, options: DatabaseOptions) -> Logger {
        logger(label: label, level: options.logLevel, format: options.logFormat)
    }
}
