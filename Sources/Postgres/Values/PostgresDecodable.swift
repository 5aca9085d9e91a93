/// A Swift value that can be read from a result column (results are always in text format).
public protocol PostgresDecodable {
    /// Decodes a non-NULL value from its text output form.
    /// - Throws: `PostgresError` of kind `.decoding` (without the value in its message).
    static func decode(postgresText text: String) throws(PostgresError) -> Self
    /// The value for SQL NULL. The default throws a `.decoding` error; `Optional` returns nil.
    static func decodePostgresNull() throws(PostgresError) -> Self
}

extension PostgresDecodable {
    public static func decodePostgresNull() throws(PostgresError) -> Self {
        throw PostgresError(kind: .decoding, message: "NULL cannot be decoded as non-optional \(Self.self)")
    }

    static func decodingFailure(_ expected: String) -> PostgresError {
        PostgresError(kind: .decoding, message: "value is not a valid \(expected) for \(Self.self)")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String) throws(PostgresError) -> Self {
        try Wrapped.decode(postgresText: text)
    }

    public static func decodePostgresNull() throws(PostgresError) -> Self { nil }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresTypeOID: UInt32 { Wrapped.postgresTypeOID }
    public static var postgresFormat: PostgresFormat { Wrapped.postgresFormat }

    public func postgresBytes() throws(PostgresError) -> [UInt8]? {
        switch self {
        case .none: nil
        case .some(let value): try value.postgresBytes()
        }
    }
}
