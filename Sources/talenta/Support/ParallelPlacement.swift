import Dispatch
import Foundation
import Synchronization
import Talent

/// Places a validated folder's employees on every core: the employees are split into one contiguous slice per
/// core, each slice goes through `TalentEngine.assess(batch:…)` on its own thread (the engine is pure and takes
/// values, so slices share nothing), and the placements are merged back into NIP order.
///
/// The result is exactly `Review.place(input, …)`'s; only the wall time differs (the database worker gets the same
/// parallelism from its concurrent batches).
enum ParallelPlacement {
    /// - Parameters:
    ///   - input: the validated folder.
    ///   - context: Y and D.
    ///   - rules: a rule set that passed `validate()`.
    ///   - slices: how many threads to use (default: the machine's active processors).
    /// - Returns: one placement per assessed employee, in NIP order.
    /// - Throws: `EngineError` for the first slice that fails (an employee whose position is unknown).
    static func place(_ input: ValidatedInput, context: ReviewContext, rules: RuleSet,
                      slices: Int = System.activeProcessors) throws(EngineError) -> [Placement] {
        let employees = input.employees
        let count = max(1, min(slices, employees.count / 1_000))
        guard count > 1 else { return try Review.place(input, context: context, rules: rules) }
        let organisation = input.organisation
        let outcomes = Mutex<[Int: Result<[Placement], EngineError>]>([:])
        DispatchQueue.concurrentPerform(iterations: count) { slice in
            let lower = employees.count * slice / count
            let upper = employees.count * (slice + 1) / count
            let outcome = Result { () throws(EngineError) -> [Placement] in
                try TalentEngine.assess(batch: Array(employees[lower..<upper]), organisation: organisation,
                                        context: context, rules: rules)
            }
            outcomes.withLock { $0[slice] = outcome }
        }
        var placements: [Placement] = []
        placements.reserveCapacity(employees.count)
        for slice in 0..<count {
            placements += try outcomes.withLock { $0[slice]! }.get()
        }
        placements.sort { $0.nip.utf8.lexicographicallyPrecedes($1.nip.utf8) }  // the engine's NIP order
        return placements
    }
}

/// The machine's processors, for sizing parallel work.
enum System {
    static var activeProcessors: Int { ProcessInfo.processInfo.activeProcessorCount }
}
