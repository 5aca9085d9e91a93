import Dispatch
import Foundation

/// Turns SIGINT/SIGTERM into a callback on a Dispatch queue of its own (the main thread is busy waiting for the
/// worker), instead of the default action of killing the process.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]
    private static let queue = DispatchQueue(label: "talenta.signals")

    /// Installs the handlers; `handler` receives the signal number each time one arrives.
    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            // The default disposition would end the process before Dispatch sees the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: Self.queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    /// Removes the handlers (the signals stay ignored until the process exits).
    func cancel() {
        sources.forEach { $0.cancel() }
    }
}
