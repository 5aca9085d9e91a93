import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import TestThreads
import Testing

@Suite("Migrator applies numbered files once, in order, and guards their checksums", .ownThread)
struct MigratorTests {
    let database: TestDatabase
    let connection: Connection
    let directory: URL

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write("0001_unit.sql", "CREATE TABLE unit (code text PRIMARY KEY);\nINSERT INTO unit VALUES ('ROOT');\n")
        try write("0002_unit_name.sql", "ALTER TABLE unit ADD COLUMN name text NOT NULL DEFAULT 'Unit';\n")
        try write("README.md", "not a migration")
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    private func recorded() throws -> [String] {
        try connection.execute("SELECT file_name FROM public.schema_migrations ORDER BY version").rows.map {
            try $0.decode("file_name")
        }
    }

    @Test func appliesInOrderOnce() throws {
        let migrator = Migrator(directory: directory)
        #expect(try migrator.pending(on: connection) == ["0001_unit.sql", "0002_unit_name.sql"])
        #expect(try migrator.migrate(connection) == ["0001_unit.sql", "0002_unit_name.sql"])
        #expect(try migrator.pending(on: connection) == [])
        #expect(try migrator.migrate(connection) == [])
        #expect(try recorded() == ["0001_unit.sql", "0002_unit_name.sql"])
        let root = try #require(try connection.execute("SELECT code, name FROM unit").rows.first)
        #expect(try root.decode("name", as: String.self) == "Unit")
        let checksums = try connection.execute("SELECT checksum FROM public.schema_migrations").rows
        for row in checksums {
            let checksum = try row.decode("checksum", as: String.self)
            #expect(checksum.count == 64 && checksum.allSatisfy { $0.isHexDigit })
        }
        try write("0003_unit_active.sql", "ALTER TABLE unit ADD COLUMN active boolean NOT NULL DEFAULT true;")
        #expect(try migrator.migrate(connection) == ["0003_unit_active.sql"])
    }

    @Test func changedFileIsNamed() throws {
        let migrator = Migrator(directory: directory)
        try migrator.migrate(connection)
        try write("0001_unit.sql", "CREATE TABLE unit (code text PRIMARY KEY, extra int);\n")
        let error = try #require(throws: MigrationError.self) { try migrator.migrate(connection) }
        #expect(error.kind == .checksumMismatch)
        #expect(error.fileName == "0001_unit.sql")
        #expect(error.description.contains("0001_unit.sql"))
        #expect(throws: MigrationError.self) { try migrator.pending(on: connection) }
    }

    @Test func failingFileLeavesNothingOfItself() throws {
        try write("0003_broken.sql", "CREATE TABLE half (x int);\nSELEC 1;\n")
        let error = try #require(throws: MigrationError.self) { try Migrator(directory: directory).migrate(connection) }
        #expect(error.kind == .failed)
        #expect(error.fileName == "0003_broken.sql")
        #expect(error.underlying?.sqlState == "42601")
        #expect(try recorded() == ["0001_unit.sql", "0002_unit_name.sql"])
        let half = try #require(try connection.execute("SELECT to_regclass('half') IS NULL AS absent").rows.first)
        #expect(try half.decode("absent", as: Bool.self))
    }

    @Test func badNamesAreRejected() throws {
        try write("1_short.sql", "SELECT 1;")
        let error = try #require(throws: MigrationError.self) { try Migrator(directory: directory).migrate(connection) }
        #expect(error.kind == .badFileName)
        #expect(error.fileName == "1_short.sql")
    }

    @Test func missingDirectoryAppliesNothing() throws {
        let migrator = Migrator(directory: directory.appendingPathComponent("absent"))
        #expect(try migrator.pending(on: connection) == [])
        #expect(try migrator.migrate(connection) == [])
    }

    @Test func concurrentMigratorsApplyEachFileOnce() throws {
        let url = database.url
        let directory = directory
        let outcomes = Mutex([Result<[String], any Error>]())
        let group = DispatchGroup()
        for _ in 0..<3 {
            group.enter()
            Thread {
                let outcome = Result { () throws -> [String] in
                    try Migrator(directory: directory).migrate(try Connection(url: url))
                }
                outcomes.withLock { $0.append(outcome) }
                group.leave()
            }.start()
        }
        group.wait()
        let applied = try outcomes.withLock { try $0.flatMap { try $0.get() } }
        #expect(applied.sorted() == ["0001_unit.sql", "0002_unit_name.sql"])
        #expect(try recorded() == ["0001_unit.sql", "0002_unit_name.sql"])
    }
}
