import Foundation
import JobQueue
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

@Suite("Job kinds: only kinds a migration or a worker registered may be enqueued", .ownThread)
struct KindRegistryTests {
    static let builtIn = "annual_review, assessment, noop, prune, recalculation, succession_planning"

    @Test("queue.enqueue refuses a kind nobody registered with 22023, the known kinds and a hint; nothing is inserted")
    func enqueueRefusesUnknownKind() throws {
        let (error, jobs) = try QueueTestKit.refusal(
            of: #"SELECT queue.enqueue('anual_review', '{"year": 2026, "reference_date": "2026-03-31"}')"#)
        let refused = try #require(error)
        #expect(refused.sqlState == "22023")
        #expect(refused.message == "queue.enqueue: unknown job kind 'anual_review': no migration or worker has "
            + "registered it; known kinds: \(Self.builtIn)")
        #expect(refused.hint?.contains("queue.register_kinds") == true)
        #expect(jobs == 0)
    }

    @Test("queue.enqueue_many refuses the whole call; nothing is inserted")
    func enqueueManyRefusesUnknownKind() throws {
        let (error, jobs) = try QueueTestKit.refusal(
            of: "SELECT queue.enqueue_many('bogus_kind', ARRAY['{}', '{}']::jsonb[])")
        let refused = try #require(error)
        #expect(refused.sqlState == "22023")
        #expect(refused.message.hasPrefix("queue.enqueue_many: unknown job kind 'bogus_kind'"))
        #expect(refused.message.hasSuffix("known kinds: \(Self.builtIn)"))
        #expect(jobs == 0)
    }

    @Test("the Swift Enqueuer and `talenta enqueue` are refused the same way; the command exits 1 and lists the kinds")
    func swiftAndCommandRefuse() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let error = try #require(throws: PostgresError.self) {
            try Enqueuer.enqueue(JobRequest(kindName: "bogus_kind", payloadJSON: Data("{}".utf8)), on: connection)
        }
        #expect(error.sqlState == "22023")
        let command = try TalentaProcess(["enqueue", "bogus_kind", "--database-url", database.url])
        #expect(command.wait(timeout: 60) == 1)
        #expect(command.standardError.contains("unknown job kind 'bogus_kind'"), "\(command.standardError)")
        #expect(command.standardError.contains("known kinds: \(Self.builtIn)"), "\(command.standardError)")
        #expect(command.standardOutput.isEmpty)
        #expect(try QueueTestKit.scalar("SELECT count(*)::int FROM queue.job", on: connection) == 0)
    }

    @Test("a schedule of an unknown kind is refused when it is added, not at its first fire time")
    func scheduleRefusesUnknownKind() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let error = try #require(throws: PostgresError.self) {
            try connection.execute(
                "SELECT queue.add_schedule('typo', '@hourly', 'Asia/Makassar', 'anual_review')", name: "test.add")
        }
        #expect(error.sqlState == "22023")
        #expect(error.message.hasPrefix("queue.add_schedule: unknown job kind 'anual_review'"))
        #expect(try QueueTestKit.scalar(
            "SELECT count(*)::int FROM queue.schedule WHERE name = 'typo'", on: connection) == 0)
    }

    @Test("a worker registers the kinds it runs when it starts; they may be enqueued from then on")
    func workerRegistersItsKinds() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let enqueue = "SELECT queue.enqueue('test.brand-new', '{\"n\": 1}')"
        #expect(throws: PostgresError.self) { try connection.execute(enqueue, name: "test.before") }

        var registry = JobRegistry()
        registry.register(JobKind<QueueTestKit.Numbered>("test.brand-new")) { _, _ in }
        let pool = try QueueTestKit.startPool(
            database, registry: registry, configuration: QueueTestKit.configuration(exitWhenIdle: false),
            workerID: "registrar")
        defer { QueueTestKit.stop(pool) }
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar(
                "SELECT count(*)::int FROM queue.kind WHERE name = 'test.brand-new' AND registered_by = 'registrar'",
                on: connection) == 1
        })
        let id = try QueueTestKit.scalar(enqueue, as: Int64.self, on: connection)
        #expect(try QueueTestKit.waitFor(timeout: 60) {
            try QueueTestKit.scalar("SELECT state FROM queue.job WHERE id = $1", [id], as: String.self,
                                    on: connection) == "completed"
        })
        // Registering again changes nothing: the first registration stays.
        #expect(try KindCatalog.register(["test.brand-new", "noop"], registeredBy: "later", on: connection) == 0)
        #expect(try QueueTestKit.scalar(
            "SELECT registered_by FROM queue.kind WHERE name = 'noop'", as: String.self, on: connection) == "sql/0018")
        #expect(throws: PostgresError.self) {
            try KindCatalog.register(["two words"], registeredBy: "tests", on: connection)
        }
    }
}
