import Talent

extension PositionKind {
    /// JPT, administrator and pengawas posts: one holder at most.
    var isStructural: Bool { structuralLevel != nil }
}

extension Jenjang {
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
