import Dispatch
import Foundation
public import Testing
import Synchronization

/// A suite trait that runs each test (each test case of a parameterised test) of the suite and of its nested suites
/// on a thread of its own, off Swift concurrency's cooperative thread pool.
///
/// Swift Testing runs every test, synchronous or not, as a task on the cooperative pool, which has one thread per
/// core (two on the development machine). A test that blocks one of those threads for seconds starves every other
/// test that needs the pool to resume after an `await`: its deadline then measures the queue in front of the pool,
/// not the code under test. Under this trait the test's task prefers a serial Dispatch queue of its own as its
/// executor (`withTaskExecutorPreference`), and the runner awaits it: while the test blocks, that queue holds a
/// thread of Dispatch's overcommitting pool, which grows instead of making others wait, never one of the cooperative
/// pool. The test stays the same task, so `#expect`, `#require` and `Issue.record` report to the right test.
///
/// Every suite of the package carries it: database suites block on libpq, sleeps, worker pools and child processes,
/// and some pure suites compute for seconds, which holds the pool (and, on Linux, the global Dispatch queue it shares
/// with URLSession and file-handle events) as surely as a blocking call. A test that also awaits (an HTTP scrape)
/// runs on its own queue between the awaits.
///
/// Off the pool nothing limits how many tests run at once any more (the pool's two threads used to), and 200
/// database tests at once exceed the server's connections: the trait admits ``Admission/width`` tests at a time
/// (twice the cores, Swift Testing's own default width; `TALENTA_TEST_WIDTH` overrides it), the others wait for a
/// place without holding a thread.
public struct OwnThreadTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await Admission.shared.enter()
        defer { Admission.shared.leave() }
        try await withTaskExecutorPreference(QueueExecutor()) { try await function() }
    }
}

/// Lets at most ``width`` tests run at once, in the order they asked; the others wait without holding a thread.
///
/// Thread safety: `enter` and `leave` may be called from any task or thread; a `Mutex` guards the state.
final class Admission: Sendable {
    /// The one admission all suites share.
    static let shared = Admission(width: Admission.configuredWidth)

    /// `TALENTA_TEST_WIDTH` when it is a positive number, else twice the active cores (at least 2).
    static var configuredWidth: Int {
        if let text = ProcessInfo.processInfo.environment["TALENTA_TEST_WIDTH"], let width = Int(text), width > 0 {
            return width
        }
        return max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)
    }

    let width: Int
    /// Places free, and the tests waiting for one (first come, first admitted).
    private let state: Mutex<(free: Int, waiting: [CheckedContinuation<Void, Never>])>

    init(width: Int) {
        self.width = width
        state = Mutex((width, []))
    }

    /// Returns once the caller has a place.
    func enter() async {
        await withCheckedContinuation { (place: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state -> Bool in
                guard state.free > 0 else {
                    state.waiting.append(place)
                    return false
                }
                state.free -= 1
                return true
            }
            if admitted { place.resume() }
        }
    }

    /// Gives the caller's place to the first waiting test, or frees it.
    func leave() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

extension Trait where Self == OwnThreadTrait {
    /// Runs each test of the suite on a thread of its own, off the cooperative pool (see ``OwnThreadTrait``).
    public static var ownThread: Self { OwnThreadTrait() }
}

/// A task executor that runs its jobs on a serial Dispatch queue of its own, one per test: while a job blocks, that
/// queue holds a thread of Dispatch's overcommitting pool, never one of the cooperative pool.
///
/// Thread safety: `enqueue` may be called from any thread; the queue serialises the jobs.
private final class QueueExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "talenta.tests.own-thread")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
