import Talent
import TestThreads
import Testing

@Suite("Succession: DOMAIN.md §8", .ownThread)
struct SuccessionTests {
    static let units = [
        Unit(code: "A", name: "OPD A", parentCode: nil), Unit(code: "A-1", name: "Bidang", parentCode: "A"),
        Unit(code: "B", name: "OPD B", parentCode: nil),
    ]
    static func position(_ code: String, _ unit: String, _ kind: PositionKind, jenjang: Jenjang? = nil,
                         critical: Bool = false) -> Position {
        Position(code: code, unitCode: unit, title: code, kind: kind, jenjang: jenjang, critical: critical)
    }
    static let organisation = Organisation(units: units, positions: [
        position("A-PENG", "A-1", .pengawas), position("A-ADM", "A-1", .administrator),
        position("A-JPT", "A", .jptPratama), position("A-STAF", "A-1", .pelaksana),
        position("B-PENG", "B", .pengawas), position("B-STAF", "B", .pelaksana),
        position("B-ADM", "B", .administrator, critical: true),
    ])

    /// A pool member targeting PENGAWAS, ready now against PENGAWAS (S1, III/b, 6 years, PKP).
    static func facts(_ nip: String, position: String = "A-STAF", kinerja: Int = 80, potensi: String = "85.00",
                      target: StructuralLevel = .pengawas, member: Bool = true, golongan: String = "III/b",
                      golonganSince: String? = "2022-04-01", cpns: String? = "2010-03-01",
                      education: EducationLevel? = .s1, leadership: LeadershipTraining? = .pkp,
                      birth: String = "1985-01-01", since: String = "2020-01-02") -> CandidateFacts {
        CandidateFacts(nip: nip, targetLevel: target, isPoolMember: member, kinerjaScore: Score(kinerja),
                       potensiScore: Score(decimal: potensi)!, positionCode: position,
                       golongan: Golongan(pns: golongan)!, golonganSince: golonganSince.map(Sample.date),
                       cpnsDate: cpns.map(Sample.date), highestEducation: education, bestLeadership: leadership,
                       birthDate: Sample.date(birth), positionSince: Sample.date(since))
    }

    static func holder(_ position: String, birth: String = "1980-01-01") -> PositionHolder {
        PositionHolder(nip: "1", positionCode: position, birthDate: Sample.date(birth))
    }

    /// Every structural post held by someone young, so only the ones a test frees are targets.
    static let allHeld = ["A-PENG", "A-ADM", "A-JPT", "B-PENG", "B-ADM"].map { holder($0) }

    /// The plans of `candidates` fed one by one into a `SuccessionShortlist`, as the review and the job do.
    static func plans(_ candidates: [CandidateFacts], holders: [PositionHolder] = allHeld,
                      rules: RuleSet = .default) -> [SuccessionPlan] {
        var shortlist = SuccessionShortlist<Void>(organisation: organisation, rules: rules)
        for facts in candidates { shortlist.add(facts) }
        return shortlist.plans(holders: holders, context: Sample.context).map(\.plan)
    }

    func plan(_ candidates: [CandidateFacts], holders: [PositionHolder] = allHeld) -> [SuccessionPlan] {
        Self.plans(candidates, holders: holders)
    }

    func plan(for code: String, _ candidates: [CandidateFacts], holders: [PositionHolder]) -> SuccessionPlan? {
        plan(candidates, holders: holders).first { $0.target.positionCode == code }
    }

    func vacating(_ code: String) -> [PositionHolder] { Self.allHeld.filter { $0.positionCode != code } }

