import Talent

/// One structural post (JPT, administrator or pengawas) of a unit.
struct PostPlan: Sendable {
    let title: String
    let kind: PositionKind
    let critical: Bool
}

/// Where a staff family is placed inside an OPD.
enum Placement: Sendable {
    /// The OPD's own unit and its sekretariat / bagian office work.
    case office
    /// Every bidang, bagian or inspektorat pembantu.
    case divisions
    /// Every outlet (school, puskesmas, installation, kelurahan).
    case outlets
    /// Every unit of the OPD.
    case everywhere
}

/// A sub-unit: a sekretariat, bidang or bagian (`divisions`), or an outlet such as a school or kelurahan.
struct SubUnitPlan: Sendable {
    let code: String
    let name: String
    let posts: [PostPlan]
    let isOutlet: Bool
    /// Relative staff size among outlets (a SMP is bigger than a SD); 1 elsewhere.
    let size: Int
}

/// A staff family placed in an OPD with the headcount it has in a 5,000-employee city.
struct StaffPlan: Sendable {
    let family: String
    let headcount: Int
    let placement: Placement
}

/// A top-level unit (OPD) of the synthetic city.
struct OPDPlan: Sendable {
    let code: String
    let name: String
    let heads: [PostPlan]
    let subUnits: [SubUnitPlan]
    let staff: [StaffPlan]
}

// MARK: - Building blocks

private func post(_ title: String, _ kind: PositionKind, critical: Bool = false) -> PostPlan {
    PostPlan(title: title, kind: kind, critical: critical)
}

/// The standard sekretariat of a dinas or badan: a sekretaris and two kepala subbagian.
private let sekretariat = SubUnitPlan(code: "SEK", name: "Sekretariat", posts: [
    post("Sekretaris", .administrator),
    post("Kepala Subbagian Umum dan Kepegawaian", .pengawas),
    post("Kepala Subbagian Perencanaan dan Keuangan", .pengawas),
], isOutlet: false, size: 1)

/// A bidang (head "Kepala Bidang …", posts "Kepala Seksi …") or a bagian (posts "Kepala Subbagian …").
private func division(_ code: String, _ name: String, _ sections: [String], critical: Bool = false) -> SubUnitPlan {
    let sectionWord = name.hasPrefix("Bagian") ? "Kepala Subbagian " : "Kepala Seksi "
    return SubUnitPlan(code: code, name: name,
                       posts: [post("Kepala " + name, .administrator, critical: critical)]
                           + sections.map { post(sectionWord + $0, .pengawas) },
                       isOutlet: false, size: 1)
}

private func outlet(_ code: String, _ name: String, posts: [PostPlan] = [], size: Int = 1) -> SubUnitPlan {
    SubUnitPlan(code: code, name: name, posts: posts, isOutlet: true, size: size)
}

private func staff(_ family: String, _ headcount: Int, _ placement: Placement = .divisions) -> StaffPlan {
    StaffPlan(family: family, headcount: headcount, placement: placement)
}

/// Office staff every OPD has: administrative pelaksana, finance and archives.
private func officeStaff(_ scale: Int) -> [StaffPlan] {
    [staff("pengadministrasi", 6 * scale, .everywhere), staff("penata", 3 * scale, .everywhere),
     staff("pengelola", 3 * scale, .office), staff("operator", 2 * scale, .office),
     staff("analisKeuangan", scale, .office), staff("arsiparis", scale, .office)]
}

/// A standard dinas or badan: head, sekretariat, bidang.
private func agency(_ code: String, _ name: String, head: String, critical: Bool = false, _ divisions: [SubUnitPlan],
                    outlets: [SubUnitPlan] = [], office: Int = 2, _ staffPlans: [StaffPlan]) -> OPDPlan {
    OPDPlan(code: code, name: name, heads: [post(head, .jptPratama, critical: critical)],
            subUnits: [sekretariat] + divisions + outlets, staff: officeStaff(office) + staffPlans)
}

