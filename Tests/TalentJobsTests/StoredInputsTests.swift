import Foundation
import Interchange
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// The stored inputs of a result (`talent.assessment_result.inputs`): the compact version 3 that the worker writes,
/// and version 1 rows written before migration 0016, both decode and recompute their result (version 2: see
/// RuleSetUpgradeTests).
@Suite("Stored inputs, versions 1 and 3", .serialized, .ownThread)
struct StoredInputsTests {
    /// Every golden employee's inputs, as the assessment job reads them, with their positions.
    static func goldenInputs(on connection: Connection) throws -> [StoredInputs] {
        let ids: [Int64] = try ReviewTestKit.snapshot("SELECT id FROM hr.employee ORDER BY id", on: connection)
            .map { try #require(Int64($0)) }
        let batch = try ReviewInputReader.read(employeeIDs: ids, on: connection)
        let organisation = try OrganisationReader.load(on: connection)
        let context = ReviewContext(referenceDate: try #require(CivilDate(year: 2026, month: 3, day: 31)))
        return try batch.inputs.map { employee in
            StoredInputs(input: employee.input,
                         position: try #require(organisation.positions[employee.input.employee.positionCode]),
                         context: context)
        }
    }

    @Test("version 3 keeps every field the rules read and none of the text they never read, and decodes back")
    func versionThreeRoundTrip() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        let all = try Self.goldenInputs(on: connection)
        #expect(all.count > 50)
        var sawHistory = false
        for stored in all {
            let text = try JSONStreamEncoder.encode(stored)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            #expect(object["version"] as? Int == 3)
            #expect(object["context"] == nil && object["input"] == nil)
            #expect(!text.contains("\"title\"") && !text.contains("institution") && !text.contains("\"name\""))
            let decoded = try PostgresJSON<StoredInputs>.decode(postgresText: text).value
            #expect(decoded == stored)
            sawHistory = sawHistory || !stored.input.training.isEmpty && !stored.input.assessments.isEmpty
        }
        #expect(sawHistory)
        // The text the rules never read is left out at capture.
        let withTitles = try #require(all.first { !$0.input.training.isEmpty })
        #expect(withTitles.input.training.allSatisfy { $0.title.isEmpty } && withTitles.position.title.isEmpty)
    }

    @Test("a version-1 row (written before migration 0016) still decodes and recomputes its stored result")
    func versionOneStillRecomputes() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let version3: Int = try ReviewTestKit.scalar(
            "SELECT count(*)::int FROM talent.assessment_result WHERE inputs->>'version' = '3'", on: connection)
        let total: Int = try ReviewTestKit.scalar("SELECT count(*)::int FROM talent.assessment_result", on: connection)
        #expect(version3 == total && total > 50)

        let row = try #require(try connection.execute(
            "SELECT employee_id, inputs::text AS inputs FROM talent.assessment_result WHERE period_id = $1 ORDER BY 1 LIMIT 1",
            [periodID]).rows.first)
        let employeeID: Int64 = try row.decode("employee_id")
        let stored = try PostgresJSON<StoredInputs>.decode(postgresText: try row.decode("inputs")).value
        // Version 1: Talent's own JSON of each value under context, position and input.
        struct Version1: Encodable {
            var context: ReviewContext
            var position: Position
            var input: EmployeeInput
        }
        let encoder = JSONEncoder()
        let legacy = String(decoding: try encoder.encode(
            Version1(context: stored.context, position: stored.position, input: stored.input)), as: UTF8.self)
        #expect(try PostgresJSON<StoredInputs>.decode(postgresText: legacy).value == stored)
        try connection.execute(
            "UPDATE talent.assessment_result SET inputs = $1::jsonb WHERE period_id = $2 AND employee_id = $3",
            [legacy, periodID, employeeID])
        let replay = try ResultReplay.current(periodID: periodID, employeeID: employeeID, on: connection)
        let placement = try #require(replay.recomputed)
        #expect(placement.fingerprint == replay.storedFingerprint)
        let history = try ResultReplay.historical(id: try ReviewTestKit.scalar(
            "SELECT max(id) FROM talent.assessment_result_history", on: connection), on: connection)
        #expect(history.recomputed?.fingerprint == history.storedFingerprint)
    }

    @Test("stored inputs of an unknown version do not decode")
    func unknownVersion() throws {
        #expect(throws: PostgresError.self) {
            try PostgresJSON<StoredInputs>.decode(postgresText: #"{"version": 4, "reference_date": "2026-03-31"}"#)
        }
    }
}

