public import Foundation

/// Where schedule evaluation reads "now": the system clock in production, a clock the test moves in tests (so a test
/// covers hours of schedule time without sleeping).
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system's real-time clock (`Date()`).
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}
