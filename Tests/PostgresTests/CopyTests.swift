import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("copyIn loads rows exactly, escaping what COPY text format needs", .ownThread)
struct CopyTests {
    let database: TestDatabase
    let connection: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        connection = try database.connect()
        try connection.executeScript("CREATE TABLE loaded (n integer PRIMARY KEY, body text, note text)")
    }

    /// Field text for row `n`, cycling through the awkward cases.
    private static func body(_ n: Int) -> String {
        switch n % 7 {
        case 0: "tab\there \(n)"
        case 1: "line\nbreak\r\nwindows \(n)"
        case 2: #"back\slash \N not null \\ \t \(n)"#
        case 3: "unicode Łódź 東京 🎉 \(n)"
        case 4: ""
        case 5: "'quotes' \"double\" , comma \(n)"
        default: "plain \(n)"
        }
    }

    @Test func tenThousandRowsExactly() throws {
        let rows: [[String?]] = (1...10_000).map { n in
            [String(n), Self.body(n), n % 5 == 0 ? nil : "note \(n)"]
        }
        let copied = try connection.copyIn("COPY loaded (n, body, note) FROM STDIN", rows: rows)
        #expect(copied == 10_000)
        let result = try connection.execute("SELECT n, body, note FROM loaded ORDER BY n")
        #expect(result.rows.count == 10_000)
        var mismatches = 0
        for row in result.rows {
            let n = try row.decode("n", as: Int.self)
            let body = try row.decode("body", as: String?.self)
            let note = try row.decode("note", as: String?.self)
            if body != Self.body(n) || note != (n % 5 == 0 ? nil : "note \(n)") { mismatches += 1 }
        }
        #expect(mismatches == 0)
        let nulls = try #require(try connection.execute("SELECT count(*) AS c FROM loaded WHERE note IS NULL").rows.first)
        #expect(try nulls.decode("c", as: Int.self) == 2_000)
        // The connection is ready for ordinary statements again.
        #expect(try connection.execute("SELECT 1 AS one").rows.first?.decode("one", as: Int.self) == 1)
    }

    @Test("a duplicate key names the COPY's label and the constraint, not the values")
    func duplicateKeyIsReadable() throws {
        let rows: [[String?]] = [["7", "secret 198001012005011001", nil], ["7", "again", nil]]
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY loaded (n, body, note) FROM STDIN", rows: rows, name: "loaded.copy")
        }
        #expect(error.isUniqueViolation)
        #expect(error.statementName == "loaded.copy")
        #expect(error.description.contains("SQLSTATE 23505"))
        #expect(error.description.contains("statement loaded.copy"))
        #expect(error.description.contains("constraint loaded_pkey"))
        #expect(!error.description.contains("198001012005011001"))
    }

    @Test func rejectedRowCopiesNothing() throws {
        let rows: [[String?]] = [["1", "a", nil], ["not a number", "b", nil]]
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY loaded (n, body, note) FROM STDIN", rows: rows)
        }
        #expect(error.sqlState == "22P02")
        let count = try #require(try connection.execute("SELECT count(*) AS c FROM loaded").rows.first)
        #expect(try count.decode("c", as: Int.self) == 0)
        #expect(connection.isHealthy)
    }

    @Test func nulCharacterAbortsTheCopy() throws {
        let rows: [[String?]] = [["1", "fine", nil], ["2", "bad\u{0}byte", nil]]
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY loaded (n, body, note) FROM STDIN", rows: rows)
        }
        #expect(error.kind == .encoding)
        let count = try #require(try connection.execute("SELECT count(*) AS c FROM loaded").rows.first)
        #expect(try count.decode("c", as: Int.self) == 0)
    }

    @Test func onlyCopyStatements() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("DELETE FROM loaded", rows: [[String?]]())
        }
        #expect(error.kind == .usage)
        let viaExecute = try #require(throws: PostgresError.self) {
            try connection.execute("COPY loaded FROM STDIN")
        }
        #expect(viaExecute.kind == .usage)
        #expect(try connection.execute("SELECT 2 AS two").rows.first?.decode("two", as: Int.self) == 2)
    }

    @Test func insideATransaction() throws {
        #expect(throws: PostgresError.self) {
            try connection.withTransaction { connection in
                try connection.copyIn("COPY loaded (n, body) FROM STDIN", rows: [["1", "x"], ["2", "y"]])
                try connection.execute("SELECT 1/0")
            }
        }
        let count = try #require(try connection.execute("SELECT count(*) AS c FROM loaded").rows.first)
        #expect(try count.decode("c", as: Int.self) == 0)
    }
}
