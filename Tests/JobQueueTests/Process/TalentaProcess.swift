import Foundation
import Testing

/// Runs the built `talenta` executable (found in the build products folder next to the test bundle).
struct TalentaProcess {
    /// The `talenta` binary `swift test` built alongside the test bundle.
    static func executable() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var candidates = [runner.deletingLastPathComponent(), Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        // On macOS the runner sits inside the .xctest bundle's Contents/MacOS.
        candidates.append(runner.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        for folder in candidates {
            let binary = folder.appendingPathComponent("talenta")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw TestFailure(description: "the talenta executable was not found next to the test bundle (looked in "
            + candidates.map(\.path).joined(separator: ", ") + "); build it with `swift build` first")
    }

    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private let collected = Locked((out: Data(), err: Data()))

    /// Starts `talenta arguments…`.
    init(_ arguments: [String]) throws {
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        let collected = self.collected
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            collected.withLock { $0.out.append(data) }
        }
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            collected.withLock { $0.err.append(data) }
        }
        try process.run()
    }

    /// Waits up to `timeout` seconds for the process to exit; kills it when it does not.
    /// - Returns: the exit status, or nil when it had to be killed.
    func wait(timeout: Double) -> Int32? {
        let exited = QueueTestKit.waitFor(timeout: timeout) { !process.isRunning }
        if !exited {
            process.terminate()
            process.waitUntilExit()
        }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.withLock {
            $0.out.append(output.fileHandleForReading.readDataToEndOfFile())
            $0.err.append(errors.fileHandleForReading.readDataToEndOfFile())
        }
        return exited && process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// Sends a signal (e.g. SIGTERM).
    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    var standardOutput: String { String(decoding: collected.current.out, as: UTF8.self) }
    var standardError: String { String(decoding: collected.current.err, as: UTF8.self) }
}
