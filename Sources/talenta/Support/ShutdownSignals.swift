import Dispatch
import Foundation
import Synchronization

/// Turns SIGINT/SIGTERM into a callback on a Dispatch queue of its own (the main thread is busy waiting for the
/// worker), instead of the default action of killing the process.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]
    /// Signals received so far (any of the handled numbers).
    private let received = Atomic<Int>(0)
    private static let queue = DispatchQueue(label: "talenta.signals")

    /// Installs the handlers; `handler` receives the signal number and how many handled signals have arrived so far
    /// (1 for the first), each time one arrives.
    init(signals: [Int32], handler: @escaping @Sendable (_ signal: Int32, _ count: Int) -> Void) {
        var sources = [any DispatchSourceSignal]()
        for number in signals {
            // The default disposition would end the process before Dispatch sees the signal.
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: Self.queue))
        }
        self.sources = sources
        for (source, number) in zip(sources, signals) {
            source.setEventHandler { [self] in
                handler(number, received.add(1, ordering: .relaxed).newValue)
            }
            source.resume()
        }
    }

    /// Removes the handlers (the signals stay ignored until the process exits).
    func cancel() {
        sources.forEach { $0.cancel() }
    }
}

// `sources` is immutable after init; a DispatchSource may be cancelled from any thread.
extension ShutdownSignals: @unchecked Sendable {}
