import Foundation

/// Runs blocking work (a `talenta` process, libpq, sleeps) on a thread of its own and awaits it through a
/// continuation, so it never holds one of the two threads of Swift's cooperative pool. The work returns what the test
/// then checks in its own task (an `#expect` belongs to the test's task, not to another thread).
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
