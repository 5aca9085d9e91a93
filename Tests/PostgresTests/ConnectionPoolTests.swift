import Foundation
import Postgres
import PostgresTestSupport
import Synchronization
import TestThreads
import Testing

@Suite("ConnectionPool lends each connection to one borrower at a time", .ownThread)
struct ConnectionPoolTests {
    let database: TestDatabase

    init() throws {
        database = try TestDatabase.create(migrated: false)
    }

    /// Runs `body(index)` on `count` new threads and waits for all.
    private func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for index in 0..<count {
            group.enter()
            Thread {
                body(index)
                group.leave()
            }.start()
        }
        group.wait()
    }

    @Test func eightThreadsShareThreeConnections() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 3)
        defer { pool.close() }
        struct Tally {
            var busy = Set<Int32>()
            var seen = Set<Int32>()
            var overlaps = 0
            var mismatches = 0
            var borrows = 0
            var failures = [String]()
        }
        let tally = Mutex(Tally())
        onThreads(8) { _ in
            for _ in 0..<15 {
                do {
                    try pool.withConnection { connection in
                        let pid = connection.backendPID
                        tally.withLock { tally in
                            if !tally.busy.insert(pid).inserted { tally.overlaps += 1 }
                            tally.seen.insert(pid)
                            tally.borrows += 1
                        }
                        let row = try connection.execute("SELECT pg_backend_pid() AS pid, pg_sleep(0.005)").rows.first
                        let serverPID = try row?.decode("pid", as: Int32.self)
                        tally.withLock { tally in
                            if serverPID != pid { tally.mismatches += 1 }
                            tally.busy.remove(pid)
                        }
                    }
                } catch {
                    tally.withLock { $0.failures.append("\(error)") }
                }
            }
        }
        let result = tally.withLock { $0 }
        #expect(result.failures.isEmpty)
        #expect(result.borrows == 120)
        #expect(result.overlaps == 0)
        #expect(result.mismatches == 0)
        #expect(result.seen.count <= 3)
        #expect(pool.stats.open <= 3)
        #expect(pool.stats.inUse == 0)
    }

    @Test func borrowTimesOutWhenAllAreInUse() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 1)
        defer { pool.close() }
        let error = try #require(throws: PostgresError.self) {
            try pool.withConnection { _ in
                try pool.withConnection(timeout: 0.2) { _ in }
            }
        }
        #expect(error.kind == .timeout)
        #expect(pool.stats == (open: 1, inUse: 0))
    }

    @Test func openTransactionIsRolledBackOnReturn() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 1)
        defer { pool.close() }
        try pool.withConnection { connection in
            try connection.executeScript("CREATE TABLE t (x int)")
            try connection.executeScript("BEGIN; INSERT INTO t VALUES (1)")
        }
        let count = try pool.withConnection { connection in
            try #require(try connection.execute("SELECT count(*) AS n FROM t").rows.first).decode("n", as: Int.self)
        }
        #expect(count == 0)
    }

    @Test func closedPoolRefusesBorrows() throws {
        let pool = ConnectionPool(url: database.url, maxConnections: 2)
        try pool.withConnection { connection in try connection.execute("SELECT 1") }
        #expect(pool.stats.open == 1)
        pool.close()
        #expect(pool.stats.open == 0)
        let error = try #require(throws: PostgresError.self) { try pool.withConnection { _ in } }
        #expect(error.kind == .usage)
    }

    @Test func badURLFailsTheBorrowAndFreesTheSlot() throws {
        let pool = ConnectionPool(url: "postgresql://talenta@127.0.0.1:1/none?connect_timeout=2", maxConnections: 1)
        for _ in 0..<2 {
            let error = try #require(throws: PostgresError.self) { try pool.withConnection { _ in } }
            #expect(error.kind == .connection)
        }
        #expect(pool.stats == (open: 0, inUse: 0))
    }
}
