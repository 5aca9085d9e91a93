import Talent

/// The deliberately bad rows of `--with-errors`, one of each kind an import must reject or flag (DOMAIN.md §10),
/// placed after pseudo-random employees (chosen from the seed) so they sit among good rows:
///
/// | file | row | expected outcome |
/// |---|---|---|
/// | employees | a 17-digit NIP | rejected `INVALID_NIP` |
/// | employees | position `XYZ-999` | rejected `UNKNOWN_POSITION` |
/// | employees | `position_since` 45 days after D | rejected `DATE_AFTER_D` |
/// | employees | golongan `III/B` (wrong case) | rejected `INVALID_GOLONGAN` |
/// | employees | the previous good employee's NIP again | rejected `DUPLICATE_NIP` |
/// | assessments | a competency level 7 | flagged `INVALID_ASSESSMENT` |
/// | training | `ended_on` 10 days after D | flagged `INVALID_TRAINING` |
/// | performance | a row for D's own year | flagged `INVALID_PERFORMANCE` |
///
/// They come on top of the good rows: `employees.csv` then holds the requested count plus five bad rows.
struct BadRows {
    enum Kind: CaseIterable {
        case invalidNIP, unknownPosition, dateAfterD, invalidGolongan, duplicateNIP, competencyLevel7, trainingAfterD, performanceYear
    }

    private var anchors: [Int: Kind] = [:]
    private let referenceDate: CivilDate
    private let positionCode: String
    /// Valid-looking NIPs of the bad employee rows, kept away from good employees.
    let reservedNIPs: [String]

    init(seed: UInt64, employees: Int, city: CityStructure, referenceDate: CivilDate) {
        var random = SplitMix64(seed: seed, stream: 0xBAD0_0000_0000)
        let kinds = Kind.allCases
        let stride = employees / kinds.count
        for (slot, kind) in kinds.enumerated() {
            anchors[slot * stride + random.int(0...(stride - 1))] = kind
        }
        self.referenceDate = referenceDate
        positionCode = city.positions.first { $0.kind == .pelaksana }?.code ?? city.positions[0].code
        reservedNIPs = (1...4).map { Self.nip(number: $0, referenceDate: referenceDate) }
    }

    /// Bad employee `number` (1 … 4) is born on 1 … 4 July of D's year − 40 and became CPNS in March of D's year − 16;
    /// its NIP agrees with both, so each row carries only its intended fault.
    private static func birthDate(number: Int, referenceDate: CivilDate) -> CivilDate {
        CivilDate(year: referenceDate.year - 40, month: 7, day: number)!
    }

    private static func cpnsDate(referenceDate: CivilDate) -> CivilDate {
        CivilDate(year: referenceDate.year - 16, month: 3, day: 1)!
    }

    private static func nip(number: Int, referenceDate: CivilDate) -> String {
        let cpns = cpnsDate(referenceDate: referenceDate)
        return birthDate(number: number, referenceDate: referenceDate).compact + Digits.padded(cpns.year, 4) + "03" + "1"
            + "99\(number)"
    }

    /// Adds the bad rows anchored after employee `index`, if any. The good employee just made is the last row of
    /// `employees` in `batch`.
    func addRows(after index: Int, to batch: inout RowBatch) {
        guard let kind = anchors[index], let good = batch.rows(of: .employees).last else { return }
        let d = referenceDate
        let nip = good[0]
        func employee(_ number: Int, dropDigit: Bool = false, golongan: String = "III/c", position: String? = nil,
                      since: CivilDate? = nil) {
            let nip = reservedNIPs[number - 1]
            batch.add(.employees, [dropDigit ? String(nip.dropLast()) : nip, "Bad Row Contoh", "L",
                                   Self.birthDate(number: number, referenceDate: d).description, "PNS", "AKTIF", golongan,
                                   d.adding(years: -3).firstOfMonth.description, Self.cpnsDate(referenceDate: d).description,
                                   position ?? positionCode, (since ?? d.adding(years: -5)).description])
        }
        switch kind {
        case .invalidNIP: employee(1, dropDigit: true)
        case .unknownPosition: employee(2, position: "XYZ-999")
        case .dateAfterD: employee(3, since: d.adding(days: 45))
        case .invalidGolongan: employee(4, golongan: "III/B")
        case .duplicateNIP: batch.add(.employees, good)
        case .competencyLevel7:
            batch.add(.assessments, [nip, d.adding(days: -100).description, "CACT", "", "3", "3", "7", "3", "3", "3", "3", "3", "3"])
        case .trainingAfterD: batch.add(.training, [nip, "TEKNIS", "Pelatihan Teknis Dari Masa Depan", d.adding(days: 10).description, "24"])
        case .performanceYear: batch.add(.performance, [nip, String(d.year), "BAIK", ""])
        }
    }
}
