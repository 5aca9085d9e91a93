public import Foundation

/// Writes RFC 4180 CSV as DOMAIN.md §11 asks: UTF-8, a header row, comma separators, `\n` line ends, and a
/// field quoted only when it holds a comma, a double quote, a carriage return or a line feed (a double quote
/// inside a quoted field is doubled). An empty field means "no value".
///
/// SwiftCSV reads; this is the small writing half it lacks.
public enum CSVWriter {
    /// Renders a header and rows as CSV text, one line per row, each line ending in `\n`.
    /// - Parameters:
    ///   - header: the column names, in order.
    ///   - rows: the rows, each with exactly `header.count` fields.
    /// - Returns: the CSV text.
    /// - Precondition: every row has as many fields as the header.
    public static func render(header: [String], rows: some Sequence<[String]>) -> String {
        var out = line(header)
        for row in rows {
            precondition(row.count == header.count, "CSV row has \(row.count) fields, header has \(header.count)")
            out += line(row)
        }
        return out
    }

    /// Renders and writes a CSV file atomically.
    /// - Throws: the file system's error when the file cannot be written.
    public static func write(header: [String], rows: some Sequence<[String]>, to url: URL) throws {
        try Data(render(header: header, rows: rows).utf8).write(to: url, options: .atomic)
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
