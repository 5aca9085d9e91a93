/// Validation of one employees.csv row (DOMAIN.md §10): the first failing reason, in §10's order, with the field and
/// value that broke it.
enum EmployeeValidation {
    private static let requiredFields = [
        "nip", "name", "sex", "birth_date", "status", "state", "golongan", "position_code", "position_since",
    ]
    private static let dateFields = ["birth_date", "golongan_since", "cpns_date", "position_since"]

    /// - Parameters:
    ///   - record: the row.
    ///   - referenceDate: D; a date after it rejects the row.
    ///   - positions: codes of the accepted positions.
    ///   - nipSeen: whether an earlier row of the file had this NIP (looked at only once the NIP is valid).
    /// - Returns: the employee, or the reason the row is rejected.
    static func employee(_ record: RawRecord, referenceDate: CivilDate, positions: Set<String>,
                         nipSeen: Bool) -> Result<Employee, RowRefusal> {
        let statusText = record["status"]
        let status = statusText.flatMap(EmployeeStatus.init(rawValue:))
        // An empty NIP is a missing field, not a malformed one (our reading of §10).
        if let nip = record["nip"], let problem = nipProblem(nip, checksCPNSDate: status?.isPNSCareer == true) {
            return .failure(RowRefusal(.invalidNIP, "nip \(nip) \(problem)"))
        }
        var required = requiredFields
        if status?.isPNSCareer == true { required.append("cpns_date") }
        if let missing = required.first(where: { record[$0] == nil }) {
            return .failure(RowRefusal(.missingField, "\(missing) is empty"))
        }

        var dates: [String: CivilDate] = [:]
        for field in dateFields {
            guard let text = record[field] else { continue }
            guard let date = CivilDate(iso: text) else {
                return .failure(RowRefusal(.invalidDate, "\(field) \(text) is not a date (YYYY-MM-DD)"))
            }
            dates[field] = date
        }
        if let late = dateFields.first(where: { dates[$0].map { $0 > referenceDate } ?? false }) {
            return .failure(RowRefusal(.dateAfterD, "\(late) \(dates[late]!) is after D \(referenceDate)"))
        }
        guard let status else {
            return .failure(RowRefusal(.invalidStatus, "status \(statusText!) is not one of "
                + EmployeeStatus.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard let state = record["state"].flatMap(EmployeeState.init(rawValue:)) else {
            return .failure(RowRefusal(.invalidState, "state \(record["state"]!) is not one of "
                + EmployeeState.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        guard let sex = record["sex"].flatMap(Sex.init(rawValue:)) else {
            return .failure(RowRefusal(.invalidSex, "sex \(record["sex"]!) is not L or P"))
        }
        guard let golongan = record["golongan"].flatMap({ Golongan(notation: $0, status: status) }) else {
            return .failure(RowRefusal(.invalidGolongan, "golongan \(record["golongan"]!) is not a "
                + (status.isPNSCareer ? "PNS golongan (I/a … IV/e)" : "PPPK grade (I … XVII)") + " for \(status.rawValue)"))
        }
        let positionCode = record["position_code"]!
        guard positions.contains(positionCode) else {
            return .failure(RowRefusal(.unknownPosition, "position_code \(positionCode) is not an accepted position"))
        }
        let nip = record["nip"]!
        guard !nipSeen else { return .failure(RowRefusal(.duplicateNIP, "nip \(nip) is on an earlier row")) }
        return .success(Employee(
            nip: nip, name: record["name"]!, sex: sex, birthDate: dates["birth_date"]!, status: status, state: state,
            golongan: golongan, golonganSince: dates["golongan_since"], cpnsDate: dates["cpns_date"],
            positionCode: positionCode, positionSince: dates["position_since"]!))
    }

    /// DOMAIN.md §10 and Fine print: 18 ASCII digits, digits 1–8 a real date, and (PNS, CPNS) digits 9–14 a real
    /// year ≥ 1900 and month. The sex digit (15) is not checked; NI PPPK digits 9–14 are not read.
    static func nipIsValid(_ nip: String, checksCPNSDate: Bool) -> Bool {
        nipProblem(nip, checksCPNSDate: checksCPNSDate) == nil
    }

    /// What is wrong with a NIP under `nipIsValid`'s rules, in words that follow the NIP; nil when it is valid.
    static func nipProblem(_ nip: String, checksCPNSDate: Bool) -> String? {
        let bytes = Array(nip.utf8)
        guard bytes.count == 18, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return "is not 18 digits"
        }
        guard CivilDate(compact: bytes[0..<8]) != nil else { return "does not start with a real birth date" }
        if checksCPNSDate {
            let digit = { (index: Int) in Int(bytes[index] - UInt8(ascii: "0")) }
            let year = digit(8) * 1000 + digit(9) * 100 + digit(10) * 10 + digit(11)
            let month = digit(12) * 10 + digit(13)
            guard year >= 1900, (1...12).contains(month) else {
                return "has no real CPNS year and month in digits 9–14"
            }
        }
        return nil
    }
}

/// Why a row of units.csv, positions.csv or employees.csv is rejected: the §10 reason and the detail (the field and
/// its value; a missing field by name only; never the value of a `name` field).
struct RowRefusal: Error {
    let reason: RejectReason
    let detail: String

    init(_ reason: RejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
