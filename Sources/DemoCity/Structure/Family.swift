import Talent

/// A group of non-structural positions sharing a title stem, e.g. "Perawat" at several jenjang, or one PELAKSANA
/// title: who holds them (sex ratio, majors, degree) and how the headcount spreads over the jenjang.
struct Family: Sendable {
    let title: String
    /// The jenjang offered, each with its share of the family's headcount; empty for a PELAKSANA title.
    let jenjangs: [(Jenjang, Int)]
    /// Share of women, per mille.
    let femalePerMille: Int
    /// Majors of the highest degree.
    let majors: [String]
    /// The S1 degree written after a name (e.g. "S.Pd."), or "" when titles are not shown.
    let degree: String
    /// The education a PELAKSANA of this title usually has (ignored for FUNGSIONAL).
    let pelaksanaEducation: EducationLevel

    var kind: PositionKind { jenjangs.isEmpty ? .pelaksana : .fungsional }

    static func fungsional(_ title: String, _ jenjangs: [(Jenjang, Int)], female: Int = 450,
                           majors: [String], degree: String) -> Family {
        Family(title: title, jenjangs: jenjangs, femalePerMille: female, majors: majors, degree: degree,
               pelaksanaEducation: .s1)
    }

    static func pelaksana(_ title: String, education: EducationLevel, female: Int = 450) -> Family {
        Family(title: title, jenjangs: [], femalePerMille: female,
               majors: ["Administrasi Perkantoran", "Manajemen", "Akuntansi", "Administrasi Negara", "Teknik Informatika"],
               degree: "", pelaksanaEducation: education)
    }
}

/// The families of the synthetic city, by key.
enum Families {
    private static let keahlian3: [(Jenjang, Int)] = [(.ahliPertama, 45), (.ahliMuda, 40), (.ahliMadya, 15)]
    private static let keahlian2: [(Jenjang, Int)] = [(.ahliPertama, 55), (.ahliMuda, 45)]
    private static let mixed: [(Jenjang, Int)] = [(.terampil, 25), (.mahir, 15), (.ahliPertama, 35), (.ahliMuda, 25)]

