/// The JSON of an explanation, version 2: the object of version 1 with `"version": 2` first, and the rows of its four
/// lists written as arrays of their fields instead of objects with a key per field (the keys were most of the bytes of
/// every stored explanation, parsed by Postgres for each result written):
///
/// - `kinerja.yearsUsed`: `[year, predicate, points, weight, rowsForYear]`
/// - `potensi.rekamJejak.trainingHours`: `[year, hours, meetsMinimum]`
/// - `potensi.rekamJejak.indicators`: `[indicator, input, points, weight]`
/// - `pool.blockers`: `[blocker, detail]`
///
/// Every other key is as in version 1. Version 1 (no `version` key, each row an object) still decodes, so results
/// written before stay readable.
extension Explanation {
    /// The version this type writes.
    public static let version = 2

    enum CodingKeys: String, CodingKey {
        case version, ruleSet, year, referenceDate, position, kinerja, potensi, box, pool, leftOut, flags
    }

    public func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: CodingKeys.self)
        try object.encode(Self.version, forKey: .version)
        try object.encode(ruleSet, forKey: .ruleSet)
        try object.encode(year, forKey: .year)
        try object.encode(referenceDate, forKey: .referenceDate)
        try object.encode(position, forKey: .position)
        try object.encode(kinerja, forKey: .kinerja)
        try object.encode(potensi, forKey: .potensi)
        try object.encodeIfPresent(box, forKey: .box)
        try object.encode(pool, forKey: .pool)
        try object.encode(leftOut, forKey: .leftOut)
        try object.encode(flags, forKey: .flags)
    }

    /// - Throws: `DecodingError` for a version other than 1 or 2, or a malformed value.
    public init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: CodingKeys.self)
        let version = try object.decodeIfPresent(Int.self, forKey: .version) ?? 1
        guard version == 1 || version == Self.version else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: object,
                                                   debugDescription: "an explanation of version \(version) is not known")
        }
        self.init(ruleSet: try object.decode(String.self, forKey: .ruleSet),
                  year: try object.decode(Int.self, forKey: .year),
                  referenceDate: try object.decode(CivilDate.self, forKey: .referenceDate),
                  position: try object.decode(PositionExplanation.self, forKey: .position),
                  kinerja: try object.decode(KinerjaExplanation.self, forKey: .kinerja),
                  potensi: try object.decode(PotensiExplanation.self, forKey: .potensi),
                  box: try object.decodeIfPresent(Box.self, forKey: .box),
                  pool: try object.decode(PoolExplanation.self, forKey: .pool),
                  leftOut: try object.decode([LeftOutRow].self, forKey: .leftOut),
                  flags: try object.decode([PlacementFlag].self, forKey: .flags))
    }
}

/// A list row of an explanation: written as an array of fields (version 2), read from that or from an object with a
/// key per field (version 1).
protocol ExplanationRow: Codable {
    associatedtype Keys: CodingKey
    /// Writes the fields in the row's order.
    func encodeFields(to row: inout any UnkeyedEncodingContainer) throws
    /// Reads the fields in the row's order.
    init(fields row: inout any UnkeyedDecodingContainer) throws
    /// Reads the fields of the version-1 object.
    init(keyed object: KeyedDecodingContainer<Keys>) throws
}

extension ExplanationRow {
    /// The row as an array of its fields.
    func encodeRow(to encoder: any Encoder) throws {
        var row: any UnkeyedEncodingContainer = encoder.unkeyedContainer()
        try encodeFields(to: &row)
    }

    /// The row from an array of its fields, or from a version-1 object.
    static func decodeRow(from decoder: any Decoder) throws -> Self {
        if var row = try? decoder.unkeyedContainer() { return try Self(fields: &row) }
        return try Self(keyed: try decoder.container(keyedBy: Keys.self))
    }
}

extension KinerjaYear: ExplanationRow {
    enum CodingKeys: String, CodingKey { case year, predicate, points, weight, rowsForYear }

