import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Prepared statements and scripts", .ownThread)
struct PreparedStatementTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
    }

    @Test func prepareOnceRunMany() throws {
        try connection.executeScript("CREATE TABLE unit (code text PRIMARY KEY, parent text); CREATE INDEX ON unit (parent)")
        try connection.prepare(name: "unit.insert", sql: "INSERT INTO unit (code, parent) VALUES ($1, $2)")
        try connection.executePrepared(name: "unit.insert", ["ROOT", nil])
        for index in 1...5 {
            let result = try connection.executePrepared(name: "unit.insert", ["U\(index)", "ROOT"])
            #expect(result.affectedRows == 1)
        }
        try connection.prepare(name: "unit.children", sql: "SELECT code FROM unit WHERE parent = $1 ORDER BY code")
        let children = try connection.executePrepared(name: "unit.children", ["ROOT"])
        #expect(try children.rows.map { try $0.decode("code", as: String.self) } == ["U1", "U2", "U3", "U4", "U5"])
        let roots = try connection.execute("SELECT code FROM unit WHERE parent IS NULL")
        #expect(roots.rows.map { $0.string("code") } == ["ROOT"])
        let updated = try connection.execute("UPDATE unit SET parent = $1 WHERE parent = $2", ["U1", "ROOT"])
        #expect(updated.affectedRows == 5)
    }

    @Test func unknownOrDuplicateNames() throws {
        let unknown = try #require(throws: PostgresError.self) {
            try connection.executePrepared(name: "never.prepared", [])
        }
        #expect(unknown.sqlState == "26000")
        #expect(unknown.statementName == "never.prepared")
        try connection.prepare(name: "twice", sql: "SELECT 1")
        let duplicate = try #require(throws: PostgresError.self) { try connection.prepare(name: "twice", sql: "SELECT 2") }
        #expect(duplicate.sqlState == "42P05")
    }

    @Test("execute(reusing:) prepares once per session when allowed, and stays unnamed otherwise")
    func reusedStatements() throws {
        defer { connection.close() }
        try connection.executeScript("CREATE TABLE item (n int PRIMARY KEY); INSERT INTO item SELECT generate_series(1, 5)")
        let prepared = "SELECT count(*)::int FROM pg_prepared_statements WHERE name = $1"
        let sql = "SELECT n FROM item WHERE n <= $1 ORDER BY n"

        #expect(try connection.execute(sql, [2], reusing: "item.upto").rows.map { try $0.decode(0, as: Int.self) } == [1, 2])
        #expect(try connection.execute(prepared, ["item.upto"]).rows.first?.decode(0, as: Int.self) == 0)

        connection.reusesPreparedStatements = true
        for limit in 1...3 {
            let rows = try connection.execute(sql, [limit], reusing: "item.upto").rows
            #expect(try rows.map { try $0.decode(0, as: Int.self) } == Array(1...limit))
        }
        #expect(try connection.execute(prepared, ["item.upto"]).rows.first?.decode(0, as: Int.self) == 1)
        // Another text under a name already prepared runs unnamed, with its own result.
        let other = try connection.execute("SELECT n FROM item WHERE n >= $1 ORDER BY n", [4], reusing: "item.upto")
        #expect(try other.rows.map { try $0.decode(0, as: Int.self) } == [4, 5])
        // A statement whose preparation failed is not remembered: the next call prepares (and fails) again.
        for _ in 1...2 {
            let error = try #require(throws: PostgresError.self) {
                try connection.execute("SELECT missing FROM item WHERE n = $1", [1], reusing: "item.broken")
            }
            #expect(error.sqlState == "42703")
        }
        // Prepared inside a transaction that rolls back, the statement stays usable on the session.
        try connection.executeScript("BEGIN")
        _ = try connection.execute("SELECT n FROM item WHERE n = $1", [5], reusing: "item.one")
        try connection.executeScript("ROLLBACK")
        #expect(try connection.execute("SELECT n FROM item WHERE n = $1", [3], reusing: "item.one").rows.first?
            .decode(0, as: Int.self) == 3)
    }

    @Test func scriptRunsEveryStatement() throws {
        try connection.executeScript(
            "CREATE TABLE a (x int); INSERT INTO a VALUES (1), (2); INSERT INTO a SELECT x + 10 FROM a;", name: "setup")
        let total = try #require(try connection.execute("SELECT sum(x) AS s FROM a").rows.first)
        #expect(try total.decode("s", as: Int.self) == 26)
        let error = try #require(throws: PostgresError.self) {
            try connection.executeScript("INSERT INTO a VALUES (100); SELEC;", name: "broken")
        }
        #expect(error.sqlState == "42601")
        let after = try #require(try connection.execute("SELECT count(*) AS n FROM a").rows.first)
        #expect(try after.decode("n", as: Int.self) == 4)
    }
}
