/// Why a workbook was not written. Nothing is written when any of these is thrown (the target file is left as it was).
public struct SpreadsheetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code for callers to switch on.
    public enum Code: String, Sendable, Hashable {
        /// A worksheet name that Excel refuses (length, characters, duplicate).
        case invalidSheetName
        /// More rows or columns than a worksheet holds (``Limits``), or a row longer than its header.
        case tooLarge
        /// A cell that cannot be stored: text longer than ``Limits/textLength``, a NaN or infinite number.
        case invalidCell
        /// A workbook without worksheets, or a worksheet without columns.
        case empty
    }

    public let code: Code
    /// What was wrong, naming the worksheet, row (1 = header) and column (A, B, …) when there is one.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
