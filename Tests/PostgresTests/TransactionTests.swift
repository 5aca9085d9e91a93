import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("withTransaction commits, and rolls back when its body throws", .ownThread)
struct TransactionTests {
    let database: TestDatabase
    let connection: Connection

    struct Abandon: Error {}

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
        try connection.executeScript("CREATE TABLE note (id bigint PRIMARY KEY, body text NOT NULL)")
    }

    private func count(on connection: Connection) throws -> Int {
        try #require(try connection.execute("SELECT count(*) AS n FROM note").rows.first).decode("n")
    }

    @Test func commits() throws {
        let id: Int = try connection.withTransaction { connection in
            try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "first"])
            try connection.execute("INSERT INTO note VALUES ($1, $2)", [2, "second"])
            return 2
        }
        #expect(id == 2)
        let observer = try database.connect()
        #expect(try count(on: observer) == 2)
    }

    @Test func rollsBackOnThrow() throws {
        #expect(throws: Abandon.self) {
            try connection.withTransaction { connection in
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "gone"])
                throw Abandon()
            }
        }
        #expect(try count(on: connection) == 0)
        #expect(try count(on: try database.connect()) == 0)
        // The connection is back outside a transaction and usable.
        try connection.withTransaction { connection in
            try connection.execute("INSERT INTO note VALUES ($1, $2)", [3, "kept"])
        }
        #expect(try count(on: connection) == 1)
    }

    @Test func rollsBackOnServerError() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction { connection in
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "a"])
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "duplicate"], name: "note.insert")
            }
        }
        #expect(error.isUniqueViolation)
        #expect(try count(on: connection) == 0)
    }

    @Test func swallowedErrorStillRollsBack() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction { connection in
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "a"])
                _ = try? connection.execute("SELEC 1")
            }
        }
        #expect(error.kind == .usage)
        #expect(error.statementName == "transaction.commit")
        #expect(try count(on: connection) == 0)
    }

    @Test func nestingIsAnError() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction { connection in
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "outer"])
                try connection.withTransaction { _ in }
            }
        }
        #expect(error.kind == .usage)
        #expect(try count(on: connection) == 0)
    }
}