    @Test("targets: vacant, holder's BUP on or before D + 2 years, critical; suspended holders still hold")
    func targets() {
        var holders = vacating("A-PENG")
        holders.removeAll { $0.positionCode == "A-ADM" }
        holders.append(Self.holder("A-ADM", birth: "1970-03-31")) // 58 on 2028-03-31 = D + 2 years
        holders.removeAll { $0.positionCode == "B-PENG" }
        holders.append(Self.holder("B-PENG", birth: "1970-04-01")) // one day late
        holders.removeAll { $0.positionCode == "A-JPT" }
        holders.append(Self.holder("A-JPT", birth: "1968-03-31")) // 60 on 2028-03-31
        let targets = SuccessionPlanner.targets(organisation: Self.organisation, holders: holders,
                                                context: Sample.context, rules: .default)
        #expect(targets.map(\.positionCode) == ["A-ADM", "A-JPT", "A-PENG", "B-ADM"])
        #expect(targets.first { $0.positionCode == "A-PENG" }?.reasons == [.vacant])
        #expect(targets.first { $0.positionCode == "A-ADM" }?.reasons == [.holderRetiring])
        #expect(targets.first { $0.positionCode == "B-ADM" }?.reasons == [.critical])
        #expect(targets.first { $0.positionCode == "A-PENG" }?.opdCode == "A")
        let employees = [Sample.employee(state: .diberhentikanSementara, position: "A-PENG"),
                         Sample.employee(nip: "198501012010031002", state: .pensiun, position: "B-PENG")]
        let fromEmployees = PositionHolder.holders(of: employees)
        #expect(fromEmployees.map(\.positionCode) == ["A-PENG"])
    }

    @Test("candidates: pool members with T = L who do not hold a post of kind L")
    func eligibility() {
        let candidates = [
            Self.facts("1"), Self.facts("2", member: false), Self.facts("3", target: .administrator),
            Self.facts("4", position: "B-PENG"),
        ]
        let result = plan(for: "A-PENG", candidates, holders: vacating("A-PENG"))
        #expect(result?.candidates.map(\.nip) == ["1"])
        let admin = plan(for: "A-ADM", [Self.facts("5", position: "A-PENG", target: .administrator)],
                         holders: vacating("A-ADM"))
        #expect(admin?.candidates.map(\.nip) == ["5"])
    }

    @Test("PENGAWAS and ADMINISTRATOR: own OPD first, then the city; JPT_PRATAMA: the whole city alike")
    func ownOPDFirst() {
        let candidates = [Self.facts("1", position: "B-STAF", potensi: "99.00"), Self.facts("2", potensi: "70.00")]
        let pengawas = plan(for: "A-PENG", candidates, holders: vacating("A-PENG"))
        #expect(pengawas?.candidates.map(\.nip) == ["2", "1"])
        #expect(pengawas?.candidates.map(\.fromOwnOPD) == [true, false])
        let jpt = [Self.facts("3", position: "B-ADM", potensi: "99.00", target: .jptPratama),
                   Self.facts("4", position: "A-ADM", potensi: "70.00", target: .jptPratama)]
        #expect(plan(for: "A-JPT", jpt, holders: vacating("A-JPT"))?.candidates.map(\.nip) == ["3", "4"])
    }

    @Test("tie-breakers, each deciding alone", arguments: [
        ("nilai", facts("2", kinerja: 84), facts("1")),
        ("potensi", facts("2", kinerja: 76, potensi: "89.00"), facts("1", kinerja: 80, potensi: "85.00")),
        ("golongan", facts("2", golongan: "III/c"), facts("1")),
        ("golongan date", facts("2", golonganSince: "2021-04-01"), facts("1")),
        ("missing golongan date sorts last", facts("2"), facts("1", golonganSince: nil)),
        ("CPNS date", facts("2", cpns: "2008-03-01"), facts("1")),
        ("missing CPNS date sorts last", facts("2"), facts("1", cpns: nil)),
        ("education", facts("2", education: .s2), facts("1")),
        ("birth date", facts("2", birth: "1984-12-31"), facts("1")),
        ("NIP", facts("1"), facts("2")),
    ] as [(String, CandidateFacts, CandidateFacts)])
    func tieBreakers(label: String, winner: CandidateFacts, loser: CandidateFacts) {
        for order in [[winner, loser], [loser, winner]] {
            let result = plan(for: "A-PENG", order, holders: vacating("A-PENG"))
            #expect(result?.candidates.map(\.nip) == [winner.nip, loser.nip], "\(label)")
        }
    }

    @Test("tie-break by kinerja when nilai and potensi are equal (a rule set that weighs nilai otherwise)")
    func kinerjaTieBreak() {
        var rules = RuleSet.default
        rules.succession.nilaiKinerjaWeight = .zero
        rules.succession.nilaiPotensiWeight = .one
        let candidates = [Self.facts("1", kinerja: 76), Self.facts("2", kinerja: 80)]
        let plans = Self.plans(candidates, holders: vacating("A-PENG"), rules: rules)
        #expect(plans.first?.candidates.map(\.nip) == ["2", "1"])
        #expect(plans.first?.candidates.first?.nilaiTalenta == Score(85))
    }

