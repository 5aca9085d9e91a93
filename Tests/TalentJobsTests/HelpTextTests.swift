import Foundation
import TestThreads
import Testing

/// Every command's `--help` reads as prose: no runs of spaces inside a sentence (a multi-line string literal joined
/// without its line continuations leaves its indentation in the text).
@Suite("Help texts", .ownThread)
struct HelpTextTests {
    /// The subcommand names a help text lists under SUBCOMMANDS.
    static func subcommands(in help: String) -> [String] {
        var names: [String] = []
        var inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") { inSection = true; continue }
            guard inSection else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { break }
            let name = line.dropFirst(2).prefix { !$0.isWhitespace }
            if line.hasPrefix("  "), !line.hasPrefix("   "), name.allSatisfy({ $0.isLowercase || $0 == "-" }),
               !name.isEmpty, name != "help" {
                names.append(String(name))
            }
        }
        return names
    }

    /// Lines of `help` with a run of two or more spaces inside their text. The gap between an option or subcommand
    /// name and its description (the help's columns) is not text.
    static func strayRuns(in help: String) -> [String] {
        help.split(separator: "\n").filter { line in
            var text = line.drop { $0 == " " }
            if line.hasPrefix("  "), !line.hasPrefix("   "), let gap = text.firstRange(of: "  ") {
                text = text[gap.upperBound...].drop { $0 == " " }
            }
            return text.contains("  ")
        }.map(String.init)
    }

    @Test("no help text has a stray run of spaces")
    func noStrayRuns() throws {
        var pending: [[String]] = [[]]
        var checked = 0
        while let path = pending.popLast() {
            let command = try TalentaCommand.run(path + ["--help"], timeout: 60)
            #expect(command.status == 0, "talenta \(path.joined(separator: " ")) --help failed: \(command.errors)")
            let help = command.output
            #expect(Self.strayRuns(in: help).isEmpty,
                    "talenta \(path.joined(separator: " ")) --help: \(Self.strayRuns(in: help))")
            pending += Self.subcommands(in: help).map { path + [$0] }
            checked += 1
        }
        #expect(checked > 20, "only \(checked) help texts were found")
    }
}
