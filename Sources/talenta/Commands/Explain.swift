import ArgumentParser
import Foundation
import Postgres
import Reports
import TalentStore

/// `talenta explain --year Y --nip N [--json | --out FILE.html] [--names]`: "why this box?" of one employee's stored
/// result, from the views `talent.explanation` and `talent.explanation_indicator` (sql/0021).
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why this box? One employee's placement in words: the box, both axes, every indicator with the rows it counted, what is missing, the flags, the rule set.",
        discussion: """
            Reads the views talent.explanation and talent.explanation_indicator, so a talenta_reader login may run \
            it: the employee is named by NIP and internal id only. --json prints the same content as JSON (box, \
            kinerja, potensi, indicators: objects with axis, indicator, score, weight, weighted, state, window, \
            evidence…). --out FILE.html writes the one-page profile an ASN can be given (your box, what counted, \
            what is missing), printable on A4. --names adds the employee's name (personal data: it needs the \
            worker's or the owner's login, which may read hr; keep such a file where personal data may be kept). \
            A result stored before migration 0017 has no indicators: it is shown without them, with how to \
            recalculate it.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The review year Y.")
    var year: Int

    @Option(help: "The employee's 18-digit NIP.")
    var nip: String

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Write the one-page profile as HTML to this file (FILE.html, replaced when it exists).")
    var out: String?

    @Flag(help: "Add the employee's name (personal data; needs the worker's or the owner's login, not talenta_reader).")
    var names = false

    func validate() throws {
        guard nip.count == 18, nip.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ValidationError("--nip must be 18 digits (got \"\(nip)\")")
        }
        if json, out != nil { throw ValidationError("give either --json or --out, not both") }
        if let out, !["html", "htm"].contains(URL(fileURLWithPath: out).pathExtension.lowercased()) {
            throw ValidationError("--out must end in .html")
        }
    }

    func run() throws {
        let explanation = try OperatorConnection.with(database, action: "explain") { connection in
            try ExplanationReader.read(year: year, nip: nip, withName: names, on: connection)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data: Data
            do { data = try encoder.encode(explanation) } catch { throw CommandFailure("explain failed", error) }
            print(String(decoding: data, as: UTF8.self))
        } else if let out {
            let file = URL(fileURLWithPath: out)
            do {
                try Data(ProfileHTML.document(ExplanationProfile.profile(explanation)).utf8).write(to: file, options: .atomic)
            } catch {
                throw CommandFailure("cannot write \(file.path)", error)
            }
            print("Wrote the \(year) profile of NIP \(nip)\(names ? " with the name" : "") to "
                  + file.standardizedFileURL.path)
        } else {
            print(ExplanationText.render(explanation), terminator: "")
        }
    }
}
