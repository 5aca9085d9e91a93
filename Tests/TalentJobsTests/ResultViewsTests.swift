import Foundation
import Postgres
import PostgresTestSupport
import SwiftCSV
import TestThreads
import Testing

/// What other systems and operators read after a review: the views, `talenta summary`, and a recalculation of an OPD.
@Suite("Review results: views, summary, recalculation", .serialized, .ownThread)
struct ResultViewsTests {
    /// The golden expected placements, parsed.
    static func expectedPlacements() throws -> EnumeratedCSV {
        try EnumeratedCSV(url: ReviewTestKit.goldenExpected.appendingPathComponent("placements.csv"), delimiter: .comma,
                          loadColumns: false)
    }

    @Test("the views and the summary grid agree with the golden expected results")
    func viewsAndSummary() throws {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let placements = try Self.expectedPlacements()
        let boxColumn = try #require(placements.header.firstIndex(of: "box"))
        let poolColumn = try #require(placements.header.firstIndex(of: "pool"))
        var boxes: [String: Int] = [:]
        for row in placements.rows { boxes[row[boxColumn], default: 0] += 1 }
        let poolSize = placements.rows.filter { $0[poolColumn] == "KRS_INSTANSI" }.count
        let successionRows = try EnumeratedCSV(
            url: ReviewTestKit.goldenExpected.appendingPathComponent("succession.csv"), delimiter: .comma,
            loadColumns: false).rows

        let current: Int = try ReviewTestKit.scalar("SELECT count(*) FROM talent.current_placement", on: connection)
        #expect(current == placements.rows.count)
        let pool: Int = try ReviewTestKit.scalar("SELECT count(*) FROM talent.pool WHERE year = 2026", on: connection)
        #expect(pool == poolSize)
        let succession: Int = try ReviewTestKit.scalar("SELECT count(*) FROM talent.succession WHERE year = 2026",
                                                       on: connection)
        #expect(succession == successionRows.count)
        let distribution = try ReviewTestKit.snapshot("""
            SELECT coalesce(box::text, ''), sum(employees) FROM talent.box_distribution WHERE year = 2026
             GROUP BY box ORDER BY box NULLS FIRST
            """, on: connection)
        #expect(distribution == boxes.keys.sorted { Int($0) ?? 0 < Int($1) ?? 0 }.map { "\($0)|\(boxes[$0]!)" })

        let summary = try TalentaCommand.run(["summary", "--database-url", database.url, "--year", "2026"])
        #expect(summary.status == 0, "summary failed: \(summary.errors)")
        let lines = summary.output.split(separator: "\n").map(String.init)
        let employees: Int = try ReviewTestKit.scalar("SELECT count(*) FROM hr.employee", on: connection)
        let states = try ReviewTestKit.snapshot("""
            SELECT state || ' ' || count(*) FROM hr.employee
             WHERE id NOT IN (SELECT employee_id FROM talent.assessment_result) GROUP BY state ORDER BY state
            """, on: connection)
        try #require(!states.isEmpty, "the golden city has employees who are not assessed (PENSIUN, BERHENTI)")
        let placedCount = placements.rows.filter { !$0[boxColumn].isEmpty }.count
        let assessed = placements.rows.count
        let notInReview = employees - assessed
        let headline: String = "Talent review 2026: \(assessed) assessed of \(employees) employees, "
            + "\(placedCount) placed on the nine-box grid; \(notInReview) not in the review ("
            + states.joined(separator: ", ") + ")"
        #expect(lines.first == headline)
        // The regulation's layout: kinerja ATAS on top, potensi RENDAH → TINGGI from left to right.
        for (label, numbers) in [("kinerja ATAS", [4, 7, 9]), ("kinerja SESUAI", [2, 5, 8]),
                                 ("kinerja BAWAH", [1, 3, 6])] {
            let line = try #require(lines.first { $0.hasPrefix(label) }, "no row \(label) in:\n\(summary.output)")
            let cells = line.split(separator: "|").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(cells == numbers.map { "[\($0)] \(boxes[String($0)] ?? 0)" }, "row \(label): \(line)")
        }
        let order = ["kinerja ATAS", "kinerja SESUAI", "kinerja BAWAH"].compactMap { label in
            lines.firstIndex { $0.hasPrefix(label) }
        }
        #expect(order == order.sorted() && order.count == 3)
        let header = try #require(lines.first { $0.contains("<- potensi") })
        #expect(header.range(of: "RENDAH")!.lowerBound < header.range(of: "MENENGAH")!.lowerBound)
        #expect(header.range(of: "MENENGAH")!.lowerBound < header.range(of: "TINGGI")!.lowerBound)
        #expect(lines.contains { $0.hasPrefix("Not placed") && $0.hasSuffix(" \(boxes[""] ?? 0)") })
        #expect(lines.contains { $0.hasPrefix("Talent pool") && $0.hasSuffix(" \(poolSize)") })
        let targets = Set(successionRows.map { $0[0] }).count
        #expect(lines.contains { $0.hasPrefix("Target positions") && $0.hasSuffix(" \(targets)") })
        #expect(!summary.output.contains("Still running"), "a finished review is not partial:\n\(summary.output)")

        // A run whose batches are not all done (a worker killed mid-review) makes the summary say it is partial.
        try connection.execute("""
            INSERT INTO talent.review_run (period_id, kind, batches_total, batches_done)
            SELECT id, 'recalculation', 3, 1 FROM talent.review_period WHERE year = 2026 AND scenario IS NULL
            """, name: "test.unfinished_run")
        let partial = try TalentaCommand.run(["summary", "--database-url", database.url, "--year", "2026"])
        #expect(partial.status == 0, "summary failed: \(partial.errors)")
        let still = "Still running: recalculation with 1 of 3 batches done, so the figures below are partial "
            + "(succession is planned after the last batch)"
        #expect(partial.output.split(separator: "\n").map(String.init).dropFirst(2).first == still, "\(partial.output)")
    }

    @Test("a recalculation of one OPD rewrites only that OPD's results, and an unknown OPD is refused")
    func recalculateOneOPD() throws {
        let (database, connection, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let before = try AssessmentJobTests.results(on: connection)
        let recalculation = try ReviewTestKit.enqueueBySQL(
            "recalculation", #"{"year": 2026, "scope": {"opd": "KOM"}}"#, on: connection)
        let unknown = try ReviewTestKit.enqueueBySQL(
            "recalculation", #"{"year": 2026, "scope": {"opd": "NOWHERE"}}"#, on: connection)
        try ReviewTestKit.drain(database)

        let refusal = try ReviewTestKit.snapshot("SELECT state, last_error FROM queue.job WHERE id = $1", [unknown],
                                                 on: connection)
        #expect(refusal == ["discarded|no OPD has the unit code NOWHERE"])
        let rewritten = try ReviewTestKit.snapshot("""
            SELECT DISTINCT o.opd_code
              FROM talent.assessment_result r
              JOIN queue.job j ON j.id = r.job_id
              JOIN hr.employee e ON e.id = r.employee_id
              JOIN hr.position p ON p.position_code = e.position_code
              JOIN talent.opd o ON o.unit_code = p.unit_code
             WHERE j.id > $1
            """, [recalculation], on: connection)
        #expect(rewritten == ["KOM"])
        #expect(try AssessmentJobTests.results(on: connection) == before)
        let plannings: Int = try ReviewTestKit.scalar(
            "SELECT count(*) FROM queue.job WHERE kind = 'succession_planning' AND state = 'completed'", on: connection)
        #expect(plannings == 2)
    }
}
