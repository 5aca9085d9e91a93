/// One cell of a worksheet, typed so a spreadsheet program never guesses: text stays text (an 18-digit NIP is never
/// read as 1.98501E+17), a number is a number.
public enum Cell: Sendable, Hashable {
    /// A string cell, stored as text whatever it looks like. At most ``Limits/textLength`` UTF-16 code units.
    case text(String)
    /// A numeric cell; shown with its column's ``NumberFormat``. Must be finite (NaN and infinities have no cell).
    case number(Double)
    /// No value: the cell is left out of the sheet.
    case empty
}

/// What Excel can hold (the "Excel specifications and limits"), checked before a cell is written.
public enum Limits {
    /// Rows per worksheet, the header row included.
    public static let rows = 1_048_576
    /// Columns per worksheet (A … XFD).
    public static let columns = 16_384
    /// UTF-16 code units per text cell.
    public static let textLength = 32_767
    /// Characters of a worksheet's name.
    public static let sheetNameLength = 31
}
