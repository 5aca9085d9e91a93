import Talent
import TestThreads
import Testing

/// The bounded ranking of `SuccessionShortlist` against the plain definition of DOMAIN.md §8, written out here: sort
/// every candidate of the level, put the target's OPD first (own-OPD-first levels), keep the first k.
@Suite("Succession shortlist: bounded ranking equals a full sort", .ownThread)
struct SuccessionShortlistTests {
    static let opds = ["O1", "O2", "O3", "O4", "O5"]

    /// Five OPDs with a sub-unit each, and a unit under a missing parent (no OPD). Every unit has posts of every
    /// structural kind and a staff post; nobody holds the structural posts, so every one of them is a target.
    static let organisation: Organisation = {
        var units = opds.flatMap { [Unit(code: $0, name: $0, parentCode: nil),
                                    Unit(code: "\($0)-1", name: "\($0)-1", parentCode: $0)] }
        units.append(Unit(code: "X-1", name: "X-1", parentCode: "X"))
        let kinds: [PositionKind] = [.pengawas, .administrator, .jptPratama, .pelaksana]
        let positions = units.flatMap { unit in
            kinds.map { kind in
                Position(code: "\(unit.code)-\(kind.rawValue)", unitCode: unit.code, title: kind.rawValue,
                         kind: kind, jenjang: nil, critical: false)
            }
        }
        return Organisation(units: units, positions: positions)
    }()

    static let positionCodes = organisation.positions.keys.sorted()

    struct Member {
        let facts: CandidateFacts
        let key: Int
    }

    /// A pool of `size` employees drawn from small domains so every tie-breaker decides somewhere, with a third of
    /// them exact copies of an earlier one under another NIP (ties down to the NIP), members skewed to the first OPDs
    /// (so some OPDs have fewer than k candidates or none), and about one in six not a pool member.
    static func pool(size: Int, using random: inout SeededGenerator) -> [Member] {
        let scores = ["70.00", "75.50", "80.00", "85.00", "90.00"]
        let dates: [CivilDate?] = [nil, CivilDate(iso: "2019-04-01"), CivilDate(iso: "2021-10-01")]
        let educations: [EducationLevel?] = [nil, .d3, .s1, .d4, .s2]
        var nips = (0..<size).map { "19900101" + String(1_000_000 + $0 * 7) }
        nips.shuffle(using: &random)
        var members: [Member] = []
        for index in 0..<size {
            // Skewed to the first OPDs; one in twelve in the unit without an OPD.
            let unit = Int.random(in: 0..<12, using: &random) == 0 ? "X-1"
                : opds[Int.random(in: 0...Int.random(in: 0..<opds.count, using: &random), using: &random)]
                    + ["", "-1"].randomElement(using: &random)!
            let position = positionCodes.filter { organisation.positions[$0]!.unitCode == unit }
                .randomElement(using: &random)!
            if let original = members.randomElement(using: &random), Int.random(in: 0..<3, using: &random) == 0 {
                let o = original.facts
                members.append(Member(facts: CandidateFacts(
                    nip: nips[index], targetLevel: o.targetLevel, isPoolMember: o.isPoolMember,
                    kinerjaScore: o.kinerjaScore, potensiScore: o.potensiScore, positionCode: position,
                    golongan: o.golongan, golonganSince: o.golonganSince, cpnsDate: o.cpnsDate,
                    highestEducation: o.highestEducation, bestLeadership: o.bestLeadership, birthDate: o.birthDate,
                    positionSince: o.positionSince), key: index))
                continue
            }
            members.append(Member(facts: CandidateFacts(
                nip: nips[index], targetLevel: StructuralLevel.allCases.randomElement(using: &random)!,
                isPoolMember: Int.random(in: 0..<6, using: &random) > 0,
                kinerjaScore: Score(decimal: scores.randomElement(using: &random)!)!,
                potensiScore: Score(decimal: scores.randomElement(using: &random)!)!, positionCode: position,
                golongan: Golongan(pns: ["III/a", "III/b", "IV/a"].randomElement(using: &random)!)!,
                golonganSince: dates.randomElement(using: &random)!, cpnsDate: dates.randomElement(using: &random)!,
                highestEducation: educations.randomElement(using: &random)!, bestLeadership: nil,
                birthDate: Sample.date(["1980-05-05", "1982-01-01"].randomElement(using: &random)!),
                positionSince: Sample.date("2020-01-02")), key: index))
        }
        return members
    }

