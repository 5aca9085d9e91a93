public import Foundation

/// How payloads travel between Swift values and the `jsonb` column: JSON with dates as ISO 8601 strings
/// (whole seconds, UTC) and sorted keys, so SQL can read and index them and other systems can write them.
public enum JobPayloadCoding {
    /// Encodes a payload to UTF-8 JSON text.
    /// - Throws: `EncodingError` when the value cannot be represented in JSON (e.g. a non-finite Double).
    public static func encode<Payload: Encodable>(_ payload: Payload) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(payload)
    }

    /// Decodes a payload from UTF-8 JSON text. Unknown keys are ignored.
    /// - Throws: `DecodingError` when the JSON does not match `Payload`.
    public static func decode<Payload: Decodable>(_ type: Payload.Type, from json: Data) throws -> Payload {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(type, from: json)
    }
}
