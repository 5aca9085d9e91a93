public import Foundation

/// Writes RFC 4180 CSV as DOMAIN.md §11 asks: UTF-8, a header row, comma separators, `\n` line ends, and a
/// field quoted only when it holds a comma, a double quote, a carriage return or a line feed (a double quote
/// inside a quoted field is doubled). An empty field means "no value".
///
/// `StrictCSVReader` is the reading half.
public enum CSVWriter {
    /// Renders a header and rows as CSV text, one line per row, each line ending in `\n`.
    /// - Parameters:
    ///   - header: the column names, in order.
    ///   - rows: the rows, each with exactly `header.count` fields.
    /// - Returns: the CSV text.
    /// - Precondition: every row has as many fields as the header.
    public static func render(header: [String], rows: some Sequence<[String]>) -> String {
        var out = ""
        append(header, to: &out)
        out += renderRows(rows, columns: header.count)
        return out
    }

    /// Renders rows without a header, for streaming a large file: write `render(header:rows: [])` once, then
    /// append the output of this function chunk by chunk. Same quoting and line ends as `render(header:rows:)`.
    /// - Parameters:
    ///   - rows: the rows, each with exactly `columns` fields.
    ///   - columns: the header's field count.
    /// - Returns: the CSV text of the rows, each line ending in `\n` (empty for no rows).
    /// - Precondition: every row has `columns` fields.
    public static func renderRows(_ rows: some Sequence<[String]>, columns: Int) -> String {
        var out = ""
        for row in rows {
            precondition(row.count == columns, "CSV row has \(row.count) fields, header has \(columns)")
            append(row, to: &out)
        }
        return out
    }

    /// Renders and writes a CSV file atomically.
    /// - Throws: the file system's error when the file cannot be written.
    public static func write(header: [String], rows: some Sequence<[String]>, to url: URL) throws {
        try Data(render(header: header, rows: rows).utf8).write(to: url, options: .atomic)
    }

    static func append(_ fields: [String], to out: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { out += "," }
            out += quoted(field)
        }
        out += "\n"
    }

    /// Quotes a field when it must be. The test runs on UTF-8 bytes, so a `\r\n` pair (one Swift `Character`,
    /// equal to neither `"\r"` nor `"\n"`) is caught too.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"")
            || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
