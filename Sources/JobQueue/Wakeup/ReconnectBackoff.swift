/// How long to wait before reconnecting after the database was lost: capped exponential backoff with jitter. Pure.
///
/// After `n` consecutive failed attempts (1-based) the next one waits
///
///     delay(n) = min(maxDelay, baseDelay · 2^(n−1)) · u,   u uniform in [1 − jitter, 1]
///
/// so with the defaults (baseDelay 0.1 s, maxDelay 10 s, jitter 0.5) the waits are about 0.05–0.1, 0.1–0.2,
/// 0.2–0.4 … s, reaching the cap at the eighth failure. The jitter spreads the reconnects of many workers that lost
/// the same server at the same moment (no reconnect storm after a restart); the cap bounds how long a worker stays
/// away once the server is back. A proposed default, in the spirit of graphile-worker's and Oban's notifier backoff.
public struct ReconnectBackoff: Sendable, Hashable {
    /// The wait after the first failure, in seconds. Default 0.1; valid range > 0 and ≤ `maxDelay`.
    public var baseDelay: Double
    /// The longest wait, in seconds. Default 10; valid range ≥ `baseDelay` and ≤ 3,600.
    public var maxDelay: Double
    /// The share of each wait that is random. Default 0.5 (waits fall in [50 %, 100 %] of the nominal); valid
    /// range 0...1.
    public var jitter: Double

    /// The defaults: 0.1 s base, 10 s cap, 50 % jitter.
    public static let `default` = ReconnectBackoff()

    /// A backoff; see ``validationProblem`` for the valid ranges.
    public init(baseDelay: Double = 0.1, maxDelay: Double = 10, jitter: Double = 0.5) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Why this backoff is invalid, or nil when every field is in range.
    public var validationProblem: String? {
        guard baseDelay.isFinite, baseDelay > 0 else { return "reconnect base delay must be a positive number of seconds" }
        guard maxDelay.isFinite, maxDelay >= baseDelay, maxDelay <= 3_600 else {
            return "reconnect maximum delay must be at least the base delay and at most 3600 seconds"
        }
        guard jitter.isFinite, (0...1).contains(jitter) else { return "reconnect jitter must be between 0 and 1" }
        return nil
    }

    /// The wait without jitter: `min(maxDelay, baseDelay · 2^(failures−1))` seconds.
    /// - Parameter failures: consecutive failed attempts so far, 1-based (values below 1 count as 1).
    public func nominalDelay(afterFailures failures: Int) -> Double {
        let exponent = max(failures, 1) - 1
        guard exponent < 1_000 else { return maxDelay }
        return min(maxDelay, baseDelay * Double(sign: .plus, exponent: exponent, significand: 1))
    }

    /// The wait with jitter: `nominalDelay(afterFailures:) · u`, u uniform in [1 − jitter, 1], in seconds.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> Double {
        let nominal = nominalDelay(afterFailures: failures)
        guard jitter > 0 else { return nominal }
        return nominal * Double.random(in: (1 - jitter)...1, using: &generator)
    }
}
