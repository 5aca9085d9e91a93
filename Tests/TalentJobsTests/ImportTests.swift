import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// `talenta import`: bad rows are explained and lose nothing else; a refused file or a database error changes nothing.
@Suite("talenta import", .serialized, .ownThread)
struct ImportTests {
    /// A good employee of the golden set whose extra bad rows must not cost it anything.
    static let goodNIP = "198501012010031001"

    @Test("a malformed folder (bad NIP, level 7, future dates, unknown position, extra file) keeps every good row and explains every bad one")
    func malformedFolder() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let folder = try ReviewTestKit.copyOfGoldenInput()
        defer { try? FileManager.default.removeItem(at: folder) }

        let employeeLine = try ReviewTestKit.nextLine(of: "employees.csv", in: folder)
        try ReviewTestKit.append([
            "19900505201501100,Uji Pendek,L,1990-05-05,PNS,AKTIF,III/a,2020-01-01,2015-01-01,BPKAD-010,2020-01-02",
            "199106062016021001,Uji Jabatan,P,1991-06-06,PNS,AKTIF,III/a,2020-01-01,2016-02-01,NO-SUCH-POST,2020-01-02",
            "199207072017031001,Uji Masa Depan,L,1992-07-07,PNS,AKTIF,III/a,2020-01-01,2017-03-01,BPKAD-010,2027-01-02",
        ], to: "employees.csv", in: folder)
        let assessmentLine = try ReviewTestKit.nextLine(of: "assessments.csv", in: folder)
        try ReviewTestKit.append(["\(Self.goodNIP),2025-09-01,CACT,,3,3,7,3,3,3,3,3,3"], to: "assessments.csv", in: folder)
        try ReviewTestKit.append(["\(Self.goodNIP),TEKNIS,Pelatihan Masa Depan,2026-12-01,40"], to: "training.csv",
                                 in: folder)
        let performanceLine = try ReviewTestKit.nextLine(of: "performance.csv", in: folder)
        try ReviewTestKit.append(["19900505201501100,2025,BAIK,"], to: "performance.csv", in: folder)
        try "nip,bonus\n\(Self.goodNIP),1\n".write(to: folder.appendingPathComponent("bonus_points.csv"),
                                                    atomically: true, encoding: .utf8)

