import ArgumentParser
import CoreMetrics
import Dispatch
import Foundation
import JobQueue
import Logging
import Prometheus
import WorkerMetrics

/// `talenta worker`: the job worker daemon.
///
/// Exit codes (see ``WorkerExitCode``): 0 after a graceful stop; 75 when the shutdown grace period passed and running
/// jobs were cancelled and released; 128 + signal number when a second signal ended the process at once; 64 for
/// invalid options; 1 when the worker cannot start.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the job worker: claim jobs from a queue and run them until stopped.",
        discussion: """
            The first SIGINT or SIGTERM stops claiming and gives running jobs --shutdown-timeout seconds to finish; \
            past it their queries are cancelled and their leases released so another worker takes them at once. A \
            second signal exits at once (running jobs are rescued when their leases expire).

            Exit codes: 0 graceful stop (every running job finished, or --exit-when-idle found nothing to do); \
            75 the grace period passed and running jobs were released; 130 / 143 a second SIGINT / SIGTERM ended \
            the process at once; 64 invalid options; 1 the worker could not start.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Jobs run at once, each on its own connection (1-256).")
    var concurrency = 4

    @Option(help: "The queue to claim from.")
    var queue = "default"

    @Flag(help: "Exit when no job is claimable and none is running, and none is due within --idle-grace, counting the jobs of a dead worker as due when their lease expires (batch runs and tests).")
    var exitWhenIdle = false

    @Option(help: ArgumentHelp(
        "With --exit-when-idle: seconds ahead in which a pending job keeps the worker waiting (0-86400).",
        discussion: "A retry due within this grace (a short backoff) is waited for and run; jobs due later are left pending and the worker exits with a warning naming how many and when the next is due."))
    var idleGrace: Double = 30

    @Option(help: "Seconds between claims when no notification arrives (0.01-3600).")
    var pollInterval: Double = 1

    @Option(help: "Seconds a claimed job's lease lasts; the heartbeat renews it every lease/3 (1-86400).")
    var lease: Double = 30

    @Flag(inversion: .prefixedNo, help: "LISTEN for wake-ups; --no-listen polls only (PgBouncer transaction pooling).")
    var listen = true

    @Option(help: "Seconds running jobs get to finish after SIGTERM/SIGINT before they are cancelled and released (0-86400).")
    var shutdownTimeout: Double = 30

    @Option(help: "Seconds a job may run unless its kind sets its own timeout (0.01-604800).")
    var jobTimeout: Double = 900

    @Option(help: ArgumentHelp(
        "Seconds a job's query gets to end after its cancel before the job is abandoned (0-3600).",
        discussion: "Abandoned: its connection is closed, a timed-out attempt is recorded as failed from another connection, its slot takes new jobs and its lease is no longer extended."))
    var cancelGrace: Double = 10

    @Option(help: ArgumentHelp(
        "Seconds the database gets to answer each of the worker's own statements before the connection is abandoned and replaced (0.1-3600).",
        discussion: "Claim, heartbeat, completion, failure record, lease release and schedule evaluation; not the statements of the jobs themselves (--job-timeout bounds those)."))
    var responseTimeout: Double = 10

    @Option(help: "Longest wait in seconds between reconnect attempts while the database is unreachable.")
    var reconnectMaxDelay: Double = 10

    @Option(help: ArgumentHelp(
        "Serve Prometheus metrics at http://HOST:PORT/metrics (off unless given; 0 picks a free port, logged).",
        discussion: "Jobs claimed, completed, failed and discarded by kind, job durations, queue depth and oldest waiting age, and connection pool use."))
    var metricsPort: Int?

    @Option(help: "The IPv4 address the metrics endpoint binds (only with --metrics-port).")
    var metricsHost = "127.0.0.1"

    @Option(help: "Most claimed jobs held ahead of the slots when jobs are faster than claims (0-10000; 0: none).")
    var claimAhead = 100

    @Flag(inversion: .prefixedNo, help: "Evaluate the periodic schedules (queue.schedule); --no-schedules leaves them to other workers.")
    var schedules = true

    @Option(help: "Seconds between schedule evaluations (0.01-3600).")
    var scheduleInterval: Double = 10

    @Option(help: "Seconds an open transaction may hold back the cleanup of queue.job before the worker warns about it (1-86400).")
    var longTransaction: Double = 60

    @Option(help: .hidden)
    var clockFile: String?

    var workerConfiguration: WorkerConfiguration {
        WorkerConfiguration(
            concurrency: concurrency, queue: queue, pollInterval: pollInterval, lease: lease,
            exitWhenIdle: exitWhenIdle, idleGrace: idleGrace, listen: listen, defaultJobTimeout: jobTimeout,
            responseTimeout: responseTimeout, cancelGrace: cancelGrace, shutdownTimeout: shutdownTimeout,
            reconnectBackoff: ReconnectBackoff(maxDelay: reconnectMaxDelay),
            version: Talenta.configuration.version, claimAheadLimit: claimAhead, evaluateSchedules: schedules,
            scheduleInterval: scheduleInterval, longTransactionWarning: longTransaction)
    }

    func validate() throws {
        do {
            try workerConfiguration.validate()
        } catch {
            throw ValidationError(error.message)
        }
        if let metricsPort, !(0...65_535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535")
        }
    }

    func run() throws {
        let logger = LogSetup.logger(label: "talenta.worker", options: database)
        let registry = PrometheusCollectorRegistry()
        let metrics: JobMetrics? = metricsPort.map { _ in
            MetricsSystem.bootstrap(PrometheusBackend.factory(registry: registry))
            return JobMetrics()
        }
        let pool: WorkerPool
        do {
            pool = try WorkerPool(
                databaseURL: database.resolvedDatabaseURL, registry: JobHandlers.registry(),
                configuration: workerConfiguration, logger: logger, observer: metrics,
                clock: clockFile.map { FileWallClock(path: $0) as any WallClock } ?? SystemWallClock())
        } catch {
            throw CommandFailure("cannot start the worker", error)
        }
        let endpoint = try metrics.map { try Self.startMetricsEndpoint(
            host: metricsHost, port: metricsPort ?? 0, registry: registry, metrics: $0, pool: pool, logger: logger) }
        defer { endpoint?.stopWaiting() }
        let signals = Self.installSignalHandlers(pool: pool, logger: logger)
        defer { signals.cancel() }
        let outcome: StopOutcome
        do {
            outcome = try pool.run()
        } catch {
            // A signal arrived before the pool started (alreadyStarted): nothing ran, nothing to wait for.
            logger.notice("stopped before the first claim", metadata: ["reason": "\(error)"])
            return
        }
        if case .jobsReleased(let count) = outcome {
            logger.notice("stopped after releasing jobs that did not finish in time", metadata: ["jobs": "\(count)"])
            throw ExitCode(WorkerExitCode.jobsReleased)
        }
    }

    /// Binds the metrics endpoint; the connection gauges are sampled on every scrape.
    private static func startMetricsEndpoint(
        host: String, port: Int, registry: PrometheusCollectorRegistry, metrics: JobMetrics, pool: WorkerPool,
        logger: Logger
    ) throws -> MetricsEndpoint {
        do {
            let endpoint = try MetricsEndpoint(host: host, port: UInt16(port), registry: registry) {
                let connections = pool.connectionStats
                metrics.connectionsSampled(open: connections.open, inUse: connections.inUse)
            }
            let bound = try endpoint.startWaiting()
            logger.notice("metrics endpoint listening", metadata: [
                "metrics.url": "http://\(host):\(bound)/metrics", "metrics.port": "\(bound)",
            ])
            return endpoint
        } catch {
            throw CommandFailure("cannot start the metrics endpoint", error)
        }
    }

    /// First SIGINT/SIGTERM: graceful shutdown. Second: exit at once with 128 + signal.
    private static func installSignalHandlers(pool: WorkerPool, logger: Logger) -> ShutdownSignals {
        ShutdownSignals(signals: [SIGINT, SIGTERM]) { signal, count in
            guard count > 1 else {
                logger.notice("signal received: stopping gracefully", metadata: ["signal": "\(signal)"])
                pool.shutdown()
                return
            }
            logger.notice("second signal received: exiting at once", metadata: ["signal": "\(signal)"])
            WorkerExitCode.exitNow(signal: signal)
        }
    }
}
