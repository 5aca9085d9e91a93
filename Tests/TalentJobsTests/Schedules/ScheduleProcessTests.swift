import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// Worker processes run with their output in files (TalentaCommand), not pipes, so many processes at once stay cheap.
@Suite("Schedules across worker processes", .ownThread)
struct ScheduleProcessTests {
    static func utcMinute(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + ":00Z")! }

    static func key(_ name: String, _ minute: String) -> String { "schedule:\(name):\(minute):00Z" }

    static func jobKeys(_ name: String, on connection: Connection) throws -> [String] {
        try ReviewTestKit.snapshot(
            "SELECT job_key FROM queue.job WHERE job_key LIKE 'schedule:' || $1 || ':%' ORDER BY job_key", [name],
            on: connection)
    }

    /// Writes the simulated "now" every worker reads.
    static func setClock(_ file: URL, _ date: Date) throws {
        try ISO8601DateFormatter().string(from: date).write(to: file, atomically: true, encoding: .utf8)
    }

    static func startWorkers(_ database: TestDatabase, clock: URL) throws -> [TalentaCommand] {
        try (1...3).map { _ in
            try TalentaCommand([
                "worker", "--database-url", database.url, "--clock-file", clock.path, "--schedule-interval", "0.05",
                "--poll-interval", "0.05", "--concurrency", "2", "--log-level", "warning",
            ])
        }
    }

    static func stop(_ workers: [TalentaCommand]) {
        for worker in workers { worker.signal(SIGTERM) }
        for worker in workers {
            #expect(worker.wait(timeout: 60) && worker.status == 0, "stderr: \(worker.errors)")
        }
    }

    static func fires(_ name: String, on connection: Connection) throws -> Int {
        try ReviewTestKit.scalar("SELECT count(*) FROM queue.schedule_fire WHERE schedule_name = $1", [name],
                                 on: connection)
    }

    @Test("three worker processes, a schedule every minute, a restart of all of them and spring forward in New York: one job per fire time")
    func threeProcessesExactlyOnce() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        for arguments in [
            ["every-minute", "--cron", "* * * * *", "--payload", #"{"at": "{{fire_time}}"}"#],
            ["half-past-two", "--cron", "30 2 * * *"],
        ] {
            let add = try TalentaCommand.run(["schedule", "add"] + arguments + [
                "--database-url", database.url, "--time-zone", "America/New_York", "--kind", "noop",
            ])
            #expect(add.status == 0, "stderr: \(add.errors)")
        }
        let clock = FileManager.default.temporaryDirectory.appendingPathComponent("talenta-clock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clock) }
        let start = Self.utcMinute("2026-03-08T06:55").addingTimeInterval(30)
        try Self.setClock(clock, start)

        var workers = try Self.startWorkers(database, clock: clock)
        let planned = try ReviewTestKit.waitFor(timeout: 60) {
            try ReviewTestKit.scalar("SELECT count(*) FROM queue.schedule WHERE next_fire_at IS NOT NULL",
                                    as: Int.self, on: connection) == 2
        }
        #expect(planned)
        // Six simulated minutes, 06:56Z to 07:01Z (01:56 EST to 03:01 EDT); each minute the three workers evaluate
        // dozens of times before the clock moves on.
        for minute in 1...6 {
            try Self.setClock(clock, start.addingTimeInterval(Double(minute) * 60))
            #expect(try ReviewTestKit.waitFor(timeout: 60) { try Self.fires("every-minute", on: connection) == minute })
            Thread.sleep(forTimeInterval: 0.3)
        }
        let firstGeneration = try connection.execute("SELECT DISTINCT fired_by FROM queue.schedule_fire",
                                                     name: "test.fired_by").rows.map { try $0.decode(0, as: String.self) }
        Self.stop(workers)

        // Every worker is down while 07:02Z to 07:05Z pass; on restart the schedule fires once, for 07:05Z.
        try Self.setClock(clock, Self.utcMinute("2026-03-08T07:05").addingTimeInterval(30))
        workers = try Self.startWorkers(database, clock: clock)
        #expect(try ReviewTestKit.waitFor(timeout: 60) { try Self.fires("every-minute", on: connection) == 7 })
        Thread.sleep(forTimeInterval: 0.5)
        for minute in 6...7 {
            try Self.setClock(clock, Self.utcMinute("2026-03-08T07:00").addingTimeInterval(Double(minute) * 60 + 30))
            #expect(try ReviewTestKit.waitFor(timeout: 60) { try Self.fires("every-minute", on: connection) == minute + 2 })
            Thread.sleep(forTimeInterval: 0.3)
        }
        let drained = try ReviewTestKit.waitFor(timeout: 60) {
            try ReviewTestKit.scalar("SELECT count(*) FROM queue.job WHERE state <> 'completed'", as: Int.self,
                                    on: connection) == 0
        }
        #expect(drained)
        Self.stop(workers)

        let keys = try Self.jobKeys("every-minute", on: connection)
        let expected = ["06:56", "06:57", "06:58", "06:59", "07:00", "07:01", "07:05", "07:06", "07:07"]
            .map { Self.key("every-minute", "2026-03-08T\($0)") }
        #expect(keys == expected)
        #expect(try Self.jobKeys("half-past-two", on: connection)
                    == [Self.key("half-past-two", "2026-03-08T07:00")])
        let totals = try #require(try connection.execute("""
            SELECT count(*) AS jobs, count(DISTINCT job_key) AS keys,
                   count(*) FILTER (WHERE state = 'completed' AND attempt = 1) AS completed_once,
                   (SELECT count(*) FROM queue.schedule_fire) AS fires
              FROM queue.job
            """, name: "test.totals").rows.first)
        #expect(try totals.decode("jobs", as: Int.self) == 10)
        #expect(try totals.decode("keys", as: Int.self) == 10)
        #expect(try totals.decode("completed_once", as: Int.self) == 10)
        #expect(try totals.decode("fires", as: Int.self) == 10)
        // The fire after the restart came from a worker of the second generation.
        let restartFirer: String = try ReviewTestKit.scalar(
            "SELECT fired_by FROM queue.schedule_fire WHERE fire_at = '2026-03-08T07:05:00Z'", on: connection)
        #expect(!firstGeneration.contains(restartFirer))
    }
}
