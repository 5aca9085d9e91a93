import Foundation
import Interchange
import Postgres
import PostgresTestSupport
import SwiftCSV
import Talent
import TalentStore

/// Shared steps of the scenario tests: payloads, exports as bytes, row counts of every talent table, and crosstabs
/// computed from result CSV files.
enum ScenarioKit {
    static let referenceDate = CivilDate(year: 2026, month: 3, day: 31)!
    static let context = ReviewContext(referenceDate: referenceDate)
    static let resultFiles = ["placements.csv", "succession.csv", "rejected.csv", "indicators.csv"]

    /// The payload of an annual review of 2026, official (`scenario` nil) or a scenario.
    static func annualReview(scenario: String? = nil, ruleSet: String? = nil) -> String {
        var fields = [#""year": 2026"#, #""reference_date": "2026-03-31""#]
        if let ruleSet { fields.append(#""rule_set": "\#(ruleSet)""#) }
        if let scenario { fields.append(#""scenario": "\#(scenario)""#) }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// Stores the BKN 411/2025 preset unless a migration did (registering is idempotent).
    static func registerPreset(on connection: Connection) throws {
        try RuleSetStore.register(.bkn411Preset, on: connection)
    }

    /// The four §11 result files of a stored review (official or scenario), as `talenta export` writes them.
    static func export(year: Int = 2026, scenario: String? = nil, on connection: Connection) throws -> [String: Data] {
        let result = try ReviewResultReader.read(year: year, scenario: try scenario.map(ScenarioName.init),
                                                 on: connection)
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ResultFiles.write(result, to: folder)
        return try files(in: folder)
    }

    /// The four result files of `folder`, as bytes.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in resultFiles { files[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return files
    }

    /// The same review computed in memory from a §11 folder (`talenta review-folder`), as files.
    static func inMemory(_ input: URL, rules: RuleSet) throws -> [String: Data] {
        let folder = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try FolderReview.run(input: input, output: folder, context: context, rules: rules)
        return try files(in: folder)
    }

    /// Rows of every table of schema talent, by table name, counted by the server (`%I` quotes each name).
    static func talentTableCounts(on connection: Connection) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try connection.execute("""
            SELECT c.relname AS name,
                   (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM talent.%I', c.relname),
                                                        false, true, '')))[1]::text::bigint AS n
              FROM pg_class c WHERE c.relnamespace = 'talent'::regnamespace AND c.relkind IN ('r', 'p')
            """, name: "test.talent_counts").rows {
            counts[try row.decode("name")] = try row.decode("n", as: Int.self)
        }
        return counts
    }

    /// Every row of the views that show the official result, as text: they must not move when a scenario runs.
    static func officialViews(on connection: Connection) throws -> [String: [String]] {
        var views: [String: [String]] = [:]
        for view in ["current_placement", "pool", "succession", "box_distribution", "review_periods", "result_versions",
                     "open_period", "current_placement_effective", "pool_effective", "succession_effective"] {
            // The names are this list's constants, not values.
            views[view] = try ReviewTestKit.snapshot("SELECT v::text FROM talent.\(view) v ORDER BY 1", on: connection)
        }
        return views
    }

    /// A CSV file's rows as dictionaries by header (SwiftCSV, an independent reader).
    static func rows(_ data: Data) throws -> [[String: String]] {
        let csv = try EnumeratedCSV(string: String(decoding: data, as: UTF8.self), delimiter: .comma, loadColumns: false)
        return csv.rows.map { Dictionary(uniqueKeysWithValues: zip(csv.header, $0)) }
    }

    /// The box transition of two placements files, keyed "from>to" (a box 1-9, empty for not placed), computed from
    /// the CSVs alone; NIPs on one side only are counted under "only".
    static func crosstab(from: Data, to: Data) throws -> [String: Int] {
        let before = Dictionary(uniqueKeysWithValues: try rows(from).map { ($0["nip"]!, $0["box"]!) })
        var table: [String: Int] = [:]
        for row in try rows(to) {
            guard let fromBox = before[row["nip"]!] else { table["only", default: 0] += 1; continue }
            table["\(fromBox)>\(row["box"]!)", default: 0] += 1
        }
        return table
    }

    /// NIPs whose pool column (KRS_INSTANSI or empty) differs between two placements files: (gained, lost).
    static func poolChanges(from: Data, to: Data) throws -> (gained: Set<String>, lost: Set<String>) {
        let before = Dictionary(uniqueKeysWithValues: try rows(from).map { ($0["nip"]!, $0["pool"]! == "KRS_INSTANSI") })
        var gained = Set<String>(), lost = Set<String>()
        for row in try rows(to) {
            guard let was = before[row["nip"]!] else { continue }
            let now = row["pool"]! == "KRS_INSTANSI"
            if now && !was { gained.insert(row["nip"]!) }
            if was && !now { lost.insert(row["nip"]!) }
        }
        return (gained, lost)
    }

    /// Positions whose rank-1 NIP differs between two succession files (a plan without a rank 1 counts as none).
    static func successorChanges(from: Data, to: Data) throws -> Set<String> {
        func firsts(_ data: Data) throws -> [String: String] {
            var first: [String: String] = [:]
            for row in try rows(data) {
                if first[row["position_code"]!] == nil { first[row["position_code"]!] = "" }
                if row["rank"] == "1" { first[row["position_code"]!] = row["nip"]! }
            }
            return first
        }
        let before = try firsts(from), after = try firsts(to)
        return Set(Set(before.keys).union(after.keys).filter { (before[$0] ?? "") != (after[$0] ?? "") })
    }

    /// Each indicator's mean over the employees with a score in an indicators file, keyed "AXIS INDICATOR": the number
    /// scored, the mean score rounded half-up to 2 decimals and the mean weighted to 4, as decimal text (nil when
    /// nobody has a score). Computed in whole hundredths and ten-thousandths, from the CSV alone.
    static func indicatorMeans(_ data: Data) throws
        -> [String: (scored: Int, meanScore: String?, meanWeighted: String?)]
    {
        var sums: [String: (scored: Int, score: Int, weighted: Int)] = [:]
        func units(_ text: String, places: Int) -> Int {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            return Int(parts[0])! * Int(pow(10, Double(places)))
                + Int(fraction.padding(toLength: places, withPad: "0", startingAt: 0))!
        }
        for row in try rows(data) {
            let key = "\(row["axis"]!) \(row["indicator"]!)"
            var sum = sums[key] ?? (0, 0, 0)
            if let score = row["score"], !score.isEmpty {
                sum.scored += 1
                sum.score += units(score, places: 2)
                sum.weighted += units(row["weighted"]!, places: 4)
            }
            sums[key] = sum
        }
        func mean(_ total: Int, _ count: Int, places: Int) -> String? {
            guard count > 0 else { return nil }
            let rounded = (2 * total + count) / (2 * count)
            let scale = Int(pow(10, Double(places)))
            let fraction = String(rounded % scale)
            return "\(rounded / scale)." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return sums.mapValues { ($0.scored, mean($0.score, $0.scored, places: 2), mean($0.weighted, $0.scored, places: 4)) }
    }

    /// The transition CSV of `talenta scenario compare` keyed "from>to", zero pairs left out.
    static func transitions(_ data: Data) throws -> (header: [String], rows: Int, table: [String: Int]) {
        let csv = try EnumeratedCSV(string: String(decoding: data, as: UTF8.self), delimiter: .comma, loadColumns: false)
        var table: [String: Int] = [:]
        for row in csv.rows where row[2] != "0" { table["\(row[0])>\(row[1])"] = Int(row[2]) }
        return (csv.header, csv.rows.count, table)
    }
}
