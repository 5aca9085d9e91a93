import Talent

/// One synthetic civil servant: the fields of `employees.csv` and the hidden traits the history rows are drawn from.
struct Person {
    var nip = ""
    let name: String
    let female: Bool
    var birthDate: CivilDate
    let status: EmployeeStatus
    let state: EmployeeState
    /// Golongan ordinal 1 … 17 (the PPPK grade for PPPK).
    let golongan: Int
    let golonganSince: CivilDate
    /// CPNS date (PNS, CPNS) or PPPK appointment date.
    let entryDate: CivilDate
    let positionSince: CivilDate
    let position: Position
    let education: EducationLevel
    /// Performance tier 0 (star) … 3 (poor); drives SKP predicates, awards and penalties.
    let performanceTier: Int
    /// Potential tier 0 (high) … 2 (low); drives assessment results.
    let potentialTier: Int

    /// The golongan as `employees.csv` writes it for the status (`III/b`, or grade `X` for PPPK).
    private var golonganNotation: String {
        guard let notation = Golongan(ordinal: golongan, status: status)?.notation else {
            preconditionFailure("golongan ordinal \(golongan) outside 1 … 17")
        }
        return notation
    }

    /// The `employees.csv` row.
    func employeeRow(positionCode: String) -> [String] {
        [nip, name, female ? "P" : "L", birthDate.description, status.rawValue, state.rawValue,
         golonganNotation, golonganSince.description,
         status.isPNSCareer ? entryDate.description : "", positionCode, positionSince.description]
    }

    static func make(position: Position, status: EmployeeStatus, referenceDate d: CivilDate,
                     _ random: inout SplitMix64) -> Person {
        let profile = CareerProfile.of(position)
        let bup = position.retirementAge
        let state = drawState(status, &random)
        let female: Bool = switch position.kind {
        case .jptPratama: random.chance(perMille: 200)
        case .administrator, .pengawas: random.chance(perMille: 320)
        default: random.chance(perMille: position.family?.femalePerMille ?? 450)
        }
        var education = profile.education[random.weightedIndex(profile.education.map(\.1))].0

        // Age in full years at D: structural holders near their BUP make target positions; PENSIUN rows just retired.
        let age: Int
        if state == .pensiun {
            age = bup
        } else if status == .pns && random.chance(perMille: position.kind.isStructural ? 120 : 40) {
            age = bup - random.int(1...2)
        } else {
            let range: ClosedRange<Int> = switch status {
            case .pns: profile.ages
            case .cpns: 21...35
            case .pppk: 24...55
            case .pppkParuhWaktu: 20...50
            }
            age = (random.int(range) + random.int(range) + 1) / 2
        }
        let birthDate = d.adding(years: -age).adding(days: -random.int(0...364))
        let monthStart = d.firstOfMonth

        // Entry (CPNS date or PPPK appointment), golongan and its date.
        let entryDate: CivilDate
        let golongan: Int
        let golonganSince: CivilDate
        switch status {
        case .pns:
            // A master's or doctorate is earned in service: the CPNS entered with an S1.
            let entryEducation = education.rank > EducationLevel.s1.rank ? .s1 : education
            var entryAge = random.int(20...28) + (entryEducation.rank >= EducationLevel.s1.rank ? 2 : 0)
            entryAge = min(entryAge, age - profile.minService)
            let month = random.pick([1, 2, 3, 4, 6, 12])
            var entry = CivilDate(year: birthDate.year + max(entryAge, 18), month: month, day: 1)!
            let latest = monthStart.adding(years: -max(profile.minService, 1))
            if entry > latest { entry = latest }
            let adult = birthDate.adding(years: 18)
            if entry < adult { entry = adult.firstOfMonth.adding(months: 1) }
            entryDate = entry
            let service = CivilDate.fullYears(from: entry, to: d)
            let start = Golongan.entryOrdinal(for: entryEducation)
            var ordinal = start + service / 4 - (random.chance(perMille: 300) ? 1 : 0)
            ordinal = min(max(ordinal, profile.golongan.lowerBound), profile.golongan.upperBound, 17)
            golongan = ordinal
            if ordinal <= start && service < 4 {
                golonganSince = entry
            } else {
                let stuck = ordinal == profile.golongan.upperBound ? 8 : 4
                var since = CivilDate(year: d.year - random.int(0...stuck), month: random.pick([4, 10]), day: 1)!
                if since > d { since = since.adding(years: -1) }
                if since <= entry { since = min(entry.adding(years: 2), monthStart) }
                golonganSince = since
            }
        case .cpns:
            entryDate = monthStart.adding(months: -random.int(2...13))
            if education.rank > EducationLevel.s2.rank { education = .s2 }
            golongan = Golongan.entryOrdinal(for: education)
            golonganSince = entryDate
        case .pppk:
            let year = d.year - 1 - random.weightedIndex([15, 20, 25, 25, 15])
            entryDate = min(CivilDate(year: year, month: random.pick([1, 3, 4, 7, 10]), day: 1)!, monthStart)
            golongan = Golongan.entryOrdinal(for: education) + (random.chance(perMille: 150) ? 1 : 0)
            golonganSince = entryDate
        case .pppkParuhWaktu:
            entryDate = monthStart.adding(months: -random.int(3...8))
            golongan = Golongan.entryOrdinal(for: education)
            golonganSince = entryDate
        }

        // The date the employee reached the current level.
        let positionSince: CivilDate
        let lastUsefulDay = d.adding(days: -30)
        if status != .pns {
            positionSince = entryDate
        } else if position.kind.isStructural || !(position.jenjang?.isEntry ?? true) {
            let earliest = max(entryDate.adding(years: profile.minService), d.adding(years: position.kind == .jptPratama ? -8 : -12))
            positionSince = earliest >= lastUsefulDay ? lastUsefulDay
                : earliest.adding(days: random.int(0...(lastUsefulDay.dayNumber - earliest.dayNumber)))
        } else if random.chance(perMille: 450) || entryDate >= lastUsefulDay {
            positionSince = entryDate
        } else {
            positionSince = entryDate.adding(days: random.int(0...(lastUsefulDay.dayNumber - entryDate.dayNumber)))
        }

        let performanceTier = random.weightedIndex([10, 72, 15, 3])
        let potentialTier = performanceTier == 0 ? random.weightedIndex([45, 45, 10]) : random.weightedIndex([22, 50, 28])
        let name = Titles.decorate(NameMaker.name(female: female, &random), position: position, education: education, &random)
        return Person(name: name, female: female, birthDate: birthDate, status: status, state: state, golongan: golongan,
                      golonganSince: golonganSince, entryDate: entryDate, positionSince: positionSince, position: position,
                      education: education, performanceTier: performanceTier, potentialTier: potentialTier)
    }

