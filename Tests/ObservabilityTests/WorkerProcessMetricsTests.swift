import Dispatch
import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("talenta worker --metrics-port --log-format json, as a process", .ownThread)
struct WorkerProcessMetricsTests {
    @Test("the worker logs JSON lines, announces its metrics port, serves the counters and stops on SIGTERM")
    func workerServesMetrics() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute("SELECT queue.enqueue('noop', '{}'::jsonb) FROM generate_series(1, 5)", name: "test.noop")

        let errors = Pipe()
        let process = Process()
        process.executableURL = try Self.executable()
        process.arguments = [
            "worker", "--database-url", database.url, "--metrics-port", "0", "--log-format", "json",
            "--log-level", "info", "--poll-interval", "0.05",
        ]
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The worker's own announcement ends the wait: its log is read line by line as it comes (this test runs on
        // a thread of its own, so blocking on the pipe holds no thread another test needs). Should the worker
        // neither announce nor exit, it is stopped after 120 s, which ends the reading.
        let reader = LineReader(errors.fileHandleForReading)
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        var port: Int?
        while port == nil, let line = reader.next() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["message"] as? String == "metrics endpoint listening",
                  let metadata = object["metadata"] as? [String: Any] else { continue }
            port = (metadata["metrics.port"] as? String).flatMap(Int.init)
        }
        watchdog.cancel()
        let bound = try #require(port, "no 'metrics endpoint listening' line:\n\(reader.lines.joined(separator: "\n"))")

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
        while reader.next() != nil {}
        #expect(process.terminationStatus == 0)
        let logged = reader.lines
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

/// Reads a pipe line by line, blocking until each line (or the end of the stream) arrives, and keeps every line read.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var ended = false
    /// Every complete line returned so far (and the unterminated rest, once the stream ended).
    private(set) var lines: [String] = []

    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline, or nil at the end of the stream.
    func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                lines.append(line)
                return line
            }
            guard !ended else { return nil }
            let chunk = handle.availableData
            if chunk.isEmpty {
                ended = true
                guard !buffer.isEmpty else { return nil }
                buffer.append(UInt8(ascii: "\n"))
            } else {
                buffer.append(chunk)
            }
        }
    }
}
