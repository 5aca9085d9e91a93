/// A unit (unit kerja) of units.csv. A unit with no parent is an OPD (perangkat daerah: dinas, badan, kecamatan...).
public struct Unit: Hashable, Codable, Sendable {
    /// Unique unit code.
    public var code: String
    /// Name.
    public var name: String
    /// The parent unit's code; nil for an OPD.
    public var parentCode: String?

    public init(code: String, name: String, parentCode: String?) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
    }
}

/// A position (jabatan) of positions.csv.
public struct Position: Hashable, Codable, Sendable {
    /// Unique position code.
    public var code: String
    /// The unit the position belongs to.
    public var unitCode: String
    /// Title.
    public var title: String
    /// Kind of position.
    public var kind: PositionKind
    /// Jenjang; present exactly for FUNGSIONAL positions.
    public var jenjang: Jenjang?
    /// Flagged critical (jabatan kritikal): always a succession target (DOMAIN.md §8).
    public var critical: Bool

    public init(code: String, unitCode: String, title: String, kind: PositionKind, jenjang: Jenjang?, critical: Bool) {
        self.code = code
        self.unitCode = unitCode
        self.title = title
        self.kind = kind
        self.jenjang = jenjang
        self.critical = critical
    }
}

/// The city's units and positions, with each position's OPD (the top ancestor of its unit, DOMAIN.md).
///
/// Built from already-validated units and positions (see `Validator`): every parent and unit reference resolves.
/// A unit whose ancestry cannot be followed to a root has no OPD.
public struct Organisation: Sendable {
    /// Units by code.
    public let units: [String: Unit]
    /// Positions by code.
    public let positions: [String: Position]
    private let opdByUnit: [String: String]

    /// - Parameters:
    ///   - units: the units; a later unit with the same code replaces an earlier one.
    ///   - positions: the positions; a later position with the same code replaces an earlier one.
    public init(units: [Unit], positions: [Position]) {
        var unitMap: [String: Unit] = [:]
        for unit in units { unitMap[unit.code] = unit }
        var positionMap: [String: Position] = [:]
        for position in positions { positionMap[position.code] = position }
        self.units = unitMap
        self.positions = positionMap
        self.opdByUnit = Organisation.resolveOPDs(unitMap)
    }

    /// The OPD (top ancestor) of a unit, nil when the unit is unknown or its ancestry does not reach a root.
    public func opdCode(ofUnit code: String) -> String? { opdByUnit[code] }

    /// The OPD of a position's unit, nil when the position is unknown.
    public func opdCode(ofPosition code: String) -> String? {
        positions[code].flatMap { opdCode(ofUnit: $0.unitCode) }
    }

    /// Top ancestor of every unit; units on a cycle or under an unknown parent get none.
    static func resolveOPDs(_ units: [String: Unit]) -> [String: String] {
        var result: [String: String] = [:]
        for code in units.keys {
            var current = code
            var seen: Set<String> = [code]
            while let parent = units[current]?.parentCode {
                guard units[parent] != nil, seen.insert(parent).inserted else {
                    current = ""
                    break
                }
                current = parent
            }
            if !current.isEmpty { result[code] = current }
        }
        return result
    }
}
