/// Hands out unique 18-digit NIPs (PNS, CPNS: birth date YYYYMMDD, CPNS month YYYYMM, sex digit, serial 001–999,
/// Perka BKN 22/2007) and NI PPPK (birth date, appointment year, `21`, sex digit, serial; DOMAIN.md §10).
///
/// The serial is the lowest one not yet taken for the other 15 digits, so the output depends only on the order in
/// which employees are registered. Memory: one 64-bit number per employee (about 100 MB for 5.6 million).
struct NIPRegistry {
    private var taken = Set<UInt64>()

    init(expected: Int) {
        taken.reserveCapacity(expected)
    }

    /// The NIP for 15 leading digits, or nil when all 999 serials of that prefix are taken (the caller then moves
    /// the birth date by a day).
    /// - Precondition: `prefix` is 15 decimal digits.
    mutating func claim(prefix: String) -> String? {
        guard let head = UInt64(prefix) else { preconditionFailure("a NIP prefix must be 15 digits, got \(prefix)") }
        for serial in 1...999 where taken.insert(head * 1000 + UInt64(serial)).inserted {
            return prefix + Digits.padded(serial, 3)
        }
        return nil
    }

    /// Records a NIP made elsewhere (the deliberate bad rows of `--with-errors`) so no good row reuses it.
    mutating func reserve(_ nip: String) {
        if nip.utf8.count == 18, let value = UInt64(nip) { taken.insert(value) }
    }
}
