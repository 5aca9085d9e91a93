import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The hr tables' reference to hr.employee, checked once per statement by triggers instead of a foreign key
/// (sql/0024), keeps every guarantee of the foreign key: a row naming no employee is refused with 23503, an employee's
/// rows go with it, the employees named are locked FOR KEY SHARE against a concurrent delete, and an employee's id
/// never changes. Blocking work runs on a thread of its own.
@Suite("hr rows always name an employee (sql/0024)", .serialized, .ownThread)
struct EmployeeReferenceTests {
    /// golden-411 imported into a new database; every hr table with an employee_id column holds a row.
    static func importedGolden() throws -> (TestDatabase, Connection) {
        let database = try TestDatabase.create()
        let connection = try database.connect()
        try FolderImport.run(ReviewTestKit.golden411Input, on: connection)
        // golden-411 has no malformed row: give its first employee an invalid-row marker of its own.
        try connection.execute("""
            INSERT INTO hr.invalid_row (employee_id, kind, file, line, reason)
            SELECT min(id), 'performance', 'performance.csv', 99, 'INVALID_DATE' FROM hr.employee
            """, name: "test.marker")
        return (database, connection)
    }

    /// golden-411 imported, a second session on the same database, and the first employee's id.
    static func twoSessions(_ body: (Connection, Connection, Int64) throws -> Void) throws {
        let (database, connection) = try importedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let other = try database.connect()
        defer { other.close() }
        try body(connection, other, try ReviewTestKit.scalar("SELECT min(id) FROM hr.employee", on: connection))
    }

    /// The hr base tables with an employee_id column, read from the catalog, so that a table added later is covered.
    static func tables(on connection: Connection) throws -> [String] {
        try connection.execute("""
            SELECT c.relname FROM pg_catalog.pg_class c
              JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
              JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'employee_id' AND NOT a.attisdropped
             WHERE s.nspname = 'hr' AND c.relkind = 'r'
             ORDER BY c.relname
            """, name: "test.tables").rows.map { try $0.decode("relname") }
    }

    /// A statement on table `hr.<table>`, its name quoted by the server (`format('%I')`), never by this test.
    static func statement(_ template: String, table: String, on connection: Connection) throws -> String {
        try connection.execute("SELECT format($1::text, $2::text) AS sql", [template, table], name: "test.format")
            .rows[0].decode("sql")
    }

    /// Rows of `hr.<table>`, all or one employee's.
    static func count(_ table: String, employeeID: Int64? = nil, on connection: Connection) throws -> Int {
        if let employeeID {
            let sql = try statement("SELECT count(*) AS n FROM hr.%I WHERE employee_id = $1", table: table,
                                    on: connection)
            return try connection.execute(sql, [employeeID], name: "test.count").rows[0].decode("n")
        }
        let sql = try statement("SELECT count(*) AS n FROM hr.%I", table: table, on: connection)
        return try connection.execute(sql, name: "test.count").rows[0].decode("n")
    }

    static func isForeignKeyViolation(_ error: any Error, key: Int64? = nil) -> Bool {
        guard let error = error as? PostgresError, error.sqlState == "23503" else { return false }
        guard let key else { return true }
        return error.detail == "Key (employee_id)=(\(key)) is not present in table \"employee\"."
    }

    static func isLockTimeout(_ error: any Error) -> Bool {
        (error as? PostgresError)?.sqlState == "55P03"
    }

    @Test("in every hr table naming an employee: no row without one, rows deleted with it, TRUNCATE refused under them")
    func everyTableIsCovered() throws {
        let (database, connection) = try Self.importedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let tables = try Self.tables(on: connection)
        #expect(tables.count == 13, "hr tables with employee_id: \(tables)")
        // One employee with rows per table (the first who has any), so that the delete below reaches every table.
        var employees: Set<Int64> = []
        var before: [String: Int] = [:]
        for table in tables {
            before[table] = try Self.count(table, on: connection)
            let first = try Self.statement("SELECT min(employee_id) AS id FROM hr.%I", table: table, on: connection)
            let employee: Int64? = try connection.execute(first, name: "test.first").rows[0].decode("id")
            guard let employee else {
                Issue.record("hr.\(table) has no row: the delete below would prove nothing there")
                continue
            }
            employees.insert(employee)
            let update = try Self.statement(
                "UPDATE hr.%1$I SET employee_id = -1 WHERE ctid = (SELECT min(ctid) FROM hr.%1$I)", table: table,
                on: connection)
            do {
                try connection.execute(update, name: "test.orphan")
                Issue.record("hr.\(table) took a row naming no employee")
            } catch {
                #expect(Self.isForeignKeyViolation(error, key: -1), "hr.\(table): \(String(reflecting: error))")
            }
        }

        let chosen = Array(employees)
        var theirs: [String: Int] = [:]
        for table in tables {
            theirs[table] = try chosen.reduce(0) { $0 + (try Self.count(table, employeeID: $1, on: connection)) }
        }
        try connection.execute("DELETE FROM hr.employee WHERE id = ANY($1::bigint[])", [chosen], name: "test.delete")
        for table in tables {
            for employee in chosen {
                #expect(try Self.count(table, employeeID: employee, on: connection) == 0, "hr.\(table) kept rows")
            }
            #expect(try Self.count(table, on: connection) == before[table]! - theirs[table]!,
                    "hr.\(table) lost rows of other employees")
        }

