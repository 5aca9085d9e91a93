import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("withDeferredTransaction begins only when its body sends something", .ownThread)
struct DeferredTransactionTests {
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

    @Test func bodyThatSendsNothingOpensNoTransaction() throws {
        var beforeCommitRan = false
        let (value, committed) = try connection.withDeferredTransaction({ _ in 7 }, beforeCommit: { _ in
            beforeCommitRan = true
        })
        #expect(value == 7)
        #expect(!committed)
        #expect(!beforeCommitRan)
        let xact = try connection.execute("SELECT txid_current_if_assigned() IS NULL AS none").rows[0]
        #expect(try xact.decode("none", as: Bool.self))
        // The connection is idle again: a normal transaction may follow.
        try connection.withTransaction { try $0.execute("INSERT INTO note VALUES (1, 'after')") }
        #expect(try count(on: connection) == 1)
    }

    @Test func bodyThatWritesCommitsWithBeforeCommitInOneTransaction() throws {
        let (_, committed) = try connection.withDeferredTransaction({ connection in
            try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "body"])
            return try connection.execute("SELECT txid_current() AS x").rows[0].decode("x", as: Int64.self)
        }, beforeCommit: { connection in
            try connection.execute(
                "INSERT INTO note SELECT 2, txid_current()::text", name: "test.before_commit")
        })
        #expect(committed)
        let observer = try database.connect()
        #expect(try count(on: observer) == 2)
        let bodies = try observer.execute("SELECT body FROM note ORDER BY id").rows.map { try $0.decode("body", as: String.self) }
        #expect(Int64(bodies[1]) != nil, "beforeCommit ran in a transaction")
    }

    @Test func failureInBeforeCommitRollsBackTheBody() throws {
        #expect(throws: Abandon.self) {
            try connection.withDeferredTransaction({ connection in
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "gone"])
            }, beforeCommit: { _ in throw Abandon() })
        }
        #expect(try count(on: connection) == 0)
    }

    @Test func throwingBodyRollsBack() throws {
        #expect(throws: Abandon.self) {
            try connection.withDeferredTransaction({ connection in
                try connection.execute("INSERT INTO note VALUES ($1, $2)", [1, "gone"])
                throw Abandon()
            }, beforeCommit: { _ in })
        }
        #expect(try count(on: connection) == 0)
    }

    @Test func nestingInsideIsAnError() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.withDeferredTransaction({ connection in
                try connection.withTransaction { _ in }
            }, beforeCommit: { _ in })
        }
        #expect(error.kind == .usage)
        #expect(try count(on: connection) == 0)
    }

    @Test func isInTransactionSeesOpenAndDeferredTransactions() throws {
        #expect(!connection.isInTransaction)
        try connection.withTransaction { #expect($0.isInTransaction) }
        #expect(!connection.isInTransaction)
        _ = try connection.withDeferredTransaction({ connection in
            #expect(connection.isInTransaction, "deferred: BEGIN goes with the next statement")
            try connection.execute("INSERT INTO note VALUES (1, 'deferred')")
            #expect(connection.isInTransaction)
        }, beforeCommit: { _ in })
        #expect(!connection.isInTransaction)
        #expect(try count(on: connection) == 1)
    }
}