    static let all: [String: Family] = [
        "guru": .fungsional("Guru", [(.ahliPertama, 36), (.ahliMuda, 36), (.ahliMadya, 27), (.ahliUtama, 1)], female: 700,
                            majors: ["Pendidikan Guru Sekolah Dasar", "Pendidikan Matematika", "Pendidikan Bahasa Indonesia",
                                     "Pendidikan Bahasa Inggris", "Pendidikan Agama Islam", "Pendidikan Jasmani",
                                     "Pendidikan IPA", "Pendidikan IPS", "Bimbingan dan Konseling"], degree: "S.Pd."),
        "pengawasSekolah": .fungsional("Pengawas Sekolah", [(.ahliMuda, 40), (.ahliMadya, 60)], female: 500,
                                       majors: ["Manajemen Pendidikan", "Pendidikan Matematika"], degree: "S.Pd."),
        "pamong": .fungsional("Pamong Belajar", keahlian2, female: 550, majors: ["Pendidikan Luar Sekolah"], degree: "S.Pd."),
        "dokter": .fungsional("Dokter", keahlian3, female: 600, majors: ["Pendidikan Dokter"], degree: ""),
        "dokterGigi": .fungsional("Dokter Gigi", keahlian2, female: 700, majors: ["Pendidikan Dokter Gigi"], degree: ""),
        "perawat": .fungsional("Perawat", [(.terampil, 25), (.mahir, 20), (.penyelia, 10), (.ahliPertama, 30), (.ahliMuda, 15)],
                               female: 700, majors: ["Keperawatan", "Ilmu Keperawatan"], degree: "S.Kep."),
        "bidan": .fungsional("Bidan", [(.terampil, 30), (.mahir, 20), (.penyelia, 10), (.ahliPertama, 30), (.ahliMuda, 10)],
                             female: 1000, majors: ["Kebidanan"], degree: "S.Tr.Keb."),
        "apoteker": .fungsional("Apoteker", keahlian3, female: 750, majors: ["Farmasi"], degree: "S.Farm."),
        "asistenApoteker": .fungsional("Asisten Apoteker", [(.terampil, 50), (.mahir, 35), (.penyelia, 15)], female: 750,
                                       majors: ["Farmasi"], degree: ""),
        "laboran": .fungsional("Pranata Laboratorium Kesehatan", mixed, female: 650,
                               majors: ["Analis Kesehatan", "Teknologi Laboratorium Medis"], degree: "S.Tr.Kes."),
        "nutrisionis": .fungsional("Nutrisionis", [(.terampil, 40), (.ahliPertama, 40), (.ahliMuda, 20)], female: 800,
                                   majors: ["Gizi"], degree: "S.Gz."),
        "sanitarian": .fungsional("Tenaga Sanitasi Lingkungan", [(.terampil, 40), (.mahir, 20), (.ahliPertama, 40)], female: 550,
                                  majors: ["Kesehatan Lingkungan"], degree: "S.KM."),
        "epidemiolog": .fungsional("Epidemiolog Kesehatan", keahlian2, female: 600, majors: ["Kesehatan Masyarakat"], degree: "S.KM."),
        "penyuluhKesehatan": .fungsional("Penyuluh Kesehatan Masyarakat", keahlian2, female: 650,
                                         majors: ["Kesehatan Masyarakat"], degree: "S.KM."),
        "perekamMedis": .fungsional("Perekam Medis", [(.terampil, 50), (.mahir, 35), (.penyelia, 15)], female: 650,
                                    majors: ["Rekam Medis dan Informasi Kesehatan"], degree: ""),
        "radiografer": .fungsional("Radiografer", [(.terampil, 45), (.mahir, 25), (.ahliPertama, 30)], female: 400,
                                   majors: ["Radiodiagnostik dan Radioterapi"], degree: "S.Tr.Rad."),
        "pranataKomputer": .fungsional("Pranata Komputer", mixed, female: 350,
                                       majors: ["Teknik Informatika", "Sistem Informasi", "Ilmu Komputer"], degree: "S.Kom."),
        "pranataHumas": .fungsional("Pranata Hubungan Masyarakat", mixed, female: 550,
                                    majors: ["Ilmu Komunikasi", "Hubungan Masyarakat"], degree: "S.I.Kom."),
        "statistisi": .fungsional("Statistisi", keahlian2, female: 550, majors: ["Statistika", "Matematika"], degree: "S.Stat."),
        "sandiman": .fungsional("Sandiman", [(.terampil, 50), (.ahliPertama, 50)], female: 300,
                                majors: ["Teknik Informatika"], degree: "S.Kom."),
        "analisKeuangan": .fungsional("Analis Keuangan", keahlian3, female: 600,
                                      majors: ["Akuntansi", "Manajemen Keuangan", "Ekonomi Pembangunan"], degree: "S.E."),
        "perencana": .fungsional("Perencana", keahlian3, female: 500,
                                 majors: ["Perencanaan Wilayah dan Kota", "Ekonomi Pembangunan", "Administrasi Publik"],
                                 degree: "S.T."),
        "analisKebijakan": .fungsional("Analis Kebijakan", keahlian3, female: 500,
                                       majors: ["Administrasi Publik", "Ilmu Pemerintahan", "Ilmu Politik"], degree: "S.AP."),
        "auditor": .fungsional("Auditor", [(.terampil, 15), (.ahliPertama, 35), (.ahliMuda, 35), (.ahliMadya, 15)], female: 500,
                               majors: ["Akuntansi", "Ilmu Hukum", "Teknik Sipil"], degree: "S.E."),
        "p2upd": .fungsional("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah", keahlian3, female: 450,
                             majors: ["Ilmu Pemerintahan", "Ilmu Hukum"], degree: "S.IP."),
        "analisSDM": .fungsional("Analis Sumber Daya Manusia Aparatur", keahlian3, female: 600,
                                 majors: ["Psikologi", "Manajemen Sumber Daya Manusia", "Administrasi Negara"], degree: "S.Psi."),
        "asesorSDM": .fungsional("Asesor Sumber Daya Manusia Aparatur", keahlian2, female: 600, majors: ["Psikologi"],
                                 degree: "S.Psi."),
        "analisHukum": .fungsional("Analis Hukum", keahlian3, female: 500, majors: ["Ilmu Hukum"], degree: "S.H."),
        "perancangPeraturan": .fungsional("Perancang Peraturan Perundang-undangan", keahlian2, female: 500,
                                          majors: ["Ilmu Hukum"], degree: "S.H."),
        "pengelolaPBJ": .fungsional("Pengelola Pengadaan Barang/Jasa", keahlian2, female: 400,
                                    majors: ["Teknik Sipil", "Manajemen", "Akuntansi"], degree: "S.T."),
        "arsiparis": .fungsional("Arsiparis", mixed, female: 600, majors: ["Kearsipan", "Ilmu Perpustakaan"], degree: "S.Hum."),
        "pustakawan": .fungsional("Pustakawan", mixed, female: 650, majors: ["Ilmu Perpustakaan"], degree: "S.IP."),
        "pekerjaSosial": .fungsional("Pekerja Sosial", [(.terampil, 30), (.ahliPertama, 45), (.ahliMuda, 25)], female: 600,
                                     majors: ["Kesejahteraan Sosial"], degree: "S.Sos."),
        "penyuluhSosial": .fungsional("Penyuluh Sosial", keahlian2, female: 550, majors: ["Kesejahteraan Sosial"], degree: "S.Sos."),
        "penyuluhKB": .fungsional("Penyuluh Keluarga Berencana", [(.terampil, 30), (.ahliPertama, 45), (.ahliMuda, 25)],
                                  female: 700, majors: ["Kesehatan Masyarakat", "Sosiologi"], degree: "S.Sos."),
        "penyuluhPertanian": .fungsional("Penyuluh Pertanian", mixed, female: 350, majors: ["Agroteknologi", "Agribisnis"],
                                         degree: "S.P."),
        "penyuluhPerikanan": .fungsional("Penyuluh Perikanan", [(.terampil, 35), (.ahliPertama, 40), (.ahliMuda, 25)],
                                         female: 300, majors: ["Budidaya Perairan", "Pemanfaatan Sumberdaya Perikanan"],
                                         degree: "S.Pi."),
        "analisPangan": .fungsional("Analis Ketahanan Pangan", keahlian2, female: 550, majors: ["Teknologi Pangan", "Agribisnis"],
                                    degree: "S.TP."),
        "pengendaliDampak": .fungsional("Pengendali Dampak Lingkungan", keahlian3, female: 500,
                                        majors: ["Teknik Lingkungan", "Biologi"], degree: "S.T."),
        "teknikJalan": .fungsional("Teknik Jalan dan Jembatan", mixed, female: 200, majors: ["Teknik Sipil"], degree: "S.T."),
        "teknikPengairan": .fungsional("Teknik Pengairan", mixed, female: 200, majors: ["Teknik Sipil", "Teknik Pengairan"],
                                       degree: "S.T."),
        "teknikBangunan": .fungsional("Teknik Tata Bangunan dan Perumahan", mixed, female: 300,
                                      majors: ["Teknik Sipil", "Arsitektur"], degree: "S.T."),
        "penataRuang": .fungsional("Penata Ruang", keahlian2, female: 400, majors: ["Perencanaan Wilayah dan Kota"], degree: "S.T."),
        "pengujiKendaraan": .fungsional("Penguji Kendaraan Bermotor", [(.pemula, 20), (.terampil, 35), (.mahir, 20), (.ahliPertama, 25)],
                                        female: 100, majors: ["Teknik Mesin", "Teknik Otomotif"], degree: "S.T."),
        "polpp": .fungsional("Polisi Pamong Praja", [(.pemula, 25), (.terampil, 30), (.mahir, 20), (.penyelia, 10), (.ahliPertama, 10),
                                                     (.ahliMuda, 5)], female: 200, majors: ["Ilmu Hukum", "Ilmu Pemerintahan"],
                             degree: "S.H."),
        "pemadam": .fungsional("Pemadam Kebakaran", [(.pemula, 35), (.terampil, 35), (.mahir, 20), (.penyelia, 10)], female: 50,
                               majors: ["Teknik Mesin"], degree: ""),
        "analisKebakaran": .fungsional("Analis Kebakaran", keahlian2, female: 200, majors: ["Teknik Sipil", "Teknik Kimia"],
                                       degree: "S.T."),
        "analisBencana": .fungsional("Analis Kebencanaan", keahlian2, female: 350, majors: ["Geografi", "Teknik Lingkungan"],
                                     degree: "S.Si."),
        "adminduk": .fungsional("Administrator Database Kependudukan", mixed, female: 500,
                                majors: ["Sistem Informasi", "Teknik Informatika"], degree: "S.Kom."),
        "mediator": .fungsional("Mediator Hubungan Industrial", keahlian2, female: 400, majors: ["Ilmu Hukum"], degree: "S.H."),
        "pengantarKerja": .fungsional("Pengantar Kerja", [(.terampil, 40), (.ahliPertama, 60)], female: 500,
                                      majors: ["Psikologi", "Manajemen"], degree: "S.Psi."),
        "penataPerizinan": .fungsional("Penata Perizinan", keahlian2, female: 550, majors: ["Administrasi Publik", "Ilmu Hukum"],
                                       degree: "S.AP."),
        "pengawasKoperasi": .fungsional("Pengawas Koperasi", keahlian2, female: 500, majors: ["Manajemen", "Ekonomi"], degree: "S.E."),
        "pengawasPerdagangan": .fungsional("Pengawas Perdagangan", keahlian2, female: 450, majors: ["Manajemen", "Ekonomi"],
                                           degree: "S.E."),
        "penera": .fungsional("Penera", [(.terampil, 45), (.mahir, 25), (.ahliPertama, 30)], female: 250, majors: ["Fisika", "Teknik Mesin"],
                              degree: "S.T."),
        "pembinaIndustri": .fungsional("Pembina Industri", keahlian2, female: 400, majors: ["Teknik Industri", "Teknik Kimia"],
                                       degree: "S.T."),
        "adyatama": .fungsional("Adyatama Kepariwisataan dan Ekonomi Kreatif", keahlian2, female: 550,
                                majors: ["Pariwisata", "Manajemen"], degree: "S.Par."),
        "pamongBudaya": .fungsional("Pamong Budaya", keahlian2, female: 500, majors: ["Sejarah", "Antropologi"], degree: "S.Hum."),
        "pemeriksaPajak": .fungsional("Pemeriksa Pajak Daerah dan Retribusi Daerah", keahlian2, female: 500,
                                      majors: ["Akuntansi", "Perpajakan"], degree: "S.E."),
        "penilaiPBB": .fungsional("Penilai Pajak Bumi dan Bangunan", keahlian2, female: 450, majors: ["Teknik Sipil", "Akuntansi"],
                                  degree: "S.T."),
        "pengelolaTI": .fungsional("Penata Kelola Sistem dan Teknologi Informasi", keahlian2, female: 400,
                                             majors: ["Sistem Informasi"], degree: "S.Kom."),
        "analisAnak": .fungsional("Analis Perlindungan Perempuan dan Anak", keahlian2, female: 800,
                                    majors: ["Psikologi", "Kesejahteraan Sosial"], degree: "S.Psi."),
        "pengadministrasi": .pelaksana("Pengadministrasi Perkantoran", education: .sma, female: 550),
        "operator": .pelaksana("Operator Layanan Operasional", education: .sma, female: 350),
        "pengelola": .pelaksana("Pengelola Layanan Operasional", education: .d3, female: 500),
        "penata": .pelaksana("Penata Layanan Operasional", education: .s1, female: 500),
    ]

    static func named(_ key: String) -> Family {
        guard let family = all[key] else { preconditionFailure("no family \(key) in the city catalogue") }
        return family
    }
}
