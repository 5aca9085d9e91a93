/// A box (kotak) of the nine-box grid, 1 … 9, numbered as PermenPANRB 3/2020 does (DOMAIN.md §1) [reg]:
///
/// ```
///                 RENDAH  MENENGAH  TINGGI   <- potensi
/// kinerja ATAS       4        7        9
/// kinerja SESUAI     2        5        8
/// kinerja BAWAH      1        3        6
/// ```
/// Never copy box numbers from another scheme (Kemenkeu's or a row-major one): translate levels.
/// Codable as its number.
public struct Box: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// 1 … 9.
    public let number: Int

    /// The box of a kinerja level and a potensi level.
    public init(kinerja: KinerjaLevel, potensi: PotensiLevel) {
        self.number = Box.grid[kinerja]![potensi]!
    }

    /// The box numbered `number`, nil outside 1 … 9.
    public init?(number: Int) {
        guard (1...9).contains(number) else { return nil }
        self.number = number
    }

    private static let grid: [KinerjaLevel: [PotensiLevel: Int]] = [
        .atas: [.rendah: 4, .menengah: 7, .tinggi: 9],
        .sesuai: [.rendah: 2, .menengah: 5, .tinggi: 8],
        .bawah: [.rendah: 1, .menengah: 3, .tinggi: 6],
    ]

    /// The kinerja level of this box's row.
    public var kinerjaLevel: KinerjaLevel {
        Box.grid.first { $0.value.values.contains(number) }!.key
    }

    /// The potensi level of this box's column.
    public var potensiLevel: PotensiLevel {
        Box.grid[kinerjaLevel]!.first { $0.value == number }!.key
    }

    /// The recommended follow-up codes of this box, in the order of DOMAIN.md §1 [reg].
    public var recommendations: [Recommendation] {
        switch number {
        case 9: return [.promosi, .pertahankan, .krsInstansi, .krsNasional, .penghargaan]
        case 8: return [.pertahankan, .krsInstansi, .rotasiPerluasan, .bimbinganKinerja]
        case 7: return [.pertahankan, .krsInstansi, .rotasiPengayaan, .pengembanganKompetensi, .tugasBelajar]
        case 6: return [.penempatanSesuai, .bimbinganKinerja, .konselingKinerja]
        case 5: return [.penempatanSesuai, .bimbinganKinerja, .pengembanganKompetensi]
        case 4: return [.rotasi, .pengembanganKompetensi]
        case 3: return [.bimbinganKinerja, .konselingKinerja, .pengembanganKompetensi, .penempatanSesuai]
        case 2: return [.bimbinganKinerja, .pengembanganKompetensi, .penempatanSesuai]
        default: return [.prosesSesuaiKetentuan]
        }
    }

    public var description: String { String(number) }

    public static func < (lhs: Box, rhs: Box) -> Bool { lhs.number < rhs.number }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value = try container.decode(Int.self)
        guard let box = Box(number: value) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "box \(value) is outside 1 … 9")
        }
        self = box
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(number)
    }
}
