public import Foundation

/// bytea. Sent in binary format (any bytes, zero bytes included); read from the server's hex output (`\x…`).
extension Data: PostgresEncodable, PostgresDecodable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bytea }
    public static var postgresFormat: PostgresFormat { .binary }
    public func postgresBytes() throws(PostgresError) -> [UInt8]? { Array(self) }

    public static func decode(postgresText text: String) throws(PostgresError) -> Data {
        let hex = Array(text.utf8)
        guard hex.count >= 2, hex[0] == UInt8(ascii: "\\"), hex[1] == UInt8(ascii: "x"), hex.count % 2 == 0 else {
            throw decodingFailure("bytea hex text")
        }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2 - 1)
        var index = 2
        while index < hex.count {
            guard let high = nibble(hex[index]), let low = nibble(hex[index + 1]) else {
                throw decodingFailure("bytea hex text")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        return Data(bytes)
    }
}
