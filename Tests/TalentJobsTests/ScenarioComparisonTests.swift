import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Interchange
import Postgres
import PostgresTestSupport
import Talent
import TalentStore
import TestThreads
import Testing

/// A what-if scenario run beside the official review of the same input, through the queue, exported, compared and
/// dropped: the official results never move, the scenario's files are the rule set's own, the comparison is the
/// crosstab of the two placements files, and dropping leaves no row behind.
@Suite("Scenarios: a rule set run beside the official review, compared and dropped", .serialized, .ownThread)
struct ScenarioComparisonTests {
    /// What one run of the whole path saw; the test asserts on it in its own task.
    struct Observed: Sendable {
        var officialBefore: [String: Data] = [:]
        var officialWithScenarios: [String: Data] = [:]
        var officialAfterDrop: [String: Data] = [:]
        var viewsBefore: [String: [String]] = [:]
        var viewsWithScenarios: [String: [String]] = [:]
        var countsBefore: [String: Int] = [:]
        var countsWithScenarios: [String: Int] = [:]
        var countsAfterDrop: [String: Int] = [:]
        var scenario: [String: Data] = [:]
        var scenarioByCommand: [String: Data] = [:]
        var exportStatus: Int32 = -1
        var comparison: ScenarioComparison?
        var presetAgainstDefault: ScenarioComparison?
        var defaultAgainstOfficial: ScenarioComparison?
        var compareCSV = Data()
        var compareOutput = ""
        var readerCSV = Data()
        var workbookSheets = ""
        var sidesSheet = ""
        var html = ""
        var dropOutput = ""
        var scenariosAfterDrop = -1
    }

    /// Imports `input`, runs the official review under the default rule set, then the scenarios `preset` (the BKN
    /// 411/2025 preset) and `same-default` (the default again) through the queue; exports, compares (in process, by
    /// the command, and as talenta_reader), and drops both.
    static func run(input: URL) throws -> Observed {
        var seen = Observed()
        let database = try TestDatabase.create()
        defer { database.drop() }
        let connection = try database.connect()
        defer { connection.close() }
        try FolderImport.run(input, on: connection)
        try ScenarioKit.registerPreset(on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(), on: connection)
        try ReviewTestKit.drain(database)
        seen.officialBefore = try ScenarioKit.export(on: connection)
        seen.viewsBefore = try ScenarioKit.officialViews(on: connection)
        seen.countsBefore = try ScenarioKit.talentTableCounts(on: connection)

        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(
            scenario: "preset", ruleSet: RuleSet.bkn411Preset.id), on: connection)
        try ReviewTestKit.enqueueBySQL("annual_review", ScenarioKit.annualReview(scenario: "same-default"),
                                       on: connection)
        try ReviewTestKit.drain(database)
        seen.officialWithScenarios = try ScenarioKit.export(on: connection)
        seen.viewsWithScenarios = try ScenarioKit.officialViews(on: connection)
        seen.countsWithScenarios = try ScenarioKit.talentTableCounts(on: connection)
        seen.scenario = try ScenarioKit.export(scenario: "preset", on: connection)

        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let exported = try TalentaCommand.run(["export", "--database-url", database.url, "--year", "2026",
                                               "--scenario", "preset", folder.path])
        seen.exportStatus = exported.status
        seen.scenarioByCommand = try ScenarioKit.files(in: folder)

