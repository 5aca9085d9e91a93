import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// Logs in as a member of each group role of sql/0009_roles.sql and shows what it can and cannot do. Every denial is
/// the server's 42501 (insufficient_privilege).
@Suite("Roles: each group role can do its work and nothing else", .ownThread)
struct RoleAccessTests {
    /// A migrated database with one login per group role.
    final class Logins {
        let database: TestDatabase
        let worker: TestLogin
        let enqueuer: TestLogin
        let reader: TestLogin
        let hrWriter: TestLogin

        init() throws {
            database = try TestDatabase.create()
            worker = try TestLogin.create(on: database, memberOf: ["talenta_worker"])
            enqueuer = try TestLogin.create(on: database, memberOf: ["talenta_enqueuer"])
            reader = try TestLogin.create(on: database, memberOf: ["talenta_reader"])
            hrWriter = try TestLogin.create(on: database, memberOf: ["talenta_hr_writer"])
        }

        /// Drops the logins, then the database.
        func drop() {
            [worker, enqueuer, reader, hrWriter].forEach { $0.drop() }
            database.drop()
        }
    }

    @Test("hr_writer imports, enqueuer enqueues, worker reviews, reader and enqueuer read the outcome")
    func leastPrivilegePath() throws {
        let logins = try Logins()
        defer { logins.drop() }

        let imported = try TalentaCommand.run([
            "import", "--database-url", logins.hrWriter.url, "--reference-date", "2026-03-31",
            ReviewTestKit.goldenInput.path,
        ])
        #expect(imported.status == 2, "talenta import as talenta_hr_writer failed:\n\(imported.errors)")

        let enqueuer = try logins.enqueuer.connect()
        defer { enqueuer.close() }
        let jobID: Int64 = try ReviewTestKit.scalar("SELECT queue.enqueue('annual_review', $1::jsonb)",
                                                    [ReviewTestKit.annualReview2026], on: enqueuer)

        let worker = try TalentaCommand.run([
            "worker", "--database-url", logins.worker.url, "--exit-when-idle", "--concurrency", "2",
            "--poll-interval", "0.05", "--log-level", "warning",
        ])
        #expect(worker.status == 0, "talenta worker as talenta_worker failed:\n\(worker.errors)")

        let review: String = try ReviewTestKit.scalar("SELECT state FROM queue.job_status WHERE job_id = $1", [jobID],
                                                      on: enqueuer)
        #expect(review == "completed")
        let states = try ReviewTestKit.snapshot(
            "SELECT kind, state, count(*) FROM queue.job_status GROUP BY 1, 2 ORDER BY 1, 2", on: enqueuer)
        #expect(states == ["annual_review|completed|1", "assessment|completed|3", "succession_planning|completed|1"],
                "job states: \(states); worker errors: \(worker.errors)")

        let owner = try logins.database.connect()
        defer { owner.close() }
        let reader = try logins.reader.connect()
        defer { reader.close() }
        for view in ["talent.current_placement", "talent.pool", "talent.succession", "talent.box_distribution",
                     "talent.opd", "talent.review_periods", "talent.indicators"] {
            let asOwner: Int = try ReviewTestKit.scalar("SELECT count(*) FROM " + view, on: owner)
            let asReader: Int = try ReviewTestKit.scalar("SELECT count(*) FROM " + view, on: reader)
            #expect(asOwner > 0, "\(view) is empty after the review")
            #expect(asReader == asOwner, "\(view): the reader sees \(asReader) rows, the owner \(asOwner)")
        }
        let completed: Int = try ReviewTestKit.scalar(
            "SELECT coalesce(sum(jobs), 0) FROM queue.job_counts WHERE state = 'completed'", on: reader)
        #expect(completed == 5)

        let status = try TalentaCommand.run(["status", "--database-url", logins.reader.url, "--json"])
        #expect(status.status == 0, "talenta status as talenta_reader failed:\n\(status.errors)")
        #expect(status.output.contains("\"completed\""))