    private static func drawState(_ status: EmployeeStatus, _ random: inout SplitMix64) -> EmployeeState {
        switch status {
        case .pns: [EmployeeState.aktif, .cltn, .diberhentikanSementara, .pensiun, .berhenti][random.weightedIndex([965, 6, 4, 14, 11])]
        case .cpns: random.chance(perMille: 4) ? .berhenti : .aktif
        case .pppk: random.chance(perMille: 15) ? .berhenti : .aktif
        case .pppkParuhWaktu: random.chance(perMille: 10) ? .berhenti : .aktif
        }
    }
}

/// Academic titles around a name, as Indonesian HR records often carry them ("dr. …", "…, S.Pd., M.Pd.").
/// About a third of graduates have them written; a title after a comma makes the CSV field quoted.
enum Titles {
    private static let structuralDegrees = ["S.Sos.", "S.E.", "S.H.", "S.T.", "S.AP.", "S.IP.", "S.Kom."]
    private static let masters = ["M.Si.", "M.M.", "M.AP.", "M.H.", "M.T.", "M.Pd.", "M.Kes."]

    static func decorate(_ name: String, position: Position, education: EducationLevel, _ random: inout SplitMix64) -> String {
        let family = position.family?.title ?? ""
        if family.hasPrefix("Dokter") { return "dr. " + name + (education.rank >= EducationLevel.s2.rank && random.chance(perMille: 500) ? ", M.Kes." : "") }
        guard education.rank >= EducationLevel.s1.rank, random.chance(perMille: 350) else { return name }
        var degree = position.family?.degree ?? random.pick(structuralDegrees)
        if degree.isEmpty { degree = random.pick(structuralDegrees) }
        var titled = name + ", " + degree
        if education.rank >= EducationLevel.s2.rank { titled += ", " + random.pick(masters) }
        if education == .s3 { titled = "Dr. " + titled }
        return titled
    }
}
