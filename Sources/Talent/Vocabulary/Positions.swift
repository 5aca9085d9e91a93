/// Kind of position (jenis jabatan), DOMAIN.md §3.
public enum PositionKind: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// Jabatan Pimpinan Tinggi Pratama (head of an OPD and the like).
    case jptPratama = "JPT_PRATAMA"
    /// Jabatan administrator (head of a bidang or bagian).
    case administrator = "ADMINISTRATOR"
    /// Jabatan pengawas (head of a seksi or subbagian).
    case pengawas = "PENGAWAS"
    /// Jabatan pelaksana (staff).
    case pelaksana = "PELAKSANA"
    /// Jabatan fungsional (functional position; carries a jenjang).
    case fungsional = "FUNGSIONAL"

    /// The structural level of a position of this kind, nil for PELAKSANA and FUNGSIONAL.
    public var structuralLevel: StructuralLevel? {
        switch self {
        case .jptPratama: return .jptPratama
        case .administrator: return .administrator
        case .pengawas: return .pengawas
        case .pelaksana, .fungsional: return nil
        }
    }
}

/// Jenjang (grade) of a functional position, DOMAIN.md §3.
public enum Jenjang: String, CaseIterable, Codable, Sendable {
    case pemula = "PEMULA"
    case terampil = "TERAMPIL"
    case mahir = "MAHIR"
    case penyelia = "PENYELIA"
    case ahliPertama = "AHLI_PERTAMA"
    case ahliMuda = "AHLI_MUDA"
    case ahliMadya = "AHLI_MADYA"
    case ahliUtama = "AHLI_UTAMA"
}

/// A structural level: the target level T of an employee (DOMAIN.md §3) and the level of a target position.
/// Ordered PENGAWAS < ADMINISTRATOR < JPT_PRATAMA.
public enum StructuralLevel: String, CaseIterable, Codable, Sendable, Comparable, CodingKeyRepresentable {
    case pengawas = "PENGAWAS"
    case administrator = "ADMINISTRATOR"
    case jptPratama = "JPT_PRATAMA"

    /// The position kind of this level (a candidate holding a post of this kind is not a candidate, §8).
    public var positionKind: PositionKind {
        switch self {
        case .pengawas: return .pengawas
        case .administrator: return .administrator
        case .jptPratama: return .jptPratama
        }
    }

    private var order: Int {
        switch self {
        case .pengawas: return 1
        case .administrator: return 2
        case .jptPratama: return 3
        }
    }

    public static func < (lhs: StructuralLevel, rhs: StructuralLevel) -> Bool { lhs.order < rhs.order }
}
