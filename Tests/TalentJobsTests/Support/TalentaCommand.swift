import Foundation
import PostgresTestSupport
import Testing

/// Runs the built `talenta` executable (next to the test bundle) with its output captured in files.
final class TalentaCommand {
    /// The `talenta` binary `swift test` built alongside the test bundle.
    static func executable() throws -> URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let folders = [runner.deletingLastPathComponent(), Bundle.main.bundleURL,
                       Bundle.main.bundleURL.deletingLastPathComponent()]
        for folder in folders {
            let binary = folder.appendingPathComponent("talenta")
            if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        }
        throw KitError("the talenta executable was not found next to the test bundle (looked in "
            + folders.map(\.path).joined(separator: ", ") + "); build it with `swift build` first")
    }

    let process = Process()
    private let outputURL: URL
    private let errorURL: URL

    /// Starts `talenta arguments…` with the repository's sql/ folder.
    init(_ arguments: [String]) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("talenta-cmd-" + UUID().uuidString)
        outputURL = scratch.appendingPathExtension("out")
        errorURL = scratch.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
              FileManager.default.createFile(atPath: errorURL.path, contents: nil) else {
            throw KitError("cannot create the output files in \(scratch.deletingLastPathComponent().path)")
        }
        process.executableURL = try Self.executable()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TALENTA_SQL_DIR"] = TestDatabase.repositoryRoot.appendingPathComponent("sql").path
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: outputURL)
        try? FileManager.default.removeItem(at: errorURL)
    }

    /// Runs a command to its end.
    /// - Returns: the finished command (check `status`).
    /// - Throws: `KitError` when it does not finish within `timeout` seconds (it is killed).
    @discardableResult
    static func run(_ arguments: [String], timeout: Double = 300) throws -> TalentaCommand {
        let command = try TalentaCommand(arguments)
        guard command.wait(timeout: timeout) else {
            throw KitError("talenta \(arguments.joined(separator: " ")) did not finish in \(timeout) s:\n\(command.errors)")
        }
        return command
    }

    /// Waits up to `timeout` seconds; kills the process when it is still running then.
    /// - Returns: whether it exited by itself.
    func wait(timeout: Double) -> Bool {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        let exited = !process.isRunning
        if !exited { process.terminate() }
        process.waitUntilExit()
        return exited
    }

    /// Sends a signal (SIGTERM, SIGINT).
    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// A finished command's status and output, as a value that may leave the thread that ran it.
    struct Result: Sendable {
        let status: Int32
        let output: String
        let errors: String
    }

    /// The status and output (after `wait`).
    var result: Result { Result(status: status, output: output, errors: errors) }

    /// The exit status (after `wait`).
    var status: Int32 { process.terminationStatus }
    var output: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    var errors: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }
}

/// A failure of the test kit itself, with a readable message.
struct KitError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
