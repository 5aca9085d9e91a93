import CoreMetrics
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import JobQueue
import Logging
import Postgres
import PostgresTestSupport
import Prometheus
import TestThreads
import Testing
import WorkerMetrics

@Suite("Worker metrics scraped over HTTP", .ownThread)
struct MetricsScrapeTests {
    struct Failing: Codable, Sendable {}
    struct Failure: Error {}
    static let failing = JobKind<Failing>("test.fail")

    @Test("after 20 noop, 3 failing (2 attempts each) and 2 unknown-kind jobs the counters are exact")
    func knownWorkload() async throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // test.unregistered is known to the database (another worker runs it), not to this worker.
        try KindCatalog.register([Self.failing.name, "test.unregistered"], registeredBy: "tests", on: connection)
        for _ in 0..<20 { try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), on: connection) }
        for _ in 0..<3 {
            try Enqueuer.enqueue(Self.failing, Failing(), options: EnqueueOptions(maxAttempts: 2), on: connection)
        }
        try connection.execute(
            "SELECT queue.enqueue('test.unregistered', '{}'::jsonb) FROM generate_series(1, 2)", name: "test.unknown")
        // A queue no worker serves: its depth and age are constant while the test runs.
        for _ in 0..<4 {
            try Enqueuer.enqueue(NoopJob.kind, NoopJob.Payload(), options: EnqueueOptions(queue: "parked"), on: connection)
        }

        let registry = PrometheusCollectorRegistry()
        let metrics = JobMetrics(factory: PrometheusBackend.factory(registry: registry))
        var handlers = JobRegistry()
        NoopJob.register(into: &handlers)
        handlers.register(Self.failing) { _, _ in throw Failure() }
        let pool = try WorkerPool(
            databaseURL: database.url, registry: handlers,
            configuration: WorkerConfiguration(
                concurrency: 3, pollInterval: 0.02, lease: 3,
                retryPolicy: RetryPolicy(baseDelay: 0.01, maxDelay: 0.01, jitter: 0)),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }), observer: metrics)
        let endpoint = try MetricsEndpoint(port: 0, registry: registry) {
            let connections = pool.connectionStats
            metrics.connectionsSampled(open: connections.open, inUse: connections.inUse)
        }
        let port = try await endpoint.start()
        try pool.start()

        let finished = try await Self.waitFor(timeout: 120) {
            let row = try connection.execute("""
                SELECT count(*) FILTER (WHERE state IN ('completed', 'discarded')) AS done FROM queue.job
                 WHERE queue = 'default'
                """, name: "test.done").rows[0]
            return try row.decode("done", as: Int.self) == 25
        }
        #expect(finished)
        // The heartbeat (every lease / 3 = 1 s) samples the queue depths.
        let sampled = try await Self.waitFor(timeout: 60) {
            try await Self.scrape(port: port).values["talenta_queue_depth{queue=\"parked\"}"] == 4
        }
        #expect(sampled)
        let running = try await Self.scrape(port: port)
        pool.shutdown()
        #expect(pool.waitUntilStopped(timeout: 30))
        let stopped = try await Self.scrape(port: port)
        await endpoint.stop()

        let v = stopped.values
        #expect(stopped.status == 200)
        #expect(stopped.contentType.hasPrefix("text/plain; version=0.0.4"))
        let expected: [String: Double] = [
            #"talenta_jobs_claimed_total{kind="noop"}"#: 20,
            #"talenta_jobs_completed_total{kind="noop"}"#: 20,
            #"talenta_jobs_failed_total{kind="noop"}"#: 0,
            #"talenta_jobs_discarded_total{kind="noop"}"#: 0,
            #"talenta_jobs_claimed_total{kind="test.fail"}"#: 6,
            #"talenta_jobs_completed_total{kind="test.fail"}"#: 0,
            #"talenta_jobs_failed_total{kind="test.fail"}"#: 6,
            #"talenta_jobs_discarded_total{kind="test.fail"}"#: 3,
            #"talenta_jobs_claimed_total{kind="test.unregistered"}"#: 2,
            #"talenta_jobs_completed_total{kind="test.unregistered"}"#: 0,
            #"talenta_jobs_failed_total{kind="test.unregistered"}"#: 2,
            #"talenta_jobs_discarded_total{kind="test.unregistered"}"#: 2,
            #"talenta_job_duration_seconds_count{kind="noop"}"#: 20,
            #"talenta_job_duration_seconds_count{kind="test.fail"}"#: 6,
            #"talenta_job_duration_seconds_count{kind="test.unregistered"}"#: 0,
            #"talenta_queue_depth{queue="parked"}"#: 4,
            #"talenta_queue_scheduled{queue="parked"}"#: 0,
        ]
        for (series, value) in expected {
            #expect(v[series] == value, "\(series)")
        }
        // The cleanup gauges are sampled with the queue depths: the statistics count the table's rows.
        #expect((v["talenta_queue_job_live_rows"] ?? -1) >= 0)
        #expect((v["talenta_queue_job_dead_rows"] ?? -1) >= 0)
        #expect((v["talenta_queue_job_last_vacuum_timestamp_seconds"] ?? -1) >= 0)
        // The oldest transaction is at most a statement of the worker's own (milliseconds), never a long one here.
        let oldest = try #require(v["talenta_db_oldest_transaction_seconds"])
        #expect(oldest >= 0 && oldest < 60)
        // Every duration falls in a bucket; the last bucket counts them all.
        #expect(v[#"talenta_job_duration_seconds_bucket{kind="noop",le="+Inf"}"#] == 20)
        #expect(v[#"talenta_job_duration_seconds_bucket{kind="noop",le="900.0"}"#] == 20)
        #expect((v[#"talenta_queue_oldest_waiting_seconds{queue="parked"}"#] ?? 0) > 0)
        // While running, the claim loop holds a connection; once stopped, the pool has closed them all.
        let runningOpen = try #require(running.values["talenta_db_connections_open"])
        let runningInUse = try #require(running.values["talenta_db_connections_in_use"])
        #expect(runningOpen >= 2 && runningInUse >= 1 && runningInUse <= runningOpen)
        #expect(v["talenta_db_connections_open"] == 0)
        #expect(v["talenta_db_connections_in_use"] == 0)
    }

    @Test("only GET /metrics is served, on 127.0.0.1 by default; a taken port or a bad host is a clear error")
    func endpointBasics() async throws {
        let registry = PrometheusCollectorRegistry()
        Counter(label: "test_total", factory: PrometheusMetricsFactory(registry: registry)).increment(by: 3)
        let endpoint = try MetricsEndpoint(port: 0, registry: registry)
        let port = try await endpoint.start()
        let found = try await Self.scrape(port: port)
        #expect(found.values["test_total"] == 3)
        let missing = try await Self.get(URL(string: "http://127.0.0.1:\(port)/other")!)
        #expect(missing.status == 404)
        let taken = try MetricsEndpoint(port: port, registry: registry)
        await #expect(throws: MetricsEndpointError.self) { try await taken.start() }
        #expect(throws: MetricsEndpointError.self) { try MetricsEndpoint(host: "localhost:1", port: 0, registry: registry) }
        await endpoint.stop()
    }

    // MARK: - HTTP

    struct Scrape {
        let status: Int
        let contentType: String
        /// Sample value per series (`name{labels}` exactly as exposed).
        let values: [String: Double]
    }

    static func scrape(port: UInt16) async throws -> Scrape {
        let response = try await get(URL(string: "http://127.0.0.1:\(port)/metrics")!)
        var values = [String: Double]()
        for line in response.body.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            values[String(line[..<space])] = value
        }
        return Scrape(status: response.status, contentType: response.contentType, values: values)
    }

    static func get(_ url: URL) async throws -> (status: Int, contentType: String, body: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
    }

    static func waitFor(timeout: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