private func dinas(_ code: String, _ subject: String, _ divisions: [SubUnitPlan], outlets: [SubUnitPlan] = [],
                   office: Int = 2, _ staffPlans: [StaffPlan]) -> OPDPlan {
    agency(code, "Dinas " + subject, head: "Kepala Dinas " + subject, divisions, outlets: outlets, office: office, staffPlans)
}

private func badan(_ code: String, _ subject: String, critical: Bool = false, _ divisions: [SubUnitPlan],
                   _ staffPlans: [StaffPlan]) -> OPDPlan {
    agency(code, "Badan " + subject, head: "Kepala Badan " + subject, critical: critical, divisions, staffPlans)
}

private func kecamatan(_ code: String, _ name: String, _ kelurahan: [String]) -> OPDPlan {
    let office = SubUnitPlan(code: "SEK", name: "Sekretariat Kecamatan", posts: [
        post("Sekretaris Kecamatan", .administrator),
        post("Kepala Subbagian Umum dan Kepegawaian", .pengawas),
    ], isOutlet: false, size: 1)
    let villages = kelurahan.enumerated().map { index, village in
        outlet("KEL\(index + 1)", "Kelurahan " + village, posts: [
            post("Lurah " + village, .pengawas),
            post("Sekretaris Kelurahan " + village, .pengawas),
            post("Kepala Seksi Pemerintahan dan Ketenteraman Kelurahan " + village, .pengawas),
        ])
    }
    return OPDPlan(code: code, name: "Kecamatan " + name, heads: [
        post("Camat " + name, .administrator),
        post("Kepala Seksi Pemerintahan", .pengawas),
        post("Kepala Seksi Ketenteraman dan Ketertiban Umum", .pengawas),
        post("Kepala Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial", .pengawas),
    ], subUnits: [office] + villages, staff: [
        staff("pengadministrasi", 25, .everywhere), staff("operator", 12, .everywhere), staff("penata", 10, .everywhere),
        staff("analisKebijakan", 4, .office), staff("analisKeuangan", 2, .office), staff("polpp", 3, .office),
    ])
}

private func schools() -> [SubUnitPlan] {
    let districts = [("BU", "Bontang Utara", 20), ("BS", "Bontang Selatan", 18), ("BB", "Bontang Barat", 10)]
    var units: [SubUnitPlan] = []
    for (code, name, count) in districts {
        for number in 1...count {
            let label = Digits.padded(number, 3)
            units.append(outlet("SD\(code)\(label)", "SD Negeri \(label) \(name)", size: 2))
        }
    }
    for number in 1...11 {
        units.append(outlet("SMP\(Digits.padded(number, 2))", "SMP Negeri \(number) Bontang", size: 4))
    }
    for number in 1...4 {
        units.append(outlet("TK\(number)", "TK Negeri Pembina \(number) Bontang", size: 1))
    }
    return units
}

// MARK: - The city

