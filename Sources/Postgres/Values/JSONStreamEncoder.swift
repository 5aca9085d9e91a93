/// Encodes an `Encodable` value as JSON text in one pass, for json/jsonb columns written in bulk (COPY).
///
/// Foundation's `JSONEncoder` first builds a tree of boxed values and dictionaries and then writes it; for the
/// placements of an assessment batch that was two thirds of the worker's CPU. This encoder writes each value as
/// the `Encodable` conformance hands it over, with the same text forms as `JSONEncoder`'s defaults: integers in
/// decimal, `Double`/`Float` as their shortest round-tripping `description` without a trailing `.0` (`75`, `87.5`),
/// `Bool` as `true`/`false`, nil as `null`, keys by `CodingKey.stringValue`, a value that encodes nothing as `{}`.
/// Keys are written in encoding order, not sorted, and `/` is not escaped: jsonb parses both texts to the same value
/// (`$1::jsonb::text` is equal), which is what the columns store.
///
/// Containers are written in order: a write to an outer container ends every container nested in it that is still
/// open (the conformances the compiler synthesises never go back to one). `codingPath` is always empty and
/// `userInfo` is empty.
public enum JSONStreamEncoder {
    /// The JSON text of `value`.
    /// - Throws: `EncodingError.invalidValue` for a NaN or infinite `Double`/`Float` (as `JSONEncoder` does), and
    ///   whatever the value's `encode(to:)` throws.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let writer = JSONStreamWriter()
        try writer.encodeValue(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

/// The output and the stack of open containers shared by every encoder and container of one `encode` call.
final class JSONStreamWriter {
    private struct State {
        var bytes: [UInt8] = []
        /// Open containers, outermost first: whether each is an object, and how many elements it holds so far.
        var open: [(isObject: Bool, count: Int)] = []
    }

    /// Held through a pointer: accesses through it skip the dynamic exclusivity checks that a class's stored `var`s
    /// pay on every access (a tenth of the worker's CPU in the profile of an assessment batch).
    private let state: UnsafeMutablePointer<State>

    init() {
        state = .allocate(capacity: 1)
        state.initialize(to: State())
        state.pointee.bytes.reserveCapacity(1024)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The text written so far.
    var bytes: [UInt8] { state.pointee.bytes }

    var depth: Int { state.pointee.open.count }

    func writeEmptyObject() { state.pointee.bytes.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")]) }

    /// Writes a complete value at the current position.
    func encodeValue<T: Encodable>(_ value: T) throws {
        let encoder = JSONStreamValueEncoder(writer: self, depth: depth)
        try value.encode(to: encoder)
        if !encoder.wroteValue { writeEmptyObject() }
        close(downTo: encoder.depth)
    }

    /// Ends every container deeper than `depth`.
    func close(downTo depth: Int) {
        while state.pointee.open.count > depth {
            state.pointee.bytes.append(state.pointee.open.removeLast().isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"))
        }
    }

    func openContainer(isObject: Bool) {
        state.pointee.bytes.append(isObject ? UInt8(ascii: "{") : UInt8(ascii: "["))
        state.pointee.open.append((isObject, 0))
    }

    /// Starts the next element of the container that is `depth` deep (1 = outermost): ends deeper containers, writes
    /// the separator and, in an object, the key.
    func beginElement(depth: Int, key: String?) {
        close(downTo: depth)
        let written = state.pointee.open[depth - 1].count
        state.pointee.open[depth - 1].count = written + 1
        if written > 0 { state.pointee.bytes.append(UInt8(ascii: ",")) }
        if let key {
            writeString(key)
            state.pointee.bytes.append(UInt8(ascii: ":"))
        }
    }

    func elementCount(depth: Int) -> Int { state.pointee.open.count >= depth ? state.pointee.open[depth - 1].count : 0 }

    func writeNull() { state.pointee.bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")]) }

    func writeBool(_ value: Bool) { state.pointee.bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    func writeInteger<I: BinaryInteger>(_ value: I) { state.pointee.bytes.append(contentsOf: String(value).utf8) }

    func writeFloat<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "\(value) is not a valid JSON number"))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        state.pointee.bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string. Text with nothing to escape (the usual case) is appended in one piece: each append to the
    /// class's buffer pays an exclusivity check.
    func writeString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                state.pointee.bytes.append(UInt8(ascii: "\""))
                state.pointee.bytes.append(contentsOf: utf8)
                state.pointee.bytes.append(UInt8(ascii: "\""))
                return
            }
            var escaped: [UInt8] = [UInt8(ascii: "\"")]
            escaped.reserveCapacity(utf8.count + 8)
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): escaped.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): escaped.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): escaped.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): escaped.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): escaped.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    escaped.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"),
                                                UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: escaped.append(byte)
                }
            }
            escaped.append(UInt8(ascii: "\""))
            state.pointee.bytes.append(contentsOf: escaped)
        }
    }
}

