import Talent
import TestThreads
import Testing

/// SplitMix64: a small seeded generator so every run sees the same "random" employees.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but well-formed employees around D = 2026-03-31, with rows inside and outside every window.
struct RandomEmployees {
    var rng: SeededGenerator

    static let positions = [
        Position(code: "STAF", unitCode: "U", title: "", kind: .pelaksana, jenjang: nil, critical: false),
        Position(code: "AP", unitCode: "U", title: "", kind: .fungsional, jenjang: .ahliPertama, critical: false),
        Position(code: "AM", unitCode: "U", title: "", kind: .fungsional, jenjang: .ahliMuda, critical: false),
        Position(code: "PENG", unitCode: "U", title: "", kind: .pengawas, jenjang: nil, critical: false),
        Position(code: "ADM", unitCode: "U", title: "", kind: .administrator, jenjang: nil, critical: false),
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    mutating func date(_ from: Int, _ to: Int) -> CivilDate {
        CivilDate(year: int(from...to), month: int(1...12), day: int(1...28))!
    }

    mutating func employee(index: Int, performanceYears: ClosedRange<Int> = 2020...2026) -> (EmployeeInput, Position) {
        let position = pick(Self.positions)
        let birth = date(1966, 1998)
        let nip = String(birth.year) + two(birth.month) + two(birth.day) + "2010031" + String(100 + index % 900)
        let status: EmployeeStatus = pick([.pns, .pns, .pns, .cpns, .pppk])
        let golongan = status == .pppk ? Golongan(pppk: pick(["IX", "X", "XI", "XII"]))!
            : Golongan(pns: pick(["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]))!
        let employee = Employee(
            nip: nip, name: "E\(index)", sex: .l, birthDate: birth, status: status,
            state: pick([.aktif, .aktif, .aktif, .cltn]), golongan: golongan,
            golonganSince: chance(90) ? date(2015, 2025) : nil, cpnsDate: date(1990, 2020), positionCode: position.code,
            positionSince: date(2012, 2026))
        var input = EmployeeInput(employee: employee)
        for _ in 0..<int(0...5) {
            let year = int(performanceYears)
            if chance(80) {
                input.performance.append(PerformanceRecord(year: year, predicate: pick(PerformancePredicate.allCases), score: nil))
            } else {
                input.performance.append(PerformanceRecord(year: year, predicate: nil, score: Score(hundredths: int(0...10_000))))
            }
        }
        for _ in 0..<int(0...2) {
            let day = date(2022, 2026)
            if chance(50) {
                input.assessments.append(AssessmentRecord(assessedOn: day, method: .cact, jpmPercent: nil,
                                                          levels: (0..<9).map { _ in int(1...5) }))
            } else {
                input.assessments.append(AssessmentRecord(assessedOn: day, method: .assessmentCenter,
                                                          jpmPercent: Score(hundredths: int(3000...10_000)), levels: nil))
            }
        }
        if chance(90) { input.education.append(EducationRecord(level: pick(EducationLevel.allCases), graduatedOn: date(1990, 2020))) }
        for _ in 0..<int(0...3) {
            input.training.append(TrainingRecord(kind: pick(["TEKNIS", "PKP", "PKA", "LATSAR", "PKN_II"]),
                                                 endedOn: date(2015, 2026), hours: Score(int(4...60))))
        }
        if chance(20) { input.awards.append(AwardRecord(level: pick(AwardLevel.allCases), awardedOn: date(2019, 2026))) }
        if chance(15) {
            input.penalties.append(PenaltyRecord(level: pick(PenaltyLevel.allCases), decidedOn: date(2019, 2026), endsOn: nil))
        }
        if chance(30) { input.otherScores.append(OtherScoreRecord(year: int(2025...2027), score: Score(int(40...100)))) }
        return (input, position)
    }

    private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

@Suite("Properties over seeded random employees", .ownThread)
struct PropertyTests {
    static let count = 400

    func place(_ input: EmployeeInput, _ position: Position) throws -> Placement {
        try Sample.assess(input, position: position)
    }

    @Test("the box always matches the grid of its two levels, with that box's recommendations")
    func boxMatchesGrid() throws {
        var random = RandomEmployees(rng: SeededGenerator(seed: 1))
        var placed = 0
        for index in 0..<Self.count {
            let (input, position) = random.employee(index: index)
            let placement = try place(input, position)
            guard let box = placement.box, let kinerja = placement.kinerjaLevel else {
                #expect(placement.status == .belumTerpetakan)
                continue
            }
            placed += 1
            #expect(box == Box(kinerja: kinerja, potensi: placement.potensiLevel))
            #expect(box.kinerjaLevel == kinerja && box.potensiLevel == placement.potensiLevel)
            #expect(placement.recommendations == box.recommendations)
            #expect(placement.status == .terpetakan && placement.reason == nil)
            if placement.flags.contains(.tanpaAsesmen) { #expect(placement.potensiLevel != .tinggi) }
            #expect(placement.flags == placement.flags.sorted() && Set(placement.flags).count == placement.flags.count)
        }
        #expect(placed > Self.count / 2)
    }

    @Test("no employee without a valid performance year in Y-4 … Y-1 gets a box")
    func noKinerjaNoBox() throws {
        var random = RandomEmployees(rng: SeededGenerator(seed: 2))
        for index in 0..<Self.count {
            // Years only outside the window: before 2022 or at/after 2026.
            let (input, position) = random.employee(index: index, performanceYears: random.chance(50) ? 2016...2021 : 2026...2027)
            let placement = try place(input, position)
            #expect(placement.box == nil)
            #expect(placement.status == .belumTerpetakan && placement.reason == .noKinerja)
            #expect(placement.kinerjaScore == nil && placement.recommendations.isEmpty)
            #expect(placement.poolBlockers.first == .box && !placement.isPoolMember)
        }
    }

    /// Box numbers grow along both axes (1 < 3 < 6, 2 < 5 < 8, 4 < 7 < 9 and 1 < 2 < 4 ...), so "never lower" is
    /// a comparison of numbers, an unplaced employee counting lowest.
    func notLower(_ before: Placement, _ after: Placement, _ label: String) {
        #expect((after.box?.number ?? 0) >= (before.box?.number ?? 0), "\(label): box \(String(describing: before.box)) → \(String(describing: after.box))")
        #expect(after.potensiLevel >= before.potensiLevel, "\(label)")
        if let old = before.kinerjaLevel { #expect((after.kinerjaLevel ?? .bawah) >= old, "\(label)") }
    }

    /// A legacy score read through the PP 46/2011 bands of the default rule set.
    static func legacyPredicate(_ score: Score?) -> PerformancePredicate {
        guard case let .skpYear(skp) = RuleSet.default.kinerja.indicators[0].measure else { return .sangatKurang }
        return skp.legacyBands.first { (score ?? .zero) >= $0.minimum }?.predicate ?? .sangatKurang
    }

    @Test("a better predicate never lowers the box")
    func betterPredicate() throws {
        var random = RandomEmployees(rng: SeededGenerator(seed: 3))
        var improved = 0
        for index in 0..<Self.count {
            let (input, position) = random.employee(index: index)
            let rows = input.performance.indices.filter {
                input.performance[$0].predicate.map { $0 != .sangatBaik } ?? true
            }
            guard let row = rows.first else { continue }
            var better = input
            let current = input.performance[row].predicate ?? Self.legacyPredicate(input.performance[row].score)
            guard current != .sangatBaik else { continue }
            better.performance[row].predicate = PerformancePredicate.allCases.first { $0 > current }
            improved += 1
            notLower(try place(input, position), try place(better, position), "\(input.employee.nip) predicate")
        }
        #expect(improved > Self.count / 3)
    }

    @Test("a higher competency level never lowers the box")
    func higherCompetency() throws {
        var random = RandomEmployees(rng: SeededGenerator(seed: 4))
        var improved = 0
        for index in 0..<Self.count {
            let (input, position) = random.employee(index: index)
            guard let row = input.assessments.firstIndex(where: { $0.levels?.contains { $0 < 5 } == true }) else { continue }
            var better = input
            let competency = better.assessments[row].levels!.firstIndex { $0 < 5 }!
            better.assessments[row].levels![competency] += 1
            improved += 1
            notLower(try place(input, position), try place(better, position), "\(input.employee.nip) competency")
        }
        #expect(improved > Self.count / 4)
    }

    @Test("a higher education never lowers the box")
    func higherEducation() throws {
        var random = RandomEmployees(rng: SeededGenerator(seed: 5))
        var improved = 0
        for index in 0..<Self.count {
            let (input, position) = random.employee(index: index)
            let current = input.education.map(\.level.rank).max() ?? 0
            guard let higher = EducationLevel.allCases.first(where: { $0.rank > current }) else { continue }
            var better = input
            better.education.append(EducationRecord(level: higher, graduatedOn: Sample.date("2021-01-01")))
            improved += 1
            notLower(try place(input, position), try place(better, position), "\(input.employee.nip) education")
        }
        #expect(improved > Self.count / 2)
    }
}
