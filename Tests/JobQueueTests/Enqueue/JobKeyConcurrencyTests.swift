import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Job keys under concurrency", .ownThread)
struct JobKeyConcurrencyTests {
    @Test("ten concurrent enqueues of one job_key, some rolling back, leave exactly one job", arguments: [0, 1, 2])
    func tenConcurrentEnqueues(round: Int) throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let key = "annual-review-2025"
        let connections = try (0..<10).map { _ in try database.connect() }
        defer { connections.forEach { $0.close() } }
        // Which ones roll back differs per round; each round has at least one commit.
        let rollsBack = (0..<10).map { ($0 + round) % 3 == 0 }
        let outcomes = Locked<[Int: Result<Int64, any Error>]>([:])
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for (index, connection) in connections.enumerated() {
            DispatchQueue.global().async(group: group) {
                start.wait()
                let outcome = Result { () throws -> Int64 in
                    try connection.executeScript("BEGIN", name: "test.begin")
                    let id = try QueueTestKit.scalar(
                        "SELECT queue.enqueue('noop', jsonb_build_object('i', $1::integer), job_key => $2)",
                        [index, key], as: Int64.self, on: connection)
                    Thread.sleep(forTimeInterval: Double.random(in: 0...0.05))
                    try connection.executeScript(rollsBack[index] ? "ROLLBACK" : "COMMIT", name: "test.end")
                    return id
                }
                outcomes.withLock { $0[index] = outcome }
            }
        }
        for _ in 0..<10 { start.signal() }
        #expect(group.wait(timeout: .now() + 60) == .success)

        let checker = try database.connect()
        defer { checker.close() }
        let jobs = try checker.execute(
            "SELECT id, payload->>'i' AS i FROM queue.job WHERE job_key = $1", [key], name: "test.keyed").rows
        #expect(jobs.count == 1, "round \(round): \(jobs.count) jobs with the key")
        #expect(try QueueTestKit.scalar("SELECT count(*) FROM queue.job", as: Int.self, on: checker) == 1)
        let only = try #require(jobs.first)
        let survivor = try only.decode("id", as: Int64.self)
        let author = try #require(Int(try only.decode("i", as: String.self)))
        #expect(!rollsBack[author], "the surviving job was enqueued by a transaction that committed")
        for index in 0..<10 where !rollsBack[index] {
            let id = try #require(try outcomes.current[index]?.get(), "enqueue \(index) failed")
            #expect(id == survivor, "committed enqueue \(index) returned \(id), not the surviving job \(survivor)")
        }
    }
}
