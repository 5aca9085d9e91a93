import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import TalentJobs
import Testing
import ZIPFoundation

/// Shared steps of the review tests: fixtures, SQL enqueue, running the worker in-process, reading scalars.
enum ReviewTestKit {
    static let golden = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/golden")
    static let goldenInput = golden.appendingPathComponent("input")
    static let goldenExpected = golden.appendingPathComponent("expected")
    static let golden411 = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/golden-411")
    static let golden411Input = golden411.appendingPathComponent("input")
    static let golden411Expected = golden411.appendingPathComponent("expected")

    /// The payload of the issue's annual review.
    static let annualReview2026 = #"{"year": 2026, "reference_date": "2026-03-31"}"#
    /// The same review under the BKN 411/2025 preset.
    static let annualReview2026Preset =
        #"{"year": 2026, "reference_date": "2026-03-31", "rule_set": "bkn-411-2025/preset@1"}"#

    static let quietLogger = Logger(label: "talenta.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Enqueues a job with plain SQL, as other systems do.
    @discardableResult
    static func enqueueBySQL(_ kind: String, _ payload: String, on connection: Connection) throws -> Int64 {
        try scalar("SELECT queue.enqueue($1, $2::jsonb)", [kind, payload], on: connection)
    }

    /// Runs an in-process worker with the talent kinds until no job is claimable and none is running.
    static func drain(
        _ database: TestDatabase, concurrency: Int = 2, timeout: Double = 300, logger: Logger = quietLogger
    ) throws {
        var registry = JobRegistry()
        TalentJobs.register(into: &registry)
        let configuration = WorkerConfiguration(
            concurrency: concurrency, pollInterval: 0.05, exitWhenIdle: true,
            retryPolicy: RetryPolicy(baseDelay: 60, maxDelay: 60, jitter: 0))
        let pool = try WorkerPool(databaseURL: database.url, registry: registry, configuration: configuration,
                                  logger: logger)
        try pool.start()
        guard pool.waitUntilStopped(timeout: timeout) else {
            pool.shutdown()
            throw KitError("the worker did not become idle within \(timeout) s")
        }
    }

    /// Runs one query returning a single value.
    static func scalar<T: PostgresDecodable>(_ sql: String, _ parameters: [any PostgresEncodable & Sendable] = [],
                                             as type: T.Type = T.self, on connection: Connection) throws -> T {
        let row = try #require(try connection.execute(sql, parameters, name: "test.scalar").rows.first)
        return try row.decode(0, as: T.self)
    }

    /// Every row of a query as text, one string per row (columns joined with `|`), in the query's order.
    static func snapshot(_ sql: String, _ parameters: [any PostgresEncodable & Sendable] = [],
                         on connection: Connection) throws -> [String] {
        try connection.execute(sql, parameters, name: "test.snapshot").rows.map { row in
            try row.columns.indices.map { try row.decode($0, as: String?.self) ?? "NULL" }.joined(separator: "|")
        }
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
    /// - Returns: whether the condition held.
    static func waitFor(timeout: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return try condition()
    }

    /// A fresh temporary folder.
    /// The text of one part of an xlsx (ZIP) file, e.g. "xl/workbook.xml".
    static func xlsxPart(_ path: String, of file: URL) throws -> String {
        let archive = try Archive(url: file, accessMode: .read)
        guard let entry = archive[path] else { return "" }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("talenta-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A copy of the golden input folder to change.
    static func copyOfGoldenInput() throws -> URL {
        let folder = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: goldenInput.path) {
            try FileManager.default.copyItem(at: goldenInput.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Appends lines to a file of a folder (each line gets a trailing newline).
    static func append(_ lines: [String], to name: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(name)
        var text = try String(contentsOf: url, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        text += lines.map { $0 + "\n" }.joined()
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The line number a row appended to a file of a folder gets (the header is line 1).
    static func nextLine(of name: String, in folder: URL) throws -> Int {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        return text.hasSuffix("\n") ? lines : lines + 1
    }
}
