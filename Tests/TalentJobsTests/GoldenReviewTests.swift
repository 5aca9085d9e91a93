import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The issue's must-show: the golden input imported with `talenta import`, the annual review enqueued by plain SQL,
/// `talenta worker` run until idle, `talenta export` matching the expected files field by field.
@Suite("Golden review through the worker", .serialized, .ownThread)
struct GoldenReviewTests {
    @Test("import, annual_review by SQL, worker, export: placements, succession, rejected and indicators match field by field")
    func goldenEndToEnd() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }

        let imported = try TalentaCommand.run([
            "import", "--database-url", database.url, "--reference-date", "2026-03-31",
            ReviewTestKit.goldenInput.path,
        ])
        // The golden set has rejected and invalid rows: applied, exit code 2.
        #expect(imported.status == 2, "talenta import failed:\n\(imported.errors)")

        let jobID = try ReviewTestKit.enqueueBySQL("annual_review", ReviewTestKit.annualReview2026, on: connection)
        let worker = try TalentaCommand.run([
            "worker", "--database-url", database.url, "--exit-when-idle", "--concurrency", "2",
            "--poll-interval", "0.05", "--log-level", "warning",
        ])
        #expect(worker.status == 0, "talenta worker failed:\n\(worker.errors)")
        let states = try ReviewTestKit.snapshot(
            "SELECT kind, state, count(*) FROM queue.job GROUP BY 1, 2 ORDER BY 1, 2", on: connection)
        #expect(states == ["annual_review|completed|1", "assessment|completed|3", "succession_planning|completed|1"],
                "job states: \(states); errors: \(worker.errors)")
        let review: String = try ReviewTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [jobID],
                                                      on: connection)
        #expect(review == "completed")

        let output = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let exported = try TalentaCommand.run(["export", "--database-url", database.url, "--year", "2026", output.path])
        #expect(exported.status == 0, "talenta export failed:\n\(exported.errors)")

        for (file, key) in [("placements.csv", ["nip"]), ("succession.csv", ["position_code", "rank"]),
                            ("rejected.csv", ["file", "line"]), ("indicators.csv", ["nip", "axis", "indicator"])] {
            let differences = try ResultComparison.differences(
                actual: output.appendingPathComponent(file),
                expected: ReviewTestKit.goldenExpected.appendingPathComponent(file), key: key)
            #expect(differences.isEmpty, "\(file) differs from the golden file:\n\(differences.joined(separator: "\n"))")
        }

        // The same review as Excel workbooks: every expected NIP is an inline text cell of placements.xlsx.
        let workbooks = try TalentaCommand.run(["export", "--database-url", database.url, "--year", "2026",
                                                "--format", "xlsx", output.path])
        #expect(workbooks.status == 0, "talenta export --format xlsx failed:\n\(workbooks.errors)")
        #expect(workbooks.output.contains("(placements.xlsx, succession.xlsx, rejected.xlsx, indicators.xlsx)"),
                "\(workbooks.output)")
        let text = try ReviewTestKit.xlsxPart("xl/worksheets/sheet1.xml", of: output.appendingPathComponent("placements.xlsx"))
        let expectedNIPs = try String(contentsOf: ReviewTestKit.goldenExpected.appendingPathComponent("placements.csv"),
                                      encoding: .utf8).split(separator: "\n").dropFirst().map { $0.prefix(18) }
        #expect(expectedNIPs.count == 65)
        for nip in expectedNIPs {
            #expect(text.contains("t=\"inlineStr\"><is><t>\(nip)</t></is>"), "NIP \(nip) is not a text cell")
        }
    }
}