        // As with the foreign key, hr.employee is not truncated under its rows: they are truncated first.
        #expect {
            try connection.execute("TRUNCATE hr.employee CASCADE", name: "test.truncate")
        } throws: { ($0 as? PostgresError)?.sqlState == "23503" }
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM hr.employee", on: connection) > 0)
        for table in tables {
            #expect(try Self.count(table, on: connection) == before[table]! - theirs[table]!)
            try connection.execute(try Self.statement("TRUNCATE hr.%I", table: table, on: connection),
                                   name: "test.truncate_rows")
        }
        try connection.execute("TRUNCATE hr.employee CASCADE", name: "test.truncate")
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM hr.employee", on: connection) == 0)
    }

    @Test("an HR writer's INSERT and COPY of a row naming no employee fail with 23503 and the key; a valid one is kept")
    func writerIsChecked() throws {
        let (database, connection) = try Self.importedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let login = try TestLogin.create(on: database, memberOf: ["talenta_hr_writer"])
        defer { login.drop() }
        let writer = try Connection(url: login.url)
        defer { writer.close() }
        let employee: Int64 = try ReviewTestKit.scalar("SELECT min(id) FROM hr.employee", on: connection)
        let unknown: Int64 = try ReviewTestKit.scalar("SELECT max(id) + 1000 FROM hr.employee", on: connection)
        let rows: Int = try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance", on: connection)

        #expect {
            try writer.execute("""
                INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2019, 'BAIK'), ($2, 2019, 'BAIK')
                """, [employee, unknown], name: "test.insert")
        } throws: { Self.isForeignKeyViolation($0, key: unknown) }
        #expect {
            try writer.withTransaction { transaction in
                let copy = try transaction.beginCopyIn(
                    "COPY hr.performance (employee_id, year, predicate) FROM STDIN", name: "test.copy")
                try copy.append([String(unknown), "2019", "BAIK"])
                _ = try copy.finish()
            }
        } throws: { Self.isForeignKeyViolation($0, key: unknown) }
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance", on: connection) == rows)

        try writer.execute("INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2019, 'BAIK')",
                           [employee], name: "test.insert")
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance", on: connection) == rows + 1)
    }

    @Test("a row written for an employee locks it: a concurrent delete waits, then takes the row with it")
    func deleteWaitsForWriter() throws {
        try Self.twoSessions { connection, other, employee in
            try connection.execute("BEGIN", name: "test.begin")
            try connection.execute(
                "INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2019, 'BAIK')", [employee],
                name: "test.insert")
            try other.execute("SET lock_timeout = '300ms'", name: "test.lock_timeout")
            #expect {
                try other.execute("DELETE FROM hr.employee WHERE id = $1", [employee], name: "test.delete")
            } throws: { Self.isLockTimeout($0) }
            try connection.execute("COMMIT", name: "test.commit")

            try other.execute("DELETE FROM hr.employee WHERE id = $1", [employee], name: "test.delete")
            #expect(try Self.count("performance", employeeID: employee, on: connection) == 0)
        }
    }

    @Test("a row written for an employee being deleted waits for the delete, then is refused with 23503")
    func writerWaitsForDelete() throws {
        try Self.twoSessions { connection, other, employee in
            let insert = "INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2019, 'BAIK')"

            try other.execute("BEGIN", name: "test.begin")
            try other.execute("DELETE FROM hr.employee WHERE id = $1", [employee], name: "test.delete")
            try connection.execute("SET lock_timeout = '300ms'", name: "test.lock_timeout")
            #expect {
                try connection.execute(insert, [employee], name: "test.insert")
            } throws: { Self.isLockTimeout($0) }
            try other.execute("COMMIT", name: "test.commit")

            #expect {
                try connection.execute(insert, [employee], name: "test.insert")
            } throws: { Self.isForeignKeyViolation($0, key: employee) }
            #expect(try Self.count("performance", employeeID: employee, on: connection) == 0)
        }
    }

    @Test("employees are deleted under READ COMMITTED only: otherwise a row committed since could stay behind")
    func deleteNeedsReadCommitted() throws {
        try Self.twoSessions { connection, other, employee in
            let rows = try Self.count("performance", employeeID: employee, on: connection)
            for level in ["REPEATABLE READ", "SERIALIZABLE"] {
                try connection.execute("BEGIN ISOLATION LEVEL \(level)", name: "test.begin")
                _ = try connection.execute("SELECT 1", name: "test.snapshot")
                // Another session writes a row for the employee after this transaction's snapshot.
                try other.execute(
                    "INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2019, 'BAIK')", [employee],
                    name: "test.insert")
                #expect {
                    try connection.execute("DELETE FROM hr.employee WHERE id = $1", [employee], name: "test.delete")
                } throws: { ($0 as? PostgresError)?.sqlState == "0A000" }
                try connection.execute("ROLLBACK", name: "test.rollback")
                try other.execute("DELETE FROM hr.performance WHERE employee_id = $1 AND year = 2019", [employee],
                                  name: "test.tidy")
            }
            #expect(try Self.count("performance", employeeID: employee, on: connection) == rows)
            try connection.execute("DELETE FROM hr.employee WHERE id = $1", [employee], name: "test.delete")
            #expect(try Self.count("performance", employeeID: employee, on: connection) == 0)
        }
    }

    @Test("an employee's id never changes")
    func idIsKept() throws {
        let (database, connection) = try Self.importedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let employee: Int64 = try ReviewTestKit.scalar("SELECT min(id) FROM hr.employee", on: connection)
        #expect {
            try connection.execute("UPDATE hr.employee SET id = DEFAULT WHERE id = $1", [employee],
                                   name: "test.renumber")
        } throws: { ($0 as? PostgresError)?.sqlState == "23503" }
        let kept: Int = try ReviewTestKit.scalar("SELECT count(*) FROM hr.employee WHERE id = $1", [employee],
                                                 on: connection)
        #expect(kept == 1)
        // Other columns still change.
        try connection.execute("UPDATE hr.employee SET name = name || ' X' WHERE id = $1", [employee],
                               name: "test.rename")
    }
}
