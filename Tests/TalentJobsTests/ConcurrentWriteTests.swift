import Foundation
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// Two transactions that replace the same rows (overlapping recalculations, two succession plannings of a period)
/// take turns instead of colliding on a primary key.
@Suite("Overlapping result writers", .serialized, .ownThread)
struct ConcurrentWriteTests {
    /// What the second writer ended with.
    final class Outcome: @unchecked Sendable {
        // Invariant: `error` and `finished` are only touched under `lock`.
        private let lock = NSLock()
        private var error: (any Error)?
        private var finished = false

        func finish(_ error: (any Error)?) { lock.withLock { self.error = error; finished = true } }
        var result: (finished: Bool, error: (any Error)?) { lock.withLock { (finished, error) } }
    }

    /// Runs `first` in a transaction on `connection`; while it is open, runs `second` in a transaction of its own on
    /// another connection (a thread of its own), waits until that one is blocked on a lock, then commits `first`.
    /// - Returns: the second writer's error, if any.
    static func overlap(_ database: TestDatabase, on connection: Connection, first: (Connection) throws -> Void,
                        second: @escaping @Sendable (Connection) throws -> Void) throws -> (any Error)? {
        let other = try database.connect()
        let otherPID: Int32 = try ReviewTestKit.scalar("SELECT pg_backend_pid()", on: other)
        let observer = try database.connect()
        defer { observer.close() }
        let outcome = Outcome()
        let handedOver = other
        try connection.withTransaction { transaction in
            try first(transaction)
            Thread.detachNewThread {
                defer { handedOver.close() }
                do {
                    try handedOver.withTransaction { try second($0) }
                    outcome.finish(nil)
                } catch {
                    outcome.finish(error)
                }
            }
            let blocked = try ReviewTestKit.waitFor(timeout: 60) {
                let waiting: Int = try ReviewTestKit.scalar(
                    "SELECT count(*)::int FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'",
                    [otherPID], on: observer)
                return waiting == 1 || outcome.result.finished
            }
            #expect(blocked, "the second writer neither waited nor finished")
        }
        #expect(ReviewTestKit.waitFor(timeout: 60) { outcome.result.finished }, "the second writer never finished")
        return outcome.result.error
    }

    /// The placements of `ids` as the assessment job computes them.
    static func entries(periodID: Int64, ids: [Int64], on connection: Connection) throws -> [PlacementWriter.Entry] {
        let (period, rules) = try ReviewPeriods.find(id: periodID, on: connection)
        let batch = try ReviewInputReader.read(employeeIDs: ids, on: connection)
        let organisation = try OrganisationReader.load(on: connection)
        let placements = try TalentEngine.assess(batch: batch.inputs.map(\.input), organisation: organisation,
                                                 context: period.context, rules: rules)
        let byNIP = Dictionary(uniqueKeysWithValues: batch.inputs.map { ($0.input.employee.nip, $0) })
        return try placements.map { placement in
            let employee = try #require(byNIP[placement.nip])
            let position = try #require(organisation.positions[employee.input.employee.positionCode])
            return PlacementWriter.Entry(employeeID: employee.id, placement: placement,
                                         inputs: StoredInputs(input: employee.input, position: position,
                                                              context: period.context))
        }
    }

    @Test("two batches sharing an employee both commit, one result row per employee, the later batch's rows stay")
    func overlappingBatches() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let everyone: [Int64] = try connection.execute("SELECT id FROM hr.employee ORDER BY id").rows
            .map { try $0.decode("id") }
        let placed: [Int64] = try connection.execute(
            "SELECT employee_id FROM talent.assessment_result WHERE period_id = $1 ORDER BY employee_id",
            [periodID]).rows.map { try $0.decode("employee_id") }
        let shared = try #require(placed.first)
        let opdBatch = try Self.entries(periodID: periodID, ids: everyone, on: connection)
        let nipBatch = try Self.entries(periodID: periodID, ids: [shared], on: connection)
        #expect(nipBatch.count == 1)

        let error = try Self.overlap(database, on: connection, first: { transaction in
            try PlacementWriter.replace(periodID: periodID, employeeIDs: everyone, with: opdBatch, source: 1001,
                                        on: transaction)
        }, second: { transaction in
            try PlacementWriter.replace(periodID: periodID, employeeIDs: [shared], with: nipBatch, source: 1002,
                                        on: transaction)
        })
        #expect(error == nil, "the second batch failed: \(String(describing: error))")
        let rows = try ReviewTestKit.snapshot("""
            SELECT employee_id, count(*), max(job_id) FROM talent.assessment_result WHERE period_id = $1
             GROUP BY employee_id ORDER BY employee_id
            """, [periodID], on: connection)
        #expect(rows == placed.map { "\($0)|1|\($0 == shared ? 1002 : 1001)" })
        let pool: Int = try ReviewTestKit.scalar(
            "SELECT count(*)::int FROM talent.pool_evaluation WHERE period_id = $1", [periodID], on: connection)
        #expect(pool == placed.count)
    }

    @Test("two succession plannings of one period both commit and leave one set of plans")
    func overlappingPlannings() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let (period, rules) = try ReviewPeriods.find(id: periodID, on: connection)
        var shortlist = SuccessionShortlist<Int64>(organisation: try OrganisationReader.load(on: connection),
                                                   rules: rules)
        try SuccessionInputReader.addPoolMembers(periodID: periodID, to: &shortlist, on: connection)
        let plans = shortlist.plans(holders: try SuccessionInputReader.holders(on: connection),
                                    context: period.context)
        try #require(!plans.isEmpty)
        let before = try ReviewTestKit.snapshot(
            "SELECT position_code FROM talent.succession_plan WHERE period_id = $1 ORDER BY 1", [periodID],
            on: connection)

        let error = try Self.overlap(database, on: connection, first: { transaction in
            try SuccessionPlanStore.replace(periodID: periodID, with: plans, source: 2001, on: transaction)
        }, second: { transaction in
            try SuccessionPlanStore.replace(periodID: periodID, with: plans, source: 2002, on: transaction)
        })
        #expect(error == nil, "the second planning failed: \(String(describing: error))")
        let after = try ReviewTestKit.snapshot(
            "SELECT position_code FROM talent.succession_plan WHERE period_id = $1 AND job_id = 2002 ORDER BY 1",
            [periodID], on: connection)
        #expect(after == before)
        #expect(after.count == plans.count)
    }
}