        let preset = try ScenarioName("preset"), same = try ScenarioName("same-default")
        seen.comparison = try ScenarioComparisonReader.read(year: 2026, scenario: preset, against: nil, opdCode: nil,
                                                            on: connection)
        seen.presetAgainstDefault = try ScenarioComparisonReader.read(year: 2026, scenario: preset, against: same,
                                                                      opdCode: nil, on: connection)
        seen.defaultAgainstOfficial = try ScenarioComparisonReader.read(year: 2026, scenario: same, against: nil,
                                                                        opdCode: nil, on: connection)
        let csv = folder.appendingPathComponent("compare.csv")
        let compared = try TalentaCommand.run(["scenario", "compare", "--database-url", database.url, "--year", "2026",
                                               "preset", "--out", csv.path])
        seen.compareOutput = compared.output + compared.errors
        seen.compareCSV = (try? Data(contentsOf: csv)) ?? Data()
        let xlsx = folder.appendingPathComponent("compare.xlsx")
        try TalentaCommand.run(["scenario", "compare", "--database-url", database.url, "--year", "2026", "preset",
                                "--out", xlsx.path])
        seen.workbookSheets = try ReviewTestKit.xlsxPart("xl/workbook.xml", of: xlsx)
        seen.sidesSheet = try ReviewTestKit.xlsxPart("xl/worksheets/sheet7.xml", of: xlsx)
        let html = folder.appendingPathComponent("compare.html")
        try TalentaCommand.run(["scenario", "compare", "--database-url", database.url, "--year", "2026", "preset",
                                "--out", html.path])
        seen.html = (try? String(contentsOf: html, encoding: .utf8)) ?? ""
        let reader = try TestLogin.create(on: database, memberOf: ["talenta_reader"])
        defer { reader.drop() }
        let readerCSV = folder.appendingPathComponent("reader.csv")
        try TalentaCommand.run(["scenario", "compare", "--database-url", reader.url, "--year", "2026", "preset",
                                "--out", readerCSV.path])
        seen.readerCSV = (try? Data(contentsOf: readerCSV)) ?? Data()

