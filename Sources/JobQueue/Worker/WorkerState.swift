import Foundation
import Postgres

/// The mutable state of one ``WorkerPool``: its phase, which slot runs which job, and each running job's cancel
/// handle and interruption, changed under one lock.
///
/// The phase only moves forward: created → running → stopping → stopped (or created → stopped). Waiters (the claim
/// loop waiting for a free slot, the heartbeat waiting for its next beat) sleep on the condition and are woken by
/// every change. Each occupied slot carries a token unique to that launch, so a late call about an earlier job never
/// touches the slot's next job.
final class WorkerState {
    enum Phase: Equatable {
        /// Built, not started.
        case created
        /// Claiming and running jobs.
        case running
        /// No longer claiming; running jobs finish (until the shutdown deadline).
        case stopping
        /// Every job has finished (or was released) and the loops have ended.
        case stopped
    }

    /// One running job as its slot knows it.
    struct Occupant {
        let job: Job
        let token: UInt64
        /// Seconds the job may run, and the instant that allowance ends.
        let timeout: Double
        let deadline: ContinuousClock.Instant
        /// The cancel handle of the connection the job runs on, while it holds one.
        var cancelHandle: CancelHandle?
        /// Set once, by the first interruption.
        var interruption: JobInterruption?
    }

    /// A running job as the heartbeat and the shutdown see it.
    struct RunningJob {
        let slot: Int
        let token: UInt64
        let id: Int64
        let attempt: Int
    }

    private let condition = NSCondition()
    private var phase = Phase.created
    private var slots: [Occupant?]
    private var nextToken: UInt64 = 0
    private var stopRequestedAt: ContinuousClock.Instant?
    private var outcome = StopOutcome.graceful

    init(concurrency: Int) {
        slots = Array(repeating: nil, count: concurrency)
    }

