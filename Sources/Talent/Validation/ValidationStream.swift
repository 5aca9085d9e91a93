/// Validates the rows of a DOMAIN.md §11 folder one at a time, as they are read (DOMAIN.md §10 and its Fine print):
/// the one validation path behind `talenta import` (which streams the outcomes to the database) and
/// `talenta review-folder` / `Validator.validate` (which collect them in memory).
///
/// Rows must come file by file in §11 order: units and positions first (whole: they are small and a unit's parent may
/// come after it), then employees.csv, then the history files. What is kept between rows is compact: the accepted
/// position codes, and one 8-byte key per employee NIP seen (18 digits fit a `UInt64`), so that a history row naming
/// no accepted employee is `UNKNOWN_NIP` and a repeated NIP is `DUPLICATE_NIP`.
/// - Complexity: O(1) per employee or history row; memory about 8 bytes (hash set load included, ~16) per distinct
///   valid NIP, plus the organisation.
public struct ValidationStream: Sendable {
    /// D for the employee-row checks (DATE_AFTER_D).
    public let referenceDate: CivilDate
    private var positionCodes: Set<String> = []
    /// NIPs of accepted employees.
    private var accepted: Set<UInt64> = []
    /// Valid NIPs of rejected employee rows that no accepted row has: with `accepted`, every valid NIP seen, for
    /// DUPLICATE_NIP (only a NIP that passes INVALID_NIP can be a duplicate).
    private var rejectedNIPs: Set<UInt64> = []

    public init(referenceDate: CivilDate) {
        self.referenceDate = referenceDate
    }

    /// Validates units.csv and positions.csv.
    /// - Returns: accepted units and positions in file order, and the rejected rows by file (§11 order) then line.
    public mutating func organisation(units: [RawRecord], positions: [RawRecord])
        -> (units: [Unit], positions: [Position], rejections: [Rejection])
    {
        var rejections: [Rejection] = []
        let acceptedUnits = OrganisationValidation.units(units.sorted { $0.line < $1.line }, rejections: &rejections)
        let acceptedPositions = OrganisationValidation.positions(
            positions.sorted { $0.line < $1.line }, units: Set(acceptedUnits.map(\.code)), rejections: &rejections)
        positionCodes = Set(acceptedPositions.map(\.code))
        rejections.sort { ($0.file, $0.line) < ($1.file, $1.line) }
        return (acceptedUnits, acceptedPositions, rejections)
    }

    /// Validates the next row of employees.csv (rows in line order, after `organisation`).
    /// - Returns: the employee, or the rejection with the first §10 reason that applies.
    public mutating func employee(_ record: RawRecord) -> EmployeeOutcome {
        let nip = record.text("nip")
        let key = Self.key(nip)
        let seen = key.map { accepted.contains($0) || rejectedNIPs.contains($0) } ?? false
        let outcome = EmployeeValidation.employee(record, referenceDate: referenceDate, positions: positionCodes,
                                                  nipSeen: seen)
        switch outcome {
        case let .success(employee):
            accepted.insert(key!)
            return .accepted(employee)
        case let .failure(refusal):
            if let key, !accepted.contains(key) { rejectedNIPs.insert(key) }
            return .rejected(Rejection(file: .employees, line: record.line, nip: nip, reason: refusal.reason,
                                       detail: refusal.detail))
        }
    }

    /// Validates a row of a history file (after every employee row).
    /// - Returns: the checked row (typed, or an invalid-row marker) for an accepted employee's NIP; otherwise the
    ///   rejection `UNKNOWN_NIP`. Units, positions and employees rows are not history rows.
    /// - Precondition: `record.file` is a history file.
    public func history(_ record: RawRecord) -> HistoryOutcome {
        let nip = record.text("nip")
        guard let key = Self.key(nip), accepted.contains(key) else {
            return .rejected(Rejection(file: record.file, line: record.line, nip: nip, reason: .unknownNIP,
                                       detail: "nip \(nip.isEmpty ? "(empty)" : nip) names no accepted employee"))
        }
        guard let check = HistoryValidation.validate(record) else {
            preconditionFailure("\(record.file.rawValue) is not a history file")
        }
        return .checked(check)
    }

    /// The number that 18 ASCII digits write; nil for anything else (such a NIP is never valid).
    static func key(_ nip: String) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in nip.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), count < 18 else { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
            count += 1
        }
        return count == 18 ? value : nil
    }
}

/// A validated employees.csv row: accepted, or rejected (it goes to rejected.csv). Not generic on purpose: a
/// generic outcome needs its type metadata looked up per row when validation runs unspecialised across modules.
public enum EmployeeOutcome: Sendable {
    case accepted(Employee)
    case rejected(Rejection)
}

/// A validated history row: checked (typed or invalid) for an accepted employee, or rejected (UNKNOWN_NIP).
public enum HistoryOutcome: Sendable {
    case checked(HistoryCheck)
    case rejected(Rejection)
}

/// Where validated rows go, in the order `ValidationRun.run` reads them: the import stages them in the database, a
/// review in memory collects them (`ValidatedInputBuilder`).
public protocol ValidationSink {
    /// The accepted organisation, before any employee.
    mutating func organisation(units: [Unit], positions: [Position]) throws
    /// A present employee or history file starts (absent files are never begun).
    mutating func begin(_ file: InputFile) throws
    /// An accepted employee row.
    mutating func employee(_ employee: Employee, line: Int) throws
    /// A history row of an accepted employee (`nip`), typed or marked invalid.
    mutating func history(_ check: HistoryCheck, nip: String, line: Int, file: InputFile) throws
    /// A rejected row of any file, by file (§11 order) then line.
    mutating func rejected(_ rejection: Rejection) throws
    /// The file begun last has no more rows.
    mutating func end(_ file: InputFile) throws
}

