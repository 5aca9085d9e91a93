import ArgumentParser
import Foundation
import JobQueue
import Postgres

/// `talenta schedule add|list|remove|enable|disable`: the periodic jobs of `queue.schedule`.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Manage periodic jobs (queue.schedule): add, list, remove, enable, disable.",
        discussion: """
            Every worker evaluates the schedules (unless started with --no-schedules); each fire time enqueues \
            exactly one job. Payload templates may use {{fire_year}}, {{fire_month}}, {{fire_day}}, {{fire_date}}, \
            {{fire_time}} and {{schedule}}; see docs/operations.md (Schedules).
            """,
        subcommands: [Add.self, List.self, Remove.self, Enable.self, Disable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a schedule, or replace the one of that name with --replace.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The schedule's name (letters, digits and _ . : / -).")
        var name: String

        @Option(help: "Cron expression: minute hour day-of-month month day-of-week, e.g. '0 1 1 4 *', or @daily.")
        var cron: String

        @Option(help: "IANA time zone the expression is read in.")
        var timeZone = "Asia/Makassar"

        @Option(help: "The job kind to enqueue.")
        var kind: String

        @Option(help: "The payload template as JSON.")
        var payload = "{}"

        @Option(help: "The queue of the jobs.")
        var queue = "default"

        @Option(help: "Priority of the jobs: 0 (runs first) to 100.")
        var priority = 0

        @Option(help: "Attempts allowed per job (at least 1).")
        var maxAttempts = 20

        @Option(help: "A description for operators.")
        var description: String?

        @Flag(help: "Add it disabled.")
        var disabled = false

        @Flag(help: "Replace an existing schedule of that name (its fire history stays).")
        var replace = false

        func validate() throws {
            do {
                _ = try CronExpression(cron)
            } catch {
                throw ValidationError("--cron: \(error.message)")
            }
            guard TimeZone(identifier: timeZone) != nil else {
                throw ValidationError("--time-zone \(timeZone) is not an IANA time zone name (e.g. Asia/Makassar)")
            }
            guard (try? JSONSerialization.jsonObject(with: Data(payload.utf8), options: [.fragmentsAllowed])) != nil else {
                throw ValidationError("--payload is not valid JSON")
            }
        }

        func run() throws {
            let schedule = Schedule(name: name, cron: cron, timeZone: timeZone, kind: kind, payloadTemplate: payload,
                                    queue: queue, priority: priority, maxAttempts: maxAttempts, enabled: !disabled,
                                    description: description)
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-schedule")
                defer { connection.close() }
                try connection.withTransaction { connection in
                    let exists = try ScheduleStore.list(on: connection).contains { $0.schedule.name == name }
                    if exists && !replace {
                        throw CommandFailure(description: "schedule \(name) exists: pass --replace to replace it")
                    }
                    try ScheduleStore.add(schedule, on: connection)
                }
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure("schedule not added", error)
            }
            print("schedule \(name): \(cron) in \(timeZone), kind \(kind)\(disabled ? " (disabled)" : "")")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the schedules with their last and next fire times.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let states: [ScheduleState]
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-schedule")
                defer { connection.close() }
                states = try ScheduleStore.list(on: connection)
            } catch {
                throw CommandFailure("cannot list the schedules", error)
            }
            let formatter = ISO8601DateFormatter()
            var table = TextTable("name", "cron", "time zone", "kind", "enabled", "last fired", "next fire", "payload",
                                  "error")
            for state in states {
                let s = state.schedule
                table.append(s.name, s.cron, s.timeZone, s.kind, s.enabled ? "yes" : "no",
                             state.lastFiredAt.map(formatter.string(from:)) ?? "-",
                             state.nextFireAt.map(formatter.string(from:)) ?? (s.enabled ? "(unplanned)" : "-"),
                             s.payloadTemplate, state.lastError ?? "")
            }
            print(table.rendered)
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a schedule and its fire history (its jobs stay).")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The schedule's name.")
        var name: String

        func run() throws {
            try ScheduleCommand.change(database, name, verb: "removed") { try ScheduleStore.remove(named: name, on: $0) }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a schedule; it fires from its next fire time on.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The schedule's name.")
        var name: String

        func run() throws {
            try ScheduleCommand.change(database, name, verb: "enabled") {
                try ScheduleStore.setEnabled(true, named: name, on: $0)
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a schedule.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The schedule's name.")
        var name: String

        func run() throws {
            try ScheduleCommand.change(database, name, verb: "disabled") {
                try ScheduleStore.setEnabled(false, named: name, on: $0)
            }
        }
    }

    /// Runs a change that reports whether the schedule existed; exits 1 with a message when it did not.
    static func change(_ database: DatabaseOptions, _ name: String, verb: String,
                       _ body: (Connection) throws -> Bool) throws {
        let found: Bool
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-schedule")
            defer { connection.close() }
            found = try body(connection)
        } catch {
            throw CommandFailure("schedule \(name) not \(verb)", error)
        }
        guard found else { throw CommandFailure(description: "there is no schedule named \(name)") }
        print("schedule \(name) \(verb)")
    }
}
