import Talent

/// One row of `positions.csv` plus what the generator needs to staff it.
struct Position: Sendable {
    let code: String
    let unitCode: String
    let title: String
    let kind: PositionKind
    let jenjang: Jenjang?
    let critical: Bool
    /// Index of its OPD in `CityStructure.opdCodes`.
    let opd: Int
    /// The staff family of a PELAKSANA or FUNGSIONAL position; nil for a structural post.
    let family: Family?
    /// Relative headcount of a non-structural position (thousandths of a person in a 5,000-employee city); 0 for posts.
    let weight: Int

    /// BUP (batas usia pensiun, retirement age) in years: 60 for JPT and Ahli Madya, 65 for Ahli Utama, 58 otherwise
    /// (UU 20/2023 and PP 11/2017 as amended; DOMAIN.md §3).
    var retirementAge: Int {
        switch (kind, jenjang) {
        case (.jptPratama, _), (_, .ahliMadya?): 60
        case (_, .ahliUtama?): 65
        default: 58
        }
    }
}

/// The fixed organisation of the synthetic city (units and positions), expanded from `OPDCatalogue`. It does not
/// depend on the seed or the employee count: a bigger city has more staff in the same positions.
struct CityStructure: Sendable {
    /// `units.csv` rows: unit_code, name, parent_code.
    let units: [[String]]
    let positions: [Position]
    let opdCodes: [String]

    init(catalogue: [OPDPlan] = OPDCatalogue.all) {
        var units: [[String]] = []
        var positions: [Position] = []
        for (opdIndex, opd) in catalogue.enumerated() {
            units.append([opd.code, opd.name, ""])
            var number = 0
            func add(_ unit: String, _ title: String, _ kind: PositionKind, _ jenjang: Jenjang?, critical: Bool,
                     family: Family?, weight: Int) {
                number += 1
                positions.append(Position(code: opd.code + "-" + Digits.padded(number, 3), unitCode: unit, title: title,
                                          kind: kind, jenjang: jenjang, critical: critical, opd: opdIndex, family: family,
                                          weight: weight))
            }
            for head in opd.heads {
                add(opd.code, head.title, head.kind, nil, critical: head.critical, family: nil, weight: 0)
            }
            for sub in opd.subUnits {
                let code = opd.code + "-" + sub.code
                units.append([code, sub.name, opd.code])
                for post in sub.posts {
                    add(code, post.title, post.kind, nil, critical: post.critical, family: nil, weight: 0)
                }
            }
            // Staff positions, unit by unit, so that a unit's positions are numbered together.
            let officeUnits = [(opd.code, 1)] + opd.subUnits.filter { $0.code == "SEK" }.map { (opd.code + "-" + $0.code, 1) }
            let divisionUnits = opd.subUnits.filter { !$0.isOutlet && $0.code != "SEK" }.map { (opd.code + "-" + $0.code, 1) }
            let outletUnits = opd.subUnits.filter(\.isOutlet).map { (opd.code + "-" + $0.code, $0.size) }
            let allUnits = officeUnits + divisionUnits + outletUnits
            var staffByUnit: [String: [(Family, Jenjang?, Int)]] = [:]
            for plan in opd.staff {
                let family = Families.named(plan.family)
                let targets: [(String, Int)] = switch plan.placement {
                case .office: officeUnits
                case .divisions: divisionUnits.isEmpty ? officeUnits : divisionUnits
                case .outlets: outletUnits.isEmpty ? allUnits : outletUnits
                case .everywhere: allUnits
                }
                let totalSize = targets.reduce(0) { $0 + $1.1 }
                let jenjangs: [(Jenjang?, Int)] = family.jenjangs.isEmpty ? [(nil, 1)] : family.jenjangs.map { ($0.0, $0.1) }
                let jenjangTotal = jenjangs.reduce(0) { $0 + $1.1 }
                for (unit, size) in targets {
                    for (jenjang, share) in jenjangs {
                        let weight = plan.headcount * 1000 * size * share / (totalSize * jenjangTotal)
                        staffByUnit[unit, default: []].append((family, jenjang, max(weight, 1)))
                    }
                }
            }
            for (unit, _) in allUnits {
                for (family, jenjang, weight) in staffByUnit[unit] ?? [] {
                    let title = jenjang.map { family.title + " " + $0.titleWords } ?? family.title
                    add(unit, title, family.kind, jenjang, critical: false, family: family, weight: weight)
                }
            }
        }
        self.units = units
        self.positions = positions
        self.opdCodes = catalogue.map(\.code)
    }

    /// `positions.csv` rows: position_code, unit_code, title, kind, jenjang, critical.
    var positionRows: [[String]] {
        positions.map { [$0.code, $0.unitCode, $0.title, $0.kind.rawValue, $0.jenjang?.rawValue ?? "", $0.critical ? "true" : "false"] }
    }

    /// Indices of the structural posts, most senior first (JPT, administrator, pengawas), in catalogue order within a kind.
    var structuralPosts: [Int] {
        let order: [PositionKind] = [.jptPratama, .administrator, .pengawas]
        return order.flatMap { kind in positions.indices.filter { positions[$0].kind == kind } }
    }
}