    /// Reads under the lock.
    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// Changes under the lock and wakes every waiter.
    private func changing<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.broadcast(); condition.unlock() }
        return body()
    }

    // MARK: - Phase

    /// created → running; false when the pool was already started or stopped.
    func begin() -> Bool {
        changing {
            guard phase == .created else { return false }
            phase = .running
            return true
        }
    }

    /// running → stopping (or created → stopped); returns whether this call changed the phase.
    @discardableResult
    func requestStop() -> Bool {
        changing {
            switch phase {
            case .running:
                phase = .stopping
                stopRequestedAt = .now
                return true
            case .created:
                phase = .stopped
                return true
            case .stopping, .stopped:
                return false
            }
        }
    }

    /// → stopped, once every job has finished or was released.
    func markStopped(_ outcome: StopOutcome) {
        changing {
            phase = .stopped
            self.outcome = outcome
        }
    }

    var currentPhase: Phase { locked { phase } }

    /// How the pool stopped (meaningful once stopped).
    var stopOutcome: StopOutcome { locked { outcome } }

    /// When ``requestStop()`` moved the pool to stopping; nil before.
    var stopRequestTime: ContinuousClock.Instant? { locked { stopRequestedAt } }

    /// Whether the claim loop should go on claiming.
    var isClaiming: Bool { locked { phase == .running } }

    // MARK: - Slots

    /// Jobs running now, with their slot and token.
    var runningJobs: [RunningJob] {
        locked {
            slots.enumerated().compactMap { index, occupant in
                occupant.map { RunningJob(slot: index, token: $0.token, id: $0.job.id, attempt: $0.job.attempt) }
            }
        }
    }

    var runningCount: Int { locked { slots.count { $0 != nil } } }

    /// Blocks while the pool is running and every slot is busy.
    /// - Returns: the number of free slots (≥ 1), or nil when the pool is no longer running.
    func waitForFreeSlots() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while phase == .running, !slots.contains(where: { $0 == nil }) {
            condition.wait()
        }
        guard phase == .running else { return nil }
        return slots.count { $0 == nil }
    }

    /// Puts a claimed job into a free slot.
    /// - Parameter timeout: seconds the job may run from now.
    /// - Returns: the slot's index and the launch's token.
    /// - Important: call only with a free slot available (the claim asks for at most the free slots).
    func occupySlot(with job: Job, timeout: Double) -> (slot: Int, token: UInt64) {
        changing {
            guard let index = slots.firstIndex(where: { $0 == nil }) else {
                preconditionFailure("claimed more jobs than free slots")
            }
            nextToken += 1
            slots[index] = Occupant(
                job: job, token: nextToken, timeout: timeout, deadline: .now + .seconds(timeout))
            return (index, nextToken)
        }
    }

    /// Marks every job past its deadline interrupted by `.timeout`.
    /// - Returns: each newly timed-out job with its cancel handle (nil while it holds no connection), to cancel
    ///   outside the lock.
    func interruptOverdueJobs(at now: ContinuousClock.Instant) -> [(job: Job, timeout: Double, handle: CancelHandle?)] {
        locked {
            var overdue = [(job: Job, timeout: Double, handle: CancelHandle?)]()
            for index in slots.indices {
                guard let occupant = slots[index], occupant.interruption == nil, occupant.deadline <= now else { continue }
                slots[index]?.interruption = .timeout(seconds: occupant.timeout)
                overdue.append((occupant.job, occupant.timeout, occupant.cancelHandle))
            }
            return overdue
        }
    }

    /// Frees a slot after its job ended (completed, failed, released, or lease lost).
    func releaseSlot(_ index: Int, token: UInt64) {
        changing {
            if slots[index]?.token == token { slots[index] = nil }
        }
    }

    /// Records the cancel handle of the connection the job now runs on.
    func attachCancelHandle(_ handle: CancelHandle, slot: Int, token: UInt64) {
        locked {
            if slots[slot]?.token == token { slots[slot]?.cancelHandle = handle }
        }
    }

    /// Forgets the job's cancel handle (its connection is about to be returned).
    /// - Returns: the job's interruption, if any: the caller must then close the connection instead of returning
    ///   it, since a cancel request may still be on its way to that session.
    func detachCancelHandle(slot: Int, token: UInt64) -> JobInterruption? {
        locked {
            guard slots[slot]?.token == token else { return nil }
            slots[slot]?.cancelHandle = nil
            return slots[slot]?.interruption
        }
    }

    /// The job's interruption, if it was interrupted.
    func interruption(slot: Int, token: UInt64) -> JobInterruption? {
        locked { slots[slot]?.token == token ? slots[slot]?.interruption : nil }
    }

    /// Marks a running job interrupted (the first reason wins).
    /// - Returns: the cancel handle to call (outside the lock), or nil when the job already ended, was already
    ///   interrupted, or holds no connection right now.
    func interrupt(slot: Int, token: UInt64, _ reason: JobInterruption) -> CancelHandle? {
        locked {
            guard slots[slot]?.token == token, slots[slot]?.interruption == nil else { return nil }
            slots[slot]?.interruption = reason
            return slots[slot]?.cancelHandle
        }
    }

    /// Marks every running job interrupted for `reason` (jobs already interrupted keep their reason).
    /// - Returns: the cancel handles to call, outside the lock.
    func interruptAll(_ reason: JobInterruption) -> [CancelHandle] {
        locked {
            var handles = [CancelHandle]()
            for index in slots.indices where slots[index] != nil && slots[index]?.interruption == nil {
                slots[index]?.interruption = reason
                if let handle = slots[index]?.cancelHandle { handles.append(handle) }
            }
            return handles
        }
    }

    // MARK: - Waiting

    /// Sleeps up to `seconds`, waking early when `stopWhen` (checked under the lock after every change) holds.
    /// - Returns: true when `stopWhen` held, false when the time ran out.
    func sleep(seconds: Double, stopWhen: (Phase, _ runningCount: Int) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopWhen(phase, slots.count { $0 != nil }) { return true }
            if !condition.wait(until: deadline) {
                return stopWhen(phase, slots.count { $0 != nil })
            }
        }
    }
}

// Every stored property is read and written only while `condition` is locked; `condition` itself is thread safe.
extension WorkerState: @unchecked Sendable {}
