import Talent

/// Makes one employee and all of their rows (employee, education, training, SKP, assessment, awards, penalties,
/// other scores, and the optional files of the BKN 411/2025 preset) from `(seed, employee index)` alone, so the output
/// does not depend on chunking.
///
/// Employees `0 ..< structuralHolders.count` hold the filled structural posts, most senior first; the rest are drawn
/// into PELAKSANA and FUNGSIONAL positions in proportion to the positions' headcount weights.
struct EmployeeMaker {
    let city: CityStructure
    let referenceDate: CivilDate
    let seed: UInt64
    /// Position index held by employee `i`, for `i < structuralHolders.count`.
    let structuralHolders: [Int]
    /// Status shares for non-structural staff, per mille: PNS, CPNS, PPPK, PPPK paruh waktu.
    let statusWeights: [Int]
    private let staffTables: [EmployeeStatus: (positions: [Int], table: WeightedTable)]
    /// The unit codes of each OPD (the OPD first), by OPD index: where earlier posts were held.
    private let opdUnits: [[String]]

    /// - Parameters:
    ///   - employees: the number of employees (≥ 1).
    ///   - pnsShare: the wanted share of PNS, per mille, over everyone (structural holders are all PNS).
    init(city: CityStructure, referenceDate: CivilDate, seed: UInt64, employees: Int, pnsShare: Int = 750) {
        self.city = city
        self.referenceDate = referenceDate
        self.seed = seed
        // Some posts are vacant (6%); the filled ones go to at most 11% of the employees, most senior first.
        let filled = city.structuralPosts.filter { post in
            var random = SplitMix64(seed: seed, stream: 0xFACA_4700_0000 + UInt64(post))
            return !random.chance(perMille: 60)
        }
        structuralHolders = Array(filled.prefix(employees * 11 / 100))
        let structural = structuralHolders.count
        let others = max(employees - structural, 1)
        let pns = min(max((pnsShare * employees - 1000 * structural) / others, 0), 1000)
        let rest = 1000 - pns
        let cpns = rest * 13 / 100
        let pppk = rest * 67 / 100
        statusWeights = [pns, cpns, pppk, rest - cpns - pppk]
        func table(_ keep: (Position) -> Bool) -> (positions: [Int], table: WeightedTable) {
            let indices = city.positions.indices.filter { city.positions[$0].weight > 0 && keep(city.positions[$0]) }
            return (indices, WeightedTable(weights: indices.map { city.positions[$0].weight }))
        }
        let entry = table { $0.kind == .pelaksana || ($0.jenjang?.isEntry ?? false) }
        var units = [[String]](repeating: [], count: city.opdCodes.count)
        let opdIndex = Dictionary(uniqueKeysWithValues: city.opdCodes.enumerated().map { ($1, $0) })
        for unit in city.units {
            guard let opd = opdIndex[unit[2].isEmpty ? unit[0] : unit[2]] else { continue }
            units[opd].append(unit[0])
        }
        opdUnits = units
        staffTables = [
            .pns: table { _ in true },
            .cpns: entry,
            .pppk: entry,
            .pppkParuhWaktu: table { $0.kind == .pelaksana },
        ]
    }

    /// Appends employee `index`'s rows to `batch`.
    func make(index: Int, nips: inout NIPRegistry, into batch: inout RowBatch) {
        var random = SplitMix64(seed: seed, stream: UInt64(index))
        let status: EmployeeStatus
        let positionIndex: Int
        if index < structuralHolders.count {
            status = .pns
            positionIndex = structuralHolders[index]
        } else {
            status = [EmployeeStatus.pns, .cpns, .pppk, .pppkParuhWaktu][random.weightedIndex(statusWeights)]
            guard let staff = staffTables[status] else { preconditionFailure("no staff table for \(status)") }
            positionIndex = staff.positions[staff.table.draw(&random)]
        }
        var person = Person.make(position: city.positions[positionIndex], status: status, referenceDate: referenceDate, &random)
        person.nip = claimNIP(for: &person, nips: &nips)
        batch.add(.employees, person.employeeRow(positionCode: city.positions[positionIndex].code))
        var preset = SplitMix64(seed: seed, stream: Self.presetStream + UInt64(index))
        HistoryMaker(person: person, referenceDate: referenceDate).addRows(to: &batch, &random, preset: &preset)
        PresetHistoryMaker(person: person, referenceDate: referenceDate, opdUnits: opdUnits).addRows(to: &batch, &preset)
    }

    /// The first stream of the rows of the BKN 411/2025 preset's files (plus employee index): apart from the
    /// employees' own streams (their index) and the structural posts' (0xFACA_4700_0000 + post).
    static let presetStream: UInt64 = 0x0411_0000_0000_0000

    private func claimNIP(for person: inout Person, nips: inout NIPRegistry) -> String {
        while true {
            let middle: String
            switch person.status {
            case .pns, .cpns:
                let (year, month) = (person.entryDate.year, person.entryDate.month)
                middle = Digits.padded(year, 4) + Digits.padded(month, 2)
            case .pppk, .pppkParuhWaktu:
                middle = Digits.padded(person.entryDate.year, 4) + "21"
            }
            let prefix = person.birthDate.compact + middle + (person.female ? "2" : "1")
            if let nip = nips.claim(prefix: prefix) { return nip }
            person.birthDate = person.birthDate.adding(days: -1)
        }
    }
}
