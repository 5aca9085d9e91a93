import Foundation
import Glibc

/// A TCP proxy on 127.0.0.1 in front of a Postgres server that can stop forwarding: the network failure that
/// keepalives and `tcp_user_timeout` cannot see, where a connection stops answering without closing.
///
/// Each accepted connection gets a connection to the server and two threads of its own, one per direction, that
/// forward bytes as they come. ``stallOpenConnections()`` makes the connections open at that moment hold every byte
/// they receive from then on, in either direction, without closing anything: both kernels keep acknowledging, so
/// neither side notices. Connections accepted later are forwarded as usual (new connections work), which is also
/// how a cancel request reaches the server past a stalled session.
///
/// Thread safety: every method may be called from any thread; the state is guarded by one condition lock.
public final class StallingProxy: @unchecked Sendable {
    /// The port the proxy listens on (127.0.0.1).
    public let port: UInt16
    private let targetHost: String
    private let targetPort: UInt16
    private let listener: Int32
    // Everything below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var links: [Link] = []
    private var closed = false

    /// One proxied connection: the client's socket, the server's, and whether it holds its bytes. `stalled` and
    /// `pumps` are touched only under the proxy's condition lock.
    private final class Link: @unchecked Sendable {
        let client: Int32
        let server: Int32
        var stalled = false
        /// Pump threads still running; the sockets are closed when both have ended.
        var pumps = 2

        init(client: Int32, server: Int32) {
            self.client = client
            self.server = server
        }
    }

    /// Starts listening on a free port of 127.0.0.1, forwarding to the host and port of `url` (a `postgresql://`
    /// URL whose host is an IPv4 address, as `TestDatabase.url` is for the test server).
    /// - Throws: ``TestDatabaseError`` when the URL names no IPv4 host and port, or a socket call fails.
    public init(forwardingTo url: String) throws {
        guard let components = URLComponents(string: url), let host = components.host, let serverPort = components.port,
              inet_addr(host) != INADDR_NONE else {
            throw TestDatabaseError(message: "StallingProxy needs a postgresql:// URL with an IPv4 host and a port")
        }
        targetHost = host
        targetPort = UInt16(serverPort)
        let listening = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listening >= 0 else { throw TestDatabaseError(message: "socket() failed: errno \(errno)") }
        var address = Self.address(host: "127.0.0.1", port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listening, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, Glibc.listen(listening, 64) == 0 else {
            Glibc.close(listening)
            throw TestDatabaseError(message: "cannot listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listening, $0, &length) }
        }
        listener = listening
        port = UInt16(bigEndian: address.sin_port)
        let acceptor = Thread { [self] in acceptLoop() }
        acceptor.name = "stalling-proxy.accept"
        acceptor.start()
    }

    deinit { close() }

    /// `url` with its host and port replaced by the proxy's.
    public func url(replacing url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.host = "127.0.0.1"
        components.port = Int(port)
        return components.string ?? url
    }

    /// Makes every connection open now hold the bytes it receives from now on, in both directions; nothing is
    /// closed. Later connections are not affected.
    /// - Returns: how many connections were stalled.
    @discardableResult
    public func stallOpenConnections() -> Int {
        condition.lock()
        defer { condition.unlock() }
        for link in links { link.stalled = true }
        return links.count
    }

    /// Connections accepted and not yet ended.
    public var openConnections: Int {
        condition.lock()
        defer { condition.unlock() }
        return links.count
    }

    /// Stops listening and ends every connection (stalled ones included); idempotent.
    public func close() {
        condition.lock()
        guard !closed else {
            condition.unlock()
            return
        }
        closed = true
        for link in links {
            shutdown(link.client, Int32(SHUT_RDWR))
            shutdown(link.server, Int32(SHUT_RDWR))
        }
        condition.broadcast()
        condition.unlock()
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { Glibc.close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.address(host: targetHost, port: targetPort)
            let connected = server >= 0 && withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            } == 0
            condition.lock()
            guard connected, !closed else {
                condition.unlock()
                Glibc.close(client)
                if server >= 0 { Glibc.close(server) }
                if closed { return }
                continue
            }
            let link = Link(client: client, server: server)
            links.append(link)
            condition.unlock()
            for (from, to) in [(client, server), (server, client)] {
                let pump = Thread { [self] in forward(from: from, to: to, on: link) }
                pump.name = "stalling-proxy.pump"
                pump.start()
            }
        }
    }

    /// Forwards `from` → `to` until either side ends; holds each chunk while the link is stalled.
    private func forward(from: Int32, to: Int32, on link: Link) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        pumping: while true {
            let received = buffer.withUnsafeMutableBytes { recv(from, $0.baseAddress, $0.count, 0) }
            if received < 0, errno == EINTR { continue }
            guard received > 0 else { break }
            condition.lock()
            while link.stalled && !closed { condition.wait() }
            let stop = closed
            condition.unlock()
            if stop { break }
            var sent = 0
            while sent < received {
                let written = buffer.withUnsafeBytes {
                    send(to, $0.baseAddress! + sent, received - sent, Int32(MSG_NOSIGNAL))
                }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { break pumping }
                sent += written
            }
        }
        shutdown(to, Int32(SHUT_WR))
        condition.lock()
        link.pumps -= 1
        let last = link.pumps == 0
        if last { links.removeAll { $0 === link } }
        condition.unlock()
        if last {
            Glibc.close(link.client)
            Glibc.close(link.server)
        }
    }

    private static func address(host: String, port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        return address
    }
}