    public func encode(to encoder: any Encoder) throws { try encodeRow(to: encoder) }

    public init(from decoder: any Decoder) throws { self = try Self.decodeRow(from: decoder) }

    func encodeFields(to row: inout any UnkeyedEncodingContainer) throws {
        try row.encode(year)
        try row.encode(predicate)
        try row.encode(points)
        try row.encode(weight)
        try row.encode(rowsForYear)
    }

    init(fields row: inout any UnkeyedDecodingContainer) throws {
        self.init(year: try row.decode(Int.self), predicate: try row.decode(PerformancePredicate.self),
                  points: try row.decode(Score.self), weight: try row.decode(Weight.self),
                  rowsForYear: try row.decode(Int.self))
    }

    init(keyed object: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(year: try object.decode(Int.self, forKey: .year),
                  predicate: try object.decode(PerformancePredicate.self, forKey: .predicate),
                  points: try object.decode(Score.self, forKey: .points),
                  weight: try object.decode(Weight.self, forKey: .weight),
                  rowsForYear: try object.decode(Int.self, forKey: .rowsForYear))
    }
}

extension TrainingYear: ExplanationRow {
    enum CodingKeys: String, CodingKey { case year, hours, meetsMinimum }

    public func encode(to encoder: any Encoder) throws { try encodeRow(to: encoder) }

    public init(from decoder: any Decoder) throws { self = try Self.decodeRow(from: decoder) }

    func encodeFields(to row: inout any UnkeyedEncodingContainer) throws {
        try row.encode(year)
        try row.encode(hours)
        try row.encode(meetsMinimum)
    }

    init(fields row: inout any UnkeyedDecodingContainer) throws {
        self.init(year: try row.decode(Int.self), hours: try row.decode(Score.self),
                  meetsMinimum: try row.decode(Bool.self))
    }

    init(keyed object: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(year: try object.decode(Int.self, forKey: .year), hours: try object.decode(Score.self, forKey: .hours),
                  meetsMinimum: try object.decode(Bool.self, forKey: .meetsMinimum))
    }
}

extension RekamJejakIndicator: ExplanationRow {
    enum CodingKeys: String, CodingKey { case indicator, input, points, weight }

    public func encode(to encoder: any Encoder) throws { try encodeRow(to: encoder) }

    public init(from decoder: any Decoder) throws { self = try Self.decodeRow(from: decoder) }

    func encodeFields(to row: inout any UnkeyedEncodingContainer) throws {
        try row.encode(indicator)
        try row.encode(input)
        try row.encode(points)
        try row.encode(weight)
    }

    init(fields row: inout any UnkeyedDecodingContainer) throws {
        self.init(indicator: try row.decode(RekamJejakIndicatorKind.self), input: try row.decode(String.self),
                  points: try row.decode(Score.self), weight: try row.decode(Weight.self))
    }

    init(keyed object: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(indicator: try object.decode(RekamJejakIndicatorKind.self, forKey: .indicator),
                  input: try object.decode(String.self, forKey: .input),
                  points: try object.decode(Score.self, forKey: .points),
                  weight: try object.decode(Weight.self, forKey: .weight))
    }
}

extension BlockerExplanation: ExplanationRow {
    enum CodingKeys: String, CodingKey { case blocker, detail }

    public func encode(to encoder: any Encoder) throws { try encodeRow(to: encoder) }

    public init(from decoder: any Decoder) throws { self = try Self.decodeRow(from: decoder) }

    func encodeFields(to row: inout any UnkeyedEncodingContainer) throws {
        try row.encode(blocker)
        try row.encode(detail)
    }

    init(fields row: inout any UnkeyedDecodingContainer) throws {
        self.init(blocker: try row.decode(PoolBlocker.self), detail: try row.decode(String.self))
    }

    init(keyed object: KeyedDecodingContainer<CodingKeys>) throws {
        self.init(blocker: try object.decode(PoolBlocker.self, forKey: .blocker),
                  detail: try object.decode(String.self, forKey: .detail))
    }
}
