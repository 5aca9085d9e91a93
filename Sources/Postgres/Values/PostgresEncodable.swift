/// Wire format of one parameter.
public enum PostgresFormat: Int32, Sendable {
    /// The type's text input form (what `psql` would accept between quotes).
    case text = 0
    /// The type's binary send form (used for `bytea`).
    case binary = 1
}

/// A Swift value that can be sent as a statement parameter.
///
/// Conformances: `Int`, `Int64`, `Int32`, `Int16`, `Double`, `Bool`, `String`, `Date` (timestamptz), `Data` (bytea,
/// binary), `PostgresJSON`, `JSONText`, arrays of the scalar types (for `= ANY($1)`), and `Optional` of each
/// (`.none` sends SQL NULL).
public protocol PostgresEncodable {
    /// The parameter's type OID; 0 lets the server infer the type from the statement (e.g. `$1::jsonb`).
    static var postgresTypeOID: UInt32 { get }
    /// The format `postgresBytes()` produces. Defaults to `.text`.
    static var postgresFormat: PostgresFormat { get }
    /// The value in `postgresFormat`, or nil for SQL NULL. Text bytes are UTF-8 without a terminator.
    /// - Throws: `PostgresError` of kind `.encoding` when the value has no Postgres form.
    func postgresBytes() throws(PostgresError) -> [UInt8]?
}

extension PostgresEncodable {
    public static var postgresFormat: PostgresFormat { .text }
}

/// Type OIDs this module sends (from the server's `pg_type` catalog; stable across versions).
enum PostgresTypeOID {
    static let unknown: UInt32 = 0
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let float8: UInt32 = 701
    static let timestamptz: UInt32 = 1184
    static let boolArray: UInt32 = 1000
    static let int2Array: UInt32 = 1005
    static let int4Array: UInt32 = 1007
    static let textArray: UInt32 = 1009
    static let int8Array: UInt32 = 1016
    static let float8Array: UInt32 = 1022
}
