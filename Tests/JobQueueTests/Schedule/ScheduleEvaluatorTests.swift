import Dispatch
import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// A clock the test sets by hand.
final class ManualClock: WallClock, @unchecked Sendable {
    // `current` is only touched while `lock` is held.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }
    func set(_ date: Date) { lock.withLock { current = date } }
}

func utcMinute(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + ":00Z")! }

@Suite("Schedules: evaluation in the database", .ownThread)
struct ScheduleEvaluatorTests {
    /// `schedule:<name>:<time>` keys of the jobs of a schedule, in fire order.
    static func jobKeys(_ name: String, on connection: Connection) throws -> [String] {
        try connection.execute("""
            SELECT job_key FROM queue.job WHERE job_key LIKE 'schedule:' || $1 || ':%' ORDER BY job_key
            """, [name], name: "test.job_keys").rows.map { try $0.decode("job_key", as: String.self) }
    }

    static func key(_ name: String, _ minute: String) -> String { "schedule:\(name):\(minute):00Z" }

    /// Runs the evaluators at once, each on its own thread and connection.
    static func evaluateConcurrently(_ evaluators: [(ScheduleEvaluator, Connection)]) throws -> [ScheduleEvaluator.Pass] {
        let results = Locked<[Int: Result<ScheduleEvaluator.Pass, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: evaluators.count) { index in
            let (evaluator, connection) = evaluators[index]
            let result = Result { try evaluator.evaluate(on: connection) }
            results.withLock { $0[index] = result }
        }
        return try (0..<evaluators.count).map { try results.current[$0]!.get() }
    }

    @Test("three evaluators, every minute for 16 simulated minutes across spring forward in New York and a restart: one job per fire time")
    func threeEvaluatorsExactlyOnce() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let admin = try database.connect()
        defer { admin.close() }
        try ScheduleStore.add(Schedule(name: "every-minute", cron: "* * * * *", timeZone: "America/New_York",
                                       kind: "noop", payloadTemplate: #"{"at": "{{fire_time}}"}"#), on: admin)
        try ScheduleStore.add(Schedule(name: "half-past-two", cron: "30 2 * * *", timeZone: "America/New_York",
                                       kind: "noop"), on: admin)
        let clock = ManualClock(utcMinute("2026-03-08T06:55").addingTimeInterval(30))
        func start() throws -> [(ScheduleEvaluator, Connection)] {
            try (1...3).map { index in
                (ScheduleEvaluator(workerID: "evaluator-\(index)", clock: clock, logger: QueueTestKit.quietLogger),
                 try database.connect())
            }
        }
        var evaluators = try start()
        // Plan (06:56Z and 07:00Z), then minute by minute to 07:01Z, each minute evaluated twice by all three.
        for minute in 0...6 {
            clock.set(utcMinute("2026-03-08T06:55").addingTimeInterval(30 + Double(minute) * 60))
            _ = try Self.evaluateConcurrently(evaluators)
            _ = try Self.evaluateConcurrently(evaluators)
        }
        // Every worker stops; four minutes pass; they start again and fire once, for 07:05Z.
        for (_, connection) in evaluators { connection.close() }
        clock.set(utcMinute("2026-03-08T07:05").addingTimeInterval(30))
        evaluators = try start()
        let afterRestart = try Self.evaluateConcurrently(evaluators)
        #expect(afterRestart.flatMap(\.fired).map(\.fireAt) == [utcMinute("2026-03-08T07:05")])
        for minute in 6...10 {
            clock.set(utcMinute("2026-03-08T07:00").addingTimeInterval(Double(minute) * 60 + 5))
            _ = try Self.evaluateConcurrently(evaluators)
        }
        defer { for (_, connection) in evaluators { connection.close() } }

        let expected = ["06:56", "06:57", "06:58", "06:59", "07:00", "07:01", "07:05", "07:06", "07:07", "07:08",
                        "07:09", "07:10"].map { Self.key("every-minute", "2026-03-08T\($0)") }
        #expect(try Self.jobKeys("every-minute", on: admin) == expected)
        // 02:30 does not exist that night: the fixed time fires once, at 03:00 EDT (07:00Z).
        #expect(try Self.jobKeys("half-past-two", on: admin) == [Self.key("half-past-two", "2026-03-08T07:00")])
        let fires: Int = try QueueTestKit.scalar("SELECT count(*) FROM queue.schedule_fire", on: admin)
        let jobs: Int = try QueueTestKit.scalar("SELECT count(*) FROM queue.job", on: admin)
        #expect(fires == 13 && jobs == 13)
        let payload: String = try QueueTestKit.scalar(
            "SELECT payload->>'at' FROM queue.job WHERE job_key = $1", [Self.key("every-minute", "2026-03-08T07:05")],
            on: admin)
        #expect(payload == "2026-03-08T07:05:00Z")
        let state = try #require(try ScheduleStore.list(on: admin).first { $0.schedule.name == "every-minute" })
        #expect(state.lastFiredAt == utcMinute("2026-03-08T07:10"))
        #expect(state.nextFireAt == utcMinute("2026-03-08T07:11"))
    }

    @Test("fall back in Europe/Berlin: an hourly schedule fires at both 02:00s, a fixed 02:30 once")
    func berlinFallBack() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try ScheduleStore.add(Schedule(name: "hourly", cron: "0 * * * *", timeZone: "Europe/Berlin", kind: "noop"),
                              on: connection)
        try ScheduleStore.add(Schedule(name: "fixed", cron: "30 2 * * *", timeZone: "Europe/Berlin", kind: "noop"),
                              on: connection)
        let clock = ManualClock(utcMinute("2026-10-24T22:10"))
        let evaluator = ScheduleEvaluator(workerID: "w", clock: clock, logger: QueueTestKit.quietLogger)
        _ = try evaluator.evaluate(on: connection)
        var time = utcMinute("2026-10-24T22:10")
        while time < utcMinute("2026-10-25T03:00") {
            time = time.addingTimeInterval(300)
            clock.set(time)
            _ = try evaluator.evaluate(on: connection)
        }
        // 02:00 CEST is 00:00Z and 02:00 CET is 01:00Z: the hour between them is real time and fires too.
        let hourly = [Self.key("hourly", "2026-10-24T23:00")]
            + ["00:00", "01:00", "02:00", "03:00"].map { Self.key("hourly", "2026-10-25T\($0)") }
        #expect(try Self.jobKeys("hourly", on: connection) == hourly)
        #expect(try Self.jobKeys("fixed", on: connection) == [Self.key("fixed", "2026-10-25T00:30")])
    }

