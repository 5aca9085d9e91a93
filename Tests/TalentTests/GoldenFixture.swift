import Foundation
import Interchange
import Talent

/// The golden fixtures (Tests/Fixtures/golden and golden-411, copies of shared/data/golden and golden-411): Y = 2026,
/// D = 2026-03-31; and the pinned outputs of main before the indicator axes (Tests/Fixtures/pinned).
enum GoldenFixture {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let root = fixtures.appendingPathComponent("golden")
    static let input = root.appendingPathComponent("input")
    static let expected = root.appendingPathComponent("expected")
    static let root411 = fixtures.appendingPathComponent("golden-411")
    static let input411 = root411.appendingPathComponent("input")
    static let expected411 = root411.appendingPathComponent("expected")
    static let pinned = fixtures.appendingPathComponent("pinned")
    static let context = ReviewContext(referenceDate: CivilDate(iso: "2026-03-31")!)

    /// A simple CSV table of an expected file. The expected files hold no quoted fields (checked).
    struct Table {
        let header: [String]
        let rows: [[String]]
    }

    static func expectedTable(_ name: String, in folder: URL = expected) throws -> Table {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        precondition(!text.contains("\""), "\(name) holds quoted fields; this reader does not parse them")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let split = { (line: String) in line.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return Table(header: split(lines[0]), rows: lines.dropFirst().map(split))
    }

    /// Every difference between expected and actual rows, one readable line each: a missing or extra row, or a field
    /// with both values, naming the file, the row's key and the column.
    static func differences(file: String, header: [String], keyColumns: [Int], expected: [[String]],
                            actual: [[String]]) -> [String] {
        let key = { (row: [String]) in keyColumns.map { row[$0] }.joined(separator: "/") }
        var diffs: [String] = []
        if expected.count != actual.count {
            diffs.append("\(file): expected \(expected.count) rows, got \(actual.count)")
        }
        let actualByKey = Dictionary(actual.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let expectedKeys = Set(expected.map(key))
        for row in expected {
            guard let got = actualByKey[key(row)] else {
                diffs.append("\(file) \(key(row)): row missing")
                continue
            }
            for (index, column) in header.enumerated() where row[index] != got[index] {
                diffs.append("\(file) \(key(row)) \(column): expected '\(row[index])', got '\(got[index])'")
            }
        }
        for row in actual where !expectedKeys.contains(key(row)) {
            diffs.append("\(file) \(key(row)): unexpected row \(row.joined(separator: ","))")
        }
        if diffs.isEmpty, expected.map(key) != actual.map(key) {
            diffs.append("\(file): the rows are in a different order: \(actual.map(key))")
        }
        return diffs
    }
}
