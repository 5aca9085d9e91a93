/// Validation of one employees.csv row (DOMAIN.md §10): the first failing reason, in §10's order.
enum EmployeeValidation {
    private static let requiredFields = [
        "nip", "name", "sex", "birth_date", "status", "state", "golongan", "position_code", "position_since",
    ]
    private static let dateFields = ["birth_date", "golongan_since", "cpns_date", "position_since"]

    /// - Parameters:
    ///   - record: the row.
    ///   - referenceDate: D; a date after it rejects the row.
    ///   - positions: codes of the accepted positions.
    ///   - seenNIPs: NIPs of the earlier rows of the file.
    /// - Returns: the employee, or the reason the row is rejected.
    static func employee(_ record: RawRecord, referenceDate: CivilDate, positions: Set<String>,
                         seenNIPs: Set<String>) -> Result<Employee, RejectReason> {
        let statusText = record["status"]
        let status = statusText.flatMap(EmployeeStatus.init(rawValue:))
        // An empty NIP is a missing field, not a malformed one (our reading of §10).
        if let nip = record["nip"], !nipIsValid(nip, checksCPNSDate: status?.isPNSCareer == true) {
            return .failure(.invalidNIP)
        }
        var required = requiredFields
        if status?.isPNSCareer == true { required.append("cpns_date") }
        if required.contains(where: { record[$0] == nil }) { return .failure(.missingField) }

        var dates: [String: CivilDate] = [:]
        for field in dateFields {
            guard let text = record[field] else { continue }
            guard let date = CivilDate(iso: text) else { return .failure(.invalidDate) }
            dates[field] = date
        }
        if dates.values.contains(where: { $0 > referenceDate }) { return .failure(.dateAfterD) }
        guard let status else { return .failure(.invalidStatus) }
        guard let state = record["state"].flatMap(EmployeeState.init(rawValue:)) else { return .failure(.invalidState) }
        guard let sex = record["sex"].flatMap(Sex.init(rawValue:)) else { return .failure(.invalidSex) }
        guard let golongan = record["golongan"].flatMap({ Golongan(notation: $0, status: status) }) else {
            return .failure(.invalidGolongan)
        }
        let positionCode = record["position_code"]!
        guard positions.contains(positionCode) else { return .failure(.unknownPosition) }
        let nip = record["nip"]!
        guard !seenNIPs.contains(nip) else { return .failure(.duplicateNIP) }
        return .success(Employee(
            nip: nip, name: record["name"]!, sex: sex, birthDate: dates["birth_date"]!, status: status, state: state,
            golongan: golongan, golonganSince: dates["golongan_since"], cpnsDate: dates["cpns_date"],
            positionCode: positionCode, positionSince: dates["position_since"]!))
    }

    /// DOMAIN.md §10 and Fine print: 18 ASCII digits, digits 1–8 a real date, and (PNS, CPNS) digits 9–14 a real
    /// year ≥ 1900 and month. The sex digit (15) is not checked; NI PPPK digits 9–14 are not read.
    static func nipIsValid(_ nip: String, checksCPNSDate: Bool) -> Bool {
        let bytes = Array(nip.utf8)
        guard bytes.count == 18, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return false
        }
        guard CivilDate(compact: bytes[0..<8]) != nil else { return false }
        if checksCPNSDate {
            let digit = { (index: Int) in Int(bytes[index] - UInt8(ascii: "0")) }
            let year = digit(8) * 1000 + digit(9) * 100 + digit(10) * 10 + digit(11)
            let month = digit(12) * 10 + digit(13)
            guard year >= 1900, (1...12).contains(month) else { return false }
        }
        return true
    }
}
