/// A golongan (rank, PP 13/2002) or a PPPK grade, with its ordinal 1 … 17 (DOMAIN.md §3).
///
/// PNS and CPNS write `I/a` … `I/d`, `II/a` … `II/d`, `III/a` … `III/d`, `IV/a` … `IV/e` (ordinals 1 … 17);
/// PPPK and PPPK_PARUH_WAKTU write a grade `I` … `XVII` that counts as ordinal N [default]. Notation is
/// case-sensitive (`III/B` is not a golongan).
/// Codable as its notation; decoding reads either scheme (a `/` tells them apart).
public struct Golongan: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Position on the common scale, 1 … 17 (III/b and grade X are 10).
    public let ordinal: Int
    /// Whether the notation is a PPPK grade (`IX`) rather than a PNS golongan (`III/b`).
    public let isPPPKGrade: Bool

    private static let pnsNotations = [
        "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d",
        "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
    ]
    private static let grades = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
        "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    ]

    /// A PNS golongan from its notation (`III/b`), nil when unknown.
    public init?(pns notation: String) {
        guard let index = Golongan.pnsNotations.firstIndex(of: notation) else { return nil }
        self.ordinal = index + 1
        self.isPPPKGrade = false
    }

    /// A PPPK grade from its Roman numeral (`IX`), nil when unknown.
    public init?(pppk notation: String) {
        guard let index = Golongan.grades.firstIndex(of: notation) else { return nil }
        self.ordinal = index + 1
        self.isPPPKGrade = true
    }

    /// The golongan of ordinal `ordinal` (1 … 17) in the notation `status` writes (PNS/CPNS `III/b`, PPPK `X`).
    /// - Returns: nil when `ordinal` is outside 1 … 17.
    public init?(ordinal: Int, status: EmployeeStatus) {
        guard (1...Golongan.grades.count).contains(ordinal) else { return nil }
        self.ordinal = ordinal
        self.isPPPKGrade = !status.isPNSCareer
    }

    /// The golongan as written for `status`: PNS/CPNS must use the PNS notation, PPPK/PPPK_PARUH_WAKTU the grade.
    /// - Returns: nil when the notation does not fit the status (DOMAIN.md §3: such a row is rejected).
    public init?(notation: String, status: EmployeeStatus) {
        if status.isPNSCareer { self.init(pns: notation) } else { self.init(pppk: notation) }
    }

    /// `III/b` or `IX`.
    public var notation: String {
        isPPPKGrade ? Golongan.grades[ordinal - 1] : Golongan.pnsNotations[ordinal - 1]
    }

    public var description: String { notation }

    /// Compares ordinals only (III/b and grade X are equal in rank).
    public static func < (lhs: Golongan, rhs: Golongan) -> Bool { lhs.ordinal < rhs.ordinal }
}

extension Golongan: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let golongan = Golongan(pns: text) ?? Golongan(pppk: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown golongan \(text)")
        }
        self = golongan
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(notation)
    }
}
