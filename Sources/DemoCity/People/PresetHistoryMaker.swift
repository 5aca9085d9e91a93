import Talent

/// The rows of the optional files of the BKN 411/2025 preset (DOMAIN.md §12.7) for one person: potential assessments,
/// team decrees, 360° feedback, acting posts and earlier posts. Every date is on or before the reference date D.
///
/// They are drawn from a random stream of the person's own (`EmployeeMaker.presetStream`), apart from the stream of
/// the other files, so those files are byte for byte what they were before these files were generated. The shares
/// are Bontang-like and plausible, not statistics: potential assessments are new (PermenPANRB 3/2020 as amended in
/// 2025) and cover about a third of the employees within the 3-year window, mostly holders of structural posts and
/// senior functional staff; team decrees, 360° feedback and acting posts favour the structural posts and the better
/// performers; earlier posts grow with service.
struct PresetHistoryMaker {
    let person: Person
    let referenceDate: CivilDate
    /// The unit codes of every OPD of the city, by OPD index (the OPD itself first).
    let opdUnits: [[String]]

    private var d: CivilDate { referenceDate }
    private var latestDate: CivilDate { d.adding(days: -1) }
    private var service: Int { CivilDate.fullYears(from: person.entryDate, to: d) }

    func addRows(to batch: inout RowBatch, _ random: inout SplitMix64) {
        addPotentialAssessments(to: &batch, &random)
        addTeamAssignments(to: &batch, &random)
        addFeedback(to: &batch, &random)
        addActingAssignments(to: &batch, &random)
        addPositionHistory(to: &batch, &random)
    }

    /// A day in `from ... to`, both clamped to the person's entry and to D − 1.
    private func day(from: CivilDate, to: CivilDate, _ random: inout SplitMix64) -> CivilDate {
        let upper = min(to, latestDate)
        let lower = min(max(from, person.entryDate), upper)
        return lower.adding(days: random.int(0...(upper.dayNumber - lower.dayNumber)))
    }

    // MARK: Potential assessments (asesmen potensi)

    private static let potentialMethods = ["PROASN_CACT", "ASSESSMENT_CENTER", "TES_POTENSI_BKN"]

    private func addPotentialAssessments(to batch: inout RowBatch, _ random: inout SplitMix64) {
        let perMille: Int = switch (person.status, person.position.kind) {
        case (.cpns, _), (.pppkParuhWaktu, _): 50
        case (_, .jptPratama), (_, .administrator): 880
        case (_, .pengawas): 800
        case (.pppk, _): 250
        default: person.position.jenjang == .ahliMuda || person.position.jenjang == .ahliMadya ? 600 : 400
        }
        guard random.chance(perMille: perMille) else { return }
        // Mostly inside the 3-year window; some only older than that (counted as none by the preset).
        let inWindow = random.chance(perMille: 880)
        let assessed = inWindow ? day(from: d.adding(days: -1_090), to: latestDate, &random)
            : day(from: d.adding(years: -5), to: d.adding(years: -3), &random)
        // Level centre in tenths, by potential tier.
        let centre = [42, 34, 26][person.potentialTier]
        let levels = PotentialAspect.allCases.map { _ in String(min(max((centre + random.int(-10...10) + 5) / 10, 1), 5)) }
        batch.add(.potentialAssessments, [person.nip, assessed.description, random.pick(Self.potentialMethods)] + levels)
    }

    // MARK: Team decrees (penugasan tim)

    private static let teams = [
        "Tim Percepatan Penurunan Stunting Kota Bontang", "Tim Penyusun RPJMD Kota Bontang 2025-2029",
        "Tim Reformasi Birokrasi Kota Bontang", "Tim Satu Data Indonesia Kota Bontang", "Tim Evaluasi SAKIP",
        "Tim Pengendalian Inflasi Daerah", "Kelompok Kerja Pemilihan Pengadaan Barang/Jasa",
        "Tim Penanganan Pengaduan Masyarakat", "Tim Koordinasi Smart City Bontang",
    ]
    private static let crossAgencyTeams = [
        "Tim Koordinasi Penanggulangan Bencana Kalimantan Timur", "Satgas Percepatan Investasi Provinsi Kalimantan Timur",
        "Tim Pendukung Pembangunan Ibu Kota Nusantara",
    ]

    private func addTeamAssignments(to batch: inout RowBatch, _ random: inout SplitMix64) {
        let structural = person.position.kind.isStructural
        let perMille = structural ? 700 : [450, 250, 120, 50][person.performanceTier]
        guard person.state == .aktif, random.chance(perMille: perMille) else { return }
        for _ in 0..<(random.weightedIndex([60, 30, 10]) + 1) {
            let crossAgency = random.chance(perMille: 200)
            let lead = random.chance(perMille: structural ? 500 : 100)
            // Decrees of the last three years: the preset counts those within two.
            batch.add(.teamAssignments, [person.nip, lead ? "KETUA" : "ANGGOTA", crossAgency ? "LINTAS_INSTANSI" : "INSTANSI",
                                         random.pick(crossAgency ? Self.crossAgencyTeams : Self.teams),
                                         day(from: d.adding(years: -3), to: latestDate, &random).description])
        }
    }