    /// DOMAIN.md §8's order as one sort key: higher nilai, potensi, kinerja, golongan; earlier golongan date and CPNS
    /// date (missing last); higher education (none lowest); earlier birth date; then lower NIP.
    static func sortKey(_ facts: CandidateFacts, rules: RuleSet) -> ([Int], String) {
        let nilai = Score.weightedSum([(rules.succession.nilaiKinerjaWeight, facts.kinerjaScore),
                                       (rules.succession.nilaiPotensiWeight, facts.potensiScore)])
        func missingLast(_ date: CivilDate?) -> [Int] { date.map { [0, $0.dayNumber] } ?? [1, 0] }
        let numbers = [-nilai.hundredths, -facts.potensiScore.hundredths, -facts.kinerjaScore.hundredths,
                       -facts.golongan.ordinal] + missingLast(facts.golonganSince) + missingLast(facts.cpnsDate)
            + [-(facts.highestEducation?.rank ?? 0), facts.birthDate.dayNumber]
        return (numbers, facts.nip)
    }

    /// The kept (NIP, from own OPD, key) of `target` by the plain definition.
    static func expected(_ pool: [Member], target: TargetPosition, rules: RuleSet) -> [[String]] {
        let candidates = pool.filter {
            $0.facts.isPoolMember && $0.facts.targetLevel == target.level
                && organisation.positions[$0.facts.positionCode]?.kind != target.level.positionKind
        }.map { (key: sortKey($0.facts, rules: rules), member: $0) }.sorted { a, b in
            a.key.0 != b.key.0 ? a.key.0.lexicographicallyPrecedes(b.key.0) : a.key.1 < b.key.1
        }.map(\.member)
        let opd = { (member: Member) in organisation.opdCode(ofPosition: member.facts.positionCode) }
        var ordered = candidates
        if rules.succession.ownOPDFirstLevels.contains(target.level), let own = target.opdCode {
            ordered = candidates.filter { opd($0) == own } + candidates.filter { opd($0) != own }
        }
        return ordered.prefix(max(rules.succession.candidatesKept, 0)).map { member in
            [member.facts.nip, String(target.opdCode != nil && opd(member) == target.opdCode), String(member.key)]
        }
    }

    @Test("random pools with ties, small OPDs and every own-OPD-first setting, k = 0, 1, 3, 5",
          arguments: [0, 1, 3, 5])
    func matchesFullSort(kept: Int) throws {
        var random = SeededGenerator(seed: 0x5EC0_0000 + UInt64(kept))
        let settings: [[StructuralLevel]] = [[], [.pengawas], [.pengawas, .administrator],
                                             [.pengawas, .administrator, .jptPratama], [.jptPratama]]
        var comparedCandidates = 0
        for round in 0..<120 {
            let size = [0, 1, 2, 5, 12, 40, 150][round % 7]
            let pool = Self.pool(size: size, using: &random)
            for levels in settings {
                var rules = RuleSet.default
                rules.succession.candidatesKept = kept
                rules.succession.ownOPDFirstLevels = levels
                var shortlist = SuccessionShortlist<Int>(organisation: Self.organisation, rules: rules)
                for member in pool.shuffled(using: &random) { shortlist.add(member.facts, key: member.key) }
                let plans = shortlist.plans(holders: [], context: Sample.context)
                #expect(plans.map(\.plan.target) == SuccessionPlanner.targets(
                    organisation: Self.organisation, holders: [], context: Sample.context, rules: rules))
                for keyed in plans {
                    let plan = keyed.plan
                    let got = zip(plan.candidates, keyed.candidateKeys).map { candidate, key in
                        [candidate.nip, String(candidate.fromOwnOPD), String(key)]
                    }
                    let want = Self.expected(pool, target: plan.target, rules: rules)
                    #expect(got == want, "round \(round), size \(size), levels \(levels), \(plan.target.positionCode)")
                    #expect(plan.candidates.map(\.rank) == plan.candidates.indices.map { $0 + 1 })
                    #expect((plan.flags == [.noSuccessor]) == plan.candidates.isEmpty)
                    comparedCandidates += got.count
                }
            }
        }
        // The comparison is not vacuous: with k > 0 plenty of candidates were ranked and checked.
        #expect((comparedCandidates > 1_000) == (kept > 0))
    }

    @Test("a large pool: the shortlist's plans equal the full sort's for every target")
    func largePool() {
        var random = SeededGenerator(seed: 20_260_331)
        let pool = Self.pool(size: 20_000, using: &random)
        var shortlist = SuccessionShortlist<Int>(organisation: Self.organisation, rules: .default)
        for member in pool { shortlist.add(member.facts, key: member.key) }
        let plans = shortlist.plans(holders: [], context: Sample.context)
        #expect(plans.count == Self.organisation.positions.values.filter { $0.kind.structuralLevel != nil }.count)
        for keyed in plans {
            let got = zip(keyed.plan.candidates, keyed.candidateKeys).map { candidate, key in
                [candidate.nip, String(candidate.fromOwnOPD), String(key)]
            }
            #expect(got == Self.expected(pool, target: keyed.plan.target, rules: .default),
                    "\(keyed.plan.target.positionCode)")
            #expect(got.count == 3)
        }
    }
}
