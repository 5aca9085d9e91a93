import Foundation
import JobQueue

/// A simulated clock for tests and drills (`talenta worker --clock-file PATH`, a hidden option): "now" for the schedule
/// evaluation is the ISO 8601 instant written in the file (e.g. `2026-03-08T06:56:30Z`), read at every evaluation,
/// so a test moves time for several worker processes at once. An unreadable file reads as the system clock.
struct FileWallClock: WallClock {
    let path: String

    func now() -> Date {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let date = ISO8601DateFormatter().date(from: text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return Date()
        }
        return date
    }
}
