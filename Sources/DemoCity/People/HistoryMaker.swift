import Talent

/// The rows of the other input files for one person: education, training, SKP performance, assessment, awards,
/// penalties and other scores. Every date is on or before the reference date D, except a penalty's `ends_on`,
/// which may lie after D (the penalty is still running; DOMAIN.md fine print). The education rows' `field_fit` is
/// drawn from the preset's stream (`PresetHistoryMaker.fieldFit`), so every other field is what it was before the
/// column was generated.
struct HistoryMaker {
    let person: Person
    let referenceDate: CivilDate

    private var d: CivilDate { referenceDate }
    private var latestDate: CivilDate { d.adding(days: -1) }

    /// - Parameters:
    ///   - random: the person's stream.
    ///   - preset: the stream of the BKN 411/2025 preset's inputs (here: each education row's field_fit).
    func addRows(to batch: inout RowBatch, _ random: inout SplitMix64, preset: inout SplitMix64) {
        addEducation(to: &batch, &random, preset: &preset)
        addTraining(to: &batch, &random)
        addPerformance(to: &batch, &random)
        addAssessment(to: &batch, &random)
        addRecognition(to: &batch, &random)
    }

    /// A day in `from ... to` (both clamped to D).
    private func day(from: CivilDate, to: CivilDate, _ random: inout SplitMix64) -> CivilDate {
        let upper = min(to, d)
        let lower = min(from, upper)
        return lower.adding(days: random.int(0...(upper.dayNumber - lower.dayNumber)))
    }

    // MARK: Education

    private static let schools = ["SMA Negeri 1 Bontang", "SMA Negeri 2 Bontang", "SMA Negeri 3 Bontang", "SMK Negeri 1 Bontang",
                                  "SMA Negeri 1 Samarinda", "SMA Negeri 5 Balikpapan", "SMA Negeri 1 Tenggarong",
                                  "MAN 1 Bontang", "SMA Negeri 1 Makassar", "SMK Negeri 2 Samarinda"]
    private static let schoolMajors = ["IPA", "IPS", "", "Akuntansi", "Teknik Komputer dan Jaringan"]
    private static let diplomaInstitutions = ["Politeknik Negeri Samarinda", "Poltekkes Kemenkes Kalimantan Timur",
                                              "Politeknik Negeri Balikpapan", "Akademi Keperawatan Bontang",
                                              "Politeknik Negeri Ujung Pandang"]
    private static let universities = ["Universitas Mulawarman", "Universitas Hasanuddin", "Universitas Brawijaya",
                                       "Universitas Gadjah Mada", "Universitas Negeri Makassar", "Universitas Trunajaya Bontang",
                                       "Universitas Lambung Mangkurat", "Universitas Airlangga", "Institut Pemerintahan Dalam Negeri",
                                       "Universitas 17 Agustus 1945 Samarinda", "Universitas Diponegoro"]
    private static let graduateSchools = ["Universitas Mulawarman", "Universitas Hasanuddin", "Universitas Brawijaya",
                                          "Universitas Gadjah Mada", "Universitas Indonesia", "Universitas Airlangga",
                                          "Universitas Diponegoro"]
    private static let generalMajors = ["Administrasi Negara", "Ilmu Pemerintahan", "Manajemen", "Ilmu Hukum",
                                        "Ekonomi Pembangunan", "Teknik Sipil", "Akuntansi"]

    private func addEducation(to batch: inout RowBatch, _ random: inout SplitMix64, preset: inout SplitMix64) {
        let birth = person.birthDate
        let majors = person.position.family?.majors ?? Self.generalMajors
        func row(_ level: EducationLevel, _ institution: String, _ major: String, _ date: CivilDate) {
            batch.add(.education, [person.nip, level.rawValue, institution, major, min(date, latestDate).description,
                                   PresetHistoryMaker.fieldFit(level, &preset)])
        }
        let school = CivilDate(year: birth.year + 18, month: random.int(5...6), day: random.int(1...28))!
        row(.sma, random.pick(Self.schools), random.pick(Self.schoolMajors), school)
        var last = school
        if person.education == .d3 || (person.education.rank >= EducationLevel.s1.rank && random.chance(perMille: 120)) {
            last = CivilDate(year: school.year + 3, month: random.int(7...9), day: random.int(1...28))!
            row(.d3, random.pick(Self.diplomaInstitutions), random.pick(majors), last)
        }
        guard person.education.rank >= EducationLevel.s1.rank else { return }
        let s1Gap = last == school ? random.int(4...5) : random.int(2...6)
        // An S1 is usually earned before entry (the entry golongan assumes it), always after the diploma before it.
        let s1 = min(CivilDate(year: last.year + s1Gap, month: random.int(8...11), day: random.int(1...28))!, person.entryDate.adding(days: -30))
        last = max(s1, last.adding(years: 1))
        row(.s1, random.pick(Self.universities), random.chance(perMille: 900) ? random.pick(majors) : "", last)
        guard person.education.rank >= EducationLevel.s2.rank else { return }
        last = day(from: max(last.adding(years: 2), person.entryDate.adding(years: 2)), to: latestDate, &random)
        row(.s2, random.pick(Self.graduateSchools), random.pick(majors), last)
        guard person.education.rank >= EducationLevel.s3.rank else { return }
        last = day(from: last.adding(years: 3), to: latestDate, &random)
        row(.s3, random.pick(Self.graduateSchools), random.pick(majors), last)
    }

