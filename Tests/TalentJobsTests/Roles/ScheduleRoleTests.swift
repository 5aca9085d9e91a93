import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// The new objects of sql/0005-0007 work for the group roles of sql/0009 (grants in sql/0010).
@Suite("Roles: schedules and event-driven recalculation", .ownThread)
struct ScheduleRoleTests {
    private struct FixedClock: WallClock {
        let instant: Date
        func now() -> Date { instant }
    }

    @Test("hr_writer's changes enqueue through the SECURITY DEFINER triggers; enqueuer manages schedules; worker fires them")
    func rolesDoTheirPart() throws {
        let (database, owner, _) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { owner.close() }
        let hrWriter = try TestLogin.create(on: database, memberOf: ["talenta_hr_writer"])
        let enqueuer = try TestLogin.create(on: database, memberOf: ["talenta_enqueuer"])
        let worker = try TestLogin.create(on: database, memberOf: ["talenta_worker"])
        defer { [hrWriter, enqueuer, worker].forEach { $0.drop() } }
        try owner.execute("DELETE FROM queue.job", name: "test.clear")

        let hr = try hrWriter.connect()
        defer { hr.close() }
        try hr.execute("""
            INSERT INTO hr.award (employee_id, level, awarded_on)
            SELECT id, 'KOTA', '2025-08-17' FROM hr.employee ORDER BY id LIMIT 2
            """, name: "test.awards")
        #expect(try ReviewTestKit.scalar("SELECT count(*) FROM queue.job WHERE kind = 'recalculation'", on: owner) == 2)
        try hr.withTransaction { transaction in
            try transaction.execute("SET LOCAL talenta.defer_recalculation = on", name: "test.defer")
            try transaction.execute("UPDATE hr.training SET hours = hours + 1", name: "test.bulk")
            try transaction.execute("SELECT hr.request_full_recalculation()", name: "test.full")
        }
        #expect(try ReviewTestKit.snapshot("SELECT job_key FROM queue.job ORDER BY id", on: owner).last
                    == "recalculation:2026:everyone")

        let operators = try enqueuer.connect()
        defer { operators.close() }
        try ScheduleStore.add(Schedule(name: "every-minute", cron: "* * * * *", timeZone: "UTC", kind: "noop"),
                              on: operators)
        #expect(try ScheduleStore.list(on: operators).map(\.schedule.name) == ["annual-talent-review", "every-minute", "retention"])

        let daemon = try worker.connect()
        defer { daemon.close() }
        let start = Date(timeIntervalSince1970: 1_800_000_000)  // a whole minute
        _ = try ScheduleEvaluator(workerID: "w", clock: FixedClock(instant: start), logger: ReviewTestKit.quietLogger)
            .evaluate(on: daemon)
        let fired = try ScheduleEvaluator(workerID: "w", clock: FixedClock(instant: start.addingTimeInterval(61)),
                                          logger: ReviewTestKit.quietLogger).evaluate(on: daemon).fired
        #expect(fired.map(\.fireAt) == [start.addingTimeInterval(60)])
        #expect(throws: PostgresError.self) {
            try daemon.execute("UPDATE queue.schedule SET enabled = false", name: "test.worker_update")
        }
        #expect(try ScheduleStore.remove(named: "every-minute", on: operators))
    }
}
