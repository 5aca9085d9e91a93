import Foundation
import Postgres
import PostgresTestSupport
import TestThreads
import Testing

/// Issue 14: a malformed or truncated file is refused whole and changes nothing; a BOM is ignored; the shrink guard
/// and `--allow-shrink`; the rebuilt import stores exactly what the import before it stored.
@Suite("talenta import: strict reading, the shrink guard, the same hr contents", .serialized, .ownThread)
struct StrictImportTests {
    /// Ways to break a copy of the golden input after it was imported once.
    enum Breakage: String, CaseIterable, CustomTestStringConvertible {
        /// Issue 14's stray quote: line 3 of performance.csv becomes `…,2024,"BAIK,`.
        case strayQuote
        /// A training row missing its last field.
        case shortRow
        /// A training title with an unquoted comma: one field too many, never an INVALID_DATE of a later column.
        case longRow
        /// performance.csv cut inside a row.
        case cutInsideRow
        /// training.csv cut inside the last field of its last row (hours `24` become `2`): a whole-looking row.
        case cutInsideLastField
        /// performance.csv cut after its 30th row, at a line end: well-formed, but it would delete most SKP rows.
        case truncatedHistory

        var testDescription: String { rawValue }
    }

    /// What a test's blocking part saw, checked afterwards in the test's own task.
    struct Seen: Sendable {
        var statuses: [Int32] = []
        var outputs: [String] = []
        var errors: [String] = []
        var numbers: [Int] = []
        var texts: [[String]] = []
        var tables: [[String: [String]]] = []

        mutating func record(_ command: TalentaCommand) {
            statuses.append(command.status)
            outputs.append(command.output)
            errors.append(command.errors)
        }
    }

