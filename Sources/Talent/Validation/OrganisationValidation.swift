/// Validation of units.csv and positions.csv (DOMAIN.md Fine print).
enum OrganisationValidation {
    /// Accepted units in file order. A unit is rejected for a missing code (MISSING_FIELD), a code already used
    /// (DUPLICATE_CODE, the first row stays), or a parent that is unknown, rejected, or on a loop (INVALID_PARENT).
    static func units(_ records: [RawRecord], rejections: inout [Rejection]) -> [Unit] {
        var candidates: [(record: RawRecord, unit: Unit)] = []
        var seen: Set<String> = []
        for record in records {
            guard let code = record["unit_code"] else {
                rejections.append(Rejection(file: .units, line: record.line, nip: "", reason: .missingField,
                                            detail: "unit_code is empty"))
                continue
            }
            guard seen.insert(code).inserted else {
                rejections.append(Rejection(file: .units, line: record.line, nip: "", reason: .duplicateCode,
                                            detail: "unit_code \(code) is on an earlier row"))
                continue
            }
            candidates.append((record, Unit(code: code, name: record.text("name"), parentCode: record["parent_code"])))
        }
        let parents = Dictionary(uniqueKeysWithValues: candidates.map { ($0.unit.code, $0.unit.parentCode) })
        var accepted: [Unit] = []
        for (record, unit) in candidates {
            if reachesRoot(unit.code, parents: parents) {
                accepted.append(unit)
            } else {
                rejections.append(Rejection(file: .units, line: record.line, nip: "", reason: .invalidParent,
                                            detail: "parent_code \(unit.parentCode ?? "") does not lead to an OPD "
                                                + "through known units without a loop"))
            }
        }
        return accepted
    }

    /// Whether following parents from `code` ends at a unit with no parent, through known units and without a loop.
    private static func reachesRoot(_ code: String, parents: [String: String?]) -> Bool {
        var current = code
        var visited: Set<String> = [code]
        while true {
            guard let parent = parents[current] else { return false }
            guard let next = parent else { return true }
            guard visited.insert(next).inserted else { return false }
            current = next
        }
    }

    /// Accepted positions in file order. Rejected, first reason that applies: a missing code (MISSING_FIELD), an
    /// unknown or rejected unit (INVALID_UNIT), an unknown kind, a FUNGSIONAL without a known jenjang, a jenjang on
    /// another kind, or a `critical` other than `true`, `false` or empty (INVALID_POSITION), a code already used
    /// (DUPLICATE_CODE, the first row stays).
    static func positions(_ records: [RawRecord], units: Set<String>, rejections: inout [Rejection]) -> [Position] {
        var accepted: [Position] = []
        var seen: Set<String> = []
        for record in records {
            switch position(record, units: units, seen: seen) {
            case let .success(position):
                accepted.append(position)
                seen.insert(position.code)
            case let .failure(refusal):
                rejections.append(Rejection(file: .positions, line: record.line, nip: "", reason: refusal.reason,
                                            detail: refusal.detail))
                if let code = record["position_code"] { seen.insert(code) }
            }
        }
        return accepted
    }

    private static func position(_ record: RawRecord, units: Set<String>,
                                 seen: Set<String>) -> Result<Position, RowRefusal> {
        guard let code = record["position_code"] else { return .failure(RowRefusal(.missingField, "position_code is empty")) }
        guard let unit = record["unit_code"], units.contains(unit) else {
            return .failure(RowRefusal(.invalidUnit, record["unit_code"].map { "unit_code \($0) is not an accepted unit" }
                ?? "unit_code is empty"))
        }
        guard let kind = record["kind"].flatMap(PositionKind.init(rawValue:)) else {
            return .failure(RowRefusal(.invalidPosition, "kind \(record["kind"] ?? "(empty)") is not a position kind"))
        }
        let jenjangText = record["jenjang"]
        let jenjang = jenjangText.flatMap(Jenjang.init(rawValue:))
        let jenjangFits = kind == .fungsional ? jenjang != nil : jenjangText == nil
        let critical: Bool?
        switch record["critical"] {
        case nil, "false": critical = false
        case "true": critical = true
        default: critical = nil
        }
        guard jenjangFits else {
            return .failure(RowRefusal(.invalidPosition, "jenjang \(jenjangText ?? "(empty)") does not fit kind \(kind.rawValue)"))
        }
        guard let critical else {
            return .failure(RowRefusal(.invalidPosition, "critical \(record["critical"]!) is not true, false or empty"))
        }
        guard !seen.contains(code) else { return .failure(RowRefusal(.duplicateCode, "position_code \(code) is on an earlier row")) }
        return .success(Position(code: code, unitCode: unit, title: record.text("title"), kind: kind,
                                 jenjang: jenjang, critical: critical))
    }
}
