import Postgres
import Talent

/// The `hr.employee` columns as the rules' `Employee` (shared by the review and succession readers).
enum EmployeeColumns {
    /// - Throws: `StoreError` (`.invalidStoredValue`) for a value outside the rules' vocabulary.
    static func employee(_ row: Row) throws -> Employee {
        let nip = try row.text("nip")
        let status: EmployeeStatus = try row.code("status")
        let notation = try row.text("golongan")
        guard let golongan = Golongan(notation: notation, status: status) else {
            throw StoreError(.invalidStoredValue, "employee \(nip): golongan \(notation) does not fit status \(status.rawValue)")
        }
        return Employee(
            nip: nip, name: try row.text("name"), sex: try row.code("sex"), birthDate: try row.date("birth_date"),
            status: status, state: try row.code("state"), golongan: golongan,
            golonganSince: try row.optionalDate("golongan_since"), cpnsDate: try row.optionalDate("cpns_date"),
            positionCode: try row.text("position_code"), positionSince: try row.date("position_since"))
    }
}