    @Test("unplanned schedules are planned, not fired; disabled ones never fire; enabling does not catch up")
    func planningAndEnabling() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let clock = ManualClock(utcMinute("2026-05-05T10:00").addingTimeInterval(20))
        let evaluator = ScheduleEvaluator(workerID: "w", clock: clock, logger: QueueTestKit.quietLogger)
        try ScheduleStore.add(Schedule(name: "quarter", cron: "*/15 * * * *", timeZone: "UTC", kind: "noop"),
                              on: connection)
        let first = try evaluator.evaluate(on: connection)
        #expect(first.planned == ["quarter"] && first.fired.isEmpty)
        #expect(try ScheduleStore.list(on: connection).first { $0.schedule.name == "quarter" }?.nextFireAt
                    == utcMinute("2026-05-05T10:15"))
        #expect(try ScheduleStore.setEnabled(false, named: "quarter", on: connection))
        clock.set(utcMinute("2026-05-05T11:00"))
        #expect(try evaluator.evaluate(on: connection).fired.isEmpty)
        #expect(try ScheduleStore.setEnabled(true, named: "quarter", on: connection))
        let enabled = try evaluator.evaluate(on: connection)
        #expect(enabled.fired.isEmpty && enabled.planned == ["quarter"])
        clock.set(utcMinute("2026-05-05T11:15"))
        #expect(try evaluator.evaluate(on: connection).fired.map(\.fireAt) == [utcMinute("2026-05-05T11:15")])
        // A changed expression is planned again from now.
        try ScheduleStore.add(Schedule(name: "quarter", cron: "0 12 * * *", timeZone: "UTC", kind: "noop"), on: connection)
        #expect(try evaluator.evaluate(on: connection).planned == ["quarter"])
        #expect(try ScheduleStore.list(on: connection).first { $0.schedule.name == "quarter" }?.nextFireAt
                    == utcMinute("2026-05-05T12:00"))
        #expect(try ScheduleStore.setEnabled(true, named: "missing", on: connection) == false)
    }

    @Test("a fire time fires once even when next_fire_at is set back by hand")
    func fireLogIsPermanent() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let clock = ManualClock(utcMinute("2026-05-05T10:00").addingTimeInterval(1))
        let evaluator = ScheduleEvaluator(workerID: "w", clock: clock, logger: QueueTestKit.quietLogger)
        try ScheduleStore.add(Schedule(name: "m", cron: "* * * * *", timeZone: "UTC", kind: "noop"), on: connection)
        _ = try evaluator.evaluate(on: connection)
        clock.set(utcMinute("2026-05-05T10:01").addingTimeInterval(1))
        #expect(try evaluator.evaluate(on: connection).fired.count == 1)
        // The job completes (its key frees up); someone sets next_fire_at back.
        try connection.execute("UPDATE queue.job SET state = 'completed', finished_at = now()", name: "test.complete")
        try connection.execute("UPDATE queue.schedule SET next_fire_at = '2026-05-05T10:01:00Z'", name: "test.set_back")
        #expect(try evaluator.evaluate(on: connection).fired.isEmpty)
        #expect(try Self.jobKeys("m", on: connection) == [Self.key("m", "2026-05-05T10:01")])
        #expect(try ScheduleStore.list(on: connection)[1].nextFireAt == utcMinute("2026-05-05T10:02"))
    }

    @Test("a schedule the worker cannot read gets last_error; the others still fire")
    func unreadableSchedule() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try connection.execute("SELECT queue.add_schedule('broken', '99 * * * *', 'UTC', 'noop')", name: "test.broken")
        try ScheduleStore.add(Schedule(name: "fine", cron: "* * * * *", timeZone: "UTC", kind: "noop"), on: connection)
        let clock = ManualClock(utcMinute("2026-05-05T10:00").addingTimeInterval(1))
        let evaluator = ScheduleEvaluator(workerID: "w", clock: clock, logger: QueueTestKit.quietLogger)
        let pass = try evaluator.evaluate(on: connection)
        #expect(pass.failed == ["broken"] && pass.planned == ["fine"])
        let error = try #require(try ScheduleStore.list(on: connection).first { $0.schedule.name == "broken" }?.lastError)
        #expect(error.contains("minute: 99"))
        // Fixing the expression clears the error and plans it.
        try connection.execute("UPDATE queue.schedule SET cron = '5 * * * *' WHERE name = 'broken'", name: "test.fix")
        #expect(try evaluator.evaluate(on: connection).planned == ["broken"])
        #expect(try ScheduleStore.list(on: connection).first { $0.schedule.name == "broken" }?.lastError == nil)
    }

    @Test("the default annual review schedule: disabled, 1 April 01:00 WITA, payload {year, reference_date} of the fire year")
    func annualReviewDefault() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let state = try #require(try ScheduleStore.list(on: connection).first { $0.schedule.name == "annual-talent-review" })
        #expect(!state.schedule.enabled && state.schedule.kind == "annual_review")
        #expect(state.schedule.timeZone == "Asia/Makassar" && state.schedule.cron == "0 1 1 4 *")
        let clock = ManualClock(utcMinute("2027-03-31T16:00"))
        let evaluator = ScheduleEvaluator(workerID: "w", clock: clock, logger: QueueTestKit.quietLogger)
        #expect(try evaluator.evaluate(on: connection).planned.isEmpty)
        try ScheduleStore.setEnabled(true, named: "annual-talent-review", on: connection)
        #expect(try evaluator.evaluate(on: connection).planned == ["annual-talent-review"])
        clock.set(utcMinute("2027-03-31T17:00").addingTimeInterval(10))
        let fired = try evaluator.evaluate(on: connection).fired
        #expect(fired.map(\.fireAt) == [utcMinute("2027-03-31T17:00")])
        let payload: String = try QueueTestKit.scalar(
            "SELECT payload::text FROM queue.job WHERE id = $1", [try #require(fired.first).jobID], on: connection)
        #expect(payload == #"{"year": 2027, "reference_date": "2027-03-31"}"#)
        #expect(try ScheduleStore.list(on: connection).first { $0.schedule.name == "annual-talent-review" }?.nextFireAt
                    == utcMinute("2028-03-31T17:00"))
    }

    @Test("adding refuses bad expressions, zones, templates and names with clear errors, and changes nothing")
    func refusals() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let bad: [(Schedule, String)] = [
            (Schedule(name: "a", cron: "0 0 31 2 *", timeZone: "UTC", kind: "noop"), "never fires"),
            (Schedule(name: "a", cron: "* * * * *", timeZone: "Mars/Olympus", kind: "noop"), "not an IANA time zone"),
            (Schedule(name: "a", cron: "* * * * *", timeZone: "UTC", kind: "noop", payloadTemplate: #"{"y": "{{year}}"}"#),
             "unknown placeholder {{year}}"),
            (Schedule(name: "a", cron: "* * * * *", timeZone: "UTC", kind: "noop", payloadTemplate: "{"), "json"),
            (Schedule(name: "bad name", cron: "* * * * *", timeZone: "UTC", kind: "noop"), "schedule_name_format"),
            (Schedule(name: "a", cron: "* * * * *", timeZone: "UTC", kind: "noop", priority: 101), "schedule_priority_range"),
        ]
        for (schedule, fragment) in bad {
            #expect(throws: (any Error).self) { try ScheduleStore.add(schedule, on: connection) }
            do {
                try ScheduleStore.add(schedule, on: connection)
            } catch {
                let text = ((error as? PostgresError)?.debugDescription ?? String(describing: error)).lowercased()
                #expect(text.contains(fragment.lowercased()), "\(schedule.name) \(schedule.cron): \(text)")
            }
        }
        #expect(try ScheduleStore.list(on: connection).map(\.schedule.name) == ["annual-talent-review", "retention"])
        #expect(try ScheduleStore.remove(named: "annual-talent-review", on: connection))
        #expect(try ScheduleStore.remove(named: "annual-talent-review", on: connection) == false)
    }
}
