import Glibc

/// The exit codes of `talenta worker` beyond 0 (graceful stop), 1 (could not start) and 64 (invalid options), also
/// listed in its help and in deploy/talenta-worker.service.
enum WorkerExitCode {
    /// The grace period passed: running jobs had their queries cancelled and their leases released (EX_TEMPFAIL).
    static let jobsReleased: Int32 = 75

    /// Ends the process at once with 128 + `signal` (130 for SIGINT, 143 for SIGTERM), as a shell reports a process
    /// ended by that signal; no cleanup runs, so running jobs keep their leases until they expire and are rescued.
    static func exitNow(signal: Int32) -> Never {
        _exit(128 + signal)
    }
}