/// The encoder handed to one value's `encode(to:)`: the value becomes one container or one scalar.
final class JSONStreamValueEncoder: Encoder {
    let writer: JSONStreamWriter
    /// The writer's depth where this value starts.
    let depth: Int
    /// Whether the value opened a container or wrote a scalar.
    var wroteValue = false
    private var openedObject = false
    private var openedArray = false

    init(writer: JSONStreamWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if !openedObject {
            precondition(!wroteValue, "a value asked for a keyed container after encoding something else")
            writer.close(downTo: depth)
            writer.openContainer(isObject: true)
            openedObject = true
            wroteValue = true
        }
        return KeyedEncodingContainer(JSONStreamKeyedContainer<Key>(writer: writer, depth: depth + 1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if !openedArray {
            precondition(!wroteValue, "a value asked for an unkeyed container after encoding something else")
            writer.close(downTo: depth)
            writer.openContainer(isObject: false)
            openedArray = true
            wroteValue = true
        }
        return JSONStreamUnkeyedContainer(writer: writer, depth: depth + 1)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { JSONStreamSingleValueContainer(encoder: self) }
}

struct JSONStreamSingleValueContainer: SingleValueEncodingContainer {
    let encoder: JSONStreamValueEncoder
    var codingPath: [any CodingKey] { [] }

    private func begin() {
        precondition(!encoder.wroteValue, "a single value container encoded two values")
        encoder.wroteValue = true
    }

    mutating func encodeNil() throws { begin(); encoder.writer.writeNull() }
    mutating func encode(_ value: Bool) throws { begin(); encoder.writer.writeBool(value) }
    mutating func encode(_ value: String) throws { begin(); encoder.writer.writeString(value) }
    mutating func encode(_ value: Double) throws { begin(); try encoder.writer.writeFloat(value) }
    mutating func encode(_ value: Float) throws { begin(); try encoder.writer.writeFloat(value) }
    mutating func encode(_ value: Int) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { begin(); encoder.writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { begin(); encoder.writer.writeInteger(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        begin()
        // The value encodes itself in place of this one; it counts as written even if it writes nothing.
        let inner = JSONStreamValueEncoder(writer: encoder.writer, depth: encoder.writer.depth)
        try value.encode(to: inner)
        if !inner.wroteValue { encoder.writer.writeEmptyObject() }
        encoder.writer.close(downTo: inner.depth)
    }
}

struct JSONStreamKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    /// This object's depth in the writer (1 = outermost).
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    private func begin(_ key: Key) { writer.beginElement(depth: depth, key: key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { begin(key); writer.writeNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { begin(key); writer.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { begin(key); writer.writeString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { begin(key); try writer.writeFloat(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { begin(key); try writer.writeFloat(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { begin(key); writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { begin(key); try writer.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        begin(key)
        writer.openContainer(isObject: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(writer: writer, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        writer.openContainer(isObject: false)
        return JSONStreamUnkeyedContainer(writer: writer, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        begin(key)
        writer.openContainer(isObject: true)
        return JSONStreamValueEncoder(writer: writer, depth: depth).wrappedInObject()
    }
}

extension JSONStreamValueEncoder {
    /// A super encoder's value is the object just opened after its key: its keyed container writes into it.
    fileprivate func wrappedInObject() -> JSONStreamValueEncoder {
        wroteValue = true
        openedObject = true
        return self
    }
}

struct JSONStreamUnkeyedContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    /// This array's depth in the writer (1 = outermost).
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { writer.elementCount(depth: depth) }

    private func begin() { writer.beginElement(depth: depth, key: nil) }

    mutating func encodeNil() throws { begin(); writer.writeNull() }
    mutating func encode(_ value: Bool) throws { begin(); writer.writeBool(value) }
    mutating func encode(_ value: String) throws { begin(); writer.writeString(value) }
    mutating func encode(_ value: Double) throws { begin(); try writer.writeFloat(value) }
    mutating func encode(_ value: Float) throws { begin(); try writer.writeFloat(value) }
    mutating func encode(_ value: Int) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { begin(); writer.writeInteger(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { begin(); try writer.encodeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        begin()
        writer.openContainer(isObject: true)
        return KeyedEncodingContainer(JSONStreamKeyedContainer<NestedKey>(writer: writer, depth: depth + 1))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        begin()
        writer.openContainer(isObject: false)
        return JSONStreamUnkeyedContainer(writer: writer, depth: depth + 1)
    }

    mutating func superEncoder() -> any Encoder {
        begin()
        writer.openContainer(isObject: true)
        return JSONStreamValueEncoder(writer: writer, depth: depth).wrappedInObject()
    }
}
