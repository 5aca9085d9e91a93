/// One column of a worksheet: the header text, how its numbers show and how wide it is.
public struct Column: Sendable, Hashable {
    /// The header cell's text (bold, in the frozen first row).
    public var title: String
    /// How the column's cells are formatted.
    public var format: NumberFormat
    /// The width in characters of the default font; nil to fit the longest value (header included), between 6 and
    /// 60 characters.
    public var width: Double?

    /// - Parameters:
    ///   - title: the header text.
    ///   - format: `.text` for code-like columns (NIPs, unit and position codes), so a value typed in later stays
    ///     text as well; `.integer` or `.decimal(places:)` for numbers; `.general` otherwise.
    ///   - width: a fixed width in characters, or nil to fit the content.
    public init(_ title: String, format: NumberFormat = .general, width: Double? = nil) {
        self.title = title
        self.format = format
        self.width = width
    }
}

/// A column's number format (SpreadsheetML `numFmt`).
public enum NumberFormat: Sendable, Hashable {
    /// The spreadsheet's default (`General`).
    case general
    /// Text (`@`): the cell shows exactly what it holds and a value typed into it stays text.
    case text
    /// A whole number without separators (`0`).
    case integer
    /// A fixed number of decimals (`0.00` for 2), 1 … 10.
    case decimal(places: Int)
}
