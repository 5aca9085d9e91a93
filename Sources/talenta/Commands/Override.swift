import ArgumentParser
import Foundation
import Postgres

/// `talenta override box|pool|rank|revoke|list`: Komite Talenta decisions beside the computed results (sql/0007).
struct OverrideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "override",
        abstract: "Record, revoke and list the talent committee's overrides (box, pool membership, candidate rank).",
        discussion: """
            Overrides are stored beside the computed results, never editing them, and every change is audited \
            (talent.override_audit). Read the effective values in talent.current_placement_effective, \
            talent.pool_effective and talent.succession_effective.
            """,
        subcommands: [Box.self, Pool.self, Rank.self, Revoke.self, List.self])

    /// Who decided, why, and for which review year and employee.
    struct Decision: ParsableArguments {
        @Option(help: "The review year.")
        var year: Int

        @Option(help: "The employee's NIP.")
        var nip: String

        @Option(help: "Why the committee decided so.")
        var reason: String

        @Option(help: "Id of the deciding person (e.g. the committee chair's NIP).")
        var decidedBy: String
    }

    struct Box: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an employee's box (1-9) for a review year.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var decision: Decision
        @Option(help: "The box, 1-9.")
        var box: Int

        func run() throws {
            try OverrideCommand.record(database, "SELECT talent.override_box($1::integer, $2, $3::integer, $4, $5) AS id",
                                       [decision.year, decision.nip, box, decision.reason, decision.decidedBy])
        }
    }

    struct Pool: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put an employee in or out of the talent pool.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var decision: Decision
        @Flag(name: .customLong("member"), inversion: .prefixedEnableDisable, exclusivity: .exclusive,
              help: "--enable-member puts the employee in the pool, --disable-member takes them out.")
        var member: Bool

        func run() throws {
            try OverrideCommand.record(database, "SELECT talent.override_pool($1::integer, $2, $3::boolean, $4, $5) AS id",
                                       [decision.year, decision.nip, member, decision.reason, decision.decidedBy])
        }
    }

    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rank an employee as a candidate for a target position.")
        @OptionGroup var database: DatabaseOptions
        @OptionGroup var decision: Decision
        @Option(help: "The target position's code.")
        var position: String
        @Option(help: "The rank, 1 = designated successor.")
        var rank: Int

        func run() throws {
            try OverrideCommand.record(
                database, "SELECT talent.override_candidate_rank($1::integer, $2, $3, $4::integer, $5, $6) AS id",
                [decision.year, position, decision.nip, rank, decision.reason, decision.decidedBy])
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an active override (the computed value applies again).")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The override's id.")
        var id: Int64
        @Option(help: "Id of the deciding person.")
        var decidedBy: String
        @Option(help: "Why it is revoked.")
        var reason: String

        func run() throws {
            let revoked: Bool
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-override")
                defer { connection.close() }
                revoked = try connection.execute("SELECT talent.revoke_override($1, $2, $3) AS revoked",
                                                 [id, decidedBy, reason], name: "talent.revoke_override")
                    .rows[0].decode("revoked")
            } catch {
                throw CommandFailure("override not revoked", error)
            }
            guard revoked else { throw CommandFailure(description: "there is no active override \(id)") }
            print("override \(id) revoked")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the overrides in force.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Only this review year.")
        var year: Int?

        func run() throws {
            var table = TextTable("id", "year", "kind", "nip", "position", "value", "decided by", "decided at", "reason")
            do {
                let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-override")
                defer { connection.close() }
                for row in try connection.execute("""
                    SELECT id, year, kind, nip, coalesce(position_code, '') AS position,
                           coalesce(box::text, pool_member::text, rank::text) AS value, decided_by,
                           to_char(decided_at, 'YYYY-MM-DD HH24:MI') AS decided_at, reason
                      FROM talent.active_override WHERE $1::integer IS NULL OR year = $1::integer ORDER BY id
                    """, [year], name: "talent.list_overrides").rows {
                    table.append(String(try row.decode("id", as: Int64.self)), String(try row.decode("year", as: Int.self)),
                                 try row.decode("kind"), try row.decode("nip"), try row.decode("position"),
                                 try row.decode("value"), try row.decode("decided_by"), try row.decode("decided_at"),
                                 try row.decode("reason"))
                }
            } catch {
                throw CommandFailure("cannot list the overrides", error)
            }
            print(table.rendered)
        }
    }

    /// Runs an override function and prints the new override's id.
    static func record(_ database: DatabaseOptions, _ sql: String, _ parameters: [any PostgresEncodable & Sendable]) throws {
        let id: Int64
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-override")
            defer { connection.close() }
            id = try connection.execute(sql, parameters, name: "talent.override").rows[0].decode("id")
        } catch {
            throw CommandFailure("override not recorded", error)
        }
        print("override \(id) recorded")
    }
}
