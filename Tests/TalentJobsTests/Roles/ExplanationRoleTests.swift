import Foundation
import Postgres
import PostgresTestSupport
import SwiftCSV
import TestThreads
import Testing

/// Issue 16: a `talenta_reader` login reads "why this box?" (the explanation views and `talenta explain`) and never a
/// name; the worker's login may add the name.
@Suite("Roles: the reader explains a placement and reads completeness without a name", .serialized, .ownThread)
struct ExplanationRoleTests {
    struct Run: Sendable {
        var ownerCounts: [Int]
        var readerCounts: [Int]
        var nameColumns: [String]
        var readerNameError: String?
        var readerJSON: String
        var readerStatus: Int32
        var readerNamed: (status: Int32, errors: String)
        var workerNamed: (status: Int32, output: String)
        var names: [String]
        var completeness: (status: Int32, csv: String)
        var readerChase: (status: Int32, errors: String)
        var workerChase: (status: Int32, csv: String)
    }

    /// What the test below looks at, gathered on the test's own thread (the suite is `.ownThread`).
    static func readerRun() throws -> Run {
        let (database, owner, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { owner.close() }
        let reader = try TestLogin.create(on: database, memberOf: ["talenta_reader"])
        defer { reader.drop() }
        let worker = try TestLogin.create(on: database, memberOf: ["talenta_worker"])
        defer { worker.drop() }
        let asReader = try reader.connect()
        defer { asReader.close() }
        let views = ["talent.explanation", "talent.explanation_indicator", "talent.completeness_employee",
                     "talent.completeness_indicator", "talent.completeness_opd", "talent.indicators"]
        let ownerCounts = try views.map { view -> Int in
            try ReviewTestKit.scalar("SELECT count(*) FROM " + view, on: owner)
        }
        let readerCounts = try views.map { view -> Int in
            try ReviewTestKit.scalar("SELECT count(*) FROM " + view, on: asReader)
        }
        // No column of the views could hold a name.
        let nameColumns = try ReviewTestKit.snapshot("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
             WHERE table_schema = 'talent'
               AND table_name IN ('explanation', 'explanation_indicator', 'completeness_employee',
                                  'completeness_indicator', 'completeness_opd', 'indicators')
               AND column_name LIKE '%name%' AND column_name NOT IN ('opd_name')
            """, on: owner)
        var nameError: String?
        do {
            _ = try asReader.execute("SELECT name FROM hr.employee LIMIT 1")
        } catch {
            nameError = error.sqlState
        }
        let nip = "196705201992031001"
        let plain = try TalentaCommand.run(["explain", "--database-url", reader.url, "--year", "2026", "--nip", nip,
                                            "--json"])
        let named = try TalentaCommand.run(["explain", "--database-url", reader.url, "--year", "2026", "--nip", nip,
                                            "--names"])
        let workerNamed = try TalentaCommand.run(["explain", "--database-url", worker.url, "--year", "2026",
                                                  "--nip", nip, "--names"])
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("kelengkapan.csv")
        let completeness = try TalentaCommand.run(["completeness", "--database-url", reader.url, "--year", "2026",
                                                   "--out", csv.path])
        let readerChase = try TalentaCommand.run(["completeness", "--database-url", reader.url, "--year", "2026",
                                                  "--chase", "--out", folder.appendingPathComponent("r.csv").path])
        let chase = folder.appendingPathComponent("kejar.csv")
        let workerChase = try TalentaCommand.run(["completeness", "--database-url", worker.url, "--year", "2026",
                                                  "--chase", "--out", chase.path])
        let employees = try EnumeratedCSV(
            url: ReviewTestKit.goldenInput.appendingPathComponent("employees.csv"), delimiter: .comma,
            loadColumns: false)
        return Run(ownerCounts: ownerCounts, readerCounts: readerCounts, nameColumns: nameColumns,
                   readerNameError: nameError, readerJSON: plain.output, readerStatus: plain.status,
                   readerNamed: (named.status, named.errors), workerNamed: (workerNamed.status, workerNamed.output),
                   names: employees.rows.map { $0[1] },
                   completeness: (completeness.status, (try? String(contentsOf: csv, encoding: .utf8)) ?? ""),
                   readerChase: (readerChase.status, readerChase.errors),
                   workerChase: (workerChase.status, (try? String(contentsOf: chase, encoding: .utf8)) ?? ""))
    }

    @Test("talenta_reader reads the explanation and completeness views, explain and completeness, and cannot read a name")
    func readerExplains() throws {
        let run = try Self.readerRun()
        #expect(run.ownerCounts.prefix(2) == [65, 65 * 5], "the golden review: 65 results of 5 indicators")
        #expect(run.ownerCounts.allSatisfy { $0 > 0 })
        #expect(run.readerCounts == run.ownerCounts)
        #expect(run.nameColumns.isEmpty, "columns that could hold a name: \(run.nameColumns)")
        #expect(run.readerNameError == "42501", "the reader read hr.employee's names")
        #expect(run.readerStatus == 0)
        #expect(run.readerJSON.contains("\"nip\" : \"196705201992031001\"") && run.readerJSON.contains("\"name\" : null"))
        let leaked = run.names.filter { run.readerJSON.contains($0) }
        #expect(leaked.isEmpty, "the reader's explanation names \(leaked)")
        #expect(run.readerNamed.status == 1 && run.readerNamed.errors.contains("42501"), "\(run.readerNamed.errors)")
        #expect(run.workerNamed.status == 0 && run.workerNamed.output.contains("\nName: Kaa Nanimar\n"),
                "\(run.workerNamed.output)")
        // Completeness: the reader writes the per-indicator rows (NIP, never a name) but not the chase list.
        #expect(run.completeness.status == 0 && run.completeness.csv.hasPrefix("nip,opd_code,position_code,axis,"))
        #expect(run.completeness.csv.split(separator: "\n").count == 1 + 65 * 5)
        let leakedToCSV = run.names.filter { run.completeness.csv.contains($0) }
        #expect(leakedToCSV.isEmpty, "the reader's completeness file names \(leakedToCSV)")
        #expect(run.readerChase.status == 1 && run.readerChase.errors.contains("42501"), "\(run.readerChase.errors)")
        #expect(run.workerChase.status == 0 && run.workerChase.csv.hasPrefix("opd_code,nip,name,position_code,"))
        #expect(run.names.contains { run.workerChase.csv.contains($0) }, "the worker's chase list names the employees")
    }
}
