/// One worksheet to write: a name, its columns (the header row) and its rows of cells.
///
/// The rows are pulled one at a time while the file is written, so a lazy source keeps memory flat however many
/// rows there are.
public struct Worksheet {
    /// The tab's name: 1 … 31 characters, none of `: \ / ? * [ ]`, not starting or ending with `'`, unique
    /// (ignoring case) within the workbook.
    public var name: String
    /// The columns, left to right; the header row shows their titles.
    public var columns: [Column]
    /// The next row under the header (at most `columns.count` cells; a shorter row leaves its last cells empty), or
    /// nil after the last. An error it throws stops the writing, and nothing is written.
    public var nextRow: () throws -> [Cell]?

    /// A worksheet whose rows come from a closure that may fail (a conversion, a database cursor).
    public init(name: String, columns: [Column], nextRow: @escaping () throws -> [Cell]?) {
        self.name = name
        self.columns = columns
        self.nextRow = nextRow
    }

    /// A worksheet whose rows are a sequence, read once in order.
    public init(name: String, columns: [Column], rows: any Sequence<[Cell]>) {
        var iterator = rows.makeIterator()
        self.init(name: name, columns: columns, nextRow: { iterator.next() })
    }
}