        // Reports are for dashboards: the reader draws the same files as the owner; names stay with hr's readers.
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (file, opd) in [("city.svg", nil), ("city.html", nil), ("bpkad.svg", "BPKAD"), ("city.xlsx", nil)]
            as [(String, String?)] {
            var files: [Data] = []
            for (who, url) in [("owner", logins.database.url), ("reader", logins.reader.url)] {
                let out = folder.appendingPathComponent(who + "-" + file).path
                let report = try TalentaCommand.run(["report", "--database-url", url, "--year", "2026", "--out", out]
                                                    + (opd.map { ["--opd", $0] } ?? []))
                #expect(report.status == 0, "talenta report \(file) as \(who) failed:\n\(report.errors)")
                // The closing line says what the file holds: OPD sections only in the city's HTML.
                #expect(report.output.contains("OPD sections") == file.hasSuffix(".html"), "\(report.output)")
                #expect(report.output.contains("OPD rows") == file.hasSuffix(".xlsx"), "\(report.output)")
                #expect(report.output.contains("(OPD BPKAD, ") == (opd != nil), "\(report.output)")
                files.append((try? Data(contentsOf: URL(fileURLWithPath: out))) ?? Data())
            }
            #expect(!files[0].isEmpty && files[0] == files[1], "\(file): the reader's report differs from the owner's")
        }
        let city = folder.appendingPathComponent("reader-city.xlsx")
        #expect(try ReviewTestKit.xlsxPart("xl/workbook.xml", of: city)
            .contains("<sheets><sheet name=\"grid\" sheetId=\"1\" r:id=\"rId1\" /><sheet name=\"opds\" sheetId=\"2\" r:id=\"rId2\" />"
                      + "<sheet name=\"review\" sheetId=\"3\" r:id=\"rId3\" /></sheets>"))
        #expect(try ReviewTestKit.xlsxPart("xl/worksheets/sheet3.xml", of: city).contains("<t>permenpanrb-3-2020/default@1</t>"),
                 "the review sheet names the rule set")
        let opdRows = try ReviewTestKit.xlsxPart("xl/worksheets/sheet2.xml", of: city)
        #expect(opdRows.contains("<t>BPKAD</t>"), "the opds sheet lists BPKAD by its code")
        let named = try TalentaCommand.run([
            "report", "--database-url", logins.reader.url, "--year", "2026", "--names",
            "--out", folder.appendingPathComponent("names.html").path,
        ])
        #expect(named.status != 0, "a reader drew a report with names")
        #expect(named.errors.contains("42501"), "\(named.errors)")
        // The owner may: the workbook gains a people sheet with NIPs as text cells.
        let people = folder.appendingPathComponent("names.xlsx")
        let ownerNamed = try TalentaCommand.run(["report", "--database-url", logins.database.url, "--year", "2026",
                                                 "--names", "--out", people.path])
        #expect(ownerNamed.status == 0 && ownerNamed.output.contains("with names"), "\(ownerNamed.errors)")
        #expect(try ReviewTestKit.xlsxPart("xl/workbook.xml", of: people).contains("<sheet name=\"people\" sheetId=\"3\""))
        let placed: Int = try ReviewTestKit.scalar(
            "SELECT count(*) FROM talent.current_placement WHERE box IS NOT NULL", on: owner)
        let peopleSheet = try ReviewTestKit.xlsxPart("xl/worksheets/sheet3.xml", of: people)
        #expect(peopleSheet.components(separatedBy: "<row ").count - 2 == placed, "one row per placed employee")
        #expect(peopleSheet.contains("t=\"inlineStr\"><is><t>198501012010031001</t></is>"))
    }

    @Test("talenta_enqueuer: enqueue, cancel, retry, pause, resume and status; no hr, talent or queue.job rows")
    func enqueuer() throws {
        let logins = try Logins()
        defer { logins.drop() }
        let connection = try logins.enqueuer.connect()
        defer { connection.close() }

        let id: Int64 = try ReviewTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}'::jsonb, queue => 'roles', job_key => 'role-test')", on: connection)
        let again: Int64 = try ReviewTestKit.scalar(
            "SELECT queue.enqueue('noop', '{}'::jsonb, queue => 'roles', job_key => 'role-test')", on: connection)
        #expect(again == id)
        let many = try ReviewTestKit.snapshot("""
            SELECT queue.enqueue('noop', jsonb_build_object('n', n), queue => 'roles') FROM generate_series(1, 3) AS n
            """, on: connection)
        #expect(many.count == 3)
        #expect(try ReviewTestKit.scalar("SELECT queue.cancel($1)", [id], as: String.self, on: connection)
                == "available")
        #expect(try ReviewTestKit.scalar("SELECT queue.retry($1)", [id], as: String.self, on: connection)
                == "cancelled")
        try connection.execute("SELECT queue.pause('roles')")
        let paused: Bool = try ReviewTestKit.scalar(
            "SELECT paused_at IS NOT NULL FROM queue.queue_status WHERE queue = 'roles'", on: connection)
        #expect(paused)
        try connection.execute("SELECT queue.resume('roles')")
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job_status WHERE queue = 'roles'", as: Int.self,
                                         on: connection) == 4)
        for view in ["queue.job_counts", "queue.throughput", "queue.recent_failures", "queue.worker_status"] {
            try connection.execute("SELECT * FROM " + view + " LIMIT 1")
        }

        try Self.expectDenied([
            "SELECT nip FROM hr.employee",
            "SELECT * FROM talent.current_placement",
            "SELECT payload FROM queue.job",
            "INSERT INTO queue.job (kind) VALUES ('noop')",
            "UPDATE queue.job SET priority = 1",
            "DELETE FROM queue.job",
            "UPDATE queue.queue SET paused_at = NULL",
            "SELECT queue.prune()",
            "SELECT queue.register_kinds(ARRAY['x'], 'y')",
            "SELECT * FROM queue.rescue_expired_leases()",
            "CREATE TABLE queue.mine (id integer)",
        ], on: connection)
    }

    @Test("talenta_reader: the talent and queue views; no hr columns, no talent tables, no writes, no queue calls")
    func reader() throws {
        let logins = try Logins()
        defer { logins.drop() }
        let connection = try logins.reader.connect()
        defer { connection.close() }
        for view in ["talent.current_placement", "talent.pool", "talent.succession", "talent.box_distribution",
                     "talent.indicators", "queue.job_counts", "queue.queue_status", "queue.job_status",
                     "queue.worker_status"] {
            try connection.execute("SELECT * FROM " + view + " LIMIT 1")
        }
        // The indicators view names an employee by NIP and internal id only.
        let columns = try ReviewTestKit.snapshot("""
            SELECT column_name FROM information_schema.columns
             WHERE table_schema = 'talent' AND table_name = 'indicators' ORDER BY ordinal_position
            """, on: connection)
        #expect(columns == ["year", "nip", "employee_id", "opd_code", "axis", "indicator", "score", "weight", "weighted",
                            "state", "ordinal", "period_id", "position_code", "best", "points_at_stake"])
        try Self.expectDenied([
            "SELECT name FROM hr.employee",
            "SELECT birth_date, sex FROM hr.employee",
            "SELECT nip FROM hr.employee",
            "SELECT explanation FROM talent.assessment_result",
            "SELECT parameters FROM talent.rule_set",
            "SELECT * FROM talent.indicator_result",
            "SELECT * FROM hr.team_assignment",
            "INSERT INTO talent.rule_set (name, version, parameters) VALUES ('x', 1, '{}')",
            "DELETE FROM talent.assessment_result",
            "SELECT payload FROM queue.job",
            "SELECT queue.enqueue('noop', '{}'::jsonb)",
            "SELECT queue.cancel(1)",
            "SELECT queue.pause('default')",
            "CREATE TABLE talent.mine (id integer)",
        ], on: connection)
    }

    @Test("talenta_hr_writer: writes hr rows (with whatever triggers hr has); nothing in talent or queue")
    func hrWriter() throws {
        let logins = try Logins()
        defer { logins.drop() }
        let connection = try logins.hrWriter.connect()
        defer { connection.close() }
        try connection.withTransaction { connection in
            try connection.execute("INSERT INTO hr.unit (unit_code, name) VALUES ('ROLE', 'Role test')")
            try connection.execute("""
                INSERT INTO hr.position (position_code, unit_code, title, kind) VALUES ('ROLE-1', 'ROLE', 'T', 'PELAKSANA')
                """)
            try connection.execute("""
                INSERT INTO hr.employee (nip, name, sex, birth_date, status, state, golongan, cpns_date, position_code,
                                         position_since)
                VALUES ('199001012015031001', 'Synthetic Person', 'L', '1990-01-01', 'PNS', 'AKTIF', 'III/a',
                        '2015-03-01', 'ROLE-1', '2015-03-01')
                """)
            try connection.execute("""
                INSERT INTO hr.performance (employee_id, year, predicate)
                SELECT id, 2025, 'BAIK' FROM hr.employee WHERE nip = '199001012015031001'
                """)
        }
        try connection.execute("UPDATE hr.employee SET golongan = 'III/b' WHERE nip = '199001012015031001'")
        try connection.execute("""
            UPDATE hr.performance SET predicate = 'SANGAT_BAIK'
             WHERE employee_id = (SELECT id FROM hr.employee WHERE nip = '199001012015031001')
            """)
        try connection.execute("DELETE FROM hr.employee WHERE nip = '199001012015031001'")
        let left: Int = try ReviewTestKit.scalar("SELECT count(*) FROM hr.employee", on: connection)
        #expect(left == 0)

        try Self.expectDenied([
            "SELECT * FROM talent.current_placement",
            "SELECT * FROM talent.assessment_result",
            "INSERT INTO talent.rule_set (name, version, parameters) VALUES ('x', 1, '{}')",
            "SELECT queue.enqueue('noop', '{}'::jsonb)",
            "SELECT * FROM queue.job_status",
            "TRUNCATE hr.penalty",
            "CREATE TABLE hr.mine (id integer)",
        ], on: connection)
    }

    @Test("talenta_worker: no hr writes, no direct enqueue or delete, no operator functions")
    func worker() throws {
        let logins = try Logins()
        defer { logins.drop() }
        let connection = try logins.worker.connect()
        defer { connection.close() }
        let rescued = try ReviewTestKit.snapshot("SELECT * FROM queue.rescue_expired_leases()", on: connection)
        #expect(rescued.isEmpty)
        let id: Int64 = try ReviewTestKit.scalar("SELECT queue.enqueue('noop', '{}'::jsonb)", on: connection)
        let claimed = try connection.execute("""
            UPDATE queue.job SET state = 'running', attempt = attempt + 1, locked_by = 'w', started_at = now(),
                   lease_expires_at = now() + interval '1 minute'
             WHERE id = $1 RETURNING id
            """, [id]).rows.count
        #expect(claimed == 1)
        // The worker runs the `prune` job, registers the kinds it runs and reads the cleanup health (sql/0018).
        let pruned: Int = try ReviewTestKit.scalar("SELECT queue.prune()", on: connection)
        #expect(pruned == 0)
        let registered: Int = try ReviewTestKit.scalar(
            "SELECT queue.register_kinds(ARRAY['noop', 'test.worker-kind'], 'tests')", on: connection)
        #expect(registered == 1)
        let dead: Int = try ReviewTestKit.scalar("SELECT dead_rows FROM queue.cleanup_health()", on: connection)
        #expect(dead >= 0)

        try Self.expectDenied([
            "INSERT INTO hr.unit (unit_code) VALUES ('X')",
            "UPDATE hr.employee SET name = 'x'",
            "DELETE FROM hr.employee",
            "INSERT INTO queue.job (kind) VALUES ('noop')",
            "DELETE FROM queue.job",
            "DELETE FROM queue.worker",
            "INSERT INTO queue.kind (name, registered_by) VALUES ('x', 'y')",
            "UPDATE queue.queue SET paused_at = now()",
            "SELECT queue.cancel(1)",
            "SELECT queue.pause('default')",
            "TRUNCATE talent.assessment_result",
            "SELECT * FROM queue.job_counts",
            "CREATE TABLE talent.mine (id integer)",
        ], on: connection)
    }

    /// Runs each statement (in autocommit) and expects the server to refuse it with SQLSTATE 42501.
    static func expectDenied(_ statements: [String], on connection: Connection) throws {
        for statement in statements {
            do {
                try connection.execute(statement, name: "test.denied")
                Issue.record("allowed, but should be denied: \(statement)")
            } catch {
                #expect(error.sqlState == "42501", "\(statement): \(error.debugDescription)")
            }
        }
    }
}