    // MARK: Training

    private static let generalCourses = [
        "Pelatihan Teknis Tata Naskah Dinas", "Pelatihan Teknis Aplikasi SRIKANDI", "Bimbingan Teknis Penyusunan SKP",
        "Pelatihan Pengadaan Barang dan Jasa Tingkat Dasar", "Pelatihan Pelayanan Prima", "Bimbingan Teknis Manajemen Risiko",
        "Pelatihan Penyusunan Standar Operasional Prosedur", "Pelatihan Public Speaking bagi ASN", "Bimbingan Teknis Aplikasi SIPD",
        "Pelatihan Literasi Digital ASN", "Pelatihan Penulisan Laporan Kinerja", "Pelatihan Keterbukaan Informasi Publik",
    ]

    private func addTraining(to batch: inout RowBatch, _ random: inout SplitMix64) {
        func row(_ kind: String, _ title: String, _ ended: CivilDate, _ hours: Int) {
            guard ended <= d, ended >= person.entryDate else { return }
            batch.add(.training, [person.nip, kind, title, ended.description, String(hours)])
        }
        let entry = person.entryDate
        if person.status == .pns || person.status == .cpns, entry.year >= 2018 {
            row("LATSAR", "Pelatihan Dasar CPNS Angkatan \(random.int(1...12)) Tahun \(entry.year)", entry.adding(months: random.int(6...11)), 200)
        }
        // Technical training: D.year-3 … D.year-1, and a little in D's year so far.
        let diligence = [850, 720, 560, 400][person.performanceTier]
        let family = person.position.family?.title
        for year in (d.year - 3)...d.year {
            let count = year == d.year ? (random.chance(perMille: 200) ? 1 : 0)
                : (random.chance(perMille: diligence) ? random.weightedIndex([55, 35, 10]) + 1 : 0)
            for _ in 0..<count {
                let title = family != nil && random.chance(perMille: 350)
                    ? "Pelatihan Teknis Fungsional " + (family ?? "") : random.pick(Self.generalCourses)
                let ended = day(from: CivilDate(year: year, month: 1, day: 15)!, to: CivilDate(year: year, month: 12, day: 15)!, &random)
                row("TEKNIS", title, ended, random.pick([8, 16, 20, 24, 24, 30, 32, 40]))
            }
        }
        // Leadership training (pelatihan kepemimpinan): the ladder up to the post held, sometimes still missing.
        let rung: Int = switch person.position.kind {
        case .jptPratama: random.chance(perMille: 880) ? 3 : 2
        case .administrator: random.chance(perMille: 820) ? 2 : 1
        case .pengawas: random.chance(perMille: 760) ? 1 : 0
        default: person.status == .pns && person.performanceTier <= 1 && random.chance(perMille: 60) ? 1 : 0
        }
        guard rung > 0 else { return }
        let ladder = [("PKP", "DIKLATPIM_IV", "Pelatihan Kepemimpinan Pengawas", "Diklat Kepemimpinan Tingkat IV", 280),
                      ("PKA", "DIKLATPIM_III", "Pelatihan Kepemimpinan Administrator", "Diklat Kepemimpinan Tingkat III", 330),
                      ("PKN_II", "DIKLATPIM_II", "Pelatihan Kepemimpinan Nasional Tingkat II", "Diklat Kepemimpinan Tingkat II", 420)]
        var ended = person.position.kind.isStructural ? day(from: person.positionSince, to: person.positionSince.adding(years: 2), &random)
            : day(from: d.adding(years: -5), to: latestDate, &random)
        for level in stride(from: rung, through: 1, by: -1) {
            if level < rung, !random.chance(perMille: 700) { break }
            let (kind, legacyKind, title, legacyTitle, hours) = ladder[level - 1]
            let legacy = ended.year < 2019
            row(legacy ? legacyKind : kind, (legacy ? legacyTitle : title) + " Angkatan \(random.int(1...30))", ended, hours)
            ended = ended.adding(years: -random.int(3...7))
        }
    }

    // MARK: Performance (SKP)

    /// Predicate weights per performance tier: SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG.
    private static let predicateWeights = [[70, 30, 0, 0, 0], [3, 92, 5, 0, 0], [0, 35, 60, 5, 0], [0, 5, 40, 42, 13]]
    private static let predicates = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
    /// PP 46/2011 score bands, hundredths, by predicate.
    private static let legacyBands = [9_100...9_900, 7_600...9_099, 6_100...7_599, 5_100...6_099, 3_000...5_099]

