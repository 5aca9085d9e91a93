/// SHA-256 (FIPS 180-4), for input fingerprints. Foundation has no SHA-256 on Linux and the talent module imports
/// nothing else, so this small implementation lives here; tests check it against the FIPS 180-4 vectors.
///
/// It reads the message's 64-byte blocks where they lie and pads only the last one or two on the stack: hashing
/// allocates nothing but the result.
public enum SHA256 {
    /// The digest of `bytes`, 32 bytes.
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let state = withContiguousBytes(of: bytes, hash)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        state.forEachWord { word in
            for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return out
    }

    /// The digest of `text`'s UTF-8 bytes as 64 lowercase hex digits.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hex(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hex($0) }
    }

    /// The digest of the bytes in `buffer` as 64 lowercase hex digits.
    static func hex(_ buffer: UnsafeRawBufferPointer) -> String {
        hex(hash(buffer))
    }

    /// A final hash state as 64 lowercase hex digits.
    static func hex(_ state: State) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            var index = 0
            state.forEachWord { word in
                for shift in stride(from: 28, through: 0, by: -4) {
                    let nibble = UInt8(truncatingIfNeeded: word >> UInt32(shift)) & 0x0f
                    out[index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
                    index += 1
                }
            }
            return 64
        }
    }

    private static func withContiguousBytes<R>(of bytes: some Collection<UInt8>,
                                               _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = bytes.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) { return result }
        return Array(bytes).withUnsafeBytes(body)
    }

    /// The final hash state of the message in `buffer`.
    static func hash(_ buffer: UnsafeRawBufferPointer) -> State {
        var state = State()
        let count = buffer.count
        let fullBlocks = count / 64
        roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                if let base = buffer.baseAddress {
                    for block in 0..<fullBlocks { state.compress(base + block * 64, schedule: schedule, k: k) }
                }
                // The tail: the last partial block, 0x80, zeros and the bit length, in one or two blocks.
                withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
                    let remaining = count - fullBlocks * 64
                    tail.initializeMemory(as: UInt8.self, repeating: 0)
                    if remaining > 0, let base = buffer.baseAddress {
                        tail.baseAddress!.copyMemory(from: base + fullBlocks * 64, byteCount: remaining)
                    }
                    tail[remaining] = 0x80
                    let tailLength = remaining + 9 <= 64 ? 64 : 128
                    tail.storeBytes(of: (UInt64(count) &* 8).bigEndian, toByteOffset: tailLength - 8, as: UInt64.self)
                    for offset in stride(from: 0, to: tailLength, by: 64) {
                        state.compress(UnsafeRawPointer(tail.baseAddress! + offset), schedule: schedule, k: k)
                    }
                }
            }
        }
        return state
    }

    /// The eight working words of the hash.
    struct State {
        var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19

        /// Calls `body` with h0 … h7 in order, without building an array.
        @inline(__always)
        func forEachWord(_ body: (UInt32) -> Void) {
            body(h0)
            body(h1)
            body(h2)
            body(h3)
            body(h4)
            body(h5)
            body(h6)
            body(h7)
        }

        /// Processes one 64-byte block at `block`; `w` is room for the 64-word message schedule, `k` the 64 round
        /// constants.
        @inline(__always)
        mutating func compress(_ block: UnsafeRawPointer, schedule w: UnsafeMutableBufferPointer<UInt32>,
                               k: UnsafeBufferPointer<UInt32>) {
            let w = w.baseAddress!
            let k = k.baseAddress!
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let x = w[i - 15], y = w[i - 2]
                let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
                let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            // Eight rounds per pass with the roles of a … h rotated instead of the values moved.
            var i = 0
            while i < 64 {
                SHA256.round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                SHA256.round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                SHA256.round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                SHA256.round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                SHA256.round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                SHA256.round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                SHA256.round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                SHA256.round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                i += 8
            }
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
        }
    }

    /// One round: `d += t1`, `h = t1 + t2` (FIPS 180-4 §6.2.2 step 3 with the variables renamed by the caller);
    /// `kw` is the round constant plus the schedule word.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32,
                              _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        // Σ1(e) = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25) and Σ0(a) = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22), nested so
        // fewer copies are needed; Ch and Maj in their three-operation forms.
        let t1 = h &+ rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6) &+ (((f ^ g) & e) ^ g) &+ kw
        let t2 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2) &+ (((a ^ b) & (b ^ c)) ^ b)
        d = d &+ t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
