/// An exact decimal with two places, held as integer hundredths (DOMAIN.md §6): every score, point value, threshold,
/// JPM percentage, L score and JP count. Never binary floating point for a value compared with a threshold.
///
/// Rounding is half-up to two places (a third decimal of 5 or more rounds away from zero; scores are never negative).
/// Codable as a JSON number (`80`, `79.99`); decoding rounds the number to two places.
public struct Score: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value × 100 (`80.00` is 8000).
    public let hundredths: Int

    /// A score from its hundredths (`Score(hundredths: 7999)` is 79.99).
    public init(hundredths: Int) {
        self.hundredths = hundredths
    }

    /// A whole number (`Score(80)` is 80.00).
    public init(_ whole: Int) {
        self.hundredths = whole * 100
    }

    /// Zero.
    public static let zero = Score(hundredths: 0)

    /// Parses a plain decimal (`80`, `79.99`, `81.996`, `-3.5`), rounding half-up to two places as DOMAIN.md's Fine
    /// print asks for a JPM or L with more decimals.
    /// - Returns: nil for anything but an optional `-`, digits, and an optional `.` followed by digits.
    public init?(decimal text: String) {
        guard let parsed = DecimalText(text) else { return nil }
        let up = parsed.firstDroppedDigit >= 5 ? 1 : 0
        self.hundredths = parsed.sign * (parsed.truncated + up)
    }

    public static func < (lhs: Score, rhs: Score) -> Bool { lhs.hundredths < rhs.hundredths }

    public static func + (lhs: Score, rhs: Score) -> Score { Score(hundredths: lhs.hundredths + rhs.hundredths) }

    /// Two decimals: `80.00`, `79.99`, `-0.50`.
    public var description: String {
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let cents = magnitude % 100
        return sign + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }

    /// Σ weightᵢ × scoreᵢ, computed exactly and rounded half-up once to two places (DOMAIN.md §6).
    /// - Parameter terms: any sequence of pairs; a lazy map over the caller's values avoids building an array.
    public static func weightedSum(_ terms: some Sequence<(Weight, Score)>) -> Score {
        // Weight has 4 decimals and Score 2: the exact sum is in millionths.
        var millionths = 0
        for (weight, score) in terms { millionths += weight.tenThousandths * score.hundredths }
        return Score(hundredths: roundHalfUp(millionths, divisor: 10_000))
    }

    /// `numerator / denominator` hundredths, rounded half-up: for ratios such as A = 100 × Σ / (9 × R).
    /// - Precondition: `denominator > 0`.
    public static func ratio(_ numerator: Int, over denominator: Int, scaledBy scale: Int) -> Score {
        precondition(denominator > 0, "ratio needs a positive denominator")
        return Score(hundredths: roundHalfUp(numerator * scale * 100, divisor: denominator))
    }

    /// Integer division rounding half away from zero.
    static func roundHalfUp(_ value: Int, divisor: Int) -> Int {
        let magnitude = (2 * abs(value) + divisor) / (2 * divisor)
        return value < 0 ? -magnitude : magnitude
    }
}

extension Score: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        self.hundredths = Int((value * 100).rounded())
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        // A whole number as an integer: the same JSON text as its Double (`80`), without formatting a Double.
        if hundredths % 100 == 0 {
            try container.encode(hundredths / 100)
        } else {
            try container.encode(Double(hundredths) / 100)
        }
    }
}

/// A weight with four decimals (`0.67`, `0.3333`), held as integer ten-thousandths so weighted sums stay exact.
/// Codable as a JSON number; decoding rounds to four places.
public struct Weight: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The weight × 10 000 (`0.67` is 6700).
    public let tenThousandths: Int

    /// A weight from its ten-thousandths.
    public init(tenThousandths: Int) {
        self.tenThousandths = tenThousandths
    }

    /// A weight from its hundredths (`Weight(percent: 67)` is 0.67).
    public init(percent: Int) {
        self.tenThousandths = percent * 100
    }

    /// Parses a plain decimal (`0.67`); more than four decimals round half-up.
    public init?(decimal text: String) {
        guard let parsed = DecimalText(text, places: 4) else { return nil }
        let up = parsed.firstDroppedDigit >= 5 ? 1 : 0
        self.tenThousandths = parsed.sign * (parsed.truncated + up)
    }

    /// Zero.
    public static let zero = Weight(tenThousandths: 0)

    /// One.
    public static let one = Weight(tenThousandths: 10_000)

    public static func < (lhs: Weight, rhs: Weight) -> Bool { lhs.tenThousandths < rhs.tenThousandths }

    /// The shortest decimal: `0.6`, `0.67`, `1`.
    public var description: String {
        var fraction = String(abs(tenThousandths) % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = (tenThousandths < 0 ? "-" : "") + String(abs(tenThousandths) / 10_000)
        return fraction.isEmpty ? whole : whole + "." + fraction
    }
}