/// The OPD of the synthetic city, modelled on Kota Bontang (Kalimantan Timur): 33 OPD — Sekretariat Daerah,
/// Sekretariat DPRD, Inspektorat, twenty dinas, six badan, three kecamatan with their kelurahan and the RSUD.
/// Unit and position titles follow the usual Permendagri nomenclature; every person in the data is synthetic.
enum OPDCatalogue {
    static let all: [OPDPlan] = [
        OPDPlan(code: "SETDA", name: "Sekretariat Daerah", heads: [
            post("Sekretaris Daerah", .jptPratama, critical: true),
            post("Asisten Pemerintahan dan Kesejahteraan Rakyat", .jptPratama),
            post("Asisten Perekonomian dan Pembangunan", .jptPratama),
            post("Asisten Administrasi Umum", .jptPratama),
            post("Staf Ahli Wali Kota Bidang Hukum dan Politik", .jptPratama),
            post("Staf Ahli Wali Kota Bidang Ekonomi dan Keuangan", .jptPratama),
            post("Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia", .jptPratama),
        ], subUnits: [
            division("BPEM", "Bagian Pemerintahan", ["Administrasi Pemerintahan", "Otonomi Daerah"]),
            division("BHUK", "Bagian Hukum", ["Perundang-undangan", "Bantuan Hukum"]),
            division("BKESRA", "Bagian Kesejahteraan Rakyat", ["Bina Mental Spiritual", "Kesejahteraan Sosial"]),
            division("BEKON", "Bagian Perekonomian dan Sumber Daya Alam", ["Perekonomian", "Sumber Daya Alam"]),
            division("BADPEM", "Bagian Administrasi Pembangunan", ["Pengendalian Program", "Evaluasi dan Pelaporan"]),
            division("BPBJ", "Bagian Pengadaan Barang dan Jasa", ["Pengelolaan Pengadaan", "Layanan Pengadaan Secara Elektronik"]),
            division("BORG", "Bagian Organisasi", ["Kelembagaan", "Tata Laksana"]),
            division("BUMUM", "Bagian Umum", ["Tata Usaha Pimpinan", "Rumah Tangga"]),
            division("BPROK", "Bagian Protokol dan Komunikasi Pimpinan", ["Protokol", "Dokumentasi Pimpinan"]),
        ], staff: officeStaff(4) + [
            staff("analisKebijakan", 20), staff("analisHukum", 6), staff("perancangPeraturan", 4), staff("pengelolaPBJ", 10),
            staff("pranataHumas", 8), staff("arsiparis", 4),
        ]),
        OPDPlan(code: "SETWAN", name: "Sekretariat DPRD", heads: [post("Sekretaris DPRD", .jptPratama)], subUnits: [
            division("BUMKEU", "Bagian Umum dan Keuangan", ["Tata Usaha dan Kepegawaian", "Keuangan"]),
            division("BSID", "Bagian Persidangan dan Perundang-undangan", ["Rapat dan Risalah", "Perundang-undangan"]),
            division("BFAS", "Bagian Fasilitasi Penganggaran dan Pengawasan", ["Fasilitasi Penganggaran", "Fasilitasi Pengawasan"]),
        ], staff: officeStaff(3) + [staff("analisKebijakan", 8), staff("analisHukum", 4), staff("pranataHumas", 5)]),
        OPDPlan(code: "INSP", name: "Inspektorat Daerah", heads: [post("Inspektur Daerah", .jptPratama)],
                subUnits: [sekretariat] + ["I", "II", "III", "IV"].map { wilayah in
                    SubUnitPlan(code: "IRBAN\(wilayah)", name: "Inspektorat Pembantu Wilayah " + wilayah,
                                posts: [post("Inspektur Pembantu Wilayah " + wilayah, .administrator, critical: wilayah == "I")],
                                isOutlet: false, size: 1)
                },
                staff: officeStaff(1) + [staff("auditor", 30), staff("p2upd", 16)]),
        dinas("DISDIK", "Pendidikan dan Kebudayaan", [
            division("BSD", "Bidang Pembinaan Sekolah Dasar", ["Kurikulum SD", "Peserta Didik SD"]),
            division("BSMP", "Bidang Pembinaan Sekolah Menengah Pertama", ["Kurikulum SMP", "Sarana Prasarana SMP"]),
            division("BPAUD", "Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal", ["Kelembagaan PAUD"]),
            division("BGTK", "Bidang Guru dan Tenaga Kependidikan", ["Pendidik", "Tenaga Kependidikan"]),
            division("BBUD", "Bidang Kebudayaan", ["Cagar Budaya", "Kesenian dan Tradisi"]),
        ], outlets: schools(), office: 3, [
            staff("guru", 1_700, .outlets), staff("operator", 120, .outlets), staff("pengadministrasi", 110, .outlets),
            staff("pengawasSekolah", 25), staff("pamong", 12), staff("pamongBudaya", 6), staff("pranataKomputer", 5),
        ]),
        dinas("DINKES", "Kesehatan", [
            division("BKESMAS", "Bidang Kesehatan Masyarakat", ["Kesehatan Keluarga dan Gizi", "Promosi Kesehatan"]),
            division("BP2P", "Bidang Pencegahan dan Pengendalian Penyakit", ["Surveilans dan Imunisasi", "Penyakit Menular"],
                     critical: true),
            division("BYANKES", "Bidang Pelayanan dan Sumber Daya Kesehatan", ["Pelayanan Kesehatan", "Kefarmasian"]),
        ], outlets: [
            "Bontang Utara I", "Bontang Utara II", "Bontang Selatan I", "Bontang Selatan II", "Bontang Barat", "Bontang Lestari",
        ].enumerated().map { index, name in
            outlet("PKM\(index + 1)", "UPT Puskesmas " + name, posts: [post("Kepala Subbagian Tata Usaha Puskesmas " + name, .pengawas)])
        }, office: 2, [
            staff("dokter", 30, .outlets), staff("dokterGigi", 10, .outlets), staff("perawat", 120, .outlets),
            staff("bidan", 90, .outlets), staff("apoteker", 10, .outlets), staff("asistenApoteker", 14, .outlets),
            staff("nutrisionis", 14, .outlets), staff("sanitarian", 14, .outlets), staff("laboran", 14, .outlets),
            staff("penyuluhKesehatan", 16), staff("epidemiolog", 6), staff("perekamMedis", 12, .outlets),
            staff("operator", 25, .outlets),
        ]),
        dinas("DPUPR", "Pekerjaan Umum dan Penataan Ruang", [
            division("BMARGA", "Bidang Bina Marga", ["Pembangunan Jalan", "Pemeliharaan Jalan dan Jembatan"], critical: true),
            division("BSDA", "Bidang Sumber Daya Air", ["Drainase", "Irigasi dan Pengendalian Banjir"]),
            division("BCK", "Bidang Cipta Karya", ["Bangunan Gedung", "Air Minum dan Sanitasi"]),
            division("BTR", "Bidang Penataan Ruang", ["Perencanaan Tata Ruang"]),
        ], office: 3, [staff("teknikJalan", 25), staff("teknikPengairan", 15), staff("teknikBangunan", 15),
                       staff("penataRuang", 8), staff("pengelolaPBJ", 6), staff("operator", 20)]),
        dinas("DISHUB", "Perhubungan", [
            division("BLLAJ", "Bidang Lalu Lintas dan Angkutan Jalan", ["Manajemen Lalu Lintas", "Angkutan"]),
            division("BSAR", "Bidang Sarana dan Prasarana", ["Pengujian Sarana", "Perparkiran"]),
            division("BLAUT", "Bidang Perhubungan Laut", ["Kepelabuhanan"]),
        ], [staff("pengujiKendaraan", 25), staff("operator", 45), staff("pengelola", 15)]),
        dinas("DISKOMINFO", "Komunikasi dan Informatika", [
            division("BAPL", "Bidang Aplikasi Informatika", ["Layanan Aplikasi", "Tata Kelola E-Government"], critical: true),
            division("BIKP", "Bidang Informasi dan Komunikasi Publik", ["Pengelolaan Informasi Publik", "Kemitraan Media"]),
            division("BSTAT", "Bidang Statistik dan Persandian", ["Statistik Sektoral", "Persandian"]),
        ], [staff("pranataKomputer", 22), staff("pranataHumas", 12), staff("statistisi", 6), staff("sandiman", 5),
            staff("pengelolaTI", 6)]),
        dinas("DINSOS", "Sosial dan Pemberdayaan Masyarakat", [
            division("BREHSOS", "Bidang Rehabilitasi Sosial", ["Rehabilitasi Anak dan Lanjut Usia"]),
            division("BLINJAM", "Bidang Perlindungan dan Jaminan Sosial", ["Perlindungan Sosial Korban Bencana", "Jaminan Sosial"]),
            division("BPM", "Bidang Pemberdayaan Masyarakat", ["Kelembagaan Masyarakat"]),
        ], [staff("pekerjaSosial", 15), staff("penyuluhSosial", 8), staff("operator", 10)]),
        dinas("DUKCAPIL", "Kependudukan dan Pencatatan Sipil", [
            division("BDAFDUK", "Bidang Pelayanan Pendaftaran Penduduk", ["Identitas Penduduk", "Pindah Datang"]),
            division("BCAPIL", "Bidang Pelayanan Pencatatan Sipil", ["Kelahiran dan Kematian", "Perkawinan dan Perceraian"]),
            division("BPIAK", "Bidang Pengelolaan Informasi Administrasi Kependudukan", ["Sistem Informasi Kependudukan"]),
        ], [staff("adminduk", 20), staff("operator", 25), staff("pranataKomputer", 4)]),
        dinas("DPMPTSP", "Penanaman Modal dan Pelayanan Terpadu Satu Pintu", [
            division("BPM", "Bidang Penanaman Modal", ["Promosi Penanaman Modal", "Pengendalian Penanaman Modal"]),
            division("BPTSP", "Bidang Pelayanan Perizinan", ["Perizinan Usaha", "Perizinan Non Usaha"]),
        ], [staff("penataPerizinan", 15), staff("operator", 8)]),
        dinas("DISNAKER", "Ketenagakerjaan", [
            division("BPPTK", "Bidang Penempatan dan Pelatihan Tenaga Kerja", ["Penempatan Tenaga Kerja", "Pelatihan Kerja"]),
            division("BHI", "Bidang Hubungan Industrial", ["Persyaratan Kerja", "Penyelesaian Perselisihan"]),
        ], [staff("mediator", 6), staff("pengantarKerja", 8), staff("operator", 6)]),
        dinas("DLH", "Lingkungan Hidup", [
            division("BPPL", "Bidang Pengendalian Pencemaran Lingkungan", ["Pengaduan dan Penegakan Hukum Lingkungan"]),
            division("BPSAMPAH", "Bidang Pengelolaan Sampah", ["Penanganan Sampah", "Pengurangan Sampah"]),
            division("BRTH", "Bidang Pertamanan dan Ruang Terbuka Hijau", ["Pertamanan"]),
        ], [staff("pengendaliDampak", 12), staff("operator", 50), staff("pengelola", 10)]),
        dinas("DISPERKIM", "Perumahan, Kawasan Permukiman dan Pertanahan", [
            division("BPERUM", "Bidang Perumahan", ["Penyediaan Perumahan"]),
            division("BKAWASAN", "Bidang Kawasan Permukiman", ["Penataan Kawasan Permukiman"]),
            division("BTANAH", "Bidang Pertanahan", ["Pengadaan Tanah"]),
        ], [staff("teknikBangunan", 12), staff("penataRuang", 4), staff("operator", 12)]),
        dinas("DKUKMP", "Koperasi, Usaha Mikro dan Perdagangan", [
            division("BKOP", "Bidang Koperasi", ["Kelembagaan dan Pengawasan Koperasi"]),
            division("BUM", "Bidang Usaha Mikro", ["Pemberdayaan Usaha Mikro"]),
            division("BDAG", "Bidang Perdagangan", ["Distribusi dan Stabilisasi Harga", "Metrologi Legal"]),
        ], [staff("pengawasKoperasi", 8), staff("pengawasPerdagangan", 8), staff("penera", 6), staff("operator", 15)]),
        dinas("DISPERIN", "Perindustrian", [
            division("BIND", "Bidang Pembinaan Industri", ["Industri Agro dan Kimia", "Industri Kecil dan Menengah"]),
        ], office: 1, [staff("pembinaIndustri", 10), staff("operator", 5)]),
        dinas("DKPP", "Ketahanan Pangan dan Pertanian", [
            division("BKP", "Bidang Ketahanan Pangan", ["Ketersediaan dan Kerawanan Pangan", "Konsumsi dan Keamanan Pangan"]),
            division("BTAN", "Bidang Pertanian", ["Tanaman Pangan dan Hortikultura", "Peternakan dan Kesehatan Hewan"]),
        ], [staff("penyuluhPertanian", 25), staff("analisPangan", 8), staff("operator", 12)]),
        dinas("DISKAN", "Perikanan dan Kelautan", [
            division("BBUDI", "Bidang Perikanan Budidaya", ["Produksi Perikanan Budidaya"]),
            division("BTANGKAP", "Bidang Perikanan Tangkap", ["Pengelolaan Nelayan"]),
        ], [staff("penyuluhPerikanan", 15), staff("operator", 10)]),
        dinas("DISPORAPAR", "Pemuda, Olahraga dan Pariwisata", [
            division("BPORA", "Bidang Kepemudaan dan Olahraga", ["Kepemudaan", "Pembudayaan Olahraga"]),
            division("BPAR", "Bidang Pariwisata dan Ekonomi Kreatif", ["Destinasi Pariwisata", "Ekonomi Kreatif"]),
        ], [staff("adyatama", 10), staff("operator", 15)]),
        dinas("DP3AKB", "Pemberdayaan Perempuan, Perlindungan Anak dan Keluarga Berencana", [
            division("BPPA", "Bidang Perlindungan Perempuan dan Anak", ["Perlindungan Hak Perempuan", "Pemenuhan Hak Anak"]),
            division("BKB", "Bidang Pengendalian Penduduk dan Keluarga Berencana", ["Keluarga Berencana"]),
        ], [staff("penyuluhKB", 18), staff("analisAnak", 6), staff("operator", 8)]),
        dinas("DISPUSIP", "Perpustakaan dan Kearsipan", [
            division("BPUS", "Bidang Perpustakaan", ["Layanan Perpustakaan"]),
            division("BARSIP", "Bidang Kearsipan", ["Pengelolaan Arsip"]),
        ], [staff("pustakawan", 14), staff("arsiparis", 10), staff("operator", 6)]),
        agency("SATPOLPP", "Satuan Polisi Pamong Praja", head: "Kepala Satuan Polisi Pamong Praja", [
            division("BGAKDA", "Bidang Penegakan Peraturan Daerah", ["Penyelidikan dan Penyidikan"]),
            division("BTIBUM", "Bidang Ketertiban Umum dan Ketenteraman Masyarakat", ["Operasi dan Pengendalian"]),
            division("BLINMAS", "Bidang Perlindungan Masyarakat", ["Satuan Perlindungan Masyarakat"]),
        ], [staff("polpp", 120), staff("operator", 15)]),
        dinas("DAMKAR", "Pemadam Kebakaran dan Penyelamatan", [
            division("BOPS", "Bidang Operasi Pemadaman dan Penyelamatan", ["Pemadaman", "Penyelamatan"]),
            division("BPENCEG", "Bidang Pencegahan Kebakaran", ["Pencegahan dan Sarana"]),
        ], [staff("pemadam", 85), staff("analisKebakaran", 6), staff("operator", 10)]),
        badan("BKPSDM", "Kepegawaian dan Pengembangan Sumber Daya Manusia", [
            division("BMUTASI", "Bidang Mutasi dan Promosi", ["Mutasi", "Promosi dan Kepangkatan"]),
            division("BPSDM", "Bidang Pengembangan Sumber Daya Manusia", ["Pengembangan Kompetensi"]),
            division("BKINERJA", "Bidang Penilaian Kinerja dan Penghargaan", ["Penilaian Kinerja Aparatur"]),
        ], [staff("analisSDM", 20), staff("asesorSDM", 6), staff("pranataKomputer", 4)]),
        badan("BPKAD", "Pengelolaan Keuangan dan Aset Daerah", critical: true, [
            division("BANG", "Bidang Anggaran", ["Penyusunan Anggaran"], critical: true),
            division("BPBEN", "Bidang Perbendaharaan", ["Pengelolaan Kas Daerah", "Belanja"]),
            division("BAKUN", "Bidang Akuntansi", ["Akuntansi dan Pelaporan"]),
            division("BASET", "Bidang Aset", ["Penatausahaan Aset"]),
        ], [staff("analisKeuangan", 40), staff("pengelola", 15), staff("pranataKomputer", 4)]),
        badan("BAPELITBANG", "Perencanaan Pembangunan, Penelitian dan Pengembangan", [
            division("BPEREKON", "Bidang Perencanaan Perekonomian dan Sumber Daya Alam", ["Perekonomian"]),
            division("BPSOSBUD", "Bidang Perencanaan Pemerintahan dan Pembangunan Manusia", ["Pembangunan Manusia"]),
            division("BINFRA", "Bidang Perencanaan Infrastruktur dan Kewilayahan", ["Infrastruktur"]),
            division("BLITBANG", "Bidang Penelitian dan Pengembangan", ["Inovasi Daerah"]),
        ], [staff("perencana", 28), staff("analisKebijakan", 8), staff("statistisi", 2)]),
        badan("BAPENDA", "Pendapatan Daerah", [
            division("BPAJAK", "Bidang Pajak Daerah", ["Pendataan dan Penetapan", "Penagihan"], critical: true),
            division("BPBB", "Bidang Pajak Bumi dan Bangunan", ["Penilaian dan Penetapan PBB"]),
            division("BRETRIB", "Bidang Retribusi dan Pendapatan Lain", ["Pengendalian Retribusi"]),
        ], [staff("pemeriksaPajak", 15), staff("penilaiPBB", 8), staff("pengelola", 20), staff("operator", 10)]),
        badan("KESBANGPOL", "Kesatuan Bangsa dan Politik", [
            division("BIDEO", "Bidang Ideologi dan Wawasan Kebangsaan", ["Wawasan Kebangsaan"]),
            division("BPOL", "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan", ["Organisasi Kemasyarakatan"]),
        ], [staff("analisKebijakan", 10), staff("operator", 5)]),
        agency("BPBD", "Badan Penanggulangan Bencana Daerah", head: "Kepala Pelaksana Badan Penanggulangan Bencana Daerah", [
            division("BPK", "Bidang Pencegahan dan Kesiapsiagaan", ["Pencegahan"]),
            division("BKL", "Bidang Kedaruratan dan Logistik", ["Kedaruratan", "Logistik"], critical: true),
            division("BRR", "Bidang Rehabilitasi dan Rekonstruksi", ["Rehabilitasi"]),
        ], [staff("analisBencana", 10), staff("operator", 25)]),
        kecamatan("KECBU", "Bontang Utara", ["Bontang Baru", "Bontang Kuala", "Api-Api", "Gunung Elai", "Lok Tuan", "Guntung"]),
        kecamatan("KECBS", "Bontang Selatan", ["Bontang Lestari", "Satimpo", "Berbas Pantai", "Berbas Tengah", "Tanjung Laut",
                                                "Tanjung Laut Indah"]),
        kecamatan("KECBB", "Bontang Barat", ["Belimbing", "Gunung Telihan", "Kanaan"]),
        OPDPlan(code: "RSUD", name: "Rumah Sakit Umum Daerah Taman Husada", heads: [
            post("Direktur Rumah Sakit Umum Daerah Taman Husada", .jptPratama, critical: true),
        ], subUnits: [
            division("BTU", "Bagian Tata Usaha", ["Umum dan Kepegawaian", "Keuangan", "Perencanaan dan Rekam Medis"]),
            division("BYANMED", "Bidang Pelayanan Medik", ["Pelayanan Medik", "Penunjang Medik"], critical: true),
            division("BKEP", "Bidang Keperawatan", ["Asuhan Keperawatan", "Mutu Keperawatan"]),
            division("BPNM", "Bidang Penunjang Non Medik", ["Sarana dan Prasarana"]),
            outlet("IRNA", "Instalasi Rawat Inap", size: 5), outlet("IRJA", "Instalasi Rawat Jalan", size: 3),
            outlet("IGD", "Instalasi Gawat Darurat", size: 3), outlet("IBS", "Instalasi Bedah Sentral", size: 2),
            outlet("IFARM", "Instalasi Farmasi", size: 1), outlet("ILAB", "Instalasi Laboratorium", size: 1),
            outlet("IRAD", "Instalasi Radiologi", size: 1),
        ], staff: officeStaff(3) + [
            staff("dokter", 70, .outlets), staff("perawat", 300, .outlets), staff("bidan", 40, .outlets),
            staff("apoteker", 12, .outlets), staff("asistenApoteker", 20, .outlets), staff("laboran", 20, .outlets),
            staff("radiografer", 12, .outlets), staff("nutrisionis", 12, .outlets), staff("perekamMedis", 20, .office),
            staff("operator", 60, .outlets), staff("pranataKomputer", 5, .office),
        ]),
    ]
}
