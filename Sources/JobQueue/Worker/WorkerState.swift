import Foundation

/// The mutable state of one ``WorkerPool``: its phase and which slot runs which job, changed under one lock.
///
/// The phase only moves forward: created → running → stopping → stopped (or created → stopped). Waiters (the claim
/// loop waiting for a free slot, the heartbeat waiting for its next beat) sleep on the condition and are woken by
/// every change.
final class WorkerState {
    enum Phase: Equatable {
        /// Built, not started.
        case created
        /// Claiming and running jobs.
        case running
        /// No longer claiming; running jobs finish.
        case stopping
        /// Every job has finished and the loops have ended.
        case stopped
    }

    private let condition = NSCondition()
    private var phase = Phase.created
    /// The job each slot runs; nil for a free slot.
    private var slots: [Int64?]

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
            case .running: phase = .stopping; return true
            case .created: phase = .stopped; return true
            case .stopping, .stopped: return false
            }
        }
    }

    /// stopping → stopped, once every job has finished.
    func markStopped() {
        changing { phase = .stopped }
    }

    var currentPhase: Phase { locked { phase } }

    /// Whether the claim loop should go on claiming.
    var isClaiming: Bool { locked { phase == .running } }

    /// Jobs running now.
    var runningJobIDs: [Int64] { locked { slots.compactMap { $0 } } }

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
    /// - Returns: the slot's index.
    /// - Important: call only with a free slot available (the claim asks for at most the free slots).
    func occupySlot(with jobID: Int64) -> Int {
        changing {
            guard let index = slots.firstIndex(where: { $0 == nil }) else {
                preconditionFailure("claimed more jobs than free slots")
            }
            slots[index] = jobID
            return index
        }
    }

    /// Frees a slot after its job ended (completed, failed, or lease lost).
    func releaseSlot(_ index: Int) {
        changing { slots[index] = nil }
    }

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