        let dropped = try TalentaCommand.run(["scenario", "drop", "--database-url", database.url, "preset"])
        seen.dropOutput = dropped.output + dropped.errors
        try Scenarios.drop(same, year: 2026, on: connection)
        seen.countsAfterDrop = try ScenarioKit.talentTableCounts(on: connection)
        seen.officialAfterDrop = try ScenarioKit.export(on: connection)
        seen.scenariosAfterDrop = try Scenarios.list(on: connection).count
        return seen
    }

    /// Everything the pair must show, given the files the official review and the scenario must give.
    static func check(_ seen: Observed, input: URL, official: [String: Data], scenario expected: [String: Data]) throws {
        // The official review's files are what the default gives, before, beside and after the scenarios.
        for name in ScenarioKit.resultFiles {
            #expect(seen.officialBefore[name] == official[name], "official \(name) before the scenarios")
            #expect(seen.officialWithScenarios[name] == seen.officialBefore[name], "official \(name) moved with a scenario")
            #expect(seen.officialAfterDrop[name] == seen.officialBefore[name], "official \(name) moved with the drop")
            #expect(seen.scenario[name] == expected[name], "scenario \(name) differs from the rule set's own files")
            #expect(seen.scenarioByCommand[name] == expected[name], "talenta export --scenario: \(name)")
        }
        #expect(seen.exportStatus == 0)
        #expect(seen.viewsWithScenarios == seen.viewsBefore, "an official view shows a scenario")
        #expect(seen.viewsBefore.values.allSatisfy { !$0.isEmpty })
        // The scenarios wrote rows of their own (and no result history); dropping them took every one away.
        #expect(seen.countsWithScenarios["assessment_result"] == 3 * (seen.countsBefore["assessment_result"] ?? 0))
        #expect(seen.countsWithScenarios["review_period"] == 3)
        #expect(seen.countsWithScenarios["assessment_result_history"] == seen.countsBefore["assessment_result_history"])
        #expect(seen.countsAfterDrop == seen.countsBefore, "rows left behind: \(seen.countsAfterDrop) vs \(seen.countsBefore)")
        #expect(seen.dropOutput.contains("Dropped scenario preset of 2026"), "\(seen.dropOutput)")
        #expect(seen.scenariosAfterDrop == 0)

        // The transition matrix is the crosstab of the two placements files.
        let crosstab = try ScenarioKit.crosstab(from: official["placements.csv"]!, to: expected["placements.csv"]!)
        #expect(crosstab["only"] == nil)
        let written = try ScenarioKit.transitions(seen.compareCSV)
        #expect(written.header == ["from_box", "to_box", "employees"])
        #expect(written.rows == 100)
        #expect(written.table == crosstab, "compare.csv: \(written.table)\ncrosstab: \(crosstab)")
        #expect(try ScenarioKit.transitions(seen.readerCSV).table == crosstab, "talenta_reader's compare.csv")
        #expect(seen.compareOutput.contains("reconstructed from public implementations of Kepka BKN 411/2025"),
                "\(seen.compareOutput)")

        let comparison = try #require(seen.comparison)
        var matrix: [String: Int] = [:]
        let labels = ScenarioComparison.boxes.map { $0.map(String.init) ?? "" }
        for (from, row) in comparison.matrix.enumerated() {
            for (to, count) in row.enumerated() where count > 0 { matrix["\(labels[from])>\(labels[to])"] = count }
        }
        #expect(matrix == crosstab)
        // Per OPD the transitions and totals add up to the city's.
        var byOPD: [String: Int] = [:]
        for t in comparison.transitions where t.opdCode != nil {
            byOPD["\(t.fromBox.map(String.init) ?? "")>\(t.toBox.map(String.init) ?? "")", default: 0] += t.employees
        }
        #expect(byOPD == crosstab)
        let city = comparison.headline
        let opds = comparison.totals.filter { $0.opdCode != nil }
        #expect(opds.count > 1)
        #expect(opds.reduce(0) { $0 + $1.employees } == city.employees)
        #expect(opds.reduce(0) { $0 + $1.boxChanged } == city.boxChanged)
        #expect(opds.reduce(0) { $0 + $1.poolGained } == city.poolGained)
        #expect(opds.reduce(0) { $0 + $1.poolLost } == city.poolLost)
        #expect(opds.reduce(0) { $0 + $1.successorsChanged } == city.successorsChanged)
        let moved = crosstab.filter { pair in
            let boxes = pair.key.split(separator: ">", omittingEmptySubsequences: false)
            return boxes[0] != boxes[1]
        }
        #expect(city.boxChanged == moved.values.reduce(0, +))
        // Pool members gained and lost, and designated successors that change, as the files show them.
        let pool = try ScenarioKit.poolChanges(from: official["placements.csv"]!, to: expected["placements.csv"]!)
        #expect(Set(comparison.poolChanges.filter(\.gained).map(\.nip)) == pool.gained)
        #expect(Set(comparison.poolChanges.filter { !$0.gained }.map(\.nip)) == pool.lost)
        #expect(city.poolGained == pool.gained.count && city.poolLost == pool.lost.count)
        let successors = try ScenarioKit.successorChanges(from: official["succession.csv"]!, to: expected["succession.csv"]!)
        #expect(Set(comparison.successorChanges.map(\.positionCode)) == successors)
        #expect(comparison.baseOnly == 0 && comparison.scenarioOnly == 0)
        #expect(comparison.scenario.provenance == RuleSet.bkn411Preset.provenance)
        #expect(comparison.base.provenance == nil && comparison.base.ruleSetID == RuleSet.default.id)

        // Each indicator's mean on both sides, as the two indicators files give it; the default and the preset name
        // different indicators, so each is on one side only.
        let fromMeans = try ScenarioKit.indicatorMeans(official["indicators.csv"]!)
        let toMeans = try ScenarioKit.indicatorMeans(expected["indicators.csv"]!)
        let cityIndicators = comparison.indicatorChanges.filter { $0.opdCode == nil }
        #expect(cityIndicators.count == fromMeans.count + toMeans.count, "\(cityIndicators.map(\.indicator))")
        for change in cityIndicators {
            let key = "\(change.axis) \(change.indicator)"
            if let from = fromMeans[key] {
                #expect(change.fromScored == from.scored && change.fromMeanScore == from.meanScore
                        && change.fromMeanWeighted == from.meanWeighted, "\(key) from: \(change) vs \(from)")
            } else {
                #expect(change.fromScored == nil && change.fromMeanScore == nil, "\(key) is not the base's")
            }
            if let to = toMeans[key] {
                #expect(change.toScored == to.scored && change.toMeanScore == to.meanScore
                        && change.toMeanWeighted == to.meanWeighted, "\(key) to: \(change) vs \(to)")
            } else {
                #expect(change.toScored == nil && change.toMeanScore == nil, "\(key) is not the scenario's")
            }
            #expect(change.meanScoreChange == nil, "\(key): one side only, no change")
        }
        #expect(comparison.indicatorChanges.contains { $0.opdCode != nil })
        // The default against itself: every indicator on both sides, no change.
        let sameIndicators = try #require(seen.defaultAgainstOfficial).indicatorChanges.filter { $0.opdCode == nil }
        #expect(sameIndicators.count == fromMeans.count)
        #expect(sameIndicators.allSatisfy { $0.fromMeanScore == $0.toMeanScore
            && ($0.meanScoreChange == nil ? $0.fromMeanScore == nil : $0.meanScoreChange == "0.00") }, "\(sameIndicators)")

        // Against another scenario: the default run as a scenario is the official review again.
        let again = try #require(seen.presetAgainstDefault)
        #expect(again.matrix == comparison.matrix && again.poolChanges == comparison.poolChanges
                && again.successorChanges == comparison.successorChanges)
        let same = try #require(seen.defaultAgainstOfficial)
        #expect(same.headline.employees == city.employees)
        #expect(same.headline.boxChanged == 0 && same.headline.poolGained == 0 && same.headline.poolLost == 0
                && same.headline.successorsChanged == 0)

        // The workbook holds every table; the page draws the matrix cell by cell and names the preset's provenance.
        for sheet in ["transitions", "summary", "opd_transitions", "pool", "successors", "indicators", "sides"] {
            #expect(seen.workbookSheets.contains("name=\"\(sheet)\""), "sheet \(sheet): \(seen.workbookSheets)")
        }
        #expect(seen.sidesSheet.contains("<t>bkn-411-2025/preset@1</t>")
                && seen.sidesSheet.contains("<t>reconstructed from public implementations of Kepka BKN 411/2025; not checked against its Lampiran</t>"),
                "the sides sheet names the preset and its provenance: \(seen.sidesSheet)")
        let document = try XMLDocument(data: Data(seen.html.utf8))
        let cells = try document.nodes(forXPath: "//*[local-name()='g'][@class='cell']").compactMap { $0 as? XMLElement }
        #expect(cells.count == 100)
        var drawn: [String: Int] = [:]
        for cell in cells {
            // Foundation on Linux finds attributes by walking them, not by attribute(forName:).
            func attribute(_ name: String) -> String? { cell.attributes?.first { $0.name == name }?.stringValue }
            let from = attribute("data-from") ?? "?"
            let to = attribute("data-to") ?? "?"
            let count = Int(attribute("data-count") ?? "") ?? -1
            if count != 0 { drawn["\(from == "–" ? "" : from)>\(to == "–" ? "" : to)"] = count }
        }
        #expect(drawn == crosstab)
        #expect(seen.html.contains("not checked against its Lampiran"))
        let employees = try ScenarioKit.rows(Data(contentsOf: input.appendingPathComponent("employees.csv")))
        let named = employees.compactMap { $0["name"] }.filter { !$0.isEmpty && seen.html.contains($0) }
        #expect(named.isEmpty, "the page names employees: \(named)")
    }

    @Test("the BKN 411/2025 preset as a scenario of golden-411 whose official review ran under the default: exports exactly golden-411's expected files; official export byte-identical before and after; matrix = crosstab; nothing left after drop")
    func presetOnGolden411() async throws {
        let golden411 = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/golden-411")
        let input = golden411.appendingPathComponent("input")
        let seen = try Self.run(input: input)
        // The official side: the default's files of the same input, as talenta review-folder writes them.
        let official = try ScenarioKit.inMemory(input, rules: .default)
        let scenario = try ScenarioKit.files(in: golden411.appendingPathComponent("expected"))
        try Self.check(seen, input: input, official: official, scenario: scenario)
    }

    @Test("the preset as a scenario on the default golden input: official files unmoved, scenario files as in memory, matrix = crosstab, nothing left after drop")
    func presetOnTheDefaultGoldenInput() async throws {
        let seen = try Self.run(input: ReviewTestKit.goldenInput)
        let official = try ScenarioKit.files(in: ReviewTestKit.goldenExpected)
        let scenario = try ScenarioKit.inMemory(ReviewTestKit.goldenInput, rules: .bkn411Preset)
        try Self.check(seen, input: ReviewTestKit.goldenInput, official: official, scenario: scenario)
    }
}
