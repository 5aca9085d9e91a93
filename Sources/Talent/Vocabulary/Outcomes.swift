/// Whether an assessed employee was placed on the grid (DOMAIN.md §2, §4.5).
public enum PlacementStatus: String, CaseIterable, Codable, Sendable {
    case terpetakan = "TERPETAKAN"
    case belumTerpetakan = "BELUM_TERPETAKAN"
}

/// Why an assessed employee was not placed (DOMAIN.md §4.5).
public enum UnplacedReason: String, CaseIterable, Codable, Sendable {
    /// No valid performance year in Y-4 … Y-1.
    case noKinerja = "NO_KINERJA"
}

/// A recommended follow-up of a box (DOMAIN.md §1) [reg].
public enum Recommendation: String, CaseIterable, Codable, Sendable {
    case promosi = "PROMOSI"
    case pertahankan = "PERTAHANKAN"
    case krsInstansi = "KRS_INSTANSI"
    case krsNasional = "KRS_NASIONAL"
    case penghargaan = "PENGHARGAAN"
    case rotasiPerluasan = "ROTASI_PERLUASAN"
    case rotasiPengayaan = "ROTASI_PENGAYAAN"
    case rotasi = "ROTASI"
    case bimbinganKinerja = "BIMBINGAN_KINERJA"
    case konselingKinerja = "KONSELING_KINERJA"
    case pengembanganKompetensi = "PENGEMBANGAN_KOMPETENSI"
    case tugasBelajar = "TUGAS_BELAJAR"
    case penempatanSesuai = "PENEMPATAN_SESUAI"
    case prosesSesuaiKetentuan = "PROSES_SESUAI_KETENTUAN"
}

/// A failing condition of talent-pool (KRS instansi) membership, DOMAIN.md §7, listed in this order.
public enum PoolBlocker: String, CaseIterable, Codable, Sendable {
    /// Not in a pool box (7, 8, 9), or not placed.
    case box = "BOX"
    /// Status not eligible (only PNS by default).
    case status = "STATUS"
    /// State not eligible (only AKTIF by default).
    case state = "STATE"
    /// A recent SEDANG/BERAT penalty, or any penalty running at D.
    case disiplin = "DISIPLIN"
    /// Too few full years to the retirement age (BUP) of the target level.
    case bup = "BUP"
}

/// Readiness of a succession candidate (DOMAIN.md §8).
public enum Readiness: String, CaseIterable, Codable, Sendable {
    case siapSekarang = "SIAP_SEKARANG"
    case siap1_2Tahun = "SIAP_1_2_TAHUN"
    case siap3TahunLebih = "SIAP_3_TAHUN_LEBIH"
}

/// A candidate's shortfall against the target position's level requirements (DOMAIN.md §8), listed in this order.
public enum Gap: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case education = "EDUCATION"
    case golongan = "GOLONGAN"
    case masaJabatan = "MASA_JABATAN"
    case pelatihan = "PELATIHAN"
    case usia = "USIA"
}

/// A flag of a succession plan, repeated on every row of the plan (DOMAIN.md §8).
public enum PlanFlag: String, CaseIterable, Codable, Sendable {
    case noReadyNow = "NO_READY_NOW"
    case noSuccessor = "NO_SUCCESSOR"
}

/// A data-quality or computation flag on a placement (DOMAIN.md §4, §5, §10, §12.6). Printed in alphabetical order,
/// each once; the cases are declared alphabetically so `allCases` order is the print order.
///
/// The INVALID_… flags and NIP_MISMATCH come from validation and are the same under every rule set; the others are
/// raised by the rule set's indicators (DUPLICATE_…, KINERJA_PARTIAL, TANPA_…, BIDANG_ILMU_BELUM_DINILAI).
public enum PlacementFlag: String, CaseIterable, Codable, Sendable, Comparable {
    case bidangIlmuBelumDinilai = "BIDANG_ILMU_BELUM_DINILAI"
    case duplicateFeedbackYear = "DUPLICATE_FEEDBACK_YEAR"
    case duplicateOtherScore = "DUPLICATE_OTHER_SCORE"
    case duplicateYear = "DUPLICATE_YEAR"
    case invalidActingAssignment = "INVALID_ACTING_ASSIGNMENT"
    case invalidAssessment = "INVALID_ASSESSMENT"
    case invalidAward = "INVALID_AWARD"
    case invalidEducation = "INVALID_EDUCATION"
    case invalidFeedback = "INVALID_FEEDBACK"
    case invalidOtherScore = "INVALID_OTHER_SCORE"
    case invalidPenalty = "INVALID_PENALTY"
    case invalidPerformance = "INVALID_PERFORMANCE"
    case invalidPositionHistory = "INVALID_POSITION_HISTORY"
    case invalidPotentialAssessment = "INVALID_POTENTIAL_ASSESSMENT"
    case invalidTeamAssignment = "INVALID_TEAM_ASSIGNMENT"
    case invalidTraining = "INVALID_TRAINING"
    case kinerjaPartial = "KINERJA_PARTIAL"
    case nipMismatch = "NIP_MISMATCH"
    case tanpaAsesmen = "TANPA_ASESMEN"
    case tanpaAsesmenPotensi = "TANPA_ASESMEN_POTENSI"
    case tanpaPendidikan = "TANPA_PENDIDIKAN"
    case tanpaUmpanBalik360 = "TANPA_UMPAN_BALIK_360"

    /// Alphabetical by code.
    public static func < (lhs: PlacementFlag, rhs: PlacementFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