        let imported = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31", folder.path,
        ])
        #expect(imported.status == 2, "import failed: \(imported.errors)")
        let output = imported.output
        let explained = [
            "employees.csv line \(employeeLine)  NIP 19900505201501100  INVALID_NIP: nip 19900505201501100 is not 18 digits",
            "employees.csv line \(employeeLine + 1)  NIP 199106062016021001  UNKNOWN_POSITION: position_code NO-SUCH-POST is not an accepted position",
            "employees.csv line \(employeeLine + 2)  NIP 199207072017031001  DATE_AFTER_D: position_since 2027-01-02 is after D 2026-03-31",
            "performance.csv line \(performanceLine)  NIP 19900505201501100  UNKNOWN_NIP: nip 19900505201501100 names no accepted employee",
            "assessments.csv line \(assessmentLine)  NIP \(Self.goodNIP)  INVALID_ASSESSMENT: komunikasi level 7 is not 1–5",
            "Unknown file skipped: bonus_points.csv",
        ]
        for line in explained {
            #expect(output.contains(line), "the import's report lacks '\(line)':\n\(output)")
        }
        for name in ["Uji Pendek", "Uji Jabatan", "Uji Masa Depan"] {
            #expect(!output.contains(name), "the report names a person: \(name)")
        }
        let rejects = try ReviewTestKit.snapshot(
            "SELECT file, line, nip, reason, detail FROM hr.import_reject ORDER BY file, line", on: connection)
        for expected in ["employees.csv|\(employeeLine)|19900505201501100|INVALID_NIP|nip 19900505201501100 is not 18 digits",
                         "employees.csv|\(employeeLine + 1)|199106062016021001|UNKNOWN_POSITION|position_code NO-SUCH-POST is not an accepted position",
                         "employees.csv|\(employeeLine + 2)|199207072017031001|DATE_AFTER_D|position_since 2027-01-02 is after D 2026-03-31",
                         "performance.csv|\(performanceLine)|19900505201501100|UNKNOWN_NIP|nip 19900505201501100 names no accepted employee"] {
            #expect(rejects.contains(expected), "hr.import_reject lacks \(expected): \(rejects)")
        }
        let goldenRejects = try String(contentsOf: ReviewTestKit.goldenExpected.appendingPathComponent("rejected.csv"),
                                       encoding: .utf8).split(separator: "\n").count - 1
        #expect(rejects.count == goldenRejects + 4)
        let unknown: String = try ReviewTestKit.scalar("SELECT unknown_files::text FROM hr.import_run", on: connection)
        #expect(unknown == "{bonus_points.csv}")

        // No good row is lost: 66 golden employees, and the good employee keeps its rows beside the bad ones.
        let employees: Int = try ReviewTestKit.scalar("SELECT count(*) FROM hr.employee", on: connection)
        #expect(employees == 66)
        let kept = try ReviewTestKit.snapshot("""
            SELECT (SELECT count(*) FROM hr.assessment a WHERE a.employee_id = e.id),
                   (SELECT count(*) FROM hr.training t WHERE t.employee_id = e.id),
                   (SELECT string_agg(kind || ':' || line, ',') FROM hr.invalid_row i WHERE i.employee_id = e.id)
              FROM hr.employee e WHERE e.nip = $1
            """, [Self.goodNIP], on: connection)
        #expect(kept == ["1|3|assessment:\(assessmentLine)"])

        // The review flags the good employee's bad rows and places everyone else exactly as the golden set does.
        try ReviewTestKit.enqueueBySQL("annual_review", ReviewTestKit.annualReview2026, on: connection)
        try ReviewTestKit.drain(database)
        let exportFolder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: exportFolder) }
        let exported = try TalentaCommand.run(["export", "--database-url", database.url, "--year", "2026",
                                               exportFolder.path])
        #expect(exported.status == 0, "export failed: \(exported.errors)")
        let differences = try ResultComparison.differences(
            actual: exportFolder.appendingPathComponent("placements.csv"),
            expected: ReviewTestKit.goldenExpected.appendingPathComponent("placements.csv"), key: ["nip"])
        #expect(differences.count == 1 && differences[0].hasSuffix(
            "(nip \(Self.goodNIP)) column flags: expected '', got 'INVALID_ASSESSMENT;INVALID_TRAINING'"), "only the good employee's flags may differ:\n\(differences.joined(separator: "\n"))")
        let flags: String = try ReviewTestKit.scalar(
            "SELECT array_to_string(flags, ';') FROM talent.assessment_result WHERE nip = $1", [Self.goodNIP],
            on: connection)
        #expect(flags == "INVALID_ASSESSMENT;INVALID_TRAINING")
        let succession = try ResultComparison.differences(
            actual: exportFolder.appendingPathComponent("succession.csv"),
            expected: ReviewTestKit.goldenExpected.appendingPathComponent("succession.csv"),
            key: ["position_code", "rank"])
        #expect(succession.isEmpty, "succession differs:\n\(succession.joined(separator: "\n"))")
    }

    @Test("a wrong header refuses the import, shows the expected header and changes nothing")
    func wrongHeader() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let first = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31",
            ReviewTestKit.goldenInput.path,
        ])
        #expect(first.status == 2, "the first import failed: \(first.errors)")
        let before = try Self.state(on: connection)

        let folder = try ReviewTestKit.copyOfGoldenInput()
        defer { try? FileManager.default.removeItem(at: folder) }
        let employees = folder.appendingPathComponent("employees.csv")
        try (try String(contentsOf: employees, encoding: .utf8)).replacingOccurrences(of: "Joka Denur", with: "Joka Baru")
            .write(to: employees, atomically: true, encoding: .utf8)
        let training = folder.appendingPathComponent("training.csv")
        try (try String(contentsOf: training, encoding: .utf8))
            .replacingOccurrences(of: "nip,kind,title,ended_on,hours", with: "nip,kind,title,ended_on,jp")
            .write(to: training, atomically: true, encoding: .utf8)

        let refused = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31", folder.path,
        ])
        #expect(refused.status == 1)
        #expect(refused.errors.contains("training.csv"), "stderr: \(refused.errors)")
        #expect(refused.errors.contains("expected exactly nip,kind,title,ended_on,hours"), "stderr: \(refused.errors)")
        #expect(try Self.state(on: connection) == before)
    }

    @Test("an absent history file leaves that history as it was; a file with only its header replaces it with nothing")
    func absentHistoryFileIsLeftAlone() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        func rows(_ table: String) throws -> [String] {
            try ReviewTestKit.snapshot("SELECT to_jsonb(t) - 'id' FROM " + table + " t ORDER BY 1", on: connection)
        }
        let performance = try rows("hr.performance")
        let education = try rows("hr.education")
        #expect(!performance.isEmpty)
        #expect(!education.isEmpty)
        #expect(try !rows("hr.training").isEmpty)

        let folder = try ReviewTestKit.copyOfGoldenInput()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("performance.csv"))
        try "nip,kind,title,ended_on,hours\n".write(to: folder.appendingPathComponent("training.csv"),
                                                     atomically: true, encoding: .utf8)
        // Emptying training is a shrink: an intended one goes through with --allow-shrink.
        let imported = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31", "--allow-shrink", folder.path,
        ])
        #expect(imported.status == 2, "the import failed: \(imported.errors)")
        #expect(imported.output.contains("Absent history file: performance.csv"), "stdout: \(imported.output)")
        #expect(!imported.output.contains("Absent history file: training.csv"), "stdout: \(imported.output)")
        #expect(try rows("hr.performance") == performance, "an absent performance.csv must leave hr.performance")
        #expect(try rows("hr.education") == education)
        #expect(try rows("hr.training").isEmpty, "a training.csv with only its header replaces training with none")
    }

    @Test("a database error during the import rolls the whole import back")
    func databaseErrorRollsBack() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.executeScript("""
            CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'penalties are refused in this test'; END $$;
            CREATE TRIGGER test_refuse BEFORE INSERT ON hr.penalty FOR EACH ROW EXECUTE FUNCTION test_refuse();
            """)
        let failed = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31",
            ReviewTestKit.goldenInput.path,
        ])
        #expect(failed.status == 1)
        #expect(failed.errors.contains("rolled back"), "stderr: \(failed.errors)")
        #expect(failed.errors.contains("penalties are refused in this test"), "stderr: \(failed.errors)")
        let counts = try ReviewTestKit.snapshot("""
            SELECT (SELECT count(*) FROM hr.unit), (SELECT count(*) FROM hr.position), (SELECT count(*) FROM hr.employee),
                   (SELECT count(*) FROM hr.training), (SELECT count(*) FROM hr.import_run),
                   (SELECT count(*) FROM hr.import_reject)
            """, on: connection)
        #expect(counts == ["0|0|0|0|0|0"])
    }

    /// Everything an import writes, as text.
    static func state(on connection: Connection) throws -> [String] {
        try ReviewTestKit.snapshot("""
            SELECT 'employee', nip, name, position_code, updated_at::text FROM hr.employee
            UNION ALL SELECT 'training', e.nip, t.kind, t.ended_on::text, t.hours::text
              FROM hr.training t JOIN hr.employee e ON e.id = t.employee_id
            UNION ALL SELECT 'import', id::text, source, reference_date::text, counts::text FROM hr.import_run
            UNION ALL SELECT 'reject', import_id::text, file, line::text, reason FROM hr.import_reject
            ORDER BY 1, 2, 3, 4, 5
            """, on: connection)
    }
}
