import Foundation
import Postgres
import PostgresTestSupport
import SwiftCSV
import Testing

/// Issue 16: a `talenta_reader` login reads "why this box?" (the explanation views and `talenta explain`) and never a
/// name; the worker's login may add the name.
@Suite("Roles: the reader explains a placement without a name", .serialized)
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
    }

    @Test("talenta_reader reads talent.explanation and explanation_indicator and explain, and cannot read a name")
    func readerExplains() async throws {
        let run = try await OwnThread.run { () throws -> Run in
            let (database, owner, _) = try AssessmentJobTests.reviewedGolden()
            defer { database.drop() }
            defer { owner.close() }
            let reader = try TestLogin.create(on: database, memberOf: ["talenta_reader"])
            defer { reader.drop() }
            let worker = try TestLogin.create(on: database, memberOf: ["talenta_worker"])
            defer { worker.drop() }
            let asReader = try reader.connect()
            defer { asReader.close() }
            let views = ["talent.explanation", "talent.explanation_indicator"]
            let ownerCounts = try views.map { view -> Int in
                try ReviewTestKit.scalar("SELECT count(*) FROM " + view, on: owner)
            }
            let readerCounts = try views.map { view -> Int in
                try ReviewTestKit.scalar("SELECT count(*) FROM " + view, on: asReader)
            }
            // No column of the views could hold a name.
            let nameColumns = try ReviewTestKit.snapshot("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                 WHERE table_schema = 'talent' AND table_name IN ('explanation', 'explanation_indicator')
                   AND column_name LIKE '%name%' AND column_name NOT IN ('opd_name')
                """, on: owner)
            var nameError: String?
            do {
                _ = try asReader.execute("SELECT name FROM hr.employee LIMIT 1")
            } catch let error as PostgresError {
                nameError = error.sqlState
            }
            let nip = "196705201992031001"
            let plain = try TalentaCommand.run(["explain", "--database-url", reader.url, "--year", "2026", "--nip", nip,
                                                "--json"])
            let named = try TalentaCommand.run(["explain", "--database-url", reader.url, "--year", "2026", "--nip", nip,
                                                "--names"])
            let workerNamed = try TalentaCommand.run(["explain", "--database-url", worker.url, "--year", "2026",
                                                      "--nip", nip, "--names"])
            let employees = try EnumeratedCSV(
                url: ReviewTestKit.goldenInput.appendingPathComponent("employees.csv"), delimiter: .comma,
                loadColumns: false)
            return Run(ownerCounts: ownerCounts, readerCounts: readerCounts, nameColumns: nameColumns,
                       readerNameError: nameError, readerJSON: plain.output, readerStatus: plain.status,
                       readerNamed: (named.status, named.errors), workerNamed: (workerNamed.status, workerNamed.output),
                       names: employees.rows.map { $0[1] })
        }
        #expect(run.ownerCounts == [65, 65 * 5], "the golden review: 65 results of 5 indicators")
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
    }
}
