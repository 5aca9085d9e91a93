import Dispatch
import Foundation
import Postgres

/// The mutable state of one ``WorkerPool``: its phase, which slot runs which job (and on which Dispatch queue), and
/// each running job's cancel handle and interruption, changed under one lock.
///
/// The phase only moves forward: created → running → stopping → stopped (or created → stopped). The loops that
/// sleep (heartbeat, watchdog, schedules, a polling claim loop) wait on the condition, which is broadcast only when
/// the phase changes or the pool goes idle; the claim loop waiting for room to claim parks on a semaphore of its
/// own, signalled only when there is room (or the phase changed), so a finished job wakes no thread that has
/// nothing to do. Each occupied slot carries a token unique to that launch, so a late call about an earlier job never
/// touches the slot's next job. An abandoned launch (its query did not end after the cancel) leaves its slot at
/// once, and the slot gets a new queue: the old one may stay blocked until the abandoned handler returns.
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
        /// Seconds the job may run, when it started, and the instant that allowance ends.
        let timeout: Double
        let started: ContinuousClock.Instant
        let deadline: ContinuousClock.Instant
        /// The cancel handle of the connection the job runs on, while it holds one.
        var cancelHandle: CancelHandle?
        /// Set once, by the first interruption, with the moment it happened.
        var interruption: JobInterruption?
        var interruptedAt: ContinuousClock.Instant?
    }

    /// A launch given up by ``abandonStuckJobs(at:grace:)`` or ``abandonRunningJobs()``.
    struct Abandoned {
        let job: Job
        let interruption: JobInterruption
        /// The cancel handle of its connection (nil when it held none): abandon it so the connection closes.
        let handle: CancelHandle?
    }

    /// A running job as the heartbeat and the shutdown see it.
    struct RunningJob {
        let slot: Int
        let token: UInt64
        let id: Int64
        let attempt: Int
    }

    /// A claimed job waiting in the claim-ahead buffer for a free slot.
    struct Buffered {
        let job: Job
        /// When its claim was sent: no later than the start of its lease in the database.
        let claimedAt: ContinuousClock.Instant
    }

    private let condition = NSCondition()
    /// Signalled (once per park) when the parked claim loop has room to claim or the pool stops running.
    private let claimWake = DispatchSemaphore(value: 0)
    /// Whether the claim loop is parked on `claimWake`.
    private var claimLoopParked = false
    private let lease: Double
    private let claimAheadLimit: Int
    private var phase = Phase.created
    private var slots: [Occupant?]
    /// The serial queue each slot runs its jobs on; replaced when the slot's launch is abandoned.
    private var queues: [DispatchQueue]
    private var queueGeneration = 0
    /// Tokens of abandoned launches, so their late ends change nothing.
    private var abandonedTokens: Set<UInt64> = []
    private var buffer: [Buffered] = []
    private var pendingCompletions = 0
    /// Moving averages (seconds) of a job's time in its slot and of a claim's round trip.
    private var averageJobSeconds: Double?
    private var averageClaimSeconds: Double?
    /// Set when the heartbeat took stale jobs out of the buffer (the slots are stuck on slower jobs), cleared when
    /// a slot finishes a job: meanwhile nothing is claimed ahead, so released jobs are not claimed again at once.
    private var claimAheadSuspended = false
    private var nextToken: UInt64 = 0
    private var stopRequestedAt: ContinuousClock.Instant?
    private var outcome = StopOutcome.graceful

    /// - Parameters:
    ///   - lease: the lease of a claim, in seconds.
    ///   - claimAheadLimit: the most claimed jobs held beyond the slots.
    init(concurrency: Int, lease: Double, claimAheadLimit: Int) {
        slots = Array(repeating: nil, count: concurrency)
        queues = (0..<concurrency).map { DispatchQueue(label: "talenta.worker.slot\($0)") }
        self.lease = lease
        self.claimAheadLimit = claimAheadLimit
    }

    /// Reads under the lock.
    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// Changes the phase under the lock and wakes every waiter.
    private func changing<T>(_ body: () -> T) -> T {
        condition.lock()
        defer {
            wakeClaimLoopIfRoom()
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }

    /// Changes under the lock, then wakes the parked claim loop if it now has room (or the pool stopped running),
    /// and the sleepers if the pool went idle (nothing running or buffered): the only changes they wait for besides
    /// the phase.
    private func changingSlots<T>(_ body: () -> T) -> T {
        condition.lock()
        defer {
            wakeClaimLoopIfRoom()
            if buffer.isEmpty, slots.allSatisfy({ $0 == nil }) { condition.broadcast() }
            condition.unlock()
        }
        return body()
    }

    /// Signals the parked claim loop when it has something to do (call under the lock).
    private func wakeClaimLoopIfRoom() {
        guard claimLoopParked, phase != .running || claimRoom() != nil else { return }
        claimLoopParked = false
        claimWake.signal()
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

    /// Jobs running plus jobs waiting in the claim-ahead buffer.
    var busyCount: Int { locked { slots.count { $0 != nil } + buffer.count } }

    /// Blocks until the claim loop should claim: a slot is free and nothing is buffered, or the claim-ahead buffer
    /// has fallen to half its target; never while finished attempts wait for their batched completion beyond
    /// the slots plus the claim-ahead limit (back pressure).
    /// - Returns: how many jobs to claim (≥ 1): the free slots plus the claim-ahead target minus what is buffered;
    ///   nil when the pool is no longer running.
    func waitForClaimRoom() -> Int? {
        while true {
            condition.lock()
            guard phase == .running else {
                condition.unlock()
                return nil
            }
            if let room = claimRoom() {
                condition.unlock()
                return room
            }
            claimLoopParked = true
            condition.unlock()
            claimWake.wait()
        }
    }

    /// The claim the loop should make now, if any (call under the lock).
    private func claimRoom() -> Int? {
        guard pendingCompletions <= slots.count + claimAheadLimit else { return nil }
        let free = slots.count { $0 == nil }
        let target = claimAheadTarget()
        if free > 0, buffer.isEmpty { return free + target }
        if target > 0, buffer.count <= target / 2 {
            let room = free + target - buffer.count
            return room > 0 ? room : nil
        }
        return nil
    }

    /// How many claimed jobs to hold beyond the slots: what the slots run through in about two claim round trips
    /// (measured), at most the configured limit; 0 while jobs take longer than that (then nothing is held back
    /// from other workers), and before any job or claim has been measured.
    private func claimAheadTarget() -> Int {
        guard claimAheadLimit > 0, !claimAheadSuspended, let job = averageJobSeconds, let claim = averageClaimSeconds, job > 0 else { return 0 }
        let target = 2 * Double(slots.count) * claim / job
        return target >= Double(claimAheadLimit) ? claimAheadLimit : Int(target)
    }

    /// Records how long a claim round trip took (seconds), for the claim-ahead target.
    func recordClaim(seconds: Double) {
        locked { averageClaimSeconds = Self.smoothed(averageClaimSeconds, seconds) }
    }

    /// Puts claimed jobs into free slots, and the rest into the claim-ahead buffer.
    /// - Parameters:
    ///   - claimedAt: when the claim was sent: no later than the moment the database started the jobs' leases.
    ///   - timeout: seconds each job may run once started.
    /// - Returns: each job started now, with its slot, launch token and the slot's queue; run each on that queue
    ///   with ``finishAndTakeNext(slot:token:timeout:)`` after it.
    func admit(_ jobs: [Job], claimedAt: ContinuousClock.Instant, timeout: (Job) -> Double)
        -> [(slot: Int, job: Job, token: UInt64, queue: DispatchQueue)] {
        locked {
            var launches = [(slot: Int, job: Job, token: UInt64, queue: DispatchQueue)]()
            for job in jobs {
                if let index = slots.firstIndex(where: { $0 == nil }) {
                    launches.append((index, job, occupy(index, with: job, timeout: timeout(job)), queues[index]))
                } else {
                    buffer.append(Buffered(job: job, claimedAt: claimedAt))
                }
            }
            return launches
        }
    }

    /// Frees `slot` after its job ended (completed, failed, released, or lease lost) and, while the pool runs,
    /// starts the next buffered job in it: only one with at least a third of its lease left (a buffered job's
    /// lease is not extended before it starts; the heartbeat releases those held longer than a third of the
    /// lease). Jobs whose lease has run too far are dropped from the buffer for the caller to release at once:
    /// never run late, never left to their lease. A launch that was abandoned meanwhile no longer holds the slot:
    /// nothing changes and it takes nothing.
    /// - Returns: the job now in the slot with its token (nil when the slot is free), and the dropped jobs.
    func finishAndTakeNext(slot index: Int, token: UInt64, timeout: (Job) -> Double)
        -> (next: (job: Job, token: UInt64)?, dropped: [Job]) {
        // Wakes the claim loop only when it has something to do, and the sleepers only when the pool went idle
        // (exit when idle, the shutdown): not at every job.
        changingSlots {
            let now = ContinuousClock.now
            guard let occupant = slots[index], occupant.token == token else {
                abandonedTokens.remove(token)
                return (nil, [])
            }
            averageJobSeconds = Self.smoothed(averageJobSeconds, Self.seconds(now - occupant.started))
            slots[index] = nil
            claimAheadSuspended = false
            var dropped = [Job]()
            var next: (job: Job, token: UInt64)?
            if phase == .running {
                while !buffer.isEmpty {
                    let candidate = buffer.removeFirst()
                    if now < candidate.claimedAt + .seconds(lease * 2 / 3) {
                        next = (candidate.job, occupy(index, with: candidate.job, timeout: timeout(candidate.job)))
                        break
                    }
                    dropped.append(candidate.job)
                }
            }
            return (next, dropped)
        }
    }

    /// Takes buffered jobs out of the buffer, to release their leases: all of them when `all`, else those claimed
    /// more than `seconds` ago. Taking any suspends claiming ahead until a slot finishes a job.
    func takeBuffered(all: Bool, claimedBefore seconds: Double) -> [Job] {
        changingSlots {
            let cutoff = ContinuousClock.now - .seconds(seconds)
            let taken = buffer.filter { all || $0.claimedAt < cutoff }
            buffer.removeAll { all || $0.claimedAt < cutoff }
            if !taken.isEmpty { claimAheadSuspended = true }
            return taken.map(\.job)
        }
    }

    /// Jobs waiting in the claim-ahead buffer.
    var bufferedJobs: [Job] { locked { buffer.map(\.job) } }

    /// An attempt handed its completion to the batcher.
    func completionSubmitted() {
        locked { pendingCompletions += 1 }
    }

    /// The batcher wrote (or gave up on) `count` completions.
    func completionsRecorded(_ count: Int) {
        changingSlots { pendingCompletions -= count }
    }

    /// Occupies a free slot with `job` (call under the lock). - Returns: the launch's token.
    private func occupy(_ index: Int, with job: Job, timeout: Double) -> UInt64 {
        nextToken += 1
        let now = ContinuousClock.now
        slots[index] = Occupant(job: job, token: nextToken, timeout: timeout, started: now, deadline: now + .seconds(timeout))
        return nextToken
    }

    /// An exponentially weighted moving average (weight 1/8 for the new sample).
    private static func smoothed(_ average: Double?, _ sample: Double) -> Double {
        guard let average else { return sample }
        return average + (sample - average) / 8
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
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
                slots[index]?.interruptedAt = now
                overdue.append((occupant.job, occupant.timeout, occupant.cancelHandle))
            }
            return overdue
        }
    }

    /// Gives up the launches interrupted by a timeout or a lost lease at least `grace` seconds ago that still hold
    /// their slot (their query did not end after the cancel, or the handler is busy outside the database): each
    /// leaves its slot at once (no longer running, so its lease is no longer extended), the slot gets a new queue,
    /// and the launch's late end changes nothing.
    /// - Returns: the abandoned launches, to close their connections and record their ends outside the lock.
    func abandonStuckJobs(at now: ContinuousClock.Instant, grace: Double) -> [Abandoned] {
        changingSlots {
            slots.indices.compactMap { index in
                guard let occupant = slots[index], let interruption = occupant.interruption,
                      interruption != .shutdown, let since = occupant.interruptedAt,
                      since + .seconds(grace) <= now else { return nil }
                return abandon(slot: index)
            }
        }
    }

    /// Gives up every launch still running (the shutdown's last step, after the cancel and its grace).
    /// - Returns: the abandoned launches.
    func abandonRunningJobs() -> [Abandoned] {
        changingSlots { slots.indices.compactMap { slots[$0] == nil ? nil : abandon(slot: $0) } }
    }

    /// Whether the launch with `token` was abandoned (and has not ended yet).
    func isAbandoned(token: UInt64) -> Bool {
        locked { abandonedTokens.contains(token) }
    }

    /// Empties an occupied slot as abandoned (call under the lock).
    private func abandon(slot index: Int) -> Abandoned? {
        guard let occupant = slots[index] else { return nil }
        slots[index] = nil
        abandonedTokens.insert(occupant.token)
        queueGeneration += 1
        queues[index] = DispatchQueue(label: "talenta.worker.slot\(index).\(queueGeneration)")
        return Abandoned(
            job: occupant.job, interruption: occupant.interruption ?? .shutdown, handle: occupant.cancelHandle)
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
            slots[slot]?.interruptedAt = .now
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
                slots[index]?.interruptedAt = .now
                if let handle = slots[index]?.cancelHandle { handles.append(handle) }
            }
            return handles
        }
    }

    // MARK: - Waiting

    /// Waits up to `seconds` until no slot runs a job and nothing is buffered.
    /// - Returns: whether that happened in time.
    func waitUntilIdle(seconds: Double) -> Bool {
        sleep(seconds: seconds) { _, busy in busy == 0 }
    }

    /// Sleeps up to `seconds`, waking early when `stopWhen` holds; it is checked under the lock whenever the phase
    /// changes or the pool goes idle (so it may depend on the phase and on a busy count of zero, nothing else); its
    /// count is the jobs running plus those buffered.
    /// - Returns: true when `stopWhen` held, false when the time ran out.
    func sleep(seconds: Double, stopWhen: (Phase, _ busyCount: Int) -> Bool) -> Bool {
        let deadline = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopWhen(phase, slots.count { $0 != nil } + buffer.count) { return true }
            if !condition.wait(until: deadline) {
                return stopWhen(phase, slots.count { $0 != nil } + buffer.count)
            }
        }
    }
}

// Every stored property is read and written only while `condition` is locked; `condition` itself is thread safe.
extension WorkerState: @unchecked Sendable {}
