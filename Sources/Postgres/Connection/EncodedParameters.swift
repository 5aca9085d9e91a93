/// Statement parameters encoded for PQexecParams / PQexecPrepared: one contiguous byte buffer plus the four
/// parallel arrays libpq wants. Text values get a NUL terminator (and may not contain NUL themselves).
struct EncodedParameters {
    private var types: [UInt32] = []
    private var formats: [Int32] = []
    private var lengths: [Int32] = []
    /// Start offset of each value in `bytes`, or nil for SQL NULL.
    private var offsets: [Int?] = []
    private var bytes: [UInt8] = []

    init(_ parameters: [(any PostgresEncodable & Sendable)?], statementName: String?) throws(PostgresError) {
        for (position, parameter) in parameters.enumerated() {
            guard let parameter else {
                types.append(PostgresTypeOID.unknown)
                formats.append(PostgresFormat.text.rawValue)
                lengths.append(0)
                offsets.append(nil)
                continue
            }
            let kind = type(of: parameter)
            types.append(kind.postgresTypeOID)
            formats.append(kind.postgresFormat.rawValue)
            let encoded: [UInt8]?
            do {
                encoded = try parameter.postgresBytes()
            } catch {
                throw PostgresError(
                    kind: .encoding, message: "parameter $\(position + 1): \(error.message)", statementName: statementName)
            }
            guard let encoded else {
                lengths.append(0)
                offsets.append(nil)
                continue
            }
            guard encoded.count < Int32.max else {
                throw PostgresError(
                    kind: .encoding, message: "parameter $\(position + 1) is larger than 2 GiB",
                    statementName: statementName)
            }
            if kind.postgresFormat == .text, encoded.contains(0) {
                throw PostgresError(
                    kind: .encoding, message: "parameter $\(position + 1) is text holding a NUL character",
                    statementName: statementName)
            }
            offsets.append(bytes.count)
            lengths.append(Int32(encoded.count))
            bytes.append(contentsOf: encoded)
            if kind.postgresFormat == .text { bytes.append(0) }
        }
    }

    var count: Int32 { Int32(types.count) }

    /// Calls `body` with pointers valid only during the call: type OIDs, values (nil = NULL), lengths, formats.
    func withLibPQArrays<R>(
        _ body: (
            UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
            UnsafePointer<Int32>?
        ) -> R
    ) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let values: [UnsafePointer<CChar>?] = offsets.map { offset in offset.flatMap { base?.advanced(by: $0) } }
            return types.withUnsafeBufferPointer { types in
                values.withUnsafeBufferPointer { values in
                    lengths.withUnsafeBufferPointer { lengths in
                        formats.withUnsafeBufferPointer { formats in
                            body(types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                        }
                    }
                }
            }
        }
    }
}
