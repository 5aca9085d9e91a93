import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("TestDatabase creates, migrates and drops its own database", .ownThread)
struct TestDatabaseTests {
    @Test func createMigrateDrop() throws {
        let database = try TestDatabase.create(migrated: true)
        let connection = try database.connect()
        let row = try #require(
            try connection.execute(
                "SELECT current_database() AS name, to_regclass('public.schema_migrations') IS NOT NULL AS migrated"
            ).rows.first)
        #expect(try row.decode("name", as: String.self) == database.name)
        #expect(try row.decode("migrated", as: Bool.self))
        #expect(database.name.hasPrefix("talenta_test_"))
        let sql = TestDatabase.repositoryRoot.appendingPathComponent("sql")
        let expected = try Migrator(directory: sql).pending(on: connection)
        #expect(expected.isEmpty)
        connection.close()

        database.drop()
        let admin = try Connection(url: ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "")
        let left = try #require(
            try admin.execute("SELECT count(*) AS n FROM pg_database WHERE datname = $1", [database.name]).rows.first)
        #expect(try left.decode("n", as: Int.self) == 0)
    }

    @Test func repositoryRootHoldsThePackage() {
        let manifest = TestDatabase.repositoryRoot.appendingPathComponent("Package.swift")
        #expect(FileManager.default.fileExists(atPath: manifest.path))
    }
}
