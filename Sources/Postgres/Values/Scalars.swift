// Text-format conformances of the integer, floating-point, boolean and string types.

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(String(self).utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> Int {
        guard let value = Int(text) else { throw decodingFailure("integer") }
        return value
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(String(self).utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> Int64 {
        guard let value = Int64(text) else { throw decodingFailure("integer") }
        return value
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int4 }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(String(self).utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> Int32 {
        guard let value = Int32(text) else { throw decodingFailure("integer") }
        return value
    }
}

extension Int16: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int2 }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(String(self).utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> Int16 {
        guard let value = Int16(text) else { throw decodingFailure("integer") }
        return value
    }
}

/// float8. NaN and ±infinity travel as Postgres's `NaN`, `Infinity`, `-Infinity`; finite values use Swift's
/// shortest round-tripping form, which `float8in` reads back exactly.
extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.float8 }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? {
        let text: String =
            if isNaN { "NaN" } else if self == .infinity { "Infinity" } else if self == -.infinity { "-Infinity" }
            else { description }
        return Array(text.utf8)
    }
    public static func decode(postgresText text: String) throws(PostgresError) -> Double {
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text), value.isFinite else { throw decodingFailure("number") }
            return value
        }
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bool }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array((self ? "true" : "false").utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> Bool {
        switch text {
        case "t", "true": return true
        case "f", "false": return false
        default: throw decodingFailure("boolean")
        }
    }
}

/// Sent with type OID 0 (unknown), so the server reads it as whatever type the statement needs there
/// (text, varchar, an enum, a timestamp literal, jsonb after `::jsonb`).
extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.unknown }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> String { text }
}
