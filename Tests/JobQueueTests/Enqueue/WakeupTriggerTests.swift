import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Wake-up notifications: one per statement and queue", .ownThread)
struct WakeupTriggerTests {
    @Test("one INSERT of many jobs into two queues notifies each queue once; future jobs notify nobody")
    func oneNotificationPerStatementAndQueue() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let listener = try database.connect()
        let producer = try database.connect()
        defer { listener.close(); producer.close() }
        try listener.listen(JobNotifications.channel)
        try producer.execute(
            """
            INSERT INTO queue.job (kind, queue, payload)
            SELECT 'noop', CASE WHEN g % 2 = 0 THEN 'default' ELSE 'reports' END, '{}'
            FROM generate_series(1, 500) AS g
            """, name: "test.bulk_insert")
        var received = [Postgres.Notification]()
        while true {
            let batch = try listener.waitForNotifications(timeout: 0.3)
            if batch.isEmpty { break }
            received += batch
        }
        #expect(received.map(\.payload).sorted() == ["default", "reports"])

        try producer.execute(
            "INSERT INTO queue.job (kind, payload, run_at) SELECT 'noop', '{}', now() + interval '1 hour' FROM generate_series(1, 10)",
            name: "test.future_insert")
        #expect(try listener.waitForNotifications(timeout: 0.3).isEmpty)

        // Operator actions that make jobs claimable wake workers too.
        try producer.execute("SELECT queue.resume('reports')", name: "test.resume")
        #expect(try listener.waitForNotifications(timeout: 5).map(\.payload) == ["reports"])
    }
}
