import Postgres

/// When a failed attempt runs again: capped exponential backoff with jitter. Pure: no clock, no I/O.
///
/// After failed attempt `n` (1-based) the next attempt waits
///
///     delay(n) = min(maxDelay, baseDelay · 2^(n−1)) · (1 + u),   u uniform in [−jitter, +jitter]
///
/// so with the defaults (baseDelay 1 s, maxDelay 3,600 s, jitter 0.2) the waits are about 1, 2, 4, 8 … s, reaching
/// the one-hour cap at attempt 13; 20 attempts span roughly 10 hours. The jitter spreads retries of jobs that
/// failed together (e.g. during a database restart). Defaults are a proposed default, in the spirit of Oban's and
/// River's backoff. Whether to retry at all is ``decision(attempt:maxAttempts:error:using:)``: a
/// ``PermanentJobError``, an undecodable payload or a database error about the data itself
/// (`PostgresError.isDataError`: SQLSTATE classes 22 and 23 but for unique and exclusion violations) discards at
/// once, and so does a failure of the last attempt.
public struct RetryPolicy: Sendable, Hashable {
    /// The wait after the first failed attempt, in seconds. Default 1; valid range > 0 and ≤ `maxDelay`.
    public var baseDelay: Double
    /// The longest wait, in seconds. Default 3,600 (one hour); valid range ≥ `baseDelay`.
    public var maxDelay: Double
    /// The relative spread of each wait. Default 0.2 (±20 %); valid range 0 ≤ jitter < 1.
    public var jitter: Double

    /// The defaults: 1 s base, one-hour cap, ±20 % jitter.
    public static let `default` = RetryPolicy()

    /// A policy; see ``validationProblem`` for the valid ranges.
    public init(baseDelay: Double = 1, maxDelay: Double = 3_600, jitter: Double = 0.2) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Why this policy is invalid, or nil when every field is in range.
    public var validationProblem: String? {
        guard baseDelay.isFinite, baseDelay > 0 else { return "retry base delay must be a positive number of seconds" }
        guard maxDelay.isFinite, maxDelay >= baseDelay else {
            return "retry maximum delay must be at least the base delay"
        }
        guard jitter.isFinite, jitter >= 0, jitter < 1 else { return "retry jitter must be at least 0 and below 1" }
        return nil
    }

    /// The wait before the next attempt without jitter: `min(maxDelay, baseDelay · 2^(attempt−1))` seconds.
    /// - Parameter attempt: the attempt that failed, 1-based (values below 1 count as 1).
    public func nominalDelay(afterAttempt attempt: Int) -> Double {
        let exponent = max(attempt, 1) - 1
        guard exponent < 1_000 else { return maxDelay }
        let growth = Double(sign: .plus, exponent: exponent, significand: 1)
        return min(maxDelay, baseDelay * growth)
    }

    /// The wait before the next attempt with jitter: `nominalDelay(afterAttempt:) · (1 + u)`, u uniform in
    /// [−jitter, +jitter], in seconds.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Double {
        let nominal = nominalDelay(afterAttempt: attempt)
        guard jitter > 0 else { return nominal }
        return nominal * (1 + Double.random(in: -jitter...jitter, using: &generator))
    }

    /// Retry (after how long) or discard, for a failed attempt.
    /// - Parameters:
    ///   - attempt: the attempt that failed, 1-based.
    ///   - maxAttempts: the job's attempt limit.
    ///   - error: what the handler threw.
    /// - Returns: `.discard` for a ``PermanentJobError``, a ``PayloadDecodingError``, a `PostgresError` whose
    ///   `isDataError` holds (retrying cannot change the data) or the last attempt, else `.retry(after:)` with
    ///   ``delay(afterAttempt:using:)`` (so serialization failures, deadlocks, lock timeouts, cancelled queries and
    ///   connection losses are retried).
    public func decision(
        attempt: Int, maxAttempts: Int, error: any Error, using generator: inout some RandomNumberGenerator
    ) -> RetryDecision {
        if error is PermanentJobError || error is PayloadDecodingError || (error as? PostgresError)?.isDataError == true
            || attempt >= maxAttempts {
            return .discard
        }
        return .retry(after: delay(afterAttempt: attempt, using: &generator))
    }
}

/// The outcome of ``RetryPolicy/decision(attempt:maxAttempts:error:using:)``.
public enum RetryDecision: Sendable, Hashable {
    /// Make the job retryable, runnable again after this many seconds.
    case retry(after: Double)
    /// Discard the job: no further attempts.
    case discard
}
