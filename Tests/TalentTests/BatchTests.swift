import Talent
import TestThreads
import Testing

/// A batch (the database job's 500 employees, or a whole city in memory) gives exactly what assessing each employee
/// alone gives, in NIP order, with the succession plans every target needs. The engine's speed is measured by
/// `talenta review-folder` on a demo city, not here.
@Suite("Engine batches", .ownThread)
struct BatchTests {
    /// 2,000 random employees with unique 18-digit NIPs, and 30 target positions above them.
    static func city() -> (inputs: [EmployeeInput], organisation: Organisation, targets: [Position]) {
        var random = RandomEmployees(rng: SeededGenerator(seed: 42))
        var inputs: [EmployeeInput] = []
        for index in 0..<2_000 {
            var (input, _) = random.employee(index: index)
            // Reverse order, so the batch has to sort.
            input.employee.nip = String(199_999_999_999_999_999 - index * 7_919)
            inputs.append(input)
        }
        let targets = (0..<30).map {
            Position(code: "T\($0)", unitCode: "U", title: "", kind: [.pengawas, .administrator, .jptPratama][$0 % 3],
                     jenjang: nil, critical: $0 % 5 == 0)
        }
        let organisation = Organisation(units: [Unit(code: "U", name: "Kota", parentCode: nil)],
                                        positions: RandomEmployees.positions + targets)
        return (inputs, organisation, targets)
    }

    @Test("a batch equals assessing each employee alone (fingerprints included), in NIP order")
    func batchEqualsSingles() throws {
        let (inputs, organisation, _) = Self.city()
        let placements = try TalentEngine.assess(batch: inputs, organisation: organisation, context: Sample.context,
                                                 rules: .default)
        let singles = try inputs.sorted { $0.employee.nip < $1.employee.nip }.compactMap { input in
            try TalentEngine.assess(input, position: #require(organisation.positions[input.employee.positionCode]),
                                    context: Sample.context, rules: .default)
        }
        let assessedStates = Set(RuleSet.default.assessedStates)
        #expect(placements.count == inputs.filter { assessedStates.contains($0.employee.state) }.count)
        #expect(placements == singles)
        #expect(placements.map(\.nip) == placements.map(\.nip).sorted())
        #expect(Set(placements.map(\.fingerprint)).count == placements.count)
    }

    @Test("NIPs that are not 18 digits still come out in text order")
    func textOrder() throws {
        let (inputs, organisation, _) = Self.city()
        var mixed = Array(inputs.prefix(50))
        mixed[3].employee.nip = "19"
        mixed[7].employee.nip = "2"
        mixed[11].employee.nip = "1999999999999999999"
        let placements = try TalentEngine.assess(batch: mixed, organisation: organisation, context: Sample.context,
                                                 rules: .default)
        #expect(placements.map(\.nip) == placements.map(\.nip).sorted())
    }

    @Test("every target position gets a plan: ranked candidates, or the NO_SUCCESSOR flag")
    func succession() throws {
        let (inputs, organisation, targets) = Self.city()
        let placements = try TalentEngine.assess(batch: inputs, organisation: organisation, context: Sample.context,
                                                 rules: .default)
        let employees = Dictionary(uniqueKeysWithValues: inputs.map { ($0.employee.nip, $0.employee) })
        var shortlist = SuccessionShortlist<Void>(organisation: organisation, rules: .default)
        for placement in placements {
            shortlist.add(CandidateFacts(placement: placement, employee: try #require(employees[placement.nip])))
        }
        let plans = shortlist.plans(holders: PositionHolder.holders(of: inputs.map(\.employee)),
                                    context: Sample.context).map(\.plan)
        #expect(Set(plans.map(\.target.positionCode)).isSuperset(of: targets.map(\.code)))
        #expect(plans.allSatisfy { !$0.candidates.isEmpty || $0.flags == [.noSuccessor] })
    }
}
