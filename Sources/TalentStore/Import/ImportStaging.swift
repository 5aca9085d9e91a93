import Postgres
import Talent

/// The rows of an import as they stream out of validation, staged in the import's transaction: every row of
/// employees.csv and of each present history file goes by COPY into a temporary table of its own (`ON COMMIT DROP`),
/// accepted, invalid or rejected alike (a rejected row keeps its line, NIP, reason and detail; an invalid row its
/// marker), so nothing of a file is held in memory and the shrink guard and the replacement are set-wise SQL.
/// units.csv and positions.csv are small and kept in memory.
///
/// Thread safety: it uses its connection, which must be in a transaction, from the caller's thread only.
/// - Important: after a thrown error, call `abort()` before rolling back: a COPY may still be open.
final class ImportStaging: ValidationSink {
    private let connection: Connection
    private(set) var units: [Talent.Unit] = []
    private(set) var positions: [Position] = []
    /// Rejections of units.csv and positions.csv.
    private(set) var organisationRejections: [Rejection] = []
    /// The employee and history files staged, §11 order.
    private(set) var stagedFiles: [InputFile] = []
    private var copy: CopyIn?
    private var table: HistoryTable?

    /// Creates the staging tables.
    /// - Throws: `PostgresError`.
    init(on connection: Connection) throws {
        self.connection = connection
        try connection.execute("""
            CREATE TEMP TABLE import_employees ON COMMIT DROP AS
            SELECT NULL::integer AS line, \(EmployeeTable.columns.joined(separator: ", ")),
                   NULL::text AS reason, NULL::text AS detail
              FROM hr.employee WITH NO DATA
            """, name: "hr.stage_employees")
        for table in HistoryTable.all {
            try connection.execute("""
                CREATE TEMP TABLE \(table.stagingTable.dropFirst("pg_temp.".count)) ON COMMIT DROP AS
                SELECT NULL::integer AS line, NULL::text AS nip, \(table.columns.joined(separator: ", ")),
                       NULL::text AS problem, NULL::text AS reason, NULL::text AS detail
                  FROM \(table.table) WITH NO DATA
                """, name: "hr.stage_history")
        }
    }

    func organisation(units: [Talent.Unit], positions: [Position]) {
        self.units = units
        self.positions = positions
    }

    func begin(_ file: InputFile) throws {
        let columns: [String]
        let staging: String
        if file == .employees {
            (staging, columns) = (EmployeeTable.stagingTable, ["line"] + EmployeeTable.columns + ["reason", "detail"])
            table = nil
        } else {
            guard let history = HistoryTable.of(file) else { preconditionFailure("\(file.rawValue) is not staged") }
            (staging, columns) = (history.stagingTable,
                                  ["line", "nip"] + history.columns + ["problem", "reason", "detail"])
            table = history
        }
        copy = try connection.beginCopyIn("COPY \(staging) (\(columns.joined(separator: ", "))) FROM STDIN",
                                          name: "hr.stage_copy")
        stagedFiles.append(file)
    }

    func employee(_ employee: Employee, line: Int) throws {
        var row: [String?] = [String(line)]
        row.reserveCapacity(EmployeeTable.columns.count + 3)
        row.append(contentsOf: EmployeeTable.values(employee))
        row.append(contentsOf: [nil, nil])
        try copy!.append(row)
    }

    func history(_ check: HistoryCheck, nip: String, line: Int, file: InputFile) throws {
        guard let table else { preconditionFailure("a history row of \(file.rawValue) outside its file") }
        switch check {
        case let .valid(row):
            guard let values = table.values(row) else { preconditionFailure("a \(row.kind) row in \(file.rawValue)") }
            var fields: [String?] = [String(line), nip]
            fields.reserveCapacity(table.columns.count + 5)
            fields.append(contentsOf: values)
            fields.append(contentsOf: [nil, nil, nil])
            try copy!.append(fields)
        case let .invalid(marker):
            try copy!.append([String(line), nip] + Array(repeating: nil, count: table.columns.count)
                + [marker.problem, nil, nil])
        }
    }

    func rejected(_ rejection: Rejection) throws {
        let nip: String? = rejection.nip.isEmpty ? nil : rejection.nip
        switch rejection.file {
        case .units, .positions:
            organisationRejections.append(rejection)
        case .employees:
            var row: [String?] = [String(rejection.line)] + Array(repeating: nil, count: EmployeeTable.columns.count)
            row[1] = nip
            try copy!.append(row + [rejection.reason.rawValue, rejection.detail])
        default:
            guard let table else { preconditionFailure("a rejection of \(rejection.file.rawValue) outside its file") }
            try copy!.append([String(rejection.line), nip] + Array(repeating: nil, count: table.columns.count)
                + [nil, rejection.reason.rawValue, rejection.detail])
        }
    }

    func end(_ file: InputFile) throws {
        try copy!.finish()
        copy = nil
        // Temporary tables are never analysed by autovacuum: the planner needs their size for the joins that follow.
        let staging = file == .employees ? EmployeeTable.stagingTable : table!.stagingTable
        try connection.execute("ANALYZE \(staging)", name: "hr.stage_analyze")
    }

    /// Ends a COPY left open by an error, so the connection can roll back. Does nothing when none is open.
    func abort() {
        copy?.abort("the import was refused")
        copy = nil
    }
}
