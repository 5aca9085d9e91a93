/// Validates raw input rows (DOMAIN.md §10 and its Fine print) into typed, accepted inputs and rejected rows.
///
/// The problems of a row are split in two, because an import is stored once and reviewed later with a reference date
/// that may differ from the import's:
/// - **Rejected rows** (reported in rejected.csv): units with an unknown parent (INVALID_PARENT), positions with an
///   unknown unit, kind or jenjang (INVALID_UNIT, INVALID_POSITION), repeated unit or position codes (DUPLICATE_CODE),
///   employee rows validated completely against the import's reference date (INVALID_NIP, MISSING_FIELD, INVALID_DATE,
///   DATE_AFTER_D, INVALID_STATUS/STATE/SEX/GOLONGAN, UNKNOWN_POSITION, DUPLICATE_NIP: the first that applies, in
///   this order), and rows of the other files that name no accepted employee (UNKNOWN_NIP).
/// - **Static problems of history rows** (a value outside its range or vocabulary, an unparseable or missing date, an
///   assessment with some but not all nine levels, a JPM outside 0–100, a performance row with neither predicate nor
///   score or with a score outside 0–100...): the row is left out and an `InvalidRow` marker of its kind is kept on the
///   employee; the engine turns it into INVALID_EDUCATION, INVALID_ASSESSMENT and so on.
/// - **Problems that depend on D** (a date after D, a performance year ≥ Y, an other-score year > Y) are *not* checked
///   here for history rows: such rows stay typed, and `TalentEngine` leaves them out and flags them for the D of the
///   review. Employee rows, in contrast, are checked against `referenceDate` here (DATE_AFTER_D), as §10 says.
///
/// Decisions where DOMAIN.md is silent (each also in the function that applies it):
/// - an empty NIP is MISSING_FIELD (not INVALID_NIP); the PNS/CPNS check of NIP digits 9–14 applies only when the status
///   field reads PNS or CPNS;
/// - DUPLICATE_NIP applies to any row whose NIP appeared on an earlier row, accepted or not: only a NIP's first row can
///   be accepted;
/// - only unit_code and position_code are required of units and positions; a position with a jenjang but a kind other
///   than FUNGSIONAL, or a `critical` other than true/false/empty, is INVALID_POSITION; a unit whose ancestry loops is
///   INVALID_PARENT, and so is a unit under a rejected parent;
/// - training kinds are free text (DOMAIN.md lists none), hours must be a decimal ≥ 0; a penalty ending before its
///   decision, and an assessment method other than ASSESSMENT_CENTER, CACT, UJI_KOMPETENSI, are invalid;
/// - a legacy performance score is kept to hundredths by truncation (exact against two-decimal bands); a JPM or L with
///   more decimals is rounded half-up (Fine print); ranges are checked on the exact written value.
public enum Validator {
    /// Validates every row of a folder held in memory, through the same row-by-row path an import streams
    /// (`ValidationRun`).
    /// - Parameters:
    ///   - records: the rows of all input files, any order.
    ///   - referenceDate: D for the employee-row checks (DATE_AFTER_D).
    /// - Returns: the accepted organisation and employees (in file order, each with its rows) and the rejections in
    ///   rejected.csv order (file in §11 order, then line).
    public static func validate(_ records: [RawRecord], referenceDate: CivilDate) -> ValidatedInput {
        var source = RecordsInMemory(records)
        var builder = ValidatedInputBuilder()
        do {
            _ = try ValidationRun.run(&source, referenceDate: referenceDate, into: &builder)
        } catch {
            preconditionFailure("rows in memory and a builder throw nothing: \(error)")
        }
        return builder.input
    }
}

/// Rows already in memory as a `RecordSource`: each file's rows in line order; a file with no row counts as present.
private struct RecordsInMemory: RecordSource {
    private var byFile: [InputFile: [RawRecord]] = [:]
    let missingColumns: [(file: InputFile, columns: [String])] = []

    init(_ records: [RawRecord]) {
        for record in records { byFile[record.file, default: []].append(record) }
        for file in byFile.keys { byFile[file]!.sort { $0.line < $1.line } }
    }

    func forEachRecord(of file: InputFile, _ body: (RawRecord) throws -> Void) throws -> Bool {
        for record in byFile[file] ?? [] { try body(record) }
        return true
    }
}

/// Collects a validation run into a `ValidatedInput` in memory (`talenta review-folder`, `Validator.validate`).
public struct ValidatedInputBuilder: ValidationSink {
    /// What was collected so far.
    public private(set) var input = ValidatedInput(units: [], positions: [], employees: [], rejections: [])
    private var indexByNIP: [String: Int] = [:]

    public init() {}

    public mutating func organisation(units: [Unit], positions: [Position]) {
        input.units = units
        input.positions = positions
    }

    public func begin(_ file: InputFile) {}

    public mutating func employee(_ employee: Employee, line: Int) {
        indexByNIP[employee.nip] = input.employees.count
        input.employees.append(EmployeeInput(employee: employee))
    }

    public mutating func history(_ check: HistoryCheck, nip: String, line: Int, file: InputFile) {
        input.employees[indexByNIP[nip]!].append(check)
    }

    public mutating func rejected(_ rejection: Rejection) {
        input.rejections.append(rejection)
    }

    public func end(_ file: InputFile) {}
}

/// The outcome of `Validator.validate`.
public struct ValidatedInput: Sendable {
    /// Accepted units, in file order.
    public var units: [Unit]
    /// Accepted positions, in file order.
    public var positions: [Position]
    /// Accepted employees in file order, each with its typed rows and invalid-row markers.
    public var employees: [EmployeeInput]
    /// Rejected rows, by file (§11 order) then line.
    public var rejections: [Rejection]

    public init(units: [Unit], positions: [Position], employees: [EmployeeInput], rejections: [Rejection]) {
        self.units = units
        self.positions = positions
        self.employees = employees
        self.rejections = rejections
    }

    /// The organisation of the accepted units and positions.
    public var organisation: Organisation { Organisation(units: units, positions: positions) }
}
