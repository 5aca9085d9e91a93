import Foundation
import Interchange
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// Upgrading a database whose `talent.rule_set` holds rule sets of the shape before the indicator axes (sql/0017),
/// and replaying results stored before.
@Suite("Rule sets stored before the indicator axes: sql/0017 and replay", .ownThread)
struct RuleSetUpgradeTests {
    static let pinned = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/pinned")
    static let context = ReviewContext(referenceDate: CivilDate(year: 2026, month: 3, day: 31)!)

    struct Upgraded: Sendable {
        var versionOne: RuleSet
        var versionTwo: RuleSet
        var converted: RuleSet
        var refusal: String
        var checkAccepts: Bool
    }

    /// A database migrated up to 0016, holding main's stored old-shape default@1 and an edited @2, then 0017 and
    /// every later migration.
    static func upgrade() throws -> Upgraded {
        let database = try TestDatabase.create(migrated: false)
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        let sql = TestDatabase.repositoryRoot.appendingPathComponent("sql")
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("talenta-sql-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: prefix, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: prefix) }
        let files = try FileManager.default.contentsOfDirectory(atPath: sql.path).filter { $0.hasSuffix(".sql") }.sorted()
        for file in files where file < "0017" {
            try FileManager.default.copyItem(at: sql.appendingPathComponent(file), to: prefix.appendingPathComponent(file))
        }
        try Migrator(directory: prefix).migrate(connection)
        let old1 = try String(contentsOf: pinned.appendingPathComponent("old-shape-default@1.json"), encoding: .utf8)
        let old2 = try String(contentsOf: pinned.appendingPathComponent("old-shape-default@2.json"), encoding: .utf8)
        for (version, json) in [(1, old1), (2, old2)] {
            try connection.execute("INSERT INTO talent.rule_set (name, version, parameters) VALUES ($1, $2::integer, $3::jsonb)",
                                   ["permenpanrb-3-2020/default", version, json], name: "test.old_rule_set")
        }
        for file in files where file >= "0017" {
            try FileManager.default.copyItem(at: sql.appendingPathComponent(file), to: prefix.appendingPathComponent(file))
        }
        try Migrator(directory: prefix).migrate(connection)
        let versionOne = try RuleSetStore.resolve("permenpanrb-3-2020/default@1", on: connection)
        let versionTwo = try RuleSetStore.resolve("permenpanrb-3-2020/default@2", on: connection)
        // The converter stays callable on an old `talenta rules show` file; check_rule_set refuses the old shape.
        let converted: String = try connection.execute("SELECT talent.rule_set_axes($1::jsonb)::text AS json", [old2],
                                                       name: "test.convert").rows[0].decode("json")
        var refusal = ""
        do {
            try connection.execute("SELECT talent.add_rule_set_version($1::jsonb)", [old2], name: "test.add_old")
        } catch {
            refusal = String(reflecting: error)
        }
        let checked = try connection.execute("SELECT true AS ok FROM (SELECT talent.check_rule_set($1::jsonb)) AS checked", [converted],
                                             name: "test.check").rows[0].decode("ok", as: Bool.self)
        return Upgraded(versionOne: versionOne, versionTwo: versionTwo,
                        converted: try JSONDecoder().decode(RuleSet.self, from: Data(converted.utf8)),
                        refusal: refusal, checkAccepts: checked)
    }

    @Test("0017 converts the stored old-shape default and an edited version in place; both resolve and give main's placements")
    func upgradeKeepsPlacements() throws {
        let upgraded = try Self.upgrade()
        #expect(upgraded.versionOne == RuleSet.default, "the converted default is the built-in document")
        #expect(upgraded.versionTwo.id == "permenpanrb-3-2020/default@2")
        #expect(upgraded.versionTwo.validate().isEmpty, "\(upgraded.versionTwo.validate())")
        #expect(upgraded.converted == upgraded.versionTwo)
        #expect(upgraded.checkAccepts)
        #expect(upgraded.refusal.contains("the shape before migration 0017") && upgraded.refusal.contains("rule_set_axes"))
        // The same placements and fingerprints as main computed before the upgrade.
        let golden = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/golden")
        let one = try FolderReview.run(input: golden.appendingPathComponent("input"), output: nil, context: Self.context,
                                       rules: upgraded.versionOne).result
        let two = try FolderReview.run(input: golden.appendingPathComponent("input"), output: nil, context: Self.context,
                                       rules: upgraded.versionTwo).result
        func csv(_ placements: [Placement]) -> String {
            CSVWriter.render(header: ResultFiles.placementsHeader, rows: ResultFiles.placementRows(placements))
        }
        #expect(csv(one.placements)
                == (try String(contentsOf: golden.appendingPathComponent("expected/placements.csv"), encoding: .utf8)))
        #expect(csv(two.placements)
                == (try String(contentsOf: Self.pinned.appendingPathComponent("golden-default@2/placements.csv"),
                               encoding: .utf8)))
        let fingerprints = CSVWriter.render(header: ["nip", "fingerprint"],
                                            rows: two.placements.map { [$0.nip, $0.fingerprint] })
        #expect(fingerprints == (try String(contentsOf: Self.pinned.appendingPathComponent("golden-default@2/fingerprints.csv"),
                                            encoding: .utf8)))
    }

    @Test("every result main stored for the golden set (inputs version 2) replays to its stored fingerprint")
    func storedResultsReplay() throws {
        let text = try String(contentsOf: Self.pinned.appendingPathComponent("golden-stored-results-v2.jsonl"),
                              encoding: .utf8)
        var replayed = 0
        for line in text.split(separator: "\n") {
            let row = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            #expect(row["ruleVersion"] == RuleSet.default.id)
            let stored = try PostgresJSON<StoredInputs>.decode(postgresText: try #require(row["inputs"])).value
            let placement = try #require(try TalentEngine.assess(stored.input, position: stored.position,
                                                                 context: stored.context, rules: .default))
            #expect(placement.fingerprint == row["fingerprint"], "\(row["nip"] ?? "")")
            let old = try JSONDecoder().decode(Explanation.self, from: Data(try #require(row["explanation"]).utf8))
            #expect(old.box == placement.box && old.flags == placement.flags, "\(row["nip"] ?? "")")
            replayed += 1
        }
        #expect(replayed == 65)
    }
}
