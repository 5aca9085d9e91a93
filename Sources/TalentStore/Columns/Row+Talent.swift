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

/// Writing talent values as COPY text fields (nil = NULL).
enum CopyField {
    static func date(_ value: CivilDate?) -> String? { value?.description }
    static func score(_ value: Score?) -> String? { value?.description }
    /// A text[] literal of codes (`{A,B}`); the codes are upper-case words that need no quoting.
    static func codes(_ values: [String]) -> String { "{" + values.joined(separator: ",") + "}" }
}
