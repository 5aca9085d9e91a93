/// A scalar that can be an element of a one-dimensional Postgres array parameter or result.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    /// The OID of the array type whose elements are `Self` (e.g. int8[] for `Int64`).
    static var postgresArrayTypeOID: UInt32 { get }

    /// Appends the element as written inside an array literal. The default is the element's text, double-quoted
    /// with `\` and `"` escaped.
    /// - Throws: `PostgresError` (`.encoding`) when the element has no text (NULL) or cannot be encoded.
    func appendArrayLiteralElement(to literal: inout [UInt8]) throws(PostgresError)
}

extension PostgresArrayElement {
    public func appendArrayLiteralElement(to literal: inout [UInt8]) throws(PostgresError) {
        guard let bytes = try postgresBytes() else {
            throw PostgresError(kind: .encoding, message: "NULL is not allowed")
        }
        literal.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
            literal.append(byte)
        }
        literal.append(UInt8(ascii: "\""))
    }
}

/// Integers go into an array literal as bare decimal digits, written straight into the literal: the ids and
/// attempts of a batched completion are encoded this way, many per call.
extension PostgresArrayElement where Self: FixedWidthInteger & SignedInteger {
    public func appendArrayLiteralElement(to literal: inout [UInt8]) throws(PostgresError) {
        ArrayLiteral.appendDecimal(Int64(self), to: &literal)
    }
}

extension Int: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int8Array } }
extension Int64: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int8Array }
}
extension Int32: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int4Array }
}
extension Int16: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int2Array }
}
extension Double: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.float8Array }
}
extension Bool: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.boolArray } }
extension String: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.textArray }
}

/// A one-dimensional array, sent as a text array literal, e.g. `WHERE id = ANY($1)`: integers as bare digits, every
/// other element double-quoted (`\` and `"` escaped). Elements are never NULL; reading an array holding NULL throws
/// `.decoding`.
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresTypeOID: UInt32 { Element.postgresArrayTypeOID }

    public func postgresBytes() throws(PostgresError) -> [UInt8]? {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        literal.reserveCapacity(2 + count * 8)
        // An index loop: this method runs unspecialised (through the parameter's protocol witness), where an
        // enumerated() iterator cost more than the encoding itself.
        for index in 0..<count {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            do {
                try self[index].appendArrayLiteralElement(to: &literal)
            } catch {
                throw PostgresError(kind: .encoding, message: "array element \(index): \(error.message)")
            }
        }
        literal.append(UInt8(ascii: "}"))
        return literal
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(postgresText text: String) throws(PostgresError) -> [Element] {
        guard let items = ArrayLiteral.elements(Array<UInt8>(text.utf8)) else {
            throw decodingFailure("one-dimensional array")
        }
        var result = [Element]()
        result.reserveCapacity(items.count)
        for item in items {
            if let item { result.append(try Element.decode(postgresText: item)) } else {
                throw PostgresError(kind: .decoding, message: "array element is NULL; \(Element.self) is not optional")
            }
        }
        return result
    }
}

/// Splits a one-dimensional array's text output (`{a,"b,c",NULL}`, optionally `[2:3]={…}`) into its elements;
/// nil for a NULL element. Returns nil when the text is not such an array.
enum ArrayLiteral {
    /// Appends `value` in decimal (a leading `-` when negative).
    static func appendDecimal(_ value: Int64, to literal: inout [UInt8]) {
        if value < 0 { literal.append(UInt8(ascii: "-")) }
        let magnitude = value.magnitude
        var scale: UInt64 = 1
        while magnitude / scale >= 10 { scale *= 10 }
        while scale > 0 {
            literal.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude / scale % 10))
            scale /= 10
        }
    }

    static func elements(_ bytes: [UInt8]) -> [String?]? {
        var cursor = 0
        if bytes.first == UInt8(ascii: "[") {
            guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            cursor = equals + 1
        }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else {
            return nil
        }
        cursor += 1
        let end = bytes.count - 1
        var elements = [String?]()
        if cursor == end { return elements }
        while true {
            var element = [UInt8]()
            var quoted = false
            if bytes[cursor] == UInt8(ascii: "\"") {
                quoted = true
                cursor += 1
                while true {
                    guard cursor < end else { return nil }
                    var byte = bytes[cursor]
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == UInt8(ascii: "\\") {
                        cursor += 1
                        guard cursor < end else { return nil }
                        byte = bytes[cursor]
                    }
                    element.append(byte)
                    cursor += 1
                }
                cursor += 1
            } else {
                while cursor < end, bytes[cursor] != UInt8(ascii: ",") {
                    if bytes[cursor] == UInt8(ascii: "{") || bytes[cursor] == UInt8(ascii: "\"") { return nil }
                    element.append(bytes[cursor])
                    cursor += 1
                }
            }
            let text = String(decoding: element, as: UTF8.self)
            elements.append(!quoted && text.uppercased() == "NULL" ? nil : text)
            if cursor == end { return elements }
            guard bytes[cursor] == UInt8(ascii: ",") else { return nil }
            cursor += 1
        }
    }
}
