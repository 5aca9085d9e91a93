import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("LISTEN/NOTIFY waits on the socket with a timeout", .ownThread)
struct NotificationTests {
    let database: TestDatabase
    let listener: Connection
    let sender: Connection

    init() throws {
        database = try TestDatabase.create(migrated: false)
        listener = try database.connect()
        sender = try database.connect()
    }

    @Test func notificationFromAnotherConnectionArrives() throws {
        try listener.listen("job_available")
        let senderPID = sender.backendPID
        let url = database.url
        // Send from another thread while this one is blocked in poll(2).
        Thread {
            Thread.sleep(forTimeInterval: 0.2)
            if let other = try? Connection(url: url) {
                try? other.notify("job_available", payload: "queue=default")
            }
        }.start()
        let started = Date()
        let received = try listener.waitForNotifications(timeout: 600)
        #expect(Date().timeIntervalSince(started) < 60, "woken by the notification, not the timeout")
        #expect(received.map(\.channel) == ["job_available"])
        #expect(received.first?.payload == "queue=default")
        #expect(received.first?.pid != listener.backendPID)

        try sender.notify("job_available", payload: "second")
        let again = try listener.waitForNotifications(timeout: 60)
        #expect(again == [Notification(channel: "job_available", payload: "second", pid: senderPID)])
    }

    @Test func timeoutReturnsEmpty() throws {
        try listener.listen("quiet.channel")
        try sender.notify("other_channel", payload: "not for us")
        let started = Date()
        let received = try listener.waitForNotifications(timeout: 0.3)
        let waited = Date().timeIntervalSince(started)
        #expect(received.isEmpty)
        #expect(waited >= 0.25 && waited < 3)
    }

    @Test func notificationsInATransactionArriveAtCommit() throws {
        try listener.listen("batch")
        try sender.withTransaction { connection in
            try connection.notify("batch", payload: "1")
            try connection.notify("batch", payload: "2")
            #expect(try listener.waitForNotifications(timeout: 0.2).isEmpty)
        }
        var payloads = [String]()
        while payloads.count < 2 {
            let batch = try listener.waitForNotifications(timeout: 5)
            if batch.isEmpty { break }
            payloads += batch.map(\.payload)
        }
        #expect(payloads == ["1", "2"])
    }

    @Test func unlistenStopsDelivery() throws {
        try listener.listen("Mixed_Case")
        try listener.unlisten("Mixed_Case")
        try sender.notify("Mixed_Case")
        #expect(try listener.waitForNotifications(timeout: 0.3).isEmpty)
    }

    @Test func invalidChannelNames() throws {
        for name in ["", "1starts_with_digit", "has space", "semi;colon", "quote\"d", String(repeating: "a", count: 64)] {
            let error = try #require(throws: PostgresError.self) { try listener.listen(name) }
            #expect(error.kind == .usage)
        }
    }

    @Test func deadSocketIsConnectionLoss() throws {
        try listener.listen("anything")
        let admin = try database.connect()
        try admin.execute("SELECT pg_terminate_backend($1, 5000)", [listener.backendPID])
        let error = try #require(throws: PostgresError.self) { try listener.waitForNotifications(timeout: 2) }
        #expect(error.isConnectionLoss)
    }
}
