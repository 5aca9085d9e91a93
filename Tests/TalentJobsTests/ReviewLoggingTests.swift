import Foundation
import LogFormats
import Logging
import Postgres
import PostgresTestSupport
import Synchronization
import TalentStore
import TestThreads
import Testing

/// Logs name a civil servant by internal id or NIP, never by name, and carry no score; a job's lines are tagged.
@Suite("Review logging", .ownThread)
struct ReviewLoggingTests {
    @Test("a whole review logged at trace level in JSON lines: no employee name, no score, every job line tagged")
    func reviewLogsAreClean() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ReviewTestKit.annualReview2026, on: connection)

        let lines = Mutex<[String]>([])
        var logger = Logger(label: "talenta.worker") { label in
            JSONLinesLogHandler(label: label) { line in lines.withLock { $0.append(line) } }
        }
        logger.logLevel = .trace
        try ReviewTestKit.drain(database, logger: logger)
        let logged = lines.withLock { $0 }
        let states = try ReviewTestKit.snapshot("SELECT DISTINCT state FROM queue.job", on: connection)
        #expect(states == ["completed"])

        // Every name of the input, and every score the review stored, in the forms a log could print them.
        let names = try ReviewTestKit.snapshot("SELECT name FROM hr.employee", on: connection)
        #expect(names.count > 50)
        let scores = Set(try ReviewTestKit.snapshot("""
            SELECT s::text FROM talent.assessment_result,
                   LATERAL unnest(ARRAY[kinerja_score, potensi_score]) AS s WHERE s IS NOT NULL
            UNION SELECT nilai_talenta::text FROM talent.succession_candidate
            """, on: connection).flatMap { [$0, Double($0).map { "\($0)" } ?? $0] })
        #expect(scores.count > 20)

        var jobLines = 0
        for line in logged {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let metadata = object["metadata"] as? [String: Any] ?? [:]
            // The timestamp is left out: its digits are not a score.
            let text = ([object["message"] as? String ?? ""] + metadata.map { "\($0.key)=\($0.value)" })
                .joined(separator: " ")
            for name in names {
                #expect(!line.contains(name), "a log line names an employee: \(line)")
            }
            let numbers = text.split { !($0.isNumber || $0 == ".") }.map(String.init)
            for number in numbers where scores.contains(number) {
                Issue.record("a log line carries a score (\(number)): \(line)")
            }
            if metadata["job.id"] != nil {
                jobLines += 1
                for key in ["job.kind", "job.attempt", "worker.id"] {
                    #expect(metadata[key] != nil, "job line without \(key): \(line)")
                }
            }
        }
        // annual_review, three assessment batches and succession planning each log their work and completion.
        #expect(jobLines >= 10, "\(logged.joined())")
    }
}
