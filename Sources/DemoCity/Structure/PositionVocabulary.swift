/// DOMAIN.md §3 position kinds, as written in `positions.csv`.
enum PositionKind: String, Sendable {
    case jptPratama = "JPT_PRATAMA"
    case administrator = "ADMINISTRATOR"
    case pengawas = "PENGAWAS"
    case pelaksana = "PELAKSANA"
    case fungsional = "FUNGSIONAL"

    /// JPT, administrator and pengawas posts: one holder at most.
    var isStructural: Bool {
        self == .jptPratama || self == .administrator || self == .pengawas
    }
}

/// DOMAIN.md §3 jenjang of a FUNGSIONAL position, as written in `positions.csv`.
enum Jenjang: String, Sendable {
    case pemula = "PEMULA", terampil = "TERAMPIL", mahir = "MAHIR", penyelia = "PENYELIA"
    case ahliPertama = "AHLI_PERTAMA", ahliMuda = "AHLI_MUDA", ahliMadya = "AHLI_MADYA", ahliUtama = "AHLI_UTAMA"

    /// The words a position title ends with, e.g. "Ahli Muda".
    var titleWords: String {
        switch self {
        case .pemula: "Pemula"
        case .terampil: "Terampil"
        case .mahir: "Mahir"
        case .penyelia: "Penyelia"
        case .ahliPertama: "Ahli Pertama"
        case .ahliMuda: "Ahli Muda"
        case .ahliMadya: "Ahli Madya"
        case .ahliUtama: "Ahli Utama"
        }
    }

    /// Keterampilan (skill) jenjang, filled from D3 or school leavers; the rest are keahlian (expert) jenjang.
    var isSkill: Bool {
        self == .pemula || self == .terampil || self == .mahir || self == .penyelia
    }

    /// Where a new CPNS or PPPK can start.
    var isEntry: Bool {
        self == .pemula || self == .terampil || self == .ahliPertama
    }
}