    @Test("a malformed or truncated file is refused with its line or counts and leaves every hr, talent and queue table byte-identical",
          arguments: Breakage.allCases)
    func refusedChangesNothing(_ breakage: Breakage) throws {
        let seen = try { () throws -> Seen in
            var seen = Seen()
            let database = try TestDatabase.create()
            defer { database.drop() }
            let connection = try database.connect()
            defer { connection.close() }
            seen.record(try Self.importFolder(ReviewTestKit.goldenInput, into: database))
            seen.tables.append(try Self.tables(on: connection))
            seen.numbers.append(try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance", on: connection))
            let folder = try ReviewTestKit.copyOfGoldenInput()
            defer { try? FileManager.default.removeItem(at: folder) }
            seen.texts.append(try Self.breakCopy(folder, breakage))
            seen.numbers.append(try Self.count(of: "training.csv", in: folder) + 1)
            seen.record(try Self.importFolder(folder, into: database))
            seen.tables.append(try Self.tables(on: connection))
            return seen
        }()
        #expect(seen.statuses == [2, 1], "stderr: \(seen.errors)")
        #expect(seen.texts[0].count == 1, "the folder was not broken as planned: \(seen.texts[0])")
        let expected: [String]
        switch breakage {
        case .strayQuote:
            expected = ["performance.csv line 3 is not valid CSV (RFC 4180)", "never closed", "refused whole"]
        case .shortRow:
            expected = ["training.csv line 5 is not valid CSV", "the row has 4 fields, the header has 5"]
        case .longRow:
            expected = ["training.csv line 4 is not valid CSV", "the row has 6 fields, the header has 5"]
        case .cutInsideRow:
            expected = ["performance.csv line 70 is not valid CSV", "no line break after it", "cut short"]
        case .cutInsideLastField:
            expected = ["training.csv line \(seen.numbers[1]) is not valid CSV", "may have been cut short (truncated)"]
        case .truncatedHistory:
            expected = ["import refused", "performance.csv: would delete", "of the \(seen.numbers[0]) stored rows",
                        "more than --max-shrink 20%", "--allow-shrink"]
        }
        for words in expected {
            #expect(seen.errors[1].contains(words), "stderr lacks '\(words)':\n\(seen.errors[1])")
        }
        #expect(seen.outputs[1].isEmpty, "a refused import reports no rows: \(seen.outputs[1])")
        #expect(seen.tables[0].keys.filter { $0.hasPrefix("hr.") }.count == 18)
        #expect(seen.tables[0].keys.contains("queue.job") && seen.tables[0].keys.contains("talent.rule_set"))
        #expect(seen.tables[1] == seen.tables[0], "tables changed: \(Self.changedTables(seen.tables[0], seen.tables[1]))")
    }

    /// Breaks a copy of the golden input; returns the line that was changed (one element) for the test to check.
    static func breakCopy(_ folder: URL, _ breakage: Breakage) throws -> [String] {
        var changed: [String] = []
        switch breakage {
        case .strayQuote:
            try edit("performance.csv", in: folder) { lines in
                if lines[2] == "198501012010031001,2024,BAIK," { changed.append(lines[2]) }
                lines[2] = "198501012010031001,2024,\"BAIK,"
            }
        case .shortRow:
            try edit("training.csv", in: folder) { lines in
                changed.append(lines[4])
                lines[4] = String(lines[4][..<lines[4].lastIndex(of: ",")!])
            }
        case .longRow:
            try edit("training.csv", in: folder) { lines in
                changed.append(lines[3])
                var fields = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                fields[2] += ", Angkatan II"
                lines[3] = fields.joined(separator: ",")
            }
        case .cutInsideRow:
            try edit("performance.csv", in: folder) { lines in
                changed.append(lines[69])
                lines = Array(lines.prefix(69)) + [String(lines[69].prefix(22))]
            }
        case .cutInsideLastField:
            try edit("training.csv", in: folder) { lines in
                guard lines.last == "" else { return }
                lines.removeLast()
                changed.append(lines[lines.count - 1])
                lines[lines.count - 1].removeLast()
            }
        case .truncatedHistory:
            try edit("performance.csv", in: folder) { lines in
                changed.append(lines[31])
                lines = Array(lines.prefix(31)) + [""]
            }
        }
        return changed
    }

    @Test("--allow-shrink lets an intended shrink through; --max-shrink sets the share")
    func allowShrink() throws {
        let seen = try { () throws -> Seen in
            var seen = Seen()
            let database = try TestDatabase.create()
            defer { database.drop() }
            let connection = try database.connect()
            defer { connection.close() }
            seen.record(try Self.importFolder(ReviewTestKit.goldenInput, into: database))
            let folder = try ReviewTestKit.copyOfGoldenInput()
            defer { try? FileManager.default.removeItem(at: folder) }
            // An intended shrink: the SKP history of 2021 and earlier is dropped from the sync.
            try Self.edit("performance.csv", in: folder) { lines in
                lines = lines.filter { line in
                    let year = line.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first
                    return year.flatMap { Int($0) }.map { $0 >= 2022 } ?? true
                }
            }
            seen.numbers.append(try Self.count(of: "performance.csv", in: ReviewTestKit.goldenInput)
                - Self.count(of: "performance.csv", in: folder))
            seen.record(try Self.importFolder(folder, into: database, "--max-shrink", "0"))
            seen.numbers.append(try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance", on: connection))
            seen.record(try Self.importFolder(folder, into: database, "--max-shrink", "0", "--allow-shrink"))
            seen.numbers.append(try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance", on: connection))
            seen.numbers.append(try ReviewTestKit.scalar("SELECT count(*) FROM hr.performance WHERE year < 2022",
                                                         on: connection))
            // The default share lets the same folder, now no shrink at all, through on its own.
            seen.record(try Self.importFolder(folder, into: database))
            return seen
        }()
        #expect(seen.statuses == [2, 1, 2, 2], "stderr: \(seen.errors)")
        #expect(seen.numbers[0] > 0, "the folder drops no SKP row")
        #expect(seen.errors[1].contains("performance.csv: would delete"), "stderr: \(seen.errors[1])")
        #expect(seen.numbers[2] < seen.numbers[1])
        #expect(seen.numbers[3] == 0)
    }

    @Test("an employee whose rows in a file are all invalid is not left without that history unless allowed")
    func emptiedEmployee() throws {
        let nip = "198501012010031001"
        let seen = try { () throws -> Seen in
            var seen = Seen()
            let database = try TestDatabase.create()
            defer { database.drop() }
            let connection = try database.connect()
            defer { connection.close() }
            seen.record(try Self.importFolder(ReviewTestKit.goldenInput, into: database))
            let folder = try ReviewTestKit.copyOfGoldenInput()
            defer { try? FileManager.default.removeItem(at: folder) }
            try Self.edit("performance.csv", in: folder) { lines in
                lines = lines.map { $0.hasPrefix(nip + ",") ? $0.replacingOccurrences(of: ",BAIK,", with: ",BAGUS,")
                    .replacingOccurrences(of: ",BUTUH_PERBAIKAN,", with: ",BUTUH,") : $0 }
            }
            seen.record(try Self.importFolder(folder, into: database))
            seen.record(try Self.importFolder(folder, into: database, "--allow-shrink"))
            seen.texts.append(try ReviewTestKit.snapshot("""
                SELECT (SELECT count(*) FROM hr.performance p WHERE p.employee_id = e.id),
                       (SELECT string_agg(kind || ':' || line, ',' ORDER BY line) FROM hr.invalid_row i
                         WHERE i.employee_id = e.id AND i.import_id = (SELECT max(id) FROM hr.import_run))
                  FROM hr.employee e WHERE e.nip = $1
                """, [nip], on: connection))
            return seen
        }()
        #expect(seen.statuses == [2, 1, 2], "stderr: \(seen.errors)")
        #expect(seen.errors[1].contains("leave 1 employee(s) with no row of this kind although the file has rows for them, all invalid (NIP \(nip))"),
                "stderr: \(seen.errors[1])")
        #expect(seen.texts[0] == ["0|performance:2,performance:3"])
    }

    @Test("a UTF-8 byte-order mark is ignored: the import stores what it stores without one")
    func byteOrderMark() throws {
        let seen = try { () throws -> Seen in
            var seen = Seen()
            let plain = try TestDatabase.create()
            defer { plain.drop() }
            let marked = try TestDatabase.create()
            defer { marked.drop() }
            let folder = try ReviewTestKit.copyOfGoldenInput()
            defer { try? FileManager.default.removeItem(at: folder) }
            for name in ["units.csv", "employees.csv", "performance.csv"] {
                let url = folder.appendingPathComponent(name)
                try Data([0xEF, 0xBB, 0xBF] + (try Data(contentsOf: url))).write(to: url)
            }
            seen.record(try Self.importFolder(ReviewTestKit.goldenInput, into: plain))
            seen.record(try Self.importFolder(folder, into: marked))
            seen.texts += [try Self.dump(plain), try Self.dump(marked)]
            return seen
        }()
        #expect(seen.statuses == [2, 2], "stderr: \(seen.errors)")
        #expect(seen.texts[1] == seen.texts[0])
        #expect(seen.texts[0].contains { $0.hasPrefix("employee|66|") })
    }

    @Test("the golden and a demo import store what the import before issue 14 stored (dumps made with main at b8c7628)",
          arguments: ["golden", "demo-2000-seed7-errors"])
    func sameContentsAsBefore(_ name: String) throws {
        let seen = try { () throws -> Seen in
            var seen = Seen()
            let database = try TestDatabase.create()
            defer { database.drop() }
            var folder = ReviewTestKit.goldenInput
            var scratch: URL?
            if name != "golden" {
                let city = try ReviewTestKit.temporaryFolder()
                scratch = city
                seen.record(try TalentaCommand.run(["demo-data", "--employees", "2000", "--seed", "7", "--with-errors",
                                                    "--reference-date", "2026-03-31", city.path]))
                folder = city
            }
            defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
            seen.record(try Self.importFolder(folder, into: database))
            seen.texts.append(try Self.dump(database))
            return seen
        }()
        #expect(seen.statuses == (name == "golden" ? [2] : [0, 2]), "stderr: \(seen.errors)")
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent(name + ".txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(seen.texts[0] == expected)
    }

    // MARK: Support

    static let fixtures = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/import-hr")

    static func importFolder(_ folder: URL, into database: TestDatabase, _ options: String...) throws -> TalentaCommand {
        try TalentaCommand.run(["import", "--database-url", database.url, "--reference-date", "2026-03-31"]
            + options + [folder.path])
    }

    /// Every row of every table of the hr, talent and queue schemas, every column, as text: `schema.table` → rows in
    /// text order.
    static func tables(on connection: Connection) throws -> [String: [String]] {
        var contents: [String: [String]] = [:]
        for table in try ReviewTestKit.snapshot("""
            SELECT schemaname || '|' || tablename FROM pg_tables
             WHERE schemaname IN ('hr', 'talent', 'queue') ORDER BY 1
            """, on: connection) {
            let parts = table.split(separator: "|").map(String.init)
            let name = try connection.quotedIdentifier(parts[0]) + "." + connection.quotedIdentifier(parts[1])
            contents[parts[0] + "." + parts[1]] = try ReviewTestKit.snapshot("SELECT x::text FROM " + name + " x ORDER BY 1",
                                                                            on: connection)
        }
        return contents
    }

    static func changedTables(_ before: [String: [String]], _ after: [String: [String]]) -> [String] {
        before.keys.sorted().filter { before[$0] != after[$0] }
    }

    /// The canonical dump of Tests/Fixtures/import-hr/dump.sql: one `table|rows|md5` line per table.
    static func dump(_ database: TestDatabase) throws -> [String] {
        let connection = try database.connect()
        defer { connection.close() }
        let sql = try String(contentsOf: fixtures.appendingPathComponent("dump.sql"), encoding: .utf8)
        return try ReviewTestKit.snapshot(sql, on: connection)
    }

    /// Rewrites the lines of a file of the folder (the last element is what follows the final line break).
    static func edit(_ name: String, in folder: URL, _ change: (inout [String]) throws -> Void) throws {
        let url = folder.appendingPathComponent(name)
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        try change(&lines)
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    static func count(of name: String, in folder: URL) throws -> Int {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").count - 1
    }
}
