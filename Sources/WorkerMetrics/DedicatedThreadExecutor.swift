import Dispatch

/// A task executor that runs every job on one serial Dispatch queue of its own.
///
/// The metrics endpoint prefers it (`Task(executorPreference:)`), so the HTTP server's tasks, its actor and the child
/// tasks it creates never wait for Swift's cooperative thread pool, which blocking code (libpq calls in tests, say)
/// may hold; the worker's own jobs run on Dispatch threads and are not affected either way.
///
/// Thread safety: `enqueue` may be called from any thread; the queue serialises the jobs.
final class DedicatedThreadExecutor: TaskExecutor {
    private let queue: DispatchQueue

    /// - Parameter label: the Dispatch queue's label (shows in debuggers and crash logs).
    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
