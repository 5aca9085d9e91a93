/// An employee who holds a position, for finding target positions (DOMAIN.md §8): every accepted employee outside
/// PENSIUN and BERHENTI holds its position (CLTN and suspended holders too).
public struct PositionHolder: Hashable, Codable, Sendable {
    public var nip: String
    public var positionCode: String
    public var birthDate: CivilDate

    public init(nip: String, positionCode: String, birthDate: CivilDate) {
        self.nip = nip
        self.positionCode = positionCode
        self.birthDate = birthDate
    }

    /// The holders among `employees`: those whose state still holds a position.
    public static func holders(of employees: [Employee]) -> [PositionHolder] {
        employees.filter(\.state.holdsPosition).map {
            PositionHolder(nip: $0.nip, positionCode: $0.positionCode, birthDate: $0.birthDate)
        }
    }
}

/// What succession planning needs to know of one assessed employee, as plain values: the placement's scores and pool
/// membership plus the employee facts used for ties and gaps. The database job builds these from stored placements
/// and employee rows; `init(placement:employee:)` builds them in memory.
public struct CandidateFacts: Hashable, Codable, Sendable {
    public var nip: String
    /// T of the placement.
    public var targetLevel: StructuralLevel
    /// Pool member (KRS instansi) for T.
    public var isPoolMember: Bool
    /// kinerja_score; candidates are pool members, who are always placed.
    public var kinerjaScore: Score
    public var potensiScore: Score
    /// The position held now (its kind and OPD matter).
    public var positionCode: String
    public var golongan: Golongan
    public var golonganSince: CivilDate?
    public var cpnsDate: CivilDate?
    /// The highest education counted at D, nil without one.
    public var highestEducation: EducationLevel?
    /// The best leadership training ended on or before D, nil without one.
    public var bestLeadership: LeadershipTraining?
    public var birthDate: CivilDate
    /// The date the current level was reached.
    public var positionSince: CivilDate

    public init(nip: String, targetLevel: StructuralLevel, isPoolMember: Bool, kinerjaScore: Score, potensiScore: Score,
                positionCode: String, golongan: Golongan, golonganSince: CivilDate?, cpnsDate: CivilDate?,
                highestEducation: EducationLevel?, bestLeadership: LeadershipTraining?, birthDate: CivilDate,
                positionSince: CivilDate) {
        self.nip = nip
        self.targetLevel = targetLevel
        self.isPoolMember = isPoolMember
        self.kinerjaScore = kinerjaScore
        self.potensiScore = potensiScore
        self.positionCode = positionCode
        self.golongan = golongan
        self.golonganSince = golonganSince
        self.cpnsDate = cpnsDate
        self.highestEducation = highestEducation
        self.bestLeadership = bestLeadership
        self.birthDate = birthDate
        self.positionSince = positionSince
    }

    /// The facts of a placement and its employee row; education and leadership come from the placement's
    /// explanation (as counted at the review's D). An unplaced employee gets kinerja 0 (it is never a pool member).
    public init(placement: Placement, employee: Employee) {
        let candidate = placement.explanation.candidate
        self.init(nip: placement.nip, targetLevel: placement.targetLevel, isPoolMember: placement.isPoolMember,
                  kinerjaScore: placement.kinerjaScore ?? .zero, potensiScore: placement.potensiScore,
                  positionCode: employee.positionCode, golongan: employee.golongan,
                  golonganSince: employee.golonganSince, cpnsDate: employee.cpnsDate,
                  highestEducation: candidate.highestEducation, bestLeadership: candidate.bestLeadership,
                  birthDate: employee.birthDate, positionSince: employee.positionSince)
    }
}
