import Foundation
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// Rule-set versions: a new version from JSON, activation recalculates the period, earlier results stay with their
/// version, and every stored result recomputes to the same values from its stored inputs and rule set.
@Suite("Rule-set versions and reproducible results", .serialized, .ownThread)
struct RuleVersionTests {
    /// The stored fields of a result row (current or history) as text, in a fixed order.
    static let resultColumns = """
        status, coalesce(reason, '') AS reason, target_level, coalesce(kinerja_score::text, '') AS kinerja_score,
        coalesce(kinerja_level, '') AS kinerja_level, potensi_score::text AS potensi_score, potensi_level,
        coalesce(box::text, '') AS box, array_to_string(recommendations, ',') AS recommendations,
        array_to_string(flags, ',') AS flags, explanation::text AS explanation, inputs_fingerprint, rule_version
        """

    /// The same fields of a recomputed placement.
    static func fields(of placement: Placement) -> [String] {
        [placement.status.rawValue, placement.reason?.rawValue ?? "", placement.targetLevel.rawValue,
         placement.kinerjaScore?.description ?? "", placement.kinerjaLevel?.rawValue ?? "",
         placement.potensiScore.description, placement.potensiLevel.rawValue, placement.box.map { String($0.number) } ?? "",
         placement.recommendations.map(\.rawValue).joined(separator: ","),
         placement.flags.map(\.rawValue).joined(separator: ","), "", placement.fingerprint, placement.ruleVersion]
    }

    /// Checks that a stored row and its recomputation agree on the fingerprint and every field.
    static func expectReproduced(_ row: Row, _ replay: ResultReplay.Replay) throws {
        let placement = try #require(replay.recomputed)
        #expect(placement.fingerprint == replay.storedFingerprint)
        var stored = try ["status", "reason", "target_level", "kinerja_score", "kinerja_level", "potensi_score",
                          "potensi_level", "box", "recommendations", "flags", "explanation", "inputs_fingerprint",
                          "rule_version"].map { try row.decode($0, as: String.self) }
        let explanation = try JSONDecoder().decode(Explanation.self, from: Data(stored[10].utf8))
        #expect(explanation == placement.explanation)
        stored[10] = ""
        #expect(stored == Self.fields(of: placement))
    }

    /// The default rule set with lower thresholds for TINGGI potensi and ATAS kinerja.
    static func lenientRules() -> RuleSet {
        var rules = RuleSet.default
        rules.potensi.cutOffs[.tinggi] = Score(70)
        rules.kinerja.cutOffs[.atas] = Score(80)
        return rules
    }