/// The rows of the files of a folder, as `ValidationRun.run` asks for them.
public protocol RecordSource {
    /// Hands every data row of `file` to `body`, in line order.
    /// - Returns: false when the folder has no such file (nothing was handed over).
    /// - Throws: what `body` throws, or the source's own error (a malformed file: nothing more is read).
    mutating func forEachRecord(of file: InputFile, _ body: (RawRecord) throws -> Void) throws -> Bool
    /// The optional columns (`InputFile.optionalColumns`) each file read so far left out: empty on every row.
    var missingColumns: [(file: InputFile, columns: [String])] { get }
}

/// The one row-by-row validation of a folder (DOMAIN.md §10): every file in §11 order through `ValidationStream`,
/// every outcome to a sink.
public enum ValidationRun {
    /// - Parameters:
    ///   - source: the folder's rows; units.csv, positions.csv and employees.csv must be there (checked by the source).
    ///   - referenceDate: D for the employee-row checks.
    ///   - sink: receives the organisation, then each employee and history file's outcomes row by row.
    /// - Returns: the rows read, rejected and left out as invalid per file (every §11 file, absent ones with zeros,
    ///   but for an absent optional file of the BKN 411/2025 preset) and the history files that were absent.
    /// - Throws: what the source or the sink throws; the run stops there.
    public static func run(_ source: inout some RecordSource, referenceDate: CivilDate,
                           into sink: inout some ValidationSink) throws -> ValidationSummary {
        var stream = ValidationStream(referenceDate: referenceDate)
        var counts: [InputFile: FileCounts] = [:]
        var absent: [InputFile] = []
        func collect(_ file: InputFile) throws -> [RawRecord] {
            var records: [RawRecord] = []
            _ = try source.forEachRecord(of: file) { records.append($0) }
            return records
        }
        let unitRecords = try collect(.units)
        let positionRecords = try collect(.positions)
        let organisation = stream.organisation(units: unitRecords, positions: positionRecords)
        counts[.units] = FileCounts(read: unitRecords.count, rejected: 0, invalid: 0)
        counts[.positions] = FileCounts(read: positionRecords.count, rejected: 0, invalid: 0)
        try sink.organisation(units: organisation.units, positions: organisation.positions)
        for rejection in organisation.rejections {
            counts[rejection.file]!.rejected += 1
            try sink.rejected(rejection)
        }

        for file in InputFile.allCases where file != .units && file != .positions {
            var fileCounts = FileCounts(read: 0, rejected: 0, invalid: 0)
            var begun = false
            let present = try source.forEachRecord(of: file) { record in
                if !begun {
                    try sink.begin(file)
                    begun = true
                }
                fileCounts.read += 1
                if file == .employees {
                    switch stream.employee(record) {
                    case let .accepted(employee): try sink.employee(employee, line: record.line)
                    case let .rejected(rejection):
                        fileCounts.rejected += 1
                        try sink.rejected(rejection)
                    }
                } else {
                    switch stream.history(record) {
                    case let .checked(check):
                        if case .invalid = check { fileCounts.invalid += 1 }
                        try sink.history(check, nip: record.text("nip"), line: record.line, file: file)
                    case let .rejected(rejection):
                        fileCounts.rejected += 1
                        try sink.rejected(rejection)
                    }
                }
            }
            if present {
                if !begun { try sink.begin(file) }
                try sink.end(file)
            } else {
                absent.append(file)
            }
            counts[file] = fileCounts
        }
        // An absent file of the BKN 411/2025 preset is not counted: a folder made for the default rule set never
        // has them, and its import record stays what it was before they existed.
        let counted = InputFile.allCases.filter { !($0.isPresetInput && absent.contains($0)) }
        return ValidationSummary(counts: counted.map { ($0, counts[$0] ?? FileCounts(read: 0, rejected: 0, invalid: 0)) },
                                 absentFiles: absent)
    }
}

/// What `ValidationRun.run` counted.
public struct ValidationSummary: Sendable {
    /// Rows per file, every §11 file in §11 order (an absent file counts zeros; an absent optional file of the BKN
    /// 411/2025 preset is left out).
    public var counts: [(file: InputFile, counts: FileCounts)]
    /// The files that were not in the folder (only optional files can be), §11 order: their kind of history is not
    /// part of the snapshot.
    public var absentFiles: [InputFile]

    /// Rows that were not stored as they are: rejected, or left out as invalid.
    public var rowsNotStored: Int { counts.reduce(0) { $0 + $1.counts.rejected + $1.counts.invalid } }
}

/// Rows per input file of one folder: read, rejected (reported in rejected.csv) and, for history files, left out as
/// invalid on an accepted employee (flagged INVALID_… on the placement).
public struct FileCounts: Hashable, Codable, Sendable {
    public var read: Int
    public var rejected: Int
    public var invalid: Int

    public init(read: Int, rejected: Int, invalid: Int) {
        self.read = read
        self.rejected = rejected
        self.invalid = invalid
    }

    /// Rows stored as they are: read − rejected − invalid.
    public var stored: Int { read - rejected - invalid }
}
