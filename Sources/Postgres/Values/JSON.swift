import Foundation

/// A `Codable` value stored as json/jsonb. Sent as JSON text with type OID 0, so write `$1::jsonb` (or insert into
/// a json/jsonb column). Encoded with sorted keys, so equal values give equal text.
public struct PostgresJSON<Value: Codable>: PostgresEncodable, PostgresDecodable {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    public static var postgresTypeOID: UInt32 { PostgresTypeOID.unknown }

    public func postgresBytes() throws(PostgresError) -> [UInt8]? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw PostgresError(kind: .encoding, message: "\(Value.self) could not be encoded as JSON")
        }
    }

    public static func decode(postgresText text: String) throws(PostgresError) -> PostgresJSON<Value> {
        do {
            return PostgresJSON(try JSONDecoder().decode(Value.self, from: Data(text.utf8)))
        } catch {
            throw PostgresError(kind: .decoding, message: "JSON does not decode as \(Value.self)")
        }
    }
}

extension PostgresJSON: Sendable where Value: Sendable {}
extension PostgresJSON: Equatable where Value: Equatable {}

/// Raw JSON text for json/jsonb, passed and read untouched (write `$1::jsonb`). The server validates it.
public struct JSONText: PostgresEncodable, PostgresDecodable, Sendable, Hashable {
    public var text: String

    public init(_ text: String) { self.text = text }

    public static var postgresTypeOID: UInt32 { PostgresTypeOID.unknown }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(text.utf8) }
    public static func decode(postgresText text: String) throws(PostgresError) -> JSONText { JSONText(text) }
}
