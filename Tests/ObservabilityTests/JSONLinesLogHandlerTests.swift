import Foundation
import LogFormats
import Logging
import Synchronization
import TestThreads
import Testing

@Suite("JSON lines log handler", .ownThread)
struct JSONLinesLogHandlerTests {
    /// Lines written by a handler, in order.
    final class Captured: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    static func logger(_ captured: Captured, level: Logger.Level = .info) -> Logger {
        var logger = Logger(label: "talenta.test") { label in
            JSONLinesLogHandler(label: label) { line in captured.lines.withLock { $0.append(line) } }
        }
        logger.logLevel = level
        return logger
    }

    static func object(_ line: String) throws -> [String: Any] {
        let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(parsed as? [String: Any])
    }

    @Test("one JSON object per line with timestamp, level, label, message and metadata")
    func oneObjectPerLine() throws {
        let captured = Captured()
        var logger = Self.logger(captured)
        logger[metadataKey: "worker.id"] = "host:1:abc"
        logger.info("job completed\nsecond line", metadata: ["job.id": "42", "job.attempt": .stringConvertible(2)])
        logger.warning("nested", metadata: ["list": ["a", "b"], "map": ["k": "v"]])

        let lines = captured.all
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().contains("\n") == false })
        let first = try Self.object(lines[0])
        #expect(Set(first.keys) == ["timestamp", "level", "label", "message", "metadata"])
        #expect(first["level"] as? String == "info")
        #expect(first["label"] as? String == "talenta.test")
        #expect(first["message"] as? String == "job completed\nsecond line")
        let metadata = try #require(first["metadata"] as? [String: Any])
        #expect(metadata["job.id"] as? String == "42")
        #expect(metadata["job.attempt"] as? String == "2")
        #expect(metadata["worker.id"] as? String == "host:1:abc")
        let timestamp = try #require(first["timestamp"] as? String)
        let parsed = try Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
        #expect(timestamp.hasSuffix("Z"))

        let second = try #require(try Self.object(lines[1])["metadata"] as? [String: Any])
        #expect(second["list"] as? [String] == ["a", "b"])
        #expect(second["map"] as? [String: String] == ["k": "v"])
    }

    @Test("the event's metadata wins over the logger's; no metadata key when there is none; levels filter")
    func mergingAndLevels() throws {
        let captured = Captured()
        var logger = Self.logger(captured, level: .notice)
        logger.info("dropped")
        logger.notice("plain")
        logger[metadataKey: "k"] = "logger"
        logger.error("override", metadata: ["k": "event"])
        let lines = captured.all
        #expect(lines.count == 2)
        #expect(try Self.object(lines[0])["metadata"] == nil)
        #expect(try Self.object(lines[0])["level"] as? String == "notice")
        let metadata = try #require(try Self.object(lines[1])["metadata"] as? [String: Any])
        #expect(metadata["k"] as? String == "event")
    }

    @Test("lines written from many threads stay whole")
    func concurrentLines() throws {
        let captured = Captured()
        let logger = Self.logger(captured)
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            logger.info("line", metadata: ["n": "\(index)", "pad": "\(String(repeating: "x", count: 500))"])
        }
        let numbers = try captured.all.map { line in
            try #require((try Self.object(line)["metadata"] as? [String: Any])?["n"] as? String)
        }
        #expect(Set(numbers) == Set((0..<200).map(String.init)))
    }
}
