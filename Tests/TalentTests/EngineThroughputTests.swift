import Foundation
import Talent
import Testing

/// Places a synthetic city in memory and plans succession, printing employees per second. The suite runs 5,000
/// employees; for the figure run it in release with 100,000:
/// `TALENT_BENCH_EMPLOYEES=100000 swift test -c release --filter EngineThroughput`.
/// It asserts results, never a duration (shared machines vary); it prints wall time and this thread's CPU time, which a
/// busy machine inflates less.
@Suite("Engine throughput")
struct EngineThroughputTests {
    @Test("place a synthetic city and plan its succession")
    func throughput() throws {
        let count = ProcessInfo.processInfo.environment["TALENT_BENCH_EMPLOYEES"].flatMap(Int.init) ?? 5_000
        var random = RandomEmployees(rng: SeededGenerator(seed: 42))
        var inputs: [EmployeeInput] = []
        inputs.reserveCapacity(count)
        for index in 0..<count {
            var (input, _) = random.employee(index: index)
            input.employee.nip = String(100_000_000_000_000_000 + index)
            inputs.append(input)
        }
        let targets = (0..<30).map {
            Position(code: "T\($0)", unitCode: "U", title: "", kind: [.pengawas, .administrator, .jptPratama][$0 % 3],
                     jenjang: nil, critical: $0 % 5 == 0)
        }
        let organisation = Organisation(units: [Unit(code: "U", name: "Kota", parentCode: nil)],
                                        positions: RandomEmployees.positions + targets)
        let clock = ContinuousClock()
        var placements: [Placement] = []
        let cpuBefore = Self.threadCPUSeconds()
        let placing = try clock.measure {
            placements = try TalentEngine.assess(batch: inputs, organisation: organisation, context: Sample.context,
                                                 rules: .default)
        }
        let cpu = Self.threadCPUSeconds() - cpuBefore
        let employees = Dictionary(uniqueKeysWithValues: inputs.map { ($0.employee.nip, $0.employee) })
        var plans: [SuccessionPlan] = []
        let planning = clock.measure {
            let candidates = placements.map { CandidateFacts(placement: $0, employee: employees[$0.nip]!) }
            plans = SuccessionPlanner.plan(organisation: organisation,
                                           holders: PositionHolder.holders(of: inputs.map(\.employee)),
                                           candidates: candidates, context: Sample.context, rules: .default)
        }
        let seconds = Double(placing.components.seconds) + Double(placing.components.attoseconds) / 1e18
        print("engine throughput: placed \(placements.count) of \(count) employees in \(placing) wall, "
              + "\(cpu) s CPU, \(Int(Double(count) / max(seconds, 1e-9))) employees/s (wall); "
              + "succession for \(plans.count) targets in \(planning)")
        let assessedStates = Set(RuleSet.default.assessedStates)
        #expect(placements.count == inputs.filter { assessedStates.contains($0.employee.state) }.count)
        #expect(Set(plans.map(\.target.positionCode)).isSuperset(of: targets.map(\.code)))
        #expect(plans.allSatisfy { !$0.candidates.isEmpty || $0.flags == [.noSuccessor] })
    }

    /// CPU time consumed by the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
