import Dispatch
import Foundation
import FlyingFox
import FlyingSocks
public import Prometheus
import Synchronization

/// A small HTTP server that answers `GET /metrics` with a Prometheus registry in the text exposition format
/// (version 0.0.4); every other path gets 404. FlyingFox serves it (no SwiftNIO), on a thread of the endpoint's own
/// (a task executor preference), so scrapes are answered even while every Swift concurrency thread is blocked.
///
/// - Important: bind it to a loopback address (the default, 127.0.0.1) unless a scraper on another host needs it:
///   the metrics carry job kinds and queue names, nothing personal, but nothing is authenticated either.
///
/// Thread safety: every method may be called from any thread.
public final class MetricsEndpoint: Sendable {
    /// Runs before each scrape is rendered (e.g. to sample connection pool use); must be quick.
    public typealias BeforeScrape = @Sendable () -> Void

    /// Seconds ``start()`` waits for the socket to be bound.
    static let startLimit = 60

    private let server: HTTPServer
    private let executor = DedicatedThreadExecutor(label: "talenta.metrics-endpoint")
    private let host: String
    private let requestedPort: UInt16
    private let running = Mutex<Task<Void, any Error>?>(nil)

    /// - Parameters:
    ///   - host: the IPv4 address to bind, default "127.0.0.1".
    ///   - port: the TCP port; 0 picks a free one (see ``start()``'s return).
    ///   - registry: the Prometheus registry to serve.
    ///   - beforeScrape: called before each scrape is rendered.
    /// - Throws: ``MetricsEndpointError`` when `host` is not an IPv4 address.
    public init(
        host: String = "127.0.0.1", port: UInt16, registry: PrometheusCollectorRegistry,
        beforeScrape: @escaping BeforeScrape = {}
    ) throws(MetricsEndpointError) {
        let address: sockaddr_in
        do {
            address = try .inet(ip4: host, port: port)
        } catch {
            throw MetricsEndpointError(message: "metrics host must be an IPv4 address, not '\(host)'")
        }
        self.host = host
        self.requestedPort = port
        let handler = ClosureHTTPHandler { request in
            guard request.method == .GET, request.path == "/metrics" else {
                return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: Data("not found: only GET /metrics is served\n".utf8))
            }
            beforeScrape()
            return HTTPResponse(
                statusCode: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: Data(registry.emitToBuffer()))
        }
        server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: handler)
    }

    /// Starts listening and returns once the socket is bound (at most 60 s).
    /// - Returns: the port bound (the one asked for, or the one picked for port 0).
    /// - Throws: ``MetricsEndpointError`` when the address cannot be bound (e.g. the port is in use).
    @discardableResult
    public func start() async throws(MetricsEndpointError) -> UInt16 {
        let outcome = await Task(executorPreference: executor) { () async -> Result<UInt16, MetricsEndpointError> in
            do throws(MetricsEndpointError) {
                return .success(try await self.bindAndServe())
            } catch {
                return .failure(error)
            }
        }.value
        return try outcome.get()
    }

    /// Starts the server task (on the endpoint's executor, which its child tasks inherit) and waits for the bind.
    private func bindAndServe() async throws(MetricsEndpointError) -> UInt16 {
        let server = self.server
        let failure = Mutex<(any Error)?>(nil)
        let task = Task(executorPreference: executor) {
            do {
                try await server.run()
            } catch {
                failure.withLock { $0 = error }
                throw error
            }
        }
        running.withLock { $0 = task }
        // Listening, or the run failed (e.g. the port is taken), whichever comes first. Binding takes milliseconds.
        let deadline = ContinuousClock.now + .seconds(Self.startLimit)
        while ContinuousClock.now < deadline {
            if case .ip4(_, let port)? = await server.listeningAddress { return port }
            if let error = failure.withLock({ $0 }) {
                throw MetricsEndpointError(message: "cannot listen on \(host):\(requestedPort): \(error)")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        throw MetricsEndpointError(
            message: "the metrics endpoint did not start listening on \(host):\(requestedPort) within \(Self.startLimit) s")
    }

    /// Stops listening and closes open connections. Safe to call more than once.
    public func stop() async {
        let server = self.server
        await Task(executorPreference: executor) { await server.stop(timeout: 1) }.value
        running.withLock { $0 }?.cancel()
    }

    /// ``start()`` for callers outside Swift concurrency (the Dispatch-based worker): blocks the calling thread
    /// until the socket is bound. Never call it from a task.
    @discardableResult
    public func startWaiting() throws(MetricsEndpointError) -> UInt16 {
        let outcome = Mutex<Result<UInt16, MetricsEndpointError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: executor) {
            do throws(MetricsEndpointError) {
                let port = try await self.start()
                outcome.withLock { $0 = .success(port) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        return try outcome.withLock { $0! }.get()
    }

    /// ``stop()`` for callers outside Swift concurrency: blocks until the server has stopped. Never call it from a
    /// task.
    public func stopWaiting() {
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: executor) {
            await self.stop()
            done.signal()
        }
        done.wait()
    }
}

/// The metrics endpoint could not be set up or started.
public struct MetricsEndpointError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public var description: String { message }
}
