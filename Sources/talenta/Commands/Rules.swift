import ArgumentParser
import Foundation
import Postgres
import Talent
import TalentStore

/// `talenta rules show|set|activate|list`: the versioned rule sets of `talent.rule_set` (DOMAIN.md §9).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Show, add, activate and list rule-set versions (talent.rule_set).",
        discussion: """
            A changed parameter is a new version: `talenta rules show > rules.json`, edit it, `talenta rules set \
            rules.json --activate 2026`. Activating a version for a year's review period enqueues a recalculation \
            of that period; the results it replaces stay in talent.assessment_result_history with their version.
            """,
        subcommands: [Show.self, Set.self, Activate.self, List.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a rule set as JSON: the one given, that of a year's period, or the open period's.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "A rule set written name@version.")
        var ruleSet: String?

        @Option(help: "Show the rule set of this year's review period.")
        var year: Int?

        func run() throws {
            let rules: RuleSet
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-rules")
                defer { connection.close() }
                let id: String
                if let ruleSet {
                    id = ruleSet
                } else if let year {
                    id = try ReviewPeriods.find(year: year, on: connection).period.ruleSetID
                } else {
                    let open = try connection.execute(
                        "SELECT rule_set_name || '@' || rule_set_version AS id FROM talent.open_period",
                        name: "talent.open_rule_set").rows.first
                    id = try open?.decode("id", as: String.self) ?? RuleSet.default.id
                }
                rules = try RuleSetStore.resolve(id, on: connection)
            } catch {
                throw CommandFailure("cannot show the rule set", error)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rules), as: UTF8.self))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a rule set from a JSON file as the next version of its name (and optionally activate it).")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The rule set as JSON (as `talenta rules show` prints it); - reads standard input.")
        var file: String

        @Option(help: "Activate the new version for this year's review period and enqueue its recalculation.")
        var activate: Int?

        func run() throws {
            let data: Data
            do {
                data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile()
                    : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CommandFailure("cannot read \(file)", error)
            }
            let rules: RuleSet
            do {
                rules = try JSONDecoder().decode(RuleSet.self, from: data)
            } catch {
                throw CommandFailure(description: "\(file) is not a rule set: \(Self.describe(error))")
            }
            let problems = rules.validate()
            guard problems.isEmpty else {
                throw CommandFailure(description: "the rule set is not valid: "
                    + problems.map(\.message).joined(separator: "; "))
            }
            let (id, job): (String, Int64?)
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-rules")
                defer { connection.close() }
                (id, job) = try connection.withTransaction { connection in
                    // The built-in rule set keeps version 1 of its name.
                    try RuleSetStore.register(.default, on: connection)
                    let id: String = try connection.execute(
                        "SELECT talent.add_rule_set_version($1::jsonb) AS id", [PostgresJSON(rules)],
                        name: "talent.add_rule_set_version").rows[0].decode("id")
                    _ = try RuleSetStore.resolve(id, on: connection)
                    guard let activate else { return (id, nil) }
                    let job: Int64 = try connection.execute(
                        "SELECT talent.activate_rule_set($1::integer, $2) AS job", [activate, id],
                        name: "talent.activate_rule_set").rows[0].decode("job")
                    return (id, job)
                }
            } catch {
                throw CommandFailure("rule set not stored", error)
            }
            print("rule set \(id)")
            if let job, let activate {
                print("active for \(activate); recalculation enqueued: job \(job)")
            }
        }

        private static func describe(_ error: any Error) -> String {
            guard let error = error as? DecodingError else { return "\(error)" }
            switch error {
            case .keyNotFound(let key, let context):
                return "missing \(Self.path(context.codingPath + [key]))"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return "\(Self.path(context.codingPath)): \(context.debugDescription)"
            @unknown default:
                return "\(error)"
            }
        }

        private static func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "the document" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a stored rule set (name@version) that of a year's review period and recalculate it.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The rule set, name@version.")
        var ruleSet: String

        @Option(help: "The review year.")
        var year: Int

        func run() throws {
            let job: Int64
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-rules")
                defer { connection.close() }
                _ = try RuleSetStore.resolve(ruleSet, on: connection)
                job = try connection.execute("SELECT talent.activate_rule_set($1::integer, $2) AS job", [year, ruleSet],
                                             name: "talent.activate_rule_set").rows[0].decode("job")
            } catch {
                throw CommandFailure("rule set not activated", error)
            }
            print("\(ruleSet) active for \(year); recalculation enqueued: job \(job)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored rule sets and the years using them.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            var table = TextTable("rule set", "created", "review years", "provenance")
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-rules")
                defer { connection.close() }
                for row in try connection.execute("""
                    SELECT r.name || '@' || r.version AS id, to_char(r.created_at, 'YYYY-MM-DD HH24:MI') AS created,
                           coalesce(string_agg(p.year::text || coalesce(' (scenario ' || p.scenario || ')', ''),
                                               ', ' ORDER BY p.year, p.scenario NULLS FIRST), '') AS years,
                           coalesce(r.parameters ->> 'provenance', '') AS provenance
                      FROM talent.rule_set r
                      LEFT JOIN talent.review_period p ON p.rule_set_name = r.name AND p.rule_set_version = r.version
                     GROUP BY r.name, r.version, r.created_at, r.parameters ORDER BY r.name, r.version
                    """, name: "talent.list_rule_sets").rows {
                    table.append(try row.decode("id"), try row.decode("created"), try row.decode("years"),
                                 try row.decode("provenance"))
                }
            } catch {
                throw CommandFailure("cannot list the rule sets", error)
            }
            print(table.rendered)
        }
    }
}
