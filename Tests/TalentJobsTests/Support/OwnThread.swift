import Foundation

/// Runs blocking work (libpq, a child process) on a thread of its own, never on Swift's cooperative pool (2 threads
/// here, shared by every test): the test awaits it through a continuation. The work returns values; the test asserts
/// on them after the await, in its own task.
enum OwnThread {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try work() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
