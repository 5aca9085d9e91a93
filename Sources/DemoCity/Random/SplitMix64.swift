/// SplitMix64 (Steele, Lea and Flood 2014): a tiny 64-bit generator whose output depends only on its seed, so a
/// given `--seed` yields byte-identical files on every machine. Integer arithmetic only: no Foundation random,
/// no clock, no floating-point library calls.
///
/// Every employee gets its own stream (`SplitMix64(seed:stream:)`), so an employee's rows do not depend on how
/// the run is chunked.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for one `(seed, stream)` pair: the pair is mixed twice so nearby streams diverge.
    init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        let salt = mixer.next()
        state = Self.mix(stream &* 0x9E37_79B9_7F4A_7C15 ^ salt)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (Lemire's multiply-shift; the bias is below 2⁻³² for our ranges).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        let product = next().multipliedFullWidth(by: span)
        return range.lowerBound + Int(product.high)
    }

    /// True with probability `perMille`/1000.
    mutating func chance(perMille: Int) -> Bool {
        int(0...999) < perMille
    }

    /// One element of a non-empty array, uniformly.
    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    /// An index into `weights` drawn in proportion to the weights (all ≥ 0, at least one > 0).
    mutating func weightedIndex(_ weights: [Int]) -> Int {
        let total = weights.reduce(0, +)
        var roll = int(0...(total - 1))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }
}

/// A cumulative weight table for drawing among many items quickly (binary search), e.g. among thousands of positions.
struct WeightedTable {
    private let cumulative: [Int]

    /// - Precondition: at least one weight is positive.
    init(weights: [Int]) {
        var running = 0
        cumulative = weights.map { running += $0; return running }
        precondition(running > 0, "a weighted table needs a positive weight")
    }

    func draw(_ random: inout SplitMix64) -> Int {
        let roll = random.int(0...(cumulative[cumulative.count - 1] - 1))
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > roll { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
