import Foundation

/// Finds the `sql/` migrations folder: the `--sql-dir` option, else `TALENTA_SQL_DIR`, else the first folder
/// named `sql` holding `0001_queue.sql` found walking up from the executable's folder, then from the current
/// directory (so a built `talenta` in `.build/debug` finds the repository's `sql/`).
enum SQLDirectory {
    static let marker = "0001_queue.sql"

    /// - Returns: the folder, or nil when none was found.
    static func locate(option: String?) -> URL? {
        if let option { return URL(fileURLWithPath: option, isDirectory: true) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["TALENTA_SQL_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment, isDirectory: true)
        }
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]))
            .resolvingSymlinksInPath()
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        for start in [executable.deletingLastPathComponent(), current] {
            if let found = search(upwardFrom: start) { return found }
        }
        return nil
    }

    private static func search(upwardFrom start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent("sql", isDirectory: true)
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}
