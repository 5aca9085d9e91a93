import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import Synchronization
import Testing

@Suite("talenta worker --metrics-port --log-format json, as a process")
struct WorkerProcessMetricsTests {
    @Test("the worker logs JSON lines, announces its metrics port, serves the counters and stops on SIGTERM")
    func workerServesMetrics() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute("SELECT queue.enqueue('noop', '{}'::jsonb) FROM generate_series(1, 5)", name: "test.noop")

        let stderr = Mutex(Data())
        let errors = Pipe()
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = [
            "worker", "--database-url", database.url, "--metrics-port", "0", "--log-format", "json",
            "--log-level", "info", "--poll-interval", "0.05",
        ]
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            stderr.withLock { $0.append(data) }
        }
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func lines() -> [String] {
            String(decoding: stderr.withLock { $0 }, as: UTF8.self).split(separator: "\n").map(String.init)
        }

        func announcedPort() -> Int? {
            for line in lines() {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["message"] as? String == "metrics endpoint listening",
                      let metadata = object["metadata"] as? [String: Any] else { continue }
                return (metadata["metrics.port"] as? String).flatMap(Int.init)
            }
            return nil
        }
        // The deadlines bound the worker, not this task's scheduling: when one passes (a busy test pool can hold the
        // task past it between two looks), the state is looked at once more before failing.
        var port = announcedPort()
        let deadline = Date(timeIntervalSinceNow: 120)
        while port == nil, Date() < deadline, process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            port = announcedPort()
        }
        let bound = try #require(port ?? announcedPort(),
                                 "no 'metrics endpoint listening' line:\n\(lines().joined(separator: "\n"))")

        var values = try await MetricsScrapeTests.scrape(port: UInt16(bound)).values
        let scrapeDeadline = Date(timeIntervalSinceNow: 120)
        while values[#"talenta_jobs_completed_total{kind="noop"}"#] != 5, Date() < scrapeDeadline {
            try await Task.sleep(for: .milliseconds(100))
            values = try await MetricsScrapeTests.scrape(port: UInt16(bound)).values
        }
        #expect(values[#"talenta_jobs_claimed_total{kind="noop"}"#] == 5)
        #expect(values[#"talenta_jobs_completed_total{kind="noop"}"#] == 5)
        #expect(values[#"talenta_job_duration_seconds_count{kind="noop"}"#] == 5)
        #expect((values["talenta_db_connections_open"] ?? 0) >= 1)

        process.terminate()
        process.waitUntilExit()
        errors.fileHandleForReading.readabilityHandler = nil
        stderr.withLock { $0.append(errors.fileHandleForReading.readDataToEndOfFile()) }
        #expect(process.terminationStatus == 0)
        let logged = lines()
        #expect(logged.count >= 3)
        for line in logged {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["timestamp"] is String && object?["level"] is String && object?["label"] is String
                    && object?["message"] is String, "not a JSON log line: \(line)")
        }
    }

    /// The `talenta` binary `swift test` built next to the test runner.
    static func executable() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for folder in [runner.deletingLastPathComponent(), Bundle.main.bundleURL.deletingLastPathComponent()] {
            let binary = folder.appendingPathComponent("talenta")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw MissingExecutable()
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        var description: String { "the talenta executable was not found next to the test runner; run `swift build` first" }
    }
}
