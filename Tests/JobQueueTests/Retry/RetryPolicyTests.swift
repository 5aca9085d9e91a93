import JobQueue
import Postgres
import TestThreads
import Testing

/// A seeded generator so jitter tests are reproducible (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("RetryPolicy: capped exponential backoff with jitter", .ownThread)
struct RetryPolicyTests {
    @Test("nominal delays double from the base delay")
    func nominalDelaysDouble() {
        let policy = RetryPolicy(baseDelay: 1.5, maxDelay: 10_000, jitter: 0)
        let delays = (1...6).map(policy.nominalDelay(afterAttempt:))
        #expect(delays == [1.5, 3, 6, 12, 24, 48])
        for (earlier, later) in zip(delays, delays.dropFirst()) {
            #expect(later > earlier)
        }
    }

    @Test("delays stop growing at the cap, even for huge attempt numbers")
    func delaysAreCapped() {
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 100, jitter: 0)
        #expect(policy.nominalDelay(afterAttempt: 7) == 64)
        #expect(policy.nominalDelay(afterAttempt: 8) == 100)
        #expect(policy.nominalDelay(afterAttempt: 30) == 100)
        #expect(policy.nominalDelay(afterAttempt: 100_000) == 100)
        #expect(policy.nominalDelay(afterAttempt: 0) == 1)
    }

    @Test("the defaults: 1 s base, one-hour cap, ±20 % jitter", arguments: [1, 2, 5, 12, 13, 20])
    func defaultPolicy(attempt: Int) {
        let policy = RetryPolicy.default
        let expected = min(3_600, Double(1 << (attempt - 1)))
        #expect(policy.nominalDelay(afterAttempt: attempt) == expected)
        var generator = SeededGenerator(state: UInt64(attempt))
        let delay = policy.delay(afterAttempt: attempt, using: &generator)
        #expect(delay >= expected * 0.8 && delay <= expected * 1.2)
    }

    @Test("jittered delays stay within ±jitter of the nominal delay and actually vary")
    func jitterBounds() {
        let policy = RetryPolicy(baseDelay: 2, maxDelay: 1_000, jitter: 0.25)
        var generator = SeededGenerator(state: 42)
        for attempt in 1...10 {
            let nominal = policy.nominalDelay(afterAttempt: attempt)
            let samples = (0..<200).map { _ in policy.delay(afterAttempt: attempt, using: &generator) }
            #expect(samples.allSatisfy { $0 >= nominal * 0.75 && $0 <= nominal * 1.25 })
            #expect(Set(samples).count > 100)
            #expect(samples.contains { $0 < nominal } && samples.contains { $0 > nominal })
        }
    }

    @Test("zero jitter gives exactly the nominal delay")
    func zeroJitter() {
        let policy = RetryPolicy(baseDelay: 0.5, maxDelay: 4, jitter: 0)
        var generator = SeededGenerator(state: 7)
        #expect((1...5).map { policy.delay(afterAttempt: $0, using: &generator) } == [0.5, 1, 2, 4, 4])
    }

    @Test("decision: retry with the delay until the last attempt, then discard")
    func decisionUntilLastAttempt() {
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 60, jitter: 0)
        var generator = SeededGenerator(state: 1)
        let failure = TestFailure(description: "boom")
        #expect(policy.decision(attempt: 1, maxAttempts: 3, error: failure, using: &generator) == .retry(after: 1))
        #expect(policy.decision(attempt: 2, maxAttempts: 3, error: failure, using: &generator) == .retry(after: 2))
        #expect(policy.decision(attempt: 3, maxAttempts: 3, error: failure, using: &generator) == .discard)
        #expect(policy.decision(attempt: 4, maxAttempts: 3, error: failure, using: &generator) == .discard)
    }

    @Test("decision: a permanent error discards at once")
    func permanentErrorDiscards() {
        var generator = SeededGenerator(state: 1)
        let decision = RetryPolicy.default.decision(
            attempt: 1, maxAttempts: 20, error: PermanentJobError("unit 9 does not exist"), using: &generator)
        #expect(decision == .discard)
    }

    @Test("decision: a database error about the data (SQLSTATE class 22 or 23) discards at once; transient ones retry",
          arguments: [("23514", true), ("22003", true), ("22012", true), ("23502", true), ("23503", true),
                      ("23505", false), ("23P01", false), ("40001", false), ("40P01", false), ("55P03", false),
                      ("57014", false), ("08006", false), ("53300", false)])
    func dataErrorsDiscard(sqlState: String, discards: Bool) {
        var generator = SeededGenerator(state: 1)
        let error = PostgresError(kind: .server, sqlState: sqlState, message: "m", statementName: "talent.open_period")
        let decision = RetryPolicy.default.decision(attempt: 1, maxAttempts: 20, error: error, using: &generator)
        #expect((decision == .discard) == discards, "SQLSTATE \(sqlState): \(decision)")
        let connectionLost = PostgresError(kind: .connection, message: "server closed the connection")
        #expect(RetryPolicy.default.decision(attempt: 1, maxAttempts: 20, error: connectionLost, using: &generator)
                != .discard)
    }

    @Test("validation names the field out of range", arguments: [
        (RetryPolicy(baseDelay: 0), "base delay"),
        (RetryPolicy(baseDelay: -1), "base delay"),
        (RetryPolicy(baseDelay: .nan), "base delay"),
        (RetryPolicy(baseDelay: 10, maxDelay: 5), "maximum delay"),
        (RetryPolicy(jitter: 1), "jitter"),
        (RetryPolicy(jitter: -0.1), "jitter"),
    ])
    func validation(policy: RetryPolicy, field: String) throws {
        let problem = try #require(policy.validationProblem)
        #expect(problem.contains(field))
        #expect(RetryPolicy.default.validationProblem == nil)
    }
}
