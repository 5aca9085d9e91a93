import Foundation
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The logger a handler gets tags every record with its job and worker, whatever the handler adds.
@Suite("Job logger", .ownThread)
struct JobLoggerTests {
    struct Note: Codable, Sendable {
        let n: Int
    }

    @Test("records carry job.id, job.kind, job.attempt and worker.id; keys set later and per record override them")
    func recordsAreTagged() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try QueueTestKit.registerKinds(["test.logs"], on: connection)
        let id = try QueueTestKit.scalar(
            "SELECT queue.enqueue('test.logs', '{\"n\": 3}')", as: Int64.self, on: connection)
        var registry = JobRegistry()
        let seen = Locked<[String]>([])
        registry.register(JobKind<Note>("test.logs")) { payload, context in
            var logger = context.logger
            seen.withLock { $0.append(logger[metadataKey: "job.id"].map { "\($0)" } ?? "missing") }
            logger.info("plain")
            logger.info("per record", metadata: ["job.kind": "overridden", "n": "\(payload.n)"])
            logger[metadataKey: "step"] = "two"
            logger[metadataKey: "job.attempt"] = "set by the handler"
            logger.info("after a key was set")
            logger[metadataKey: "step"] = nil
            logger.info("after a key was removed")
        }
        let records = Locked<[LogCapture.Record]>([])
        let logger = Logger(label: "talenta.tests") { _ in LogCapture(into: records, level: .info) }
        let pool = try WorkerPool(databaseURL: database.url, registry: registry,
                                  configuration: QueueTestKit.configuration(concurrency: 1), logger: logger,
                                  workerID: "test:1:logs")
        try pool.start()
        #expect(pool.waitUntilStopped(timeout: 60))

        #expect(try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [id], as: String.self,
                                        on: connection) == "completed")
        #expect(seen.withLock { $0 } == ["\(id)"])
        let byMessage = Dictionary(records.withLock { $0 }.map { ($0.message, $0.metadata) }) { first, _ in first }
        let plain = try #require(byMessage["plain"])
        #expect(plain["job.id"] == .string("\(id)"))
        #expect(plain["job.kind"] == .string("test.logs"))
        #expect(plain["job.attempt"] == .string("1"))
        #expect(plain["worker.id"] == .string("test:1:logs"))
        let perRecord = try #require(byMessage["per record"])
        #expect(perRecord["job.kind"] == .string("overridden"))
        #expect(perRecord["n"] == .string("3"))
        let afterSet = try #require(byMessage["after a key was set"])
        #expect(afterSet["step"] == .string("two"))
        #expect(afterSet["job.attempt"] == .string("set by the handler"))
        #expect(afterSet["job.id"] == .string("\(id)"))
        let afterRemove = try #require(byMessage["after a key was removed"])
        #expect(afterRemove["step"] == nil)
        #expect(afterRemove["worker.id"] == .string("test:1:logs"))
    }
}
