import Foundation
import SwiftCSV

/// Compares a result CSV with the expected one field by field and describes every difference in words.
enum ResultComparison {
    /// - Parameters:
    ///   - key: the columns that name a row in the messages (e.g. `["nip"]`).
    /// - Returns: one line per difference (header, row count, or `line N (nip X) column box: expected 7, got 8`);
    ///   empty when the files are equal field by field.
    static func differences(actual: URL, expected: URL, key: [String]) throws -> [String] {
        let got = try EnumeratedCSV(url: actual, delimiter: .comma, loadColumns: false)
        let want = try EnumeratedCSV(url: expected, delimiter: .comma, loadColumns: false)
        let name = expected.lastPathComponent
        var differences: [String] = []
        if got.header != want.header {
            differences.append("\(name) header: expected \(want.header.joined(separator: ",")), got \(got.header.joined(separator: ","))")
            return differences
        }
        let keyIndexes = key.compactMap { want.header.firstIndex(of: $0) }
        for index in 0..<max(got.rows.count, want.rows.count) {
            let line = index + 2
            guard index < want.rows.count else {
                differences.append("\(name) line \(line): unexpected extra row \(got.rows[index].joined(separator: ","))")
                continue
            }
            guard index < got.rows.count else {
                differences.append("\(name) line \(line): missing row \(want.rows[index].joined(separator: ","))")
                continue
            }
            let expectedRow = want.rows[index], actualRow = got.rows[index]
            let label = keyIndexes.map { "\(want.header[$0]) \(expectedRow[$0])" }.joined(separator: ", ")
            for (column, title) in want.header.enumerated() {
                let e = column < expectedRow.count ? expectedRow[column] : ""
                let a = column < actualRow.count ? actualRow[column] : ""
                if e != a {
                    differences.append("\(name) line \(line) (\(label)) column \(title): expected '\(e)', got '\(a)'")
                }
            }
        }
        return differences
    }
}
