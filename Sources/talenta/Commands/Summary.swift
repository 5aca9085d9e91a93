import ArgumentParser
import Foundation
import Postgres
import Talent
import TalentStore

/// `talenta summary --year Y [--scenario NAME]`: the nine-box distribution of a stored review (the official one, or a
/// what-if scenario) as the regulation draws the grid (PermenPANRB 3/2020: potensi across, kinerja up), then the pool
/// and succession coverage.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the nine-box grid, the talent pool size and the succession coverage of a review year.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The review year Y.")
    var year: Int

    @Option(help: "A what-if scenario of the year (talenta scenario list) instead of the official review.")
    var scenario: String?

    func run() throws {
        let summary: ReviewSummary
        do {
            let connection = try Connection(url: database.resolvedDatabaseURL, applicationName: "talenta-summary")
            defer { connection.close() }
            summary = try ReviewSummary.read(year: year, scenario: try scenario.map(ScenarioName.init), on: connection)
        } catch {
            throw CommandFailure("summary failed", error)
        }
        print(NineBoxGrid.render(summary))
    }
}

/// The text of `talenta summary`.
enum NineBoxGrid {
    static let label = 16
    static let cell = 14

    static func render(_ s: ReviewSummary) -> String {
        var rules = "Rule set: \(s.ruleSetID)"
        if let provenance = s.provenance { rules += " (\(provenance))" }
        var lines = [headline(s), rules]
        for run in s.unfinishedRuns {
            lines.append("Still running: \(run.kind) with \(run.batchesDone) of \(run.batchesTotal) batches done, so the "
                         + "figures below are partial (succession is planned after the last batch)")
        }
        lines.append("")
        lines.append(String(repeating: " ", count: label + 1)
                     + PotensiLevel.allCases.map { center($0.rawValue, width: cell - 1) + " " }.joined() + " <- potensi")
        let rule = String(repeating: " ", count: label) + "+" + String(repeating: String(repeating: "-", count: cell - 1) + "+", count: 3)
        lines.append(rule)
        for kinerja in KinerjaLevel.allCases.reversed() {
            var line = ("kinerja " + kinerja.rawValue).padding(toLength: label, withPad: " ", startingAt: 0) + "|"
            for potensi in PotensiLevel.allCases {
                let box = Box(kinerja: kinerja, potensi: potensi).number
                let text = "[\(box)] " + String(s.boxes[box] ?? 0)
                line += center(text, width: cell - 1) + "|"
            }
            lines.append(line)
            lines.append(rule)
        }
        lines.append("")
        lines.append("Not placed (BELUM_TERPETAKAN, no SKP in the last 4 years): \(s.notPlaced)")
        lines.append("Talent pool (KRS instansi):                               \(s.poolSize)")
        lines.append("Target positions (jabatan target):                        \(s.targetPositions)")
        lines.append("  with no successor (NO_SUCCESSOR):                       \(s.noSuccessor)")
        lines.append("  with nobody ready now (NO_READY_NOW):                   \(s.noReadyNow)")
        return lines.joined(separator: "\n")
    }

    /// "Talent review Y: A assessed of N employees, P placed on the nine-box grid; M not in the review (BERHENTI j,
    /// PENSIUN k)": who has no result, by employment state, so the gap between N and A is explained. A scenario's
    /// begins "Talent review Y, scenario NAME: …".
    static func headline(_ s: ReviewSummary) -> String {
        var text = "Talent review \(s.year)" + (s.scenario.map { ", scenario \($0)" } ?? "") + ": \(s.assessed) assessed of \(s.employees) employees, "
            + "\(s.assessed - s.notPlaced) placed on the nine-box grid"
        if s.notInReview > 0 {
            let states = s.withoutResult.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
            text += "; \(s.notInReview) not in the review (" + states.joined(separator: ", ") + ")"
        }
        return text
    }

    private static func center(_ text: String, width: Int = cell) -> String {
        let space = max(0, width - text.count)
        let left = space / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: space - left)
    }
}
