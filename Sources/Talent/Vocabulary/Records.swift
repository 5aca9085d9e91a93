/// Level of an award (penghargaan), DOMAIN.md §5 and §11. BKN 411/2025 grades awards as international, national,
/// cross-agency and own-agency; PROVINSI stands for cross-agency and KOTA for own-agency (DOMAIN.md §12.4).
public enum AwardLevel: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case kota = "KOTA"
    case provinsi = "PROVINSI"
    case nasional = "NASIONAL"
    case internasional = "INTERNASIONAL"
}

/// Level of a disciplinary penalty (hukuman disiplin, PP 94/2021), DOMAIN.md §5 and §7. Ordered RINGAN < SEDANG < BERAT.
public enum PenaltyLevel: String, CaseIterable, Codable, Sendable, Comparable, CodingKeyRepresentable {
    case ringan = "RINGAN"
    case sedang = "SEDANG"
    case berat = "BERAT"

    private var order: Int {
        switch self {
        case .ringan: return 0
        case .sedang: return 1
        case .berat: return 2
        }
    }

    public static func < (lhs: PenaltyLevel, rhs: PenaltyLevel) -> Bool { lhs.order < rhs.order }
}

/// How an assessment was made (DOMAIN.md §5: assessment centre, CACT or uji kompetensi).
///
/// DOMAIN.md names the three methods but not their spelling; the golden fixture writes `ASSESSMENT_CENTER` and
/// `CACT`, and `UJI_KOMPETENSI` follows the same style. The method does not change A; an empty method is accepted.
public enum AssessmentMethod: String, CaseIterable, Codable, Sendable {
    case assessmentCenter = "ASSESSMENT_CENTER"
    case cact = "CACT"
    case ujiKompetensi = "UJI_KOMPETENSI"
}

/// The eight aspects of a potential assessment (PermenPANRB 3/2020 as amended, Article 17), in the column order of
/// potential_assessments.csv (DOMAIN.md §12.7).
public enum PotentialAspect: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case kemampuanIntelektual = "kemampuan_intelektual"
    case kemampuanInterpersonal = "kemampuan_interpersonal"
    case kesadaranDiri = "kesadaran_diri"
    case berpikirKritisStrategis = "berpikir_kritis_strategis"
    case menyelesaikanMasalah = "menyelesaikan_masalah"
    case kecerdasanEmosional = "kecerdasan_emosional"
    case belajarCepat = "belajar_cepat"
    case motivasiKomitmen = "motivasi_komitmen"
}

/// The role an employee holds in a team set up by decree (surat keputusan), DOMAIN.md §12.4.
public enum TeamRole: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// Lead; also owner or assessor of the team.
    case ketua = "KETUA"
    /// Member.
    case anggota = "ANGGOTA"
}

/// Whose team a decree sets up, DOMAIN.md §12.4.
public enum TeamScope: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// Across agencies.
    case lintasInstansi = "LINTAS_INSTANSI"
    /// The employee's own agency.
    case instansi = "INSTANSI"
}

/// The kind of an acting assignment, DOMAIN.md §12.5.
public enum ActingKind: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// Penjabat: appointed to act in a vacant post.
    case pj = "PJ"
    /// Pelaksana tugas: carries out the duties of a post whose holder is away or missing.
    case plt = "PLT"
    /// Pelaksana harian: carries out the daily duties of a post for a short absence.
    case plh = "PLH"
}

/// The level of an acting post against the employee's own, DOMAIN.md §12.5.
public enum ActingLevel: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    /// One level above.
    case atas = "ATAS"
    /// The same level.
    case setara = "SETARA"
}

/// The nine competencies of an assessment row (PermenPANRB 38/2017), in the column order of assessments.csv:
/// eight managerial and one socio-cultural (perekat_bangsa).
public enum Competency: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case integritas
    case kerjaSama = "kerja_sama"
    case komunikasi
    case orientasiHasil = "orientasi_hasil"
    case pelayananPublik = "pelayanan_publik"
    case pengembanganDiri = "pengembangan_diri"
    case mengelolaPerubahan = "mengelola_perubahan"
    case pengambilanKeputusan = "pengambilan_keputusan"
    case perekatBangsa = "perekat_bangsa"
}
