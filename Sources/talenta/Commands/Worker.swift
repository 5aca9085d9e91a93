import ArgumentParser
import Dispatch
import Foundation
import JobQueue
import Logging

/// `talenta worker`: the job worker daemon.
///
/// Exit codes: 0 after a graceful stop (SIGINT/SIGTERM, or `--exit-when-idle` with nothing left to claim);
/// 64 for invalid options; 1 when the worker cannot start.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run the job worker: claim jobs from a queue and run them until stopped.",
        discussion: """
            SIGINT or SIGTERM stops claiming, lets running jobs finish, and exits 0. With --exit-when-idle the \
            worker also exits 0 once no job is claimable and none is running.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Jobs run at once, each on its own connection (1-256).")
    var concurrency = 4

    @Option(help: "The queue to claim from.")
    var queue = "default"

    @Flag(help: "Exit when no job is claimable and none is running (batch runs and tests).")
    var exitWhenIdle = false

    @Option(help: "Seconds between claims when no notification arrives (0.01-3600).")
    var pollInterval: Double = 1

    @Option(help: "Seconds a claimed job's lease lasts; the heartbeat renews it every lease/3 (1-86400).")
    var lease: Double = 30

    var workerConfiguration: WorkerConfiguration {
        WorkerConfiguration(
            concurrency: concurrency, queue: queue, pollInterval: pollInterval, lease: lease,
            exitWhenIdle: exitWhenIdle)
    }

    func validate() throws {
        do {
            try workerConfiguration.validate()
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let logger = LogSetup.logger(label: "talenta.worker", level: database.logLevel)
        let pool: WorkerPool
        do {
            pool = try WorkerPool(
                databaseURL: database.resolvedDatabaseURL, registry: JobHandlers.registry(),
                configuration: workerConfiguration, logger: logger)
        } catch {
            throw CommandFailure("cannot start the worker", error)
        }
        let signals = ShutdownSignals(signals: [SIGINT, SIGTERM]) { signal in
            logger.notice("signal received: stopping gracefully", metadata: ["signal": "\(signal)"])
            pool.shutdown()
        }
        defer { signals.cancel() }
        do {
            try pool.run()
        } catch where error.code == .alreadyStarted {
            // A signal arrived before the pool started: nothing ran, nothing to wait for.
            logger.notice("stopped before the first claim")
        }
    }
}