    @Test("talenta rules set --activate stores version 2, recalculates 2026; version-1 results stay; every result recomputes from its stored inputs")
    func newVersionRecalculatesAndKeepsHistory() throws {
        let (database, connection, periodID) = try AssessmentJobTests.reviewedGolden()
        defer { database.drop() }
        defer { connection.close() }
        let before = try ReviewTestKit.snapshot("""
            SELECT employee_id, rule_version, coalesce(box::text, '-'), inputs_fingerprint
              FROM talent.assessment_result ORDER BY employee_id
            """, on: connection)
        #expect(before.count > 50 && before.allSatisfy { $0.contains("|permenpanrb-3-2020/default@1|") })

        let folder = try ReviewTestKit.temporaryFolder()
        let file = folder.appendingPathComponent("rules.json")
        var rules = Self.lenientRules()
        rules.version = 99  // the database assigns the version
        try JSONEncoder().encode(rules).write(to: file)
        let set = try TalentaCommand.run(["rules", "set", "--database-url", database.url, file.path, "--activate", "2026"])
        #expect(set.status == 0, "\(set.errors)")
        #expect(set.output.contains("rule set permenpanrb-3-2020/default@2"))
        #expect(set.output.contains("recalculation enqueued"))
        try ReviewTestKit.drain(database)

        #expect(try ReviewTestKit.scalar("SELECT rule_set_version FROM talent.review_period WHERE id = $1", [periodID],
                                         as: Int.self, on: connection) == 2)
        let current = try ReviewTestKit.snapshot("""
            SELECT employee_id, rule_version FROM talent.assessment_result ORDER BY employee_id
            """, on: connection)
        #expect(current.count == before.count)
        #expect(current.allSatisfy { $0.hasSuffix("|permenpanrb-3-2020/default@2") })
        // Every version-1 result is still there, unchanged, with its version.
        let kept = try ReviewTestKit.snapshot("""
            SELECT employee_id, rule_version, coalesce(box::text, '-'), inputs_fingerprint
              FROM talent.assessment_result_history WHERE rule_version = 'permenpanrb-3-2020/default@1'
             ORDER BY employee_id
            """, on: connection)
        #expect(kept == before)
        let versions: [String] = try ReviewTestKit.snapshot("""
            SELECT DISTINCT string_agg(rule_version || ':' || is_current, ',' ORDER BY rule_version)
              FROM talent.result_versions WHERE year = 2026 GROUP BY employee_id
            """, on: connection)
        #expect(versions == ["permenpanrb-3-2020/default@1:false,permenpanrb-3-2020/default@2:true"])
        let moved: Int = try ReviewTestKit.scalar("""
            SELECT count(*) FROM talent.assessment_result r JOIN talent.assessment_result_history h USING (employee_id)
             WHERE r.box IS DISTINCT FROM h.box
            """, on: connection)
        #expect(moved > 0, "the lenient thresholds must move someone")

        // Reproducible: every current (version 2) and historical (version 1) result from its stored inputs.
        for row in try connection.execute(
            "SELECT employee_id, \(Self.resultColumns) FROM talent.assessment_result WHERE period_id = $1", [periodID],
            name: "test.current_rows").rows {
            try Self.expectReproduced(row, try ResultReplay.current(
                periodID: periodID, employeeID: try row.decode("employee_id"), on: connection))
        }
        for row in try connection.execute(
            "SELECT id, \(Self.resultColumns) FROM talent.assessment_result_history", name: "test.history_rows").rows {
            try Self.expectReproduced(row, try ResultReplay.historical(id: try row.decode("id"), on: connection))
        }

        let show = try TalentaCommand.run(["rules", "show", "--database-url", database.url, "--year", "2026"])
        #expect(show.status == 0, "\(show.errors)")
        var expected = Self.lenientRules()
        expected.version = 2
        #expect(try JSONDecoder().decode(RuleSet.self, from: Data(show.output.utf8)) == expected)
    }

    @Test("bad rule sets are refused: by the CLI's decoding and validation, and by SQL's structural checks")
    func refusals() throws {
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        // Only the preset that sql/0020 installs is stored; a refusal adds nothing.
        let stored = "SELECT string_agg(name || '@' || version, ',' ORDER BY name, version) FROM talent.rule_set"
        let before: String = try ReviewTestKit.scalar(stored, on: connection)
        #expect(before == "bkn-411-2025/preset@1")
        let folder = try ReviewTestKit.temporaryFolder()
        let broken = folder.appendingPathComponent("broken.json")
        try #"{"name": "x", "version": 1}"#.write(to: broken, atomically: true, encoding: .utf8)
        let decode = try TalentaCommand.run(["rules", "set", "--database-url", database.url, broken.path])
        #expect(decode.status == 1 && decode.errors.contains("is not a rule set: missing assessedStates"))
        var invalid = RuleSet.default
        invalid.succession.candidatesKept = 0
        let invalidFile = folder.appendingPathComponent("invalid.json")
        try JSONEncoder().encode(invalid).write(to: invalidFile)
        let validation = try TalentaCommand.run(["rules", "set", "--database-url", database.url, invalidFile.path])
        #expect(validation.status == 1 && validation.errors.contains("the rule set is not valid"))
        for (json, fragment) in [
            (#"[1, 2]"#, "a JSON object"),
            (#"{"name": "x"}"#, "the rule set has no"),
            (#"{"name": "a@b", "version": 1, "assessedStates": [], "targetLevels": [], "levels": {}, "kinerja": {"indicators": [], "weighting": {}, "cutOffs": {}}, "potensi": {"indicators": [], "weighting": {}, "cutOffs": {}}, "penalties": {}, "pool": {}, "succession": {}}"#, "no @"),
            (#"{"name": "x", "version": 1, "assessedStates": {}, "targetLevels": [], "levels": {}, "kinerja": {"indicators": [], "weighting": {}, "cutOffs": {}}, "potensi": {"indicators": [], "weighting": {}, "cutOffs": {}}, "penalties": {}, "pool": {}, "succession": {}}"#, "must be a JSON array"),
            (#"{"name": "x", "version": 1, "assessedStates": [], "targetLevels": [], "levels": {}, "kinerja": {"indicators": [], "weighting": {}, "cutOffs": {}}, "potensi": {"indicators": [], "weighting": {}, "cutOffs": {}}, "penalties": {}, "pool": {}, "succession": {}, "extra": 1}"#, #"unknown field "extra""#),
            (#"{"name": "x", "version": 1, "assessedStates": [], "targetLevels": [], "levels": {}, "kinerja": {"indicators": [], "weighting": {}, "cutOffs": {}}, "potensi": {"indicators": [], "cutOffs": {}}, "penalties": {}, "pool": {}, "succession": {}}"#, #""potensi.weighting" must be a JSON object"#),
            (#"{"name": "x", "version": 1, "assessedStates": [], "targetLevels": [], "levels": {}, "kinerja": {"indicators": [], "weighting": {}, "cutOffs": {}}, "potensi": {"indicators": [], "weighting": {}, "cutOffs": {}}, "penalties": {}, "pool": {}, "succession": {}, "provenance": 7}"#, #""provenance" must be a JSON string"#),
            (#"{"name": "x", "version": 1, "kinerja": {"latestWeight": 0.6}}"#, "the shape before migration 0017"),
        ] {
            #expect {
                try connection.execute("SELECT talent.add_rule_set_version($1::jsonb)", [json], name: "test.add")
            } throws: { error in
                (error as? PostgresError)?.debugDescription.contains(fragment) ?? false
            }
        }
        // The axes' arithmetic (sql/0023): a preset copy whose kinerja weights sum to 97, a default copy whose
        // re-weighting case sums to 99, cut-offs out of order. Each would be discarded by every recalculation.
        let preset = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RuleSet.bkn411Preset)) as! [String: Any]
        let standard = try JSONSerialization.jsonObject(with: JSONEncoder().encode(RuleSet.default)) as! [String: Any]
        func edited(_ document: [String: Any], _ change: (inout [String: Any]) -> Void) throws -> String {
            var copy = document
            copy["name"] = "edited"
            change(&copy)
            return String(decoding: try JSONSerialization.data(withJSONObject: copy), as: UTF8.self)
        }
        let weight97 = try edited(preset) { document in
            var kinerja = document["kinerja"] as! [String: Any]
            var indicators = kinerja["indicators"] as! [[String: Any]]
            indicators[0]["weight"] = (indicators[0]["weight"] as! NSNumber).intValue - 3
            kinerja["indicators"] = indicators
            document["kinerja"] = kinerja
        }
        let case99 = try edited(standard) { document in
            var potensi = document["potensi"] as! [String: Any]
            var weighting = potensi["weighting"] as! [String: Any]
            var cases = weighting["cases"] as! [[String: Any]]
            var weights = cases[0]["weights"] as! [String: Any]
            let first = weights.keys.sorted()[0]
            weights[first] = (weights[first] as! NSNumber).intValue - 1
            cases[0]["weights"] = weights
            weighting["cases"] = cases
            potensi["weighting"] = weighting
            document["potensi"] = potensi
        }
        let swapped = try edited(preset) { document in
            var potensi = document["potensi"] as! [String: Any]
            potensi["cutOffs"] = ["MENENGAH": 80, "TINGGI": 60]
            document["potensi"] = potensi
        }
        for (json, fragment) in [
            (weight97, #"the weights of "kinerja.indicators" sum to 97"#),
            (case99, #"of "potensi" sum to 99"#),
            (swapped, #"the cut-off of TINGGI (60) must be above that of MENENGAH (80) in "potensi""#),
        ] {
            #expect {
                try connection.execute("SELECT talent.add_rule_set_version($1::jsonb)", [json], name: "test.add")
            } throws: { error in
                (error as? PostgresError)?.sqlState == "22023"
                    && (error as? PostgresError)?.debugDescription.contains(fragment) ?? false
            }
        }
        #expect(try ReviewTestKit.scalar(stored, on: connection) == before)
        // A document stored past the checks (as one stored before sql/0023 could be) is not activated.
        try connection.execute("INSERT INTO talent.rule_set (name, version, parameters) VALUES ('edited', 1, $1::jsonb)",
                               [weight97], name: "test.store_unchecked")
        try connection.execute(
            "INSERT INTO talent.review_period (year, reference_date, rule_set_name, rule_set_version) "
                + "VALUES (2026, '2026-03-31', 'bkn-411-2025/preset', 1)", name: "test.period")
        #expect {
            try connection.execute("SELECT talent.activate_rule_set(2026, 'edited@1')", name: "test.activate")
        } throws: { error in
            (error as? PostgresError)?.debugDescription.contains("sum to 97, not 100") ?? false
        }
        let active: String = try ReviewTestKit.scalar(
            "SELECT rule_set_name || '@' || rule_set_version FROM talent.review_period WHERE year = 2026", on: connection)
        #expect(active == "bkn-411-2025/preset@1")
        #expect {
            try connection.execute("SELECT talent.activate_rule_set(2026, 'nothing@1')", name: "test.activate")
        } throws: { error in
            (error as? PostgresError)?.debugDescription.contains("is not stored") ?? false
        }
    }
}
