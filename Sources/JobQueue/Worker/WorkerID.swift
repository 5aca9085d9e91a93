import Foundation

/// Worker ids: `host:pid:random`, unique per process start (the random part differs when a pid is reused).
enum WorkerID {
    /// A new id for this process start, e.g. `"db-host-1:4242:9f3a51c2"`.
    static func make() -> String {
        let info = ProcessInfo.processInfo
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        let padded = String(repeating: "0", count: 8 - random.count) + random
        return "\(info.hostName):\(info.processIdentifier):\(padded)"
    }
}
