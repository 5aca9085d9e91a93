import Foundation
import Interchange
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// `talenta import` of the BKN 411/2025 preset's files (DOMAIN.md §12.7) and education's field_fit: stored as the
/// validator accepted them and read back by the review, with the snapshot semantics and the shrink guard of every
/// history file. Blocking work runs on a thread of its own.
@Suite("talenta import: the BKN 411/2025 preset's files", .serialized, .ownThread)
struct PresetImportTests {
    static let day = CivilDate(year: 2026, month: 3, day: 31)!

    /// An employee's input with the text the database does not keep left out (as `StoredInputs` keeps it).
    static func comparable(_ input: EmployeeInput) -> EmployeeInput {
        let position = Position(code: "", unitCode: "", title: "", kind: .pelaksana, jenjang: nil, critical: false)
        return StoredInputs(input: input, position: position, context: ReviewContext(referenceDate: day)).input
    }

    /// A copy of golden-411's input folder.
    static func copyOfInput() throws -> URL {
        let folder = try ReviewTestKit.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: ReviewTestKit.golden411Input.path) {
            try FileManager.default.copyItem(at: ReviewTestKit.golden411Input.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @discardableResult
    static func importFolder(_ folder: URL, allowShrink: Bool = false, on connection: Connection) throws
        -> ImportWriter.Outcome {
        var reader = try InputFolderReader(folder: folder)
        return try ImportWriter.run(&reader, source: folder.path, referenceDate: day, unknownFiles: reader.unknownFiles,
                                    guard: ShrinkGuard(allowShrink: allowShrink), on: connection)
    }

    @Test("every row of golden-411 the validator accepted is stored and read back by the review as it was validated, invalid rows as markers of their kind")
    func storedAsValidated() throws {
        let (stored, validated, markers, counts) = try {
            () throws -> ([String: EmployeeInput], [String: EmployeeInput], [String], [String]) in
            let database = try TestDatabase.create()
            defer { database.drop() }
            let connection = try database.connect()
            defer { connection.close() }
            let outcome = try Self.importFolder(ReviewTestKit.golden411Input, on: connection)
            let ids: [Int64] = try connection.execute("SELECT id FROM hr.employee", name: "test.ids").rows
                .map { try $0.decode("id") }
            var stored: [String: EmployeeInput] = [:]
            for employee in try ReviewInputReader.read(employeeIDs: ids, on: connection).inputs {
                stored[employee.input.employee.nip] = Self.comparable(employee.input)
            }
            var validated: [String: EmployeeInput] = [:]
            for input in try ValidatedFolder.read(ReviewTestKit.golden411Input, referenceDate: Self.day).input.employees {
                validated[input.employee.nip] = Self.comparable(input)
            }
            let markers = try ReviewTestKit.snapshot(
                "SELECT kind, file, count(*) FROM hr.invalid_row GROUP BY 1, 2 ORDER BY 1", on: connection)
            // Rows per new table against the import's own counts of stored rows.
            var counts: [String] = []
            for (file, table) in [(InputFile.potentialAssessments, "hr.potential_assessment"),
                                  (.teamAssignments, "hr.team_assignment"), (.feedback360, "hr.feedback_360"),
                                  (.actingAssignments, "hr.acting_assignment"), (.positionHistory, "hr.position_history")] {
                let rows: Int = try ReviewTestKit.scalar("SELECT count(*)::int FROM " + table, on: connection)
                let expected = outcome.summary.counts.first { $0.file == file }?.counts.stored ?? -1
                counts.append("\(table) \(rows) of \(expected)")
            }
            return (stored, validated, markers, counts)
        }()
        #expect(stored.count == 64)
        #expect(stored == validated)
        // A stored preset row is what the review reads: the field_fit of V02's valid S1 (its S2 said "ya").
        #expect(stored["198803022010031001"]?.education.map(\.fieldFit) == [true])
        #expect(stored.values.contains { !$0.potentialAssessments.isEmpty && !$0.teamAssignments.isEmpty
                                         && !$0.feedback.isEmpty && !$0.actingAssignments.isEmpty
                                         && !$0.positionHistory.isEmpty })
        for line in counts {
            let words = line.split(separator: " ")
            #expect(words[1] == words[3] && words[1] != "0", "\(line)")
        }
        // One marker per statically invalid row, named by kind (V01…V03 of CASES.md): each case's row dated after D
        // (or its 360 year 2026 = Y) is stored and left out by the engine at review time, so one row fewer each.
        #expect(markers == ["acting_assignment|acting_assignments.csv|6", "award|awards.csv|1",
                            "education|education.csv|1", "feedback|feedback_360.csv|5",
                            "other_score|other_scores.csv|1", "position_history|position_history.csv|2",
                            "potential_assessment|potential_assessments.csv|5",
                            "team_assignment|team_assignments.csv|3"])
    }

    @Test("an absent preset file leaves its history as it was; a header-only one would empty it and is refused by the shrink guard, unless allowed")
    func snapshotSemantics() throws {
        struct Seen: Sendable {
            var before: [String] = []
            var absent: [InputFile] = []
            var afterAbsent: [String] = []
            var refusal = ""
            var afterRefusal: [String] = []
            var afterAllowed: Int = -1
        }
        let seen = try { () throws -> Seen in
            var seen = Seen()
            let database = try TestDatabase.create()
            defer { database.drop() }
            let connection = try database.connect()
            defer { connection.close() }
            let teams = "SELECT employee_id, role, scope, title, decided_on FROM hr.team_assignment ORDER BY id"
            try Self.importFolder(ReviewTestKit.golden411Input, on: connection)
            seen.before = try ReviewTestKit.snapshot(teams, on: connection)

            let folder = try Self.copyOfInput()
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.removeItem(at: folder.appendingPathComponent("team_assignments.csv"))
            seen.absent = try Self.importFolder(folder, on: connection).summary.absentFiles
            seen.afterAbsent = try ReviewTestKit.snapshot(teams, on: connection)

            try "nip,role,scope,title,decided_on\n".write(to: folder.appendingPathComponent("team_assignments.csv"),
                                                          atomically: true, encoding: .utf8)
            do {
                try Self.importFolder(folder, on: connection)
            } catch let refusal as ShrinkRefusal {
                seen.refusal = refusal.description
            }
            seen.afterRefusal = try ReviewTestKit.snapshot(teams, on: connection)
            try Self.importFolder(folder, allowShrink: true, on: connection)
            seen.afterAllowed = try ReviewTestKit.scalar("SELECT count(*)::int FROM hr.team_assignment", on: connection)
            return seen
        }()
        #expect(seen.before.count > 60)
        #expect(seen.absent == [.teamAssignments])
        #expect(seen.afterAbsent == seen.before)
        #expect(seen.refusal.contains("team_assignments.csv: would delete \(seen.before.count) of the \(seen.before.count) stored rows"),
                "\(seen.refusal)")
        #expect(seen.afterRefusal == seen.before)
        #expect(seen.afterAllowed == 0)
    }

    @Test("an education.csv without the field_fit column is refused while stored verdicts would go; with --allow-shrink it clears them and says how many")
    func fieldFitColumnLeftOut() throws {
        let (judged, refusal, kept, missing, after) = try {
            () throws -> (Int, String, Int, [String], Int) in
            let database = try TestDatabase.create()
            defer { database.drop() }
            let connection = try database.connect()
            defer { connection.close() }
            try Self.importFolder(ReviewTestKit.golden411Input, on: connection)
            let judged: Int = try ReviewTestKit.scalar(
                "SELECT count(*)::int FROM hr.education WHERE field_fit IS NOT NULL", on: connection)
            let folder = try Self.copyOfInput()
            defer { try? FileManager.default.removeItem(at: folder) }
            // Cut the last column (field_fit) of every line; golden-411's education rows hold no quoted comma.
            let url = folder.appendingPathComponent("education.csv")
            let text = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { line in
                line.lastIndex(of: ",").map { String(line[..<$0]) } ?? String(line)
            }.joined(separator: "\n") + "\n"
            try text.write(to: url, atomically: true, encoding: .utf8)
            var refusal = ""
            do {
                _ = try Self.importFolder(folder, on: connection)
            } catch {
                refusal = String(describing: error)
            }
            let kept: Int = try ReviewTestKit.scalar(
                "SELECT count(*)::int FROM hr.education WHERE field_fit IS NOT NULL", on: connection)
            let outcome = try Self.importFolder(folder, allowShrink: true, on: connection)
            let after: Int = try ReviewTestKit.scalar(
                "SELECT count(*)::int FROM hr.education WHERE field_fit IS NOT NULL", on: connection)
            return (judged, refusal, kept,
                    outcome.missingColumns.map { "\($0.file.rawValue) \($0.column) \($0.storedValuesCleared)" }, after)
        }()
        #expect(judged > 50)
        #expect(refusal.contains("education.csv: has no column field_fit, so the import would clear it on \(judged) stored rows"),
                "\(refusal)")
        #expect(refusal.contains("--allow-shrink"))
        #expect(kept == judged, "a refused import changes nothing")
        #expect(missing == ["education.csv field_fit \(judged)"])
        #expect(after == 0)
    }
}
