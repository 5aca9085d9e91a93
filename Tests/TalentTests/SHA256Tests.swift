import Talent
import TestThreads
import Testing

@Suite("SHA-256: FIPS 180-4 test vectors", .ownThread)
struct SHA256Tests {
    @Test("short and multi-block messages", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(message: String, digest: String) {
        #expect(SHA256.hex(message) == digest)
    }

    @Test("one million 'a'")
    func millionA() {
        let message = String(repeating: "a", count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("messages around the 55/56/64-byte padding edges differ and have 32-byte digests")
    func paddingEdges() {
        let digests = (54...66).map { SHA256.digest(Array(repeating: UInt8(ascii: "x"), count: $0)) }
        #expect(digests.allSatisfy { $0.count == 32 })
        #expect(Set(digests.map { $0.map(String.init).joined(separator: ",") }).count == digests.count)
        // Known value for 56 bytes (one full padding block is added).
        #expect(SHA256.hex(String(repeating: "a", count: 56))
            == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