    @Test("nilai_talenta is 0.5 kinerja + 0.5 potensi rounded half-up; the first 3 are kept")
    func nilaiAndKeep() {
        let candidates = (1...5).map { Self.facts(String($0), potensi: "80.01") }
        let result = plan(for: "A-PENG", candidates, holders: vacating("A-PENG"))
        #expect(result?.candidates.map(\.rank) == [1, 2, 3])
        #expect(result?.candidates.map(\.nip) == ["1", "2", "3"])
        #expect(result?.candidates.first?.nilaiTalenta.description == "80.01")
    }

    @Test("readiness from the gaps other than PELATIHAN", arguments: [
        ("no gap", facts("1"), Readiness.siapSekarang, [Gap]()),
        ("PELATIHAN only", facts("1", leadership: nil), .siapSekarang, [.pelatihan]),
        ("GOLONGAN one step", facts("1", golongan: "III/a"), .siap1_2Tahun, [.golongan]),
        ("GOLONGAN two steps", facts("1", golongan: "II/d"), .siap3TahunLebih, [.golongan]),
        ("MASA_JABATAN 2 years short", facts("1", since: "2024-01-02"), .siap1_2Tahun, [.masaJabatan]),
        ("MASA_JABATAN 3 years short", facts("1", since: "2025-06-02"), .siap3TahunLebih, [.masaJabatan]),
        ("EDUCATION", facts("1", education: .sma), .siap3TahunLebih, [.education]),
        ("no education", facts("1", education: nil), .siap3TahunLebih, [.education]),
        ("D3 meets PENGAWAS", facts("1", education: .d3), .siapSekarang, []),
        ("both closable, with PELATIHAN", facts("1", golongan: "III/a", leadership: nil, since: "2023-01-02"),
         .siap1_2Tahun, [.golongan, .masaJabatan, .pelatihan]),
    ] as [(String, CandidateFacts, Readiness, [Gap])])
    func readiness(label: String, candidate: CandidateFacts, readiness: Readiness, gaps: [Gap]) {
        let result = plan(for: "A-PENG", [candidate], holders: vacating("A-PENG"))
        #expect(result?.candidates.first?.readiness == readiness, "\(label)")
        #expect(result?.candidates.first?.gaps == gaps, "\(label)")
    }

    @Test("USIA: older than the JPT maximum age (56) cannot be ready in 2 years")
    func usia() {
        let candidate = Self.facts("1", position: "B-ADM", target: .jptPratama, golongan: "IV/b", education: .s2,
                                   leadership: .pknII, birth: "1969-03-31") // 57 at D
        let result = plan(for: "A-JPT", [candidate], holders: vacating("A-JPT"))
        #expect(result?.candidates.first?.gaps == [.usia])
        #expect(result?.candidates.first?.readiness == .siap3TahunLebih)
        let young = Self.facts("1", position: "B-ADM", target: .jptPratama, golongan: "IV/b", education: .s2,
                               leadership: .pknII, birth: "1969-04-01") // 56 at D
        #expect(plan(for: "A-JPT", [young], holders: vacating("A-JPT"))?.candidates.first?.gaps == [])
    }

    @Test("NO_SUCCESSOR: a target without candidates has no rows but its flag")
    func noSuccessor() {
        let result = plan(for: "A-PENG", [Self.facts("1", target: .administrator)], holders: vacating("A-PENG"))
        #expect(result?.candidates.isEmpty == true)
        #expect(result?.flags == [.noSuccessor])
    }

    @Test("NO_READY_NOW when no kept candidate is ready now; none when one is")
    func noReadyNow() {
        let notReady = [Self.facts("1", golongan: "III/a"), Self.facts("2", education: .sma)]
        #expect(plan(for: "A-PENG", notReady, holders: vacating("A-PENG"))?.flags == [.noReadyNow])
        let oneReady = notReady + [Self.facts("3", potensi: "70.00")]
        #expect(plan(for: "A-PENG", oneReady, holders: vacating("A-PENG"))?.flags == [])
    }
}
