import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The worker's claim loop prepares the claim and runs it with its generic plan; the claims stay the same.
@Suite("Claim: prepared, with the generic plan", .ownThread)
struct PreparedClaimTests {
    @Test("a prepared claim on generic plans takes jobs in run order, each once, then the session's choice is reset")
    func genericPlanClaimsInOrder() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        var enqueued: [(id: Int64, priority: Int)] = []
        for priority in [5, 0, 9, 0, 3, 7, 1] {
            let id = try Enqueuer.enqueue(
                NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(priority: priority), on: connection)
            enqueued.append((id, priority))
        }
        let expected = enqueued.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }.map(\.id)

        connection.reusesPreparedStatements = true
        try JobClaimer.useGenericPlans(on: connection)
        #expect(try connection.execute("SHOW plan_cache_mode", name: "test.show").rows.first?
            .decode(0, as: String.self) == "force_generic_plan")
        var claimed: [Int64] = []
        for _ in 0..<4 {
            claimed += try JobClaimer.claim(workerID: "w1", queue: "default", lease: 30, limit: 2, on: connection)
                .map(\.id)
        }
        #expect(claimed == expected)
        let plans = try #require(try connection.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'queue.claim'",
            name: "test.plans").rows.first)
        #expect(try plans.decode("generic_plans", as: Int64.self) == 4)
        #expect(try plans.decode("custom_plans", as: Int64.self) == 0)
        let running = try connection.execute(
            "SELECT count(*)::int FROM queue.job WHERE state = 'running' AND locked_by = 'w1' AND attempt = 1",
            name: "test.running").rows.first?.decode(0, as: Int.self)
        #expect(running == expected.count)

        try JobClaimer.resetPlanChoice(on: connection)
        #expect(try connection.execute("SHOW plan_cache_mode", name: "test.show").rows.first?
            .decode(0, as: String.self) == "auto")
    }
}
