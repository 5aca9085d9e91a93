/// Level of an award (penghargaan), DOMAIN.md §5.
public enum AwardLevel: String, CaseIterable, Codable, Sendable, CodingKeyRepresentable {
    case kota = "KOTA"
    case provinsi = "PROVINSI"
    case nasional = "NASIONAL"
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

/// The nine competencies of an assessment row (PermenPANRB 38/2017), in the column order of assessments.csv:
/// eight managerial and one socio-cultural (perekat_bangsa).
public enum Competency: String, CaseIterable, Codable, Sendable {
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
