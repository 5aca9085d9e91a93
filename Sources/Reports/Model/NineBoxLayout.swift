/// Where each box (kotak) sits on the grid as PermenPANRB 3/2020 draws it (DOMAIN.md §1): potensi across
/// (RENDAH, MENENGAH, TINGGI, left to right), kinerja up (BAWAH, SESUAI, ATAS, bottom to top).
///
/// ```
///                 RENDAH  MENENGAH  TINGGI   <- potensi
/// kinerja ATAS       4        7        9
/// kinerja SESUAI     2        5        8
/// kinerja BAWAH      1        3        6
/// ```
public enum NineBoxLayout {
    /// Potensi (potential) levels, left to right.
    public static let potensiColumns = ["RENDAH", "MENENGAH", "TINGGI"]
    /// Kinerja (performance) levels, top to bottom.
    public static let kinerjaRows = ["ATAS", "SESUAI", "BAWAH"]
    /// Box numbers by row (top to bottom) and column (left to right).
    public static let rows: [[Int]] = [[4, 7, 9], [2, 5, 8], [1, 3, 6]]
    /// Every box number, 1 … 9.
    public static let boxNumbers = Array(1...9)

    /// The row (0 = top, kinerja ATAS) and column (0 = left, potensi RENDAH) of box `number` (1 … 9).
    public static func position(ofBox number: Int) -> (row: Int, column: Int)? {
        for (row, boxes) in rows.enumerated() {
            if let column = boxes.firstIndex(of: number) { return (row, column) }
        }
        return nil
    }
}