    // MARK: 360° feedback (umpan balik 360)

    /// Predicate weights per performance tier: SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG.
    private static let predicateWeights = [[55, 43, 2, 0, 0], [5, 85, 10, 0, 0], [0, 40, 55, 5, 0], [0, 10, 45, 35, 10]]
    private static let predicates = ["SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG"]
    /// Score bands in hundredths, by predicate.
    private static let scoreBands = [9_000...9_900, 7_600...8_999, 6_100...7_599, 4_500...6_099, 2_000...4_499]

    private func addFeedback(to batch: inout RowBatch, _ random: inout SplitMix64) {
        guard person.state == .aktif, person.status != .pppkParuhWaktu else { return }
        for (year, perMille) in [(d.year - 1, 450), (d.year - 2, 250)] {
            guard CivilDate(year: year, month: 10, day: 1)! >= person.entryDate, random.chance(perMille: perMille) else {
                continue
            }
            let grade = random.weightedIndex(Self.predicateWeights[person.performanceTier])
            let score = HistoryMaker.hundredths(random.int(Self.scoreBands[grade]))
            switch random.weightedIndex([70, 20, 10]) {
            case 0: batch.add(.feedback360, [person.nip, String(year), Self.predicates[grade], ""])
            case 1: batch.add(.feedback360, [person.nip, String(year), "", score])
            default: batch.add(.feedback360, [person.nip, String(year), Self.predicates[grade], score])
            }
        }
    }

    // MARK: Acting posts (PJ, PLT, PLH)

    private func addActingAssignments(to batch: inout RowBatch, _ random: inout SplitMix64) {
        guard person.status == .pns, person.state == .aktif else { return }
        let kind = person.position.kind
        let perMille = switch kind {
        case .jptPratama, .administrator: 350
        case .pengawas: 250
        default: person.position.jenjang == .ahliMuda || person.position.jenjang == .ahliMadya ? 60 : 15
        }
        guard random.chance(perMille: perMille) else { return }
        for _ in 0..<(random.weightedIndex([75, 25]) + 1) {
            let started = day(from: d.adding(years: -6), to: latestDate, &random)
            let (actingKind, level): (String, String) = switch random.weightedIndex([kind == .jptPratama || kind == .administrator ? 6 : 0, 44, 50]) {
            case 0: ("PJ", random.chance(perMille: 700) ? "ATAS" : "")
            case 1: ("PLT", random.chance(perMille: 600) ? "ATAS" : "SETARA")
            default: ("PLH", random.chance(perMille: 400) ? "ATAS" : "SETARA")
            }
            // Most acting posts last weeks to months; a few still run at D.
            let ended = started.adding(days: random.int(7...240))
            let end = random.chance(perMille: 50) || ended > latestDate ? "" : ended.description
            batch.add(.actingAssignments, [person.nip, actingKind, level, started.description, end])
        }
    }

    // MARK: Earlier posts (riwayat jabatan)

    private static let otherAgencies = [
        "Pemerintah Provinsi Kalimantan Timur", "Pemerintah Kabupaten Kutai Timur", "Pemerintah Kota Samarinda",
        "Pemerintah Kabupaten Kutai Kartanegara", "Kementerian Dalam Negeri", "Badan Kepegawaian Negara",
    ]

    private func addPositionHistory(to batch: inout RowBatch, _ random: inout SplitMix64) {
        guard person.status == .pns || person.status == .pppk, service >= 3,
              person.positionSince > person.entryDate.adding(days: 30) else { return }
        let posts = min(random.int(0...(service / 5 + 1)), 4)
        guard posts > 0 else { return }
        let ownUnits = opdUnits[person.position.opd]
        var started = person.entryDate
        for index in 0..<posts {
            let room = person.positionSince.dayNumber - started.dayNumber
            guard room > 60 else { return }
            if index > 0 { started = started.adding(days: random.int(30...(room / 2))) }
            let unit: String
            var agency = ""
            switch random.weightedIndex([60, 30, 10]) {
            case 0:
                unit = random.pick(ownUnits)
            case 1:
                unit = random.pick(random.pick(opdUnits))
            default:
                agency = random.pick(Self.otherAgencies)
                unit = random.pick(["BKD", "BAPPEDA", "SETDA-ORG", "DISDIK", "DINKES", "BIRO-UMUM"])
            }
            batch.add(.positionHistory, [person.nip, started.description, unit, agency])
        }
    }

    // MARK: Field fit (kesesuaian bidang ilmu)

    /// The `field_fit` of an education row: the agency's verdict for diplomas and degrees (mostly fitting, some not,
    /// some not yet judged), rarely judged for a school certificate.
    static func fieldFit(_ level: EducationLevel, _ random: inout SplitMix64) -> String {
        guard level.rank >= EducationLevel.d3.rank else { return random.chance(perMille: 100) ? "true" : "" }
        switch random.weightedIndex([70, 12, 18]) {
        case 0: return "true"
        case 1: return "false"
        default: return ""
        }
    }
}
