import Talent

/// Synthetic inputs for focused tests: the CASES.md base profile at D = 2026-03-31 (PNS, AKTIF, S1, III/b since
/// 2022-04-01, CPNS 2010-03, at the level since 2020-01-02, 24 JP in 2024 and 2025, BAIK in 2024 and 2025), so
/// RJ against PENGAWAS is 76.00 and potensi with a JPM A is 0.67 × A + 25.08.
enum Sample {
    static let d = date("2026-03-31")
    static let context = ReviewContext(referenceDate: d)
    static let rules = RuleSet.default

    static func date(_ text: String) -> CivilDate {
        guard let value = CivilDate(iso: text) else { preconditionFailure("bad test date \(text)") }
        return value
    }

    static let staff = Position(code: "BPKAD-010", unitCode: "BPKAD-SEK", title: "Pengadministrasi", kind: .pelaksana,
                                jenjang: nil, critical: false)

    static func employee(nip: String = "198501012010031001", birth: String = "1985-01-01",
                         status: EmployeeStatus = .pns, state: EmployeeState = .aktif, golongan: String = "III/b",
                         golonganSince: String? = "2022-04-01", cpns: String? = "2010-03-01",
                         position: String = "BPKAD-010", since: String = "2020-01-02") -> Employee {
        Employee(nip: nip, name: "Contoh", sex: .l, birthDate: date(birth), status: status, state: state,
                 golongan: Golongan(notation: golongan, status: status)!, golonganSince: golonganSince.map(date),
                 cpnsDate: cpns.map(date), positionCode: position, positionSince: date(since))
    }

    static func skp(_ year: Int, _ predicate: PerformancePredicate) -> PerformanceRecord {
        PerformanceRecord(year: year, predicate: predicate, score: nil)
    }

    static func jpm(_ value: String, on day: String = "2025-06-15") -> AssessmentRecord {
        AssessmentRecord(assessedOn: date(day), method: .assessmentCenter, jpmPercent: Score(decimal: value)!, levels: nil)
    }

    static func input(_ employee: Employee = employee(), performance: [PerformanceRecord]? = nil,
                      assessments: [AssessmentRecord] = [], education: [EducationRecord]? = nil,
                      training: [TrainingRecord]? = nil, awards: [AwardRecord] = [], penalties: [PenaltyRecord] = [],
                      otherScores: [OtherScoreRecord] = [], invalidRows: [InvalidRow] = []) -> EmployeeInput {
        EmployeeInput(
            employee: employee,
            education: education ?? [EducationRecord(level: .s1, graduatedOn: date("2007-08-30"))],
            training: training ?? [
                TrainingRecord(kind: "TEKNIS", endedOn: date("2024-05-10"), hours: Score(24)),
                TrainingRecord(kind: "TEKNIS", endedOn: date("2025-05-10"), hours: Score(24)),
            ],
            performance: performance ?? [skp(2025, .baik), skp(2024, .baik)],
            assessments: assessments, awards: awards, penalties: penalties, otherScores: otherScores,
            invalidRows: invalidRows)
    }

    static func assess(_ input: EmployeeInput, position: Position = staff, context: ReviewContext = context,
                       rules: RuleSet = rules) throws -> Placement {
        let placement = try TalentEngine.assess(input, position: position, context: context, rules: rules)
        guard let placement else { throw SampleError.notAssessed }
        return placement
    }

    enum SampleError: Error { case notAssessed }
}