extension Weight: Codable {
    /// Reads a percentage (`60`, `33.33`), rounded to hundredths of a percent.
    public init(from decoder: any Decoder) throws {
        let percent = try decoder.singleValueContainer().decode(Double.self)
        self.tenThousandths = Int((percent * 100).rounded())
    }

    /// Writes the percentage: `60` (a whole number as an integer), `33.33`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if tenThousandths % 100 == 0 {
            try container.encode(tenThousandths / 100)
        } else {
            try container.encode(Double(tenThousandths) / 100)
        }
    }

    /// Whether the weight is a whole percentage (`60`, not `33.33`).
    public var isWholePercent: Bool { tenThousandths % 100 == 0 }

    /// The percentage as indicators.csv prints it: `60`, or `33.33` for a weight that is not a whole percentage.
    public var percentDescription: String {
        let magnitude = abs(tenThousandths)
        let whole = (tenThousandths < 0 ? "-" : "") + String(magnitude / 100)
        let cents = magnitude % 100
        guard cents != 0 else { return whole }
        return whole + "." + (cents < 10 ? "0" : "") + String(cents % 10 == 0 ? cents / 10 : cents)
    }
}

/// An exact weighted score, score × weight, held in millionths of a point (a 2-decimal score times a 4-decimal
/// weight): indicators.csv's `weighted` (DOMAIN.md §11).
public struct WeightedScore: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value × 1 000 000.
    public let millionths: Int

    public init(score: Score, weight: Weight) {
        self.millionths = score.hundredths * weight.tenThousandths
    }

    public static func < (lhs: WeightedScore, rhs: WeightedScore) -> Bool { lhs.millionths < rhs.millionths }

    /// Four decimals (`48.3874`), exact for a whole-percent weight; more only when the weight needs them.
    public var description: String {
        let sign = millionths < 0 ? "-" : ""
        let magnitude = abs(millionths)
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 4, fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 1_000_000) + "." + fraction
    }
}

extension WeightedScore: Codable {
    /// Reads a JSON number, rounded to millionths.
    public init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        self.millionths = Int((value * 1_000_000).rounded())
    }

    /// Writes a JSON number (`8.75`; a whole number as an integer).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if millionths % 1_000_000 == 0 {
            try container.encode(millionths / 1_000_000)
        } else {
            try container.encode(Double(millionths) / 1_000_000)
        }
    }
}

/// A plain decimal's text split into an exact fixed-point value and the first digit dropped by truncation.
struct DecimalText {
    /// +1 or −1.
    let sign: Int
    /// The magnitude truncated to `places` decimals, × 10^places.
    let truncated: Int
    /// The digit just after the kept places (0 when none).
    let firstDroppedDigit: Int
    /// Whether any dropped digit is not 0 (the value has more precision than kept).
    let hasDroppedDigits: Bool

    init?(_ text: String, places: Int = 2) {
        var bytes = Substring(text).utf8[...]
        var sign = 1
        if bytes.first == UInt8(ascii: "-") {
            sign = -1
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, !wholePart.isEmpty, wholePart.count <= 12,
              wholePart.allSatisfy(DecimalText.isDigit) else { return nil }
        var value = 0
        for byte in wholePart { value = value * 10 + Int(byte - UInt8(ascii: "0")) }
        var dropped = 0
        var anyDropped = false
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(DecimalText.isDigit) else { return nil }
            let digits = Array(fraction)
            for index in 0..<places {
                value = value * 10 + (index < digits.count ? Int(digits[index] - UInt8(ascii: "0")) : 0)
            }
            if digits.count > places {
                dropped = Int(digits[places] - UInt8(ascii: "0"))
                anyDropped = digits[places...].contains { $0 != UInt8(ascii: "0") }
            }
        } else {
            for _ in 0..<places { value *= 10 }
        }
        self.sign = sign
        self.truncated = value
        self.firstDroppedDigit = dropped
        self.hasDroppedDigits = anyDropped
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
