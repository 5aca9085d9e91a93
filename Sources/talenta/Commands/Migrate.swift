import ArgumentParser
import Foundation
import Logging
import Postgres

/// `talenta migrate`: applies the pending `sql/NNNN_*.sql` migrations, each once, in its own transaction.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending SQL migrations from the sql/ folder (each once, in order, in a transaction).")

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp(
        "Folder holding the NNNN_name.sql migrations.",
        discussion: "Default: TALENTA_SQL_DIR, else the sql/ folder found walking up from the executable, then from the current directory."))
    var sqlDir: String?

    func run() throws {
        let logger = LogSetup.logger(label: "talenta.migrate", options: database)
        guard let directory = SQLDirectory.locate(option: sqlDir) else {
            throw CommandFailure(description: "no sql/ folder with \(SQLDirectory.marker) found; pass --sql-dir or set TALENTA_SQL_DIR")
        }
        let applied: [String]
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-migrate")
            defer { connection.close() }
            applied = try Migrator(directory: directory).migrate(connection)
        } catch {
            throw CommandFailure("migration failed", error)
        }
        if applied.isEmpty {
            logger.info("database is up to date", metadata: ["sql.dir": "\(directory.path)"])
        }
        for name in applied {
            logger.info("applied migration", metadata: ["file": "\(name)"])
        }
        print("applied \(applied.count) migration(s)" + (applied.isEmpty ? "" : ": " + applied.joined(separator: ", ")))
    }
}