/// `ResultJSON` writes exactly the text of the Codable forms (through `JSONStreamEncoder`), for the golden set and a
/// generated city.
@Suite("Result JSON written field by field", .serialized, .ownThread)
struct ResultJSONTests {
    /// Every employee's placement and stored inputs, computed from what the database holds.
    static func results(on connection: Connection) throws -> [(Placement, StoredInputs)] {
        let ids: [Int64] = try ReviewTestKit.snapshot("SELECT id FROM hr.employee ORDER BY id", on: connection)
            .map { try #require(Int64($0)) }
        let batch = try ReviewInputReader.read(employeeIDs: ids, on: connection)
        let organisation = try OrganisationReader.load(on: connection)
        let context = ReviewContext(referenceDate: try #require(CivilDate(year: 2026, month: 3, day: 31)))
        let placements = try TalentEngine.assess(batch: batch.inputs.map(\.input), organisation: organisation,
                                                 context: context, rules: .default)
        let byNIP = Dictionary(uniqueKeysWithValues: batch.inputs.map { ($0.input.employee.nip, $0.input) })
        return try placements.map { placement in
            let input = try #require(byNIP[placement.nip])
            let position = try #require(organisation.positions[input.employee.positionCode])
            return (placement, StoredInputs(input: input, position: position, context: context))
        }
    }

    /// Compares both texts of every result; returns how many were compared.
    static func expectSameText(on connection: Connection) throws -> Int {
        let all = try results(on: connection)
        for (placement, inputs) in all {
            #expect(ResultJSON.explanation(placement.explanation) == (try JSONStreamEncoder.encode(placement.explanation)),
                    "explanation of \(placement.nip)")
            #expect(ResultJSON.inputs(inputs) == (try JSONStreamEncoder.encode(inputs)), "inputs of \(placement.nip)")
        }
        return all.count
    }

    @Test("the golden set: every explanation and stored inputs, byte for byte")
    func golden() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        #expect(try Self.expectSameText(on: connection) > 50)
    }

    @Test("a generated city of 3,000 employees: every explanation and stored inputs, byte for byte")
    func generatedCity() throws {
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let city = folder.appendingPathComponent("city")
        let generated = try TalentaCommand.run(["demo-data", "--employees", "3000", "--seed", "7",
                                                "--reference-date", "2026-03-31", city.path])
        try #require(generated.status == 0, "\(generated.errors)")
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(city, on: connection)
        #expect(try Self.expectSameText(on: connection) > 2_500)
    }
}

/// The golden-411 set in memory under the preset: `ResultJSON` writes the Codable text of every explanation (with the
/// preset's indicators and evidence) and of every stored input (with the optional files' rows and field_fit), and the
/// stored inputs recompute the same placement and fingerprint.
@Suite("Result JSON of the BKN 411/2025 preset, in memory", .ownThread)
struct PresetResultJSONTests {
    @Test("every explanation and stored input, byte for byte; each replays to its placement and fingerprint")
    func golden411() throws {
        let input = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/golden-411/input")
        let validated = try ValidatedFolder.read(input, referenceDate: CivilDate(year: 2026, month: 3, day: 31)!).input
        let context = ReviewContext(referenceDate: CivilDate(year: 2026, month: 3, day: 31)!)
        let placements = try Review.place(validated, context: context, rules: .bkn411Preset)
        let byNIP = Dictionary(uniqueKeysWithValues: validated.employees.map { ($0.employee.nip, $0) })
        let organisation = validated.organisation
        var kinds: Set<String> = []
        for placement in placements {
            #expect(ResultJSON.explanation(placement.explanation) == (try JSONStreamEncoder.encode(placement.explanation)),
                    "explanation of \(placement.nip)")
            let employee = try #require(byNIP[placement.nip])
            let stored = StoredInputs(input: employee, position: try #require(organisation.positions[employee.employee.positionCode]),
                                      context: context)
            let text = ResultJSON.inputs(stored)
            #expect(text == (try JSONStreamEncoder.encode(stored)), "inputs of \(placement.nip)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            kinds.formUnion(object.keys)
            #expect(!text.contains("Tim Satu Data"), "a team's title is not stored")
            let decoded = try PostgresJSON<StoredInputs>.decode(postgresText: text).value
            #expect(decoded == stored)
            let replayed = try #require(try TalentEngine.assess(decoded.input, position: decoded.position,
                                                                context: decoded.context, rules: .bkn411Preset))
            #expect(replayed == placement, "\(placement.nip)")
        }
        #expect(kinds.isSuperset(of: ["potential_assessments", "team_assignments", "feedback", "acting_assignments",
                                      "position_history", "education", "invalid_rows"]))
    }
}
