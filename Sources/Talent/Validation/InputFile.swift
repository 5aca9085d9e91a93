/// The input files of a DOMAIN.md §11 folder, in §11 order (which is also the order of rejected.csv), with their
/// headers: the single source of truth for header checks.
///
/// A header is the file's required columns followed by its optional ones (`field_fit` of education.csv); a file
/// may leave out optional columns from the end, and a missing column reads as empty on every row.
public enum InputFile: String, CaseIterable, Codable, Sendable, Comparable {
    case units = "units.csv"
    case positions = "positions.csv"
    case employees = "employees.csv"
    case education = "education.csv"
    case training = "training.csv"
    case performance = "performance.csv"
    case assessments = "assessments.csv"
    case awards = "awards.csv"
    case penalties = "penalties.csv"
    case otherScores = "other_scores.csv"
    case potentialAssessments = "potential_assessments.csv"
    case teamAssignments = "team_assignments.csv"
    case feedback360 = "feedback_360.csv"
    case actingAssignments = "acting_assignments.csv"
    case positionHistory = "position_history.csv"

    /// The full header row: the required columns, then the optional ones (DOMAIN.md §11).
    public var header: [String] {
        switch self {
        case .units: return ["unit_code", "name", "parent_code"]
        case .positions: return ["position_code", "unit_code", "title", "kind", "jenjang", "critical"]
        case .employees:
            return ["nip", "name", "sex", "birth_date", "status", "state", "golongan", "golongan_since", "cpns_date",
                    "position_code", "position_since"]
        case .education: return ["nip", "level", "institution", "major", "graduated_on", "field_fit"]
        case .training: return ["nip", "kind", "title", "ended_on", "hours"]
        case .performance: return ["nip", "year", "predicate", "score"]
        case .assessments:
            return ["nip", "assessed_on", "method", "jpm_percent", "integritas", "kerja_sama", "komunikasi",
                    "orientasi_hasil", "pelayanan_publik", "pengembangan_diri", "mengelola_perubahan",
                    "pengambilan_keputusan", "perekat_bangsa"]
        case .awards: return ["nip", "level", "name", "awarded_on"]
        case .penalties: return ["nip", "level", "decided_on", "ends_on"]
        case .otherScores: return ["nip", "year", "score"]
        case .potentialAssessments:
            return ["nip", "assessed_on", "method", "kemampuan_intelektual", "kemampuan_interpersonal", "kesadaran_diri",
                    "berpikir_kritis_strategis", "menyelesaikan_masalah", "kecerdasan_emosional", "belajar_cepat",
                    "motivasi_komitmen"]
        case .teamAssignments: return ["nip", "role", "scope", "title", "decided_on"]
        case .feedback360: return ["nip", "year", "predicate", "score"]
        case .actingAssignments: return ["nip", "kind", "level", "started_on", "ended_on"]
        case .positionHistory: return ["nip", "started_on", "unit_code", "agency"]
        }
    }

    /// The columns every file of this kind has, in order: the header without its optional columns.
    public var requiredColumns: [String] { Array(header.dropLast(optionalColumns.count)) }

    /// Columns after the required ones that a file may leave out, from the end (DOMAIN.md §11: `field_fit`).
    public var optionalColumns: [String] {
        self == .education ? ["field_fit"] : []
    }

    /// Whether `header` is acceptable: the required columns, then the optional ones or a leading part of them.
    public func accepts(header: [String]) -> Bool {
        let full = self.header
        return header.count >= requiredColumns.count && header.count <= full.count && full.starts(with: header)
    }

    /// units.csv, positions.csv and employees.csv must be present; a missing history file reads as no rows, and an
    /// import leaves that kind of history as it is.
    public var isRequired: Bool { self == .units || self == .positions || self == .employees }

    /// The optional input files of the BKN 411/2025 preset (DOMAIN.md §11, §12.7): read and validated under every
    /// rule set, scored only by rule sets that read them; a missing one counts as an empty one.
    public var isPresetInput: Bool {
        switch self {
        case .potentialAssessments, .teamAssignments, .feedback360, .actingAssignments, .positionHistory: return true
        default: return false
        }
    }

    /// The kind of history row the file holds, nil for units, positions and employees.
    public var recordKind: RecordKind? {
        switch self {
        case .units, .positions, .employees: return nil
        case .education: return .education
        case .training: return .training
        case .performance: return .performance
        case .assessments: return .assessment
        case .awards: return .award
        case .penalties: return .penalty
        case .otherScores: return .otherScore
        case .potentialAssessments: return .potentialAssessment
        case .teamAssignments: return .teamAssignment
        case .feedback360: return .feedback
        case .actingAssignments: return .actingAssignment
        case .positionHistory: return .positionHistory
        }
    }

    /// The file whose rows are of `kind`.
    public static func holding(_ kind: RecordKind) -> InputFile {
        switch kind {
        case .education: return .education
        case .training: return .training
        case .performance: return .performance
        case .assessment: return .assessments
        case .award: return .awards
        case .penalty: return .penalties
        case .otherScore: return .otherScores
        case .potentialAssessment: return .potentialAssessments
        case .teamAssignment: return .teamAssignments
        case .feedback: return .feedback360
        case .actingAssignment: return .actingAssignments
        case .positionHistory: return .positionHistory
        }
    }

    private var order: Int { InputFile.allCases.firstIndex(of: self)! }

    public static func < (lhs: InputFile, rhs: InputFile) -> Bool { lhs.order < rhs.order }
}

/// One data row of an input file, as text: the reader's output and the validator's input.
public struct RawRecord: Hashable, Sendable {
    public var file: InputFile
    /// The file line the row starts on (the header is line 1).
    public var line: Int
    /// Values by header name; a missing name or an empty value means "no value".
    public var fields: [String: String]

    public init(file: InputFile, line: Int, fields: [String: String]) {
        self.file = file
        self.line = line
        self.fields = fields
    }

    /// The value of `name`, nil when missing or empty.
    public subscript(_ name: String) -> String? {
        guard let value = fields[name], !value.isEmpty else { return nil }
        return value
    }
}

/// Why a row was rejected (DOMAIN.md §10 and its Fine print).
public enum RejectReason: String, CaseIterable, Codable, Sendable, Error {
    case invalidNIP = "INVALID_NIP"
    case missingField = "MISSING_FIELD"
    case invalidDate = "INVALID_DATE"
    case dateAfterD = "DATE_AFTER_D"
    case invalidStatus = "INVALID_STATUS"
    case invalidState = "INVALID_STATE"
    case invalidSex = "INVALID_SEX"
    case invalidGolongan = "INVALID_GOLONGAN"
    case unknownPosition = "UNKNOWN_POSITION"
    case duplicateNIP = "DUPLICATE_NIP"
    case unknownNIP = "UNKNOWN_NIP"
    case invalidParent = "INVALID_PARENT"
    case invalidUnit = "INVALID_UNIT"
    case invalidPosition = "INVALID_POSITION"
    /// A unit or position code repeated in its file (the first row stays). Not named by DOMAIN.md; our choice.
    case duplicateCode = "DUPLICATE_CODE"
}

/// A rejected row: a row of rejected.csv (file, line, nip, reason).
public struct Rejection: Hashable, Codable, Sendable {
    public var file: InputFile
    public var line: Int
    /// The NIP as written; empty for units and positions or when the row has none.
    public var nip: String
    public var reason: RejectReason

    public init(file: InputFile, line: Int, nip: String, reason: RejectReason) {
        self.file = file
        self.line = line
        self.nip = nip
        self.reason = reason
    }
}
