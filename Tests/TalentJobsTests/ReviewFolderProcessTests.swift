import Foundation
import PostgresTestSupport
import TestThreads
import Testing

/// `talenta review-folder` as a process: both golden sets, with their rule sets, write the four expected files byte
/// for byte; the preset is labelled as reconstructed wherever the command shows it.
@Suite("talenta review-folder, both golden sets", .ownThread)
struct ReviewFolderProcessTests {
    struct Run: Sendable {
        var status: Int32
        var output: String
        var errors: String
        var files: [String: String]
    }

    static func review(_ fixture: String, extra: [String]) throws -> Run {
        let root = TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/\(fixture)")
        let output = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let command = try TalentaCommand.run(["review-folder", "--year", "2026", "--reference-date", "2026-03-31"] + extra
                                             + [root.appendingPathComponent("input").path, output.path])
        var files: [String: String] = [:]
        for name in ["placements.csv", "succession.csv", "rejected.csv", "indicators.csv"] {
            files[name] = try? String(contentsOf: output.appendingPathComponent(name), encoding: .utf8)
        }
        return Run(status: command.status, output: command.output, errors: command.errors, files: files)
    }

    static func expected(_ fixture: String, _ name: String) throws -> String {
        try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("Tests/Fixtures/\(fixture)/expected/\(name)"),
                   encoding: .utf8)
    }

    @Test("the default golden set: four files byte for byte; exit 2, as `talenta import`, for its 10 rejected rows")
    func defaultGolden() throws {
        let run = try Self.review("golden", extra: [])
        #expect(run.status == 2, "\(run.errors)")
        #expect(run.output.contains(", 10 rejected rows, 3 left out as invalid (flagged on their employee);"),
                "\(run.output)")
        for (name, text) in run.files { #expect(text == (try Self.expected("golden", name)), "\(name)") }
        #expect(run.files.count == 4)
        #expect(!run.output.contains("reconstructed"))
    }

    @Test("--rule-set bkn-411-2025/preset@1 on golden-411: four files byte for byte, the provenance printed, exit 2 (10 rows rejected)")
    func presetGolden() throws {
        let run = try Self.review("golden-411", extra: ["--rule-set", "bkn-411-2025/preset@1"])
        #expect(run.status == 2, "\(run.errors)")
        for (name, text) in run.files { #expect(text == (try Self.expected("golden-411", name)), "\(name)") }
        #expect(run.files.count == 4)
        #expect(run.output.contains("Rule set bkn-411-2025/preset@1: reconstructed from public implementations of "
                                    + "Kepka BKN 411/2025; not checked against its Lampiran"))
    }

    @Test("an unknown built-in rule set, or both --rule-set and --rules, is refused")
    func refusals() throws {
        let unknown = try Self.review("golden", extra: ["--rule-set", "bkn-411-2025/preset@2"])
        #expect(unknown.status != 0 && unknown.errors.contains("is not a built-in rule set"))
        #expect(unknown.files.isEmpty, "nothing is written")
        let both = try Self.review(
            "golden", extra: ["--rule-set", "bkn-411-2025/preset@1", "--rules", "/nonexistent.json"])
        #expect(both.status != 0 && both.errors.contains("give --rule-set or --rules, not both"))
    }

    @Test("a folder with every row used exits 0; one with a rejected or an invalid row 2, whatever the output (as `talenta import`)")
    func exitCodes() throws {
        let city = try ReviewTestKit.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: city) }
        let made = try TalentaCommand.run(["demo-data", "--employees", "200", "--seed", "7", "--reference-date",
                                           "2026-03-31", city.appendingPathComponent("clean").path])
        try #require(made.status == 0, "\(made.errors)")
        let review = ["review-folder", "--year", "2026", "--reference-date", "2026-03-31"]
        let clean = try TalentaCommand.run(review + [city.appendingPathComponent("clean").path])
        #expect(clean.status == 0, "\(clean.errors)")
        #expect(clean.output.contains(", 0 rejected rows, 0 left out as invalid"), "\(clean.output)")
        // One assessment out of range (jpm_percent 130): the row is left out and flagged on its employee, not
        // rejected, and the exit code is still 2, as import's is for the same folder.
        let invalid = city.appendingPathComponent("clean/assessments.csv")
        var lines = try String(contentsOf: invalid, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        fields[3] = "130.00"
        lines[1] = fields.joined(separator: ",")[...]
        try lines.joined(separator: "\n").write(to: invalid, atomically: true, encoding: .utf8)
        let flagged = try TalentaCommand.run(review + [city.appendingPathComponent("clean").path])
        #expect(flagged.status == 2, "\(flagged.errors)")
        #expect(flagged.output.contains(", 0 rejected rows, 1 left out as invalid"), "\(flagged.output)")
        // Without an output folder, the rejected rows still set the exit code.
        let golden = try TalentaCommand.run(review + [ReviewTestKit.goldenInput.path])
        #expect(golden.status == 2, "\(golden.errors)")
        let help = try TalentaCommand.run(["review-folder", "--help"])
        // The help is wrapped to the terminal's width: compare it with its lines joined.
        let words = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Exit codes, as talenta import's: 0 every row was used; 2 the review ran, but some rows "
                               + "were rejected (rejected.csv lists them) or left out as invalid"), "\(help.output)")
    }
}
