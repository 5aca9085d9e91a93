/// The input files of a DOMAIN.md §11 folder, in §11 order (which is also the order of rejected.csv), with their
/// headers: the single source of truth for header checks. A file may leave out its optional columns (`field_fit` of
/// education.csv): a missing one reads as empty on every row.
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

    /// The full header row, optional columns included (DOMAIN.md §11).
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

    /// The columns of `header` a file may leave out: each counts as empty on every row (DOMAIN.md §11: education.csv's
    /// `field_fit`). The reader checks a header against `header` less any of these, in `header`'s order.
    public var optionalColumns: Set<String> { self == .education ? ["field_fit"] : [] }

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
///
/// Values are held in header order beside the (shared) header, not in a dictionary: a national import reads some 55
/// million rows, and a lookup here is a scan of at most a dozen short names.
public struct RawRecord: Hashable, Sendable {
    public var file: InputFile
    /// The file line the row starts on (the header is line 1).
    public var line: Int
    /// The column names, `file.header` (shared by every row of a file).
    public private(set) var names: [String]
    /// The values in `names` order; an empty value means "no value".
    public private(set) var values: [String]

    /// A row from its values in header order.
    /// - Precondition: `values` has one value per name.
    public init(file: InputFile, line: Int, names: [String], values: [String]) {
        precondition(names.count == values.count, "a row needs one value per column")
        self.file = file
        self.line = line
        self.names = names
        self.values = values
    }

    /// A row from values by header name; a name of `file.header` that is missing reads as empty, other names are
    /// ignored.
    public init(file: InputFile, line: Int, fields: [String: String]) {
        self.file = file
        self.line = line
        names = file.header
        values = names.map { fields[$0] ?? "" }
    }

    /// Values by header name; setting keeps the header's names (others are ignored, a missing one becomes empty).
    public var fields: [String: String] {
        get { Dictionary(uniqueKeysWithValues: zip(names, values)) }
        set { values = names.map { newValue[$0] ?? "" } }
    }

    /// The value of `name`, nil when missing or empty.
    public subscript(_ name: String) -> String? {
        guard let index = names.firstIndex(of: name), !values[index].isEmpty else { return nil }
        return values[index]
    }

    /// The value of `name` as written, empty when missing.
    public func text(_ name: String) -> String {
        names.firstIndex(of: name).map { values[$0] } ?? ""
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

/// A rejected row: a row of rejected.csv (file, line, nip, reason), with the detail an import prints and keeps.
public struct Rejection: Hashable, Codable, Sendable {
    public var file: InputFile
    public var line: Int
    /// The NIP as written; empty for units and positions or when the row has none.
    public var nip: String
    public var reason: RejectReason
    /// The field and the value that broke the rule, in plain words (`position_code NO-SUCH-POST is not an accepted
    /// position`); a missing field is named without a value. Never a person's name. Not part of rejected.csv.
    public var detail: String

    public init(file: InputFile, line: Int, nip: String, reason: RejectReason, detail: String = "") {
        self.file = file
        self.line = line
        self.nip = nip
        self.reason = reason
        self.detail = detail
    }
}
