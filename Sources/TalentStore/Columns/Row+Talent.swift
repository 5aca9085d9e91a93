import Postgres
import Talent

/// Reading the talent vocabulary out of result rows: each helper names the column and the value's form in its error.
extension Row {
    /// A non-NULL text column.
    func text(_ column: String) throws -> String {
        guard let value = string(column) else {
            throw StoreError(.invalidStoredValue, "column \(column) is NULL")
        }
        return value
    }

    /// A `date` column (ISO text), nil when NULL.
    func optionalDate(_ column: String) throws -> CivilDate? {
        guard let value = string(column) else { return nil }
        guard let date = CivilDate(iso: value) else {
            throw StoreError(.invalidStoredValue, "column \(column) holds \(value), not a date")
        }
        return date
    }

    /// A non-NULL `date` column.
    func date(_ column: String) throws -> CivilDate {
        guard let date = try optionalDate(column) else {
            throw StoreError(.invalidStoredValue, "column \(column) is NULL")
        }
        return date
    }

    /// A `numeric` column with at most two decimals, as an exact `Score`; nil when NULL.
    func optionalScore(_ column: String) throws -> Score? {
        guard let value = string(column) else { return nil }
        guard let score = Score(decimal: value) else {
            throw StoreError(.invalidStoredValue, "column \(column) holds \(value), not a decimal")
        }
        return score
    }

    /// A non-NULL `numeric` column as a `Score`.
    func score(_ column: String) throws -> Score {
        guard let score = try optionalScore(column) else {
            throw StoreError(.invalidStoredValue, "column \(column) is NULL")
        }
        return score
    }

    /// A vocabulary value stored as its code (`PNS`, `BAIK`...); nil when NULL.
    func optionalCode<Value: RawRepresentable>(_ column: String, as type: Value.Type = Value.self) throws -> Value?
    where Value.RawValue == String {
        guard let value = string(column) else { return nil }
        guard let parsed = Value(rawValue: value) else {
            throw StoreError(.invalidStoredValue, "column \(column) holds \(value), not a \(Value.self) code")
        }
        return parsed
    }

    /// A non-NULL vocabulary value.
    func code<Value: RawRepresentable>(_ column: String, as type: Value.Type = Value.self) throws -> Value
    where Value.RawValue == String {
        guard let value: Value = try optionalCode(column) else {
            throw StoreError(.invalidStoredValue, "column \(column) is NULL")
        }
        return value
    }
}

/// Writing talent values as COPY text fields (nil = NULL). Numbers are written by `fixed`, straight into a short
/// string (the indicator rows write some 20 million numbers at a national review).
enum CopyField {
    static func date(_ value: CivilDate?) -> String? { value?.description }
    static func score(_ value: Score?) -> String? { value.map(score) }
    /// `80.00`: the text of `Score.description`.
    static func score(_ value: Score) -> String { fixed(value.hundredths, places: 2) }
    /// A whole number.
    static func whole(_ value: Int) -> String { fixed(value, places: 0) }
    /// A weight as a percentage: `60` (`Weight.percentDescription`).
    static func percent(_ weight: Weight) -> String {
        weight.isWholePercent ? fixed(weight.tenThousandths / 100, places: 0) : weight.percentDescription
    }
    /// `48.0000` (`WeightedScore.description`): four decimals, more only when the value needs them.
    static func weighted(_ value: WeightedScore) -> String {
        value.millionths % 100 == 0 ? fixed(value.millionths / 100, places: 4) : value.description
    }

    /// `value` / 10^`places` as a plain decimal with exactly `places` decimals (`fixed(-50, places: 2)` is
    /// `-0.50`), its digits written from the end into a stack buffer: a short result is a small string, with no
    /// allocation at all.
    /// - Precondition: `places` is 0 … 6.
    static func fixed(_ value: Int, places: Int) -> String {
        precondition((0...6).contains(places), "fixed supports 0 … 6 decimals")
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var position = buffer.count
            var magnitude = value.magnitude
            func put(_ byte: UInt8) {
                position -= 1
                buffer[position] = byte
            }
            for _ in 0..<places {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            }
            if places > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(magnitude % 10))
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position...]), as: UTF8.self)
        }
    }
    /// A text[] literal of codes (`{A,B}`); the codes are upper-case words that need no quoting.
    static func codes(_ values: [String]) -> String { "{" + values.joined(separator: ",") + "}" }
}
