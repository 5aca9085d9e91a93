import Foundation
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// What a scenario must never reach, and what it refuses: event-driven recalculation, rule-set activation,
/// committee overrides and the result history stay with the official review; malformed or unknown scenarios are
/// discarded with the reason; a scenario with pending jobs is not dropped.
@Suite("Scenarios: kept apart from the official review, and their refusals", .serialized, .ownThread)
struct ScenarioIsolationTests {
    struct Isolation: Sendable {
        var openPeriodIsOfficial = false
        var reportPeople = -1
        var officialPlaced = -2
        var recalculations: [String] = []
        var scenarioRowsAfterHRChange: [String] = []
        var scenarioRowsBeforeHRChange: [String] = []
        var officialFingerprintMoved = false
        var activation: [String] = []
        var overrideOnScenario = ""
        var overrideOnScenarioYear = ""
        var historyBefore = -1
        var historyAfterScenarioRecalculation = -1
        var scenarioRuns = -1
        var scenarioJobsAfterRecalculation: [String] = []
    }

    /// The golden input reviewed officially in 2026, with scenarios `same` (default, 2026) and `y2027` (a later year
    /// with no official review); then an HR change, a scenario recalculation, a rule-set activation and overrides.
    static func isolation() throws -> Isolation {
        var seen = Isolation()
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        try ScenarioKit.registerPreset(on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(), on: connection)
        try ReviewTestKit.drain(database)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(scenario: "same"), on: connection)
        try ReviewTestKit.enqueueBySQL(
            "annual_review", #"{"year": 2027, "reference_date": "2027-03-31", "scenario": "y2027"}"#, on: connection)
        try ReviewTestKit.drain(database)
        seen.reportPeople = try BoxDistributionReader.placedEmployees(year: 2026, opdCode: nil, on: connection).count
        seen.officialPlaced = try ReviewTestKit.scalar("""
            SELECT count(*) FROM talent.assessment_result r JOIN talent.review_period p ON p.id = r.period_id
             WHERE p.year = 2026 AND p.scenario IS NULL AND r.box IS NOT NULL
            """, on: connection)
        seen.openPeriodIsOfficial = try ReviewTestKit.scalar("""
            SELECT o.id = p.id FROM talent.open_period o, talent.review_period p WHERE p.year = 2026 AND p.scenario IS NULL
            """, on: connection)

        // An SKP row inserted by SQL recalculates the official result only.
        let employee = try #require(try connection.execute("""
            SELECT r.employee_id FROM talent.assessment_result r JOIN talent.review_period p ON p.id = r.period_id
             WHERE p.scenario IS NULL AND r.status = 'TERPETAKAN'
               AND NOT EXISTS (SELECT 1 FROM hr.performance f WHERE f.employee_id = r.employee_id AND f.year = 2025)
             ORDER BY r.employee_id LIMIT 1
            """, name: "test.target").rows.first).decode("employee_id", as: Int64.self)
        let scenarioRows = """
            SELECT p.scenario, r.employee_id, r.inputs_fingerprint, r.box, r.job_id FROM talent.assessment_result r
              JOIN talent.review_period p ON p.id = r.period_id WHERE p.scenario IS NOT NULL ORDER BY 1, 2
            """
        seen.scenarioRowsBeforeHRChange = try ReviewTestKit.snapshot(scenarioRows, on: connection)
        let officialBefore: String = try ReviewTestKit.scalar("""
            SELECT r.inputs_fingerprint FROM talent.assessment_result r JOIN talent.review_period p ON p.id = r.period_id
             WHERE p.scenario IS NULL AND r.employee_id = $1
            """, [employee], on: connection)
        try connection.execute("INSERT INTO hr.performance (employee_id, year, predicate) VALUES ($1, 2025, 'SANGAT_BAIK')",
                               [employee], name: "test.insert_skp")
        seen.recalculations = try ReviewTestKit.snapshot(
            "SELECT payload::text FROM queue.job WHERE kind = 'recalculation' ORDER BY id", on: connection)
        try ReviewTestKit.drain(database)
        seen.scenarioRowsAfterHRChange = try ReviewTestKit.snapshot(scenarioRows, on: connection)
        let officialAfter: String = try ReviewTestKit.scalar("""
            SELECT r.inputs_fingerprint FROM talent.assessment_result r JOIN talent.review_period p ON p.id = r.period_id
             WHERE p.scenario IS NULL AND r.employee_id = $1
            """, [employee], on: connection)
        seen.officialFingerprintMoved = officialAfter != officialBefore

        // A scenario is recalculated only when asked, and its replaced results leave no history.
        seen.historyBefore = try ReviewTestKit.scalar("SELECT count(*) FROM talent.assessment_result_history",
                                                      on: connection)
        try ReviewTestKit.enqueueBySQL("recalculation", #"{"year": 2026, "scope": "everyone", "scenario": "same"}"#,
                                       on: connection)
        try ReviewTestKit.drain(database)
        seen.historyAfterScenarioRecalculation = try ReviewTestKit.scalar(
            "SELECT count(*) FROM talent.assessment_result_history", on: connection)
        seen.scenarioRuns = try ReviewTestKit.scalar("""
            SELECT count(*) FROM talent.review_run r JOIN talent.review_period p ON p.id = r.period_id
             WHERE p.scenario = 'same'
            """, on: connection)
        seen.scenarioJobsAfterRecalculation = try ReviewTestKit.snapshot(
            "SELECT scenario, pending_jobs, last_run_finished_at IS NOT NULL FROM talent.scenarios ORDER BY 1",
            on: connection)

        // Activating a rule set changes the official period of the year, not its scenario.
        let job: Int64 = try ReviewTestKit.scalar("SELECT talent.activate_rule_set(2026, $1)", [RuleSet.bkn411Preset.id],
                                                  on: connection)
        seen.activation = try ReviewTestKit.snapshot("""
            SELECT coalesce(scenario, '(official)') || ' ' || rule_set_name || '@' || rule_set_version
              FROM talent.review_period WHERE year = 2026 ORDER BY scenario NULLS FIRST
            """, on: connection)
            + ReviewTestKit.snapshot("SELECT payload::text FROM queue.job WHERE id = $1", [job], on: connection)

        // Overrides belong to official reviews.
        do {
            try connection.execute("""
                INSERT INTO talent.override (period_id, kind, employee_id, box, reason, decided_by)
                SELECT p.id, 'box', $1, 9, 'what if', '197001011990031001' FROM talent.review_period p
                 WHERE p.scenario = 'same'
                """, [employee], name: "test.override_scenario")
        } catch {
            seen.overrideOnScenario = String(reflecting: error)
        }
        let nip: String = try ReviewTestKit.scalar("SELECT nip FROM hr.employee WHERE id = $1", [employee],
                                                   on: connection)
        do {
            try connection.execute("SELECT talent.override_box(2027, $1, 9, 'what if', '197001011990031001')", [nip],
                                   name: "test.override_2027")
        } catch {
            seen.overrideOnScenarioYear = String(reflecting: error)
        }
        return seen
    }

    @Test("HR changes, rule-set activation, overrides and the result history never reach a scenario")
    func scenariosStayApart() async throws {
        let seen = try Self.isolation()
        #expect(seen.openPeriodIsOfficial, "a later scenario (2027) must not become the open period")
        #expect(seen.reportPeople == seen.officialPlaced, "talenta report --names lists the official review's people once")
        #expect(seen.recalculations.count == 1)
        #expect(seen.recalculations.allSatisfy { $0.hasPrefix(#"{"year": 2026, "scope": {"nip": "#) && !$0.contains("scenario") },
                "\(seen.recalculations)")
        #expect(seen.officialFingerprintMoved, "the official result took the new SKP row")
        #expect(!seen.scenarioRowsBeforeHRChange.isEmpty)
        #expect(seen.scenarioRowsAfterHRChange == seen.scenarioRowsBeforeHRChange, "an HR change recalculated a scenario")
        #expect(seen.historyBefore > 0, "the official recalculation kept the replaced result")
        #expect(seen.historyAfterScenarioRecalculation == seen.historyBefore)
        #expect(seen.scenarioRuns == 2, "the scenario's annual review and its recalculation")
        #expect(seen.scenarioJobsAfterRecalculation == ["same|0|t", "y2027|0|t"])
        #expect(seen.activation == ["(official) bkn-411-2025/preset@1", "same permenpanrb-3-2020/default@1",
                                    #"{"year": 2026, "scope": "everyone"}"#], "\(seen.activation)")
        #expect(seen.overrideOnScenario.contains("committee overrides belong to official reviews"),
                "\(seen.overrideOnScenario)")
        #expect(seen.overrideOnScenarioYear.contains("there is no review period for 2027"), "\(seen.overrideOnScenarioYear)")
    }

    struct Refusals: Sendable {
        var discarded: [String] = []
        var dropWhilePending = ""
        var dropCommand = ""
        var dropCommandStatus: Int32 = -1
        var dropAfterCancel = -1
        var dropUnknown = ""
        var ambiguous = ""
        var ambiguousStatus: Int32 = -1
        var dropWithYear = ""
        var compareItself = ""
        var badNames: [String] = []
    }

    static func refusals() throws -> Refusals {
        var seen = Refusals()
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(ReviewTestKit.goldenInput, on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(), on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(scenario: "Bad Name"), on: connection)
        try ReviewTestKit.enqueueBySQL("recalculation", #"{"year": 2026, "scope": "everyone", "scenario": "ghost"}"#,
                                       on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(scenario: "same"), on: connection)
        try ReviewTestKit.enqueueBySQL(
            "annual_review", #"{"year": 2027, "reference_date": "2027-03-31", "scenario": "same"}"#, on: connection)
        try ReviewTestKit.drain(database)
        seen.discarded = try ReviewTestKit.snapshot(
            "SELECT kind || ': ' || last_error FROM queue.job WHERE state = 'discarded' ORDER BY id", on: connection)

        // A pending job of the scenario stops the drop, naming it; once cancelled, the drop goes through.
        let pending = try ReviewTestKit.enqueueBySQL(
            "recalculation", #"{"year": 2026, "scope": "everyone", "scenario": "same"}"#, on: connection)
        do {
            try Scenarios.drop(try ScenarioName("same"), year: 2026, on: connection)
        } catch {
            seen.dropWhilePending = String(reflecting: error) + " pending job \(pending)"
        }
        let command = try TalentaCommand.run(["scenario", "drop", "--database-url", database.url, "--year", "2026", "same"])
        seen.dropCommand = command.errors
        seen.dropCommandStatus = command.status
        try connection.execute("SELECT queue.cancel($1)", [pending], name: "test.cancel")
        seen.dropAfterCancel = try Scenarios.drop(try ScenarioName("same"), year: 2026, on: connection)
        do {
            try Scenarios.drop(try ScenarioName("same"), year: 2026, on: connection)
        } catch {
            seen.dropUnknown = String(reflecting: error)
        }
        // "same" is left in 2027 only now; two years of one name need --year.
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(scenario: "same"), on: connection)
        try ReviewTestKit.drain(database)
        let ambiguous = try TalentaCommand.run(["scenario", "drop", "--database-url", database.url, "same"])
        seen.ambiguous = ambiguous.errors
        seen.ambiguousStatus = ambiguous.status
        seen.dropWithYear = try TalentaCommand.run(["scenario", "drop", "--database-url", database.url, "--year", "2027",
                                                    "same"]).output
        let itself = try TalentaCommand.run(["scenario", "compare", "--database-url", database.url, "--year", "2026",
                                             "same", "--against", "same", "--out", "/dev/null/never.csv"])
        seen.compareItself = itself.errors
        for name in ["", "Preset", "-preset", "pre set", "préset", String(repeating: "a", count: 64)] {
            do {
                _ = try ScenarioName(name)
                seen.badNames.append("accepted \(name)")
            } catch {
                seen.badNames.append(String(describing: error))
            }
        }
        return seen
    }

    @Test("malformed and unknown scenarios are discarded with the reason; a drop waits for no job and refuses while one is pending")
    func refusals() async throws {
        let seen = try Self.refusals()
        let rule = " (\(ScenarioName.rule))"
        #expect(seen.discarded == [
            #"annual_review: scenario name "Bad Name" must start with a lower-case letter or a digit"# + rule,
            "recalculation: there is no scenario ghost in 2026",
        ], "\(seen.discarded)")
        #expect(seen.dropWhilePending.contains("55006") && seen.dropWhilePending.contains("still has jobs pending or running"),
                "\(seen.dropWhilePending)")
        let pending = seen.dropWhilePending.split(separator: " ").last.map(String.init) ?? "?"
        #expect(seen.dropWhilePending.contains("recalculation \(pending) (available)"), "\(seen.dropWhilePending)")
        #expect(seen.dropCommandStatus == 1 && seen.dropCommand.contains("talenta cancel ID"), "\(seen.dropCommand)")
        #expect(seen.dropAfterCancel == 65)
        #expect(seen.dropUnknown.contains("there is no scenario 'same' in 2026"), "\(seen.dropUnknown)")
        #expect(seen.ambiguousStatus == 1 && seen.ambiguous.contains("scenario same exists in 2026, 2027: name the year"),
                "\(seen.ambiguous)")
        #expect(seen.dropWithYear.contains("Dropped scenario same of 2027"), "\(seen.dropWithYear)")
        #expect(seen.compareItself.contains("compared with itself"), "\(seen.compareItself)")
        #expect(seen.badNames == [
            #"scenario name "" is empty"# + rule,
            #"scenario name "Preset" must start with a lower-case letter or a digit"# + rule,
            #"scenario name "-preset" must start with a lower-case letter or a digit"# + rule,
            #"scenario name "pre set" holds a character other than a-z, 0-9 and . _ -"# + rule,
            #"scenario name "préset" holds a character other than a-z, 0-9 and . _ -"# + rule,
            "scenario name \"\(String(repeating: "a", count: 64))\" is longer than 63 characters" + rule,
        ])
    }
}