    private func addPerformance(to batch: inout RowBatch, _ random: inout SplitMix64) {
        let skipAll = random.chance(perMille: 15)
        for year in stride(from: d.year - 1, through: d.year - 4, by: -1) {
            // An SKP year needs the person in service for most of it.
            guard !skipAll, CivilDate(year: year, month: 10, day: 1)! >= person.entryDate else { continue }
            guard !random.chance(perMille: person.state == .cltn && year == d.year - 1 ? 700 : 40) else { continue }
            let grade = random.weightedIndex(Self.predicateWeights[person.performanceTier])
            if year == d.year - 4, random.chance(perMille: 60) {
                batch.add(.performance, [person.nip, String(year), "", Self.hundredths(random.int(Self.legacyBands[grade]))])
            } else {
                batch.add(.performance, [person.nip, String(year), Self.predicates[grade], ""])
            }
        }
    }

    /// `12345` → `"123.45"`.
    static func hundredths(_ value: Int) -> String {
        String(value / 100) + "." + Digits.padded(value % 100, 2)
    }

    // MARK: Assessment

    private func addAssessment(to batch: inout RowBatch, _ random: inout SplitMix64) {
        let kind = person.position.kind
        let perMille: Int = switch (person.status, kind) {
        case (.cpns, _), (.pppkParuhWaktu, _): 40
        case (_, .jptPratama): 900
        case (_, .administrator): 800
        case (_, .pengawas): 650
        default: person.position.jenjang == .ahliMuda || person.position.jenjang == .ahliMadya ? 420 : 300
        }
        guard random.chance(perMille: perMille) else { return }
        let assessed = d.adding(days: -random.int(0...1_090))
        // Competence centre in tenths of a level, by the level held and the potential tier.
        let base = switch kind {
        case .jptPratama: 38
        case .administrator: 31
        case .pengawas: 25
        default: 17
        }
        let centre = base + [6, 0, -5][person.potentialTier]
        let method: String
        var withLevels: Bool
        if kind.isStructural {
            method = random.chance(perMille: 700) ? "ASSESSMENT_CENTER" : "UJI_KOMPETENSI"
            withLevels = method == "ASSESSMENT_CENTER" && random.chance(perMille: 600)
        } else {
            method = ["CACT", "ASSESSMENT_CENTER", "UJI_KOMPETENSI"][random.weightedIndex([60, 25, 15])]
            withLevels = method != "UJI_KOMPETENSI"
        }
        let withJPM = method != "CACT"
        if !withJPM { withLevels = true }
        let jpmBands = [8_000...9_500, 6_800...8_400, 5_500...7_200]
        let jpm = withJPM ? Self.hundredths(random.int(jpmBands[person.potentialTier])) : ""
        let levels = (0..<Competency.allCases.count).map { _ in
            withLevels ? String(min(max((centre + random.int(-10...10) + 5) / 10, 1), 5)) : ""
        }
        batch.add(.assessments, [person.nip, assessed.description, method, jpm] + levels)
    }

    // MARK: Awards, penalties, other scores

    private func addRecognition(to batch: inout RowBatch, _ random: inout SplitMix64) {
        if random.chance(perMille: person.performanceTier == 0 ? 80 : 20) {
            let service = CivilDate.fullYears(from: person.entryDate, to: d)
            let level = random.weightedIndex([45, 20, 35])
            switch level {
            case 0 where service >= 10:
                let years = service >= 30 ? "XXX" : service >= 20 ? "XX" : "X"
                let year = d.year - random.int(1...6)
                batch.add(.awards, [person.nip, "NASIONAL", "Satyalancana Karya Satya \(years) Tahun",
                                    CivilDate(year: year, month: 8, day: 17)!.description])
            case 1:
                batch.add(.awards, [person.nip, "PROVINSI", random.pick(["Penghargaan Gubernur Kalimantan Timur bidang Inovasi",
                                                                         "ASN Berprestasi Provinsi Kalimantan Timur"]),
                                    day(from: d.adding(years: -7), to: latestDate, &random).description])
            default:
                batch.add(.awards, [person.nip, "KOTA", random.pick(["ASN Teladan Kota Bontang", "Inovator Pelayanan Publik Kota Bontang",
                                                                     "Penghargaan Wali Kota Bontang"]),
                                    day(from: d.adding(years: -7), to: latestDate, &random).description])
            }
        }
        if random.chance(perMille: person.performanceTier == 3 ? 70 : 8) {
            let level = ["RINGAN", "SEDANG", "BERAT"][random.weightedIndex([55, 30, 15])]
            let decided = day(from: d.adding(years: -6), to: latestDate, &random)
            let ends: String = switch level {
            case "RINGAN": random.chance(perMille: 500) ? "" : decided.adding(months: random.int(0...6)).description
            default: random.chance(perMille: 350) ? "" : decided.adding(months: 12).description
            }
            batch.add(.penalties, [person.nip, level, decided.description, ends])
        }
        if random.chance(perMille: 40) {
            let score = random.int(5_500...9_800)
            batch.add(.otherScores, [person.nip, String(d.year), random.chance(perMille: 300) ? String(score / 100) : Self.hundredths(score)])
        }
    }
}
