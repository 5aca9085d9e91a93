import ArgumentParser
import Foundation
import Interchange
import Postgres
import Reports
import Talent
import TalentStore

/// `talenta scenario list|drop|compare`: what-if scenarios, review periods with a name beside the official review of
/// a year (sql/0022). A scenario is run through the queue like the official review: `annual_review` (or
/// `recalculation`) with `"scenario": "NAME"` and any stored rule set.
struct ScenarioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: "List, compare and drop what-if scenarios (any rule set run on a review year beside the official review).",
        discussion: """
            Run one with the queue: talenta enqueue annual_review --payload '{"year": 2026, "reference_date": \
            "2026-03-31", "rule_set": "bkn-411-2025/preset@1", "scenario": "preset"}', then a worker. A scenario \
            writes results of its own: the official views, overrides, result history and event-driven \
            recalculation never see it. talenta summary and talenta export take --scenario NAME.
            """,
        subcommands: [List.self, Compare.self, Drop.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the scenarios: rule set, results, progress of the latest run and jobs still pending.")

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Only the scenarios of this review year.")
        var year: Int?

        func run() throws {
            let scenarios = try OperatorConnection.with(database, action: "scenario list") { connection in
                try Scenarios.list(year: year, on: connection)
            }
            var table = TextTable("year", "scenario", "rule set", "D", "assessed", "placed", "targets", "latest run",
                                  "pending jobs")
            for s in scenarios {
                let run: String
                switch (s.lastRunBatchesDone, s.lastRunBatchesTotal) {
                case (let done?, let total?): run = "\(done)/\(total) batches" + (s.lastRunFinished ? ", finished" : "")
                default: run = "not started"
                }
                table.append(String(s.year), s.name.rawValue, s.ruleSetID, s.referenceDate.description,
                             String(s.assessed), String(s.placed), String(s.targetPositions), run, String(s.pendingJobs))
            }
            print(table.rendered)
            let provenances = Dictionary(scenarios.compactMap { s in s.provenance.map { (s.ruleSetID, $0) } },
                                         uniquingKeysWith: { first, _ in first })
            for (ruleSet, provenance) in provenances.sorted(by: { $0.key < $1.key }) {
                print("\(ruleSet): \(provenance)")
            }
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Drop a scenario with every row it wrote.",
            discussion: """
                Removes its results, pool, indicators, succession plans, runs and its period in one transaction. \
                Refused while any of its jobs is pending or running (they are named): let them finish, or cancel \
                them with talenta cancel ID, then drop again. Needs the migration owner's login, like talenta rules.
                """)

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The scenario's review year; needed when the name exists in several years.")
        var year: Int?

        @Argument(help: "The scenario's name.")
        var name: String

        func run() throws {
            let (year, removed) = try OperatorConnection.with(database, action: "scenario drop") { connection in
                let scenario = try ScenarioName(name)
                let year = try self.year ?? Scenarios.year(of: scenario, on: connection)
                return (year, try Scenarios.drop(scenario, year: year, on: connection))
            }
            print("Dropped scenario \(name) of \(year): \(removed) results and everything else it wrote")
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare a scenario with the official review of its year (or with another scenario).",
            discussion: """
                The format follows the file name. FILE.csv: the 10 x 10 box transition matrix, one row per \
                (from_box, to_box) pair with columns from_box, to_box, employees (boxes 1-9, empty for not placed; \
                from the official review or --against, to the scenario). FILE.xlsx: that table and the summary per \
                OPD, each OPD's transitions, the talent pool members gained and lost, the target positions whose \
                designated successor changes, and each indicator's mean on both sides, one worksheet each. \
                FILE.html: a page with the matrix as a heat map, the largest movements and all of the above. NIPs \
                only, no names; reads only the talent views, so a talenta_reader login may run it.
                """)

        enum Format { case csv, xlsx, html }

        @OptionGroup var database: DatabaseOptions

        @Option(help: "The review year Y.")
        var year: Int

        @Argument(help: "The scenario to compare.")
        var name: String

        @Option(help: "Another scenario of the year to compare against, instead of the official review.")
        var against: String?

        @Option(help: "Only this OPD (its unit code, e.g. BPKAD).")
        var opd: String?

        @Option(help: "The file to write: FILE.csv, FILE.xlsx or FILE.html (replaced when it exists).")
        var out: String

        var format: Format? {
            switch URL(fileURLWithPath: out).pathExtension.lowercased() {
            case "csv": .csv
            case "xlsx": .xlsx
            case "html", "htm": .html
            default: nil
            }
        }

        func validate() throws {
            guard format != nil else { throw ValidationError("--out must end in .csv, .xlsx or .html") }
        }

        func run() throws {
            let comparison = try OperatorConnection.with(database, action: "scenario compare") { connection in
                try ScenarioComparisonReader.read(year: year, scenario: try ScenarioName(name),
                                                  against: try against.map(ScenarioName.init), opdCode: opd,
                                                  on: connection)
            }
            let file = URL(fileURLWithPath: out)
            do {
                switch format ?? .csv {
                case .csv: try ComparisonTables.transitions(comparison).write(to: file, format: .csv)
                case .xlsx: try ResultTable.writeWorkbook(ComparisonTables.tables(comparison), to: file)
                case .html: try Data(ComparisonHTML.document(Self.page(comparison)).utf8).write(to: file, options: .atomic)
                }
            } catch {
                throw CommandFailure("cannot write \(file.path)", error)
            }
            let h = comparison.headline
            print("Wrote the comparison of \(comparison.scenario.label) with the \(comparison.base.label) of \(year) "
                  + "to \(file.standardizedFileURL.path): \(h.employees) employees, \(h.boxChanged) change box, pool "
                  + "+\(h.poolGained) -\(h.poolLost), \(h.successorsChanged) successors changed")
            for side in [comparison.base, comparison.scenario] {
                if let provenance = side.provenance { print("\(side.ruleSetID): \(provenance)") }
            }
        }

        /// The comparison as the HTML page shows it.
        static func page(_ c: ScenarioComparison) -> ComparisonPage {
            func side(_ s: ScenarioComparison.Side) -> ComparisonPage.Side {
                ComparisonPage.Side(label: s.label, ruleSet: s.ruleSetID, provenance: s.provenance,
                                    referenceDate: s.referenceDate.description)
            }
            func totals(_ t: ScenarioComparison.Totals) -> ComparisonPage.Totals {
                ComparisonPage.Totals(opdCode: t.opdCode, opdName: t.opdName ?? "", employees: t.employees,
                                      boxChanged: t.boxChanged, poolGained: t.poolGained, poolLost: t.poolLost,
                                      successorsChanged: t.successorsChanged)
            }
            func box(_ box: Int?) -> String { box.map(String.init) ?? "–" }
            func candidate(_ nip: String?, _ readiness: String?) -> String {
                nip.map { "\($0) (\(readiness ?? ""))" } ?? "none"
            }
            let opds = c.opdCode == nil ? c.totals.filter { $0.opdCode != nil } : []
            return ComparisonPage(
                year: c.year, base: side(c.base), scenario: side(c.scenario),
                scope: c.opdCode.map { "OPD \($0)" } ?? "the city, \(opds.count) OPDs", matrix: c.matrix,
                headline: totals(c.headline), baseOnly: c.baseOnly, scenarioOnly: c.scenarioOnly,
                opds: opds.map(totals),
                poolChanges: c.poolChanges.map { p in
                    ComparisonPage.PoolChange(nip: p.nip, opdCode: p.opdCode, targetLevel: p.targetLevel,
                                              gained: p.gained, fromBox: box(p.fromBox), toBox: box(p.toBox),
                                              blockers: (p.gained ? p.fromBlockers : p.toBlockers).joined(separator: "; "))
                },
                successorChanges: c.successorChanges.map { s in
                    ComparisonPage.SuccessorChange(positionCode: s.positionCode, opdCode: s.opdCode, change: s.change,
                                                   from: candidate(s.fromNIP, s.fromReadiness),
                                                   to: candidate(s.toNIP, s.toReadiness))
                },
                indicatorChanges: c.indicatorChanges.filter { $0.opdCode == c.opdCode }.map { i in
                    ComparisonPage.IndicatorChange(axis: i.axis, indicator: i.indicator, fromMean: i.fromMeanScore ?? "",
                                                   toMean: i.toMeanScore ?? "", change: i.meanScoreChange ?? "")
                })
        }
    }
}
