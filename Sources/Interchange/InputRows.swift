public import Talent

/// One data row of an input file: its file line and its fields in header order (a short row has fewer fields).
public struct InputRow: Sendable {
    /// The file line the row starts on (the header is line 1).
    public var line: Int
    public var fields: [String]

    /// The row as the validator reads it: values by header name.
    func record(of file: InputFile) -> RawRecord {
        var byName = [String: String](minimumCapacity: min(fields.count, file.header.count))
        for (index, name) in file.header.enumerated() where index < fields.count { byName[name] = fields[index] }
        return RawRecord(file: file, line: line, fields: byName)
    }
}

/// The rows of an input folder in compact form (`InputFolderReader.rows(folder:)`), validated a share of the
/// employees at a time so that an import of a large city does not hold a dictionary per CSV row all at once.
public struct InputRows: Sendable {
    /// Rows per file, §11 order, each file in line order.
    public var files: [(file: InputFile, rows: [InputRow])]
    /// Files in the folder that are not §11 input files (reported, skipped).
    public var unknownFiles: [String]
    /// The optional history files not in the folder, §11 order: their kind of history is not part of the snapshot.
    public var absentFiles: [InputFile]

    /// Data rows read per file.
    public var counts: [InputFile: Int] {
        var counts: [InputFile: Int] = [:]
        for (file, rows) in files { counts[file] = rows.count }
        return counts
    }

    /// Validates every row, as `Validator.validate` over all of them would, `Validator` being run once per share.
    ///
    /// Employees are split into shares by NIP, and each history row goes with its NIP: everything `Validator` checks
    /// across rows is among the rows of one NIP (DUPLICATE_NIP, UNKNOWN_NIP, an employee's history), so each share
    /// gives exactly its employees' part of the result. Units and positions are validated with every share and taken
    /// from the first. Accepted employees are put back in file order and rejections in (file, line) order.
    /// - Parameters:
    ///   - referenceDate: D for the employee-row checks.
    ///   - rowsPerShare: about how many employee and history rows one share holds (at least one share).
    /// - Returns: the same `ValidatedInput` as `Validator.validate` over `InputFolderReader.read(folder:)`'s records.
    public func validate(referenceDate: CivilDate, rowsPerShare: Int = 200_000) -> ValidatedInput {
        let nipFiles = files.filter { !Self.organisationFiles.contains($0.file) }
        let shares = max(1, nipFiles.reduce(0) { $0 + $1.rows.count } / max(1, rowsPerShare))
        let organisation = files.filter { Self.organisationFiles.contains($0.file) }
            .flatMap { file, rows in rows.map { $0.record(of: file) } }
        var units: [Talent.Unit] = [], positions: [Position] = []
        var employees: [EmployeeInput] = [], rejections: [Rejection] = []
        for share in 0..<shares {
            var records = organisation
            for (file, rows) in nipFiles {
                guard let nipIndex = file.header.firstIndex(of: "nip") else { continue }
                for row in rows where Self.share(of: row, nipIndex: nipIndex, shares: shares) == share {
                    records.append(row.record(of: file))
                }
            }
            let validated = Validator.validate(records, referenceDate: referenceDate)
            if share == 0 {
                units = validated.units
                positions = validated.positions
                rejections += validated.rejections
            } else {
                rejections += validated.rejections.filter { !Self.organisationFiles.contains($0.file) }
            }
            employees += validated.employees
        }
        if shares > 1 {
            var firstLine: [String: Int] = [:]
            if let rows = files.first(where: { $0.file == .employees })?.rows,
               let nipIndex = InputFile.employees.header.firstIndex(of: "nip") {
                for row in rows where nipIndex < row.fields.count && firstLine[row.fields[nipIndex]] == nil {
                    firstLine[row.fields[nipIndex]] = row.line
                }
            }
            employees.sort { firstLine[$0.employee.nip, default: 0] < firstLine[$1.employee.nip, default: 0] }
            rejections.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        }
        return ValidatedInput(units: units, positions: positions, employees: employees, rejections: rejections)
    }

    private static let organisationFiles: Set<InputFile> = [.units, .positions]

    /// The share of a row's NIP (an empty or missing NIP too): a fixed hash of its bytes.
    private static func share(of row: InputRow, nipIndex: Int, shares: Int) -> Int {
        guard shares > 1 else { return 0 }
        let nip = nipIndex < row.fields.count ? row.fields[nipIndex] : ""
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in nip.utf8 { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int(hash % UInt64(shares))
    }
}
