/// An accepted row of employees.csv (DOMAIN.md §10, §11): every required field present and valid at import.
public struct Employee: Hashable, Codable, Sendable {
    /// NIP (PNS, CPNS) or NI PPPK: 18 digits, birth date first.
    public var nip: String
    /// Full name. Never logged: logs name an employee by NIP.
    public var name: String
    public var sex: Sex
    /// The stored birth date; it wins over the NIP's digits (a disagreement is flagged NIP_MISMATCH).
    public var birthDate: CivilDate
    public var status: EmployeeStatus
    public var state: EmployeeState
    public var golongan: Golongan
    /// Since when the current golongan is held; optional (a missing date sorts last in succession ties).
    public var golonganSince: CivilDate?
    /// CPNS appointment date; required for PNS and CPNS, optional for PPPK.
    public var cpnsDate: CivilDate?
    /// The position currently held.
    public var positionCode: String
    /// The date the employee reached the current level (DOMAIN.md §11).
    public var positionSince: CivilDate

    public init(nip: String, name: String, sex: Sex, birthDate: CivilDate, status: EmployeeStatus, state: EmployeeState,
                golongan: Golongan, golonganSince: CivilDate?, cpnsDate: CivilDate?, positionCode: String,
                positionSince: CivilDate) {
        self.nip = nip
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.status = status
        self.state = state
        self.golongan = golongan
        self.golonganSince = golonganSince
        self.cpnsDate = cpnsDate
        self.positionCode = positionCode
        self.positionSince = positionSince
    }

    /// Whether the NIP's dates disagree with the stored ones (DOMAIN.md §10, flag NIP_MISMATCH): digits 1–8 against
    /// the birth date, and for PNS/CPNS digits 9–14 against the CPNS date's year and month (a PNS/CPNS without a CPNS
    /// date compares the birth date only). NI PPPK digits 9–14 are never read as a CPNS date.
    public var nipDisagreesWithRecord: Bool {
        let digits = Array(nip.utf8)
        guard digits.count == 18 else { return false }
        if CivilDate(compact: digits[0..<8]) != birthDate { return true }
        if status.isPNSCareer, let cpnsDate {
            let year = Int(String(decoding: digits[8..<12], as: UTF8.self))
            let month = Int(String(decoding: digits[12..<14], as: UTF8.self))
            return year != cpnsDate.year || month != cpnsDate.month
        }
        return false
    }
}
