public import Foundation
public import Talent

/// The DOMAIN.md §11 result files: placements, succession, rejected and indicators, as ``ResultTable``s written as
/// CSV (the §11 files) or xlsx. Scores print with 2 decimals, lists inside a field are joined with `;`, `krs_nasional`
/// is `true`/`false`, weights are whole percents, weighted values have 4 decimals, and an absent value is an empty
/// field.
public enum ResultFiles {
    public static let placementsColumns: [ResultTable.Column] = [
        .init("nip", .code), .init("year", .integer), .init("status", .text), .init("reason", .text),
        .init("target_level", .text), .init("kinerja_score", .decimal(places: 2)), .init("kinerja_level", .text),
        .init("potensi_score", .decimal(places: 2)), .init("potensi_level", .text), .init("box", .integer),
        .init("recommendations", .text), .init("pool", .text), .init("pool_blockers", .text),
        .init("krs_nasional", .text), .init("flags", .text), .init("rule_version", .text),
    ]
    public static let successionColumns: [ResultTable.Column] = [
        .init("position_code", .code), .init("rank", .integer), .init("nip", .code),
        .init("nilai_talenta", .decimal(places: 2)), .init("readiness", .text), .init("gaps", .text),
        .init("flags", .text),
    ]
    public static let rejectedColumns: [ResultTable.Column] = [
        .init("file", .text), .init("line", .integer), .init("nip", .code), .init("reason", .text),
    ]
    public static let indicatorsColumns: [ResultTable.Column] = [
        .init("nip", .code), .init("axis", .text), .init("indicator", .text), .init("score", .decimal(places: 2)),
        .init("weight", .integer), .init("weighted", .decimal(places: 4)),
    ]
    public static var placementsHeader: [String] { placementsColumns.map(\.name) }
    public static var successionHeader: [String] { successionColumns.map(\.name) }
    public static var rejectedHeader: [String] { rejectedColumns.map(\.name) }
    public static var indicatorsHeader: [String] { indicatorsColumns.map(\.name) }

    /// The result files of a review, in the order they are written: placements, succession, rejected, indicators.
    public static func tables(_ result: ReviewResult) -> [ResultTable] {
        [
            ResultTable(name: "placements", columns: placementsColumns, rows: placementRows(result.placements)),
            ResultTable(name: "succession", columns: successionColumns, rows: successionRows(result.plans)),
            ResultTable(name: "rejected", columns: rejectedColumns, rows: rejectedRows(result.rejections)),
            ResultTable(name: "indicators", columns: indicatorsColumns, rows: indicatorRows(result.placements)),
        ]
    }

    /// One row per placement, in the order given (the engine gives NIP order).
    public static func placementRows(_ placements: [Placement]) -> [[String]] {
        placements.map { p in
            [p.nip, String(p.year), p.status.rawValue, p.reason?.rawValue ?? "", p.targetLevel.rawValue,
             p.kinerjaScore?.description ?? "", p.kinerjaLevel?.rawValue ?? "", p.potensiScore.description,
             p.potensiLevel.rawValue, p.box?.description ?? "", list(p.recommendations.map(\.rawValue)),
             p.isPoolMember ? "KRS_INSTANSI" : "", list(p.poolBlockers.map(\.rawValue)), p.krsNasional ? "true" : "false",
             list(p.flags.map(\.rawValue)), p.ruleVersion]
        }
    }

    /// One row per kept candidate, by position code then rank; a plan with no candidate gives one row with empty
    /// rank, nip, nilai, readiness and gaps and the flag NO_SUCCESSOR.
    public static func successionRows(_ plans: [SuccessionPlan]) -> [[String]] {
        plans.sorted { $0.target.positionCode < $1.target.positionCode }.flatMap { plan -> [[String]] in
            let flags = list(plan.flags.map(\.rawValue))
            guard !plan.candidates.isEmpty else { return [[plan.target.positionCode, "", "", "", "", "", flags]] }
            return plan.candidates.map { c in
                [plan.target.positionCode, String(c.rank), c.nip, c.nilaiTalenta.description, c.readiness.rawValue,
                 list(c.gaps.map(\.rawValue)), flags]
            }
        }
    }

    /// One row per rejection, in the order given (the validator gives file then line).
    public static func rejectedRows(_ rejections: [Rejection]) -> [[String]] {
        rejections.map { [$0.file.rawValue, String($0.line), $0.nip, $0.reason.rawValue] }
    }

    /// The indicator rows of every placement, in the order given (the engine gives NIP order): KINERJA then POTENSI,
    /// each in the rule set's order; score and weighted empty when the employee has no value for the indicator.
    public static func indicatorRows(_ placements: [Placement]) -> [[String]] {
        placements.flatMap { p in
            p.indicators.map { row in
                [p.nip, row.axis.rawValue, row.indicator, row.score?.description ?? "", row.weight.percentDescription,
                 row.weighted?.description ?? ""]
            }
        }
    }

    /// Writes every table of ``tables(_:)`` into `folder` (which must exist), each atomically.
    /// - Parameters:
    ///   - format: `.csv` for the §11 files (placements.csv …), `.xlsx` for one workbook per file (placements.xlsx …).
    /// - Returns: the files written, in order.
    /// - Throws: `TableWriteError` for a table the format cannot hold; the file system's error when a file cannot be
    ///   written.
    @discardableResult
    public static func write(_ result: ReviewResult, to folder: URL, format: TableFormat = .csv) throws -> [URL] {
        try tables(result).map { try $0.write(in: folder, format: format) }
    }

    private static func list(_ values: [String]) -> String { values.joined(separator: ";") }
}

/// A §11 input folder read and validated into memory, through the same streaming path an import takes.
public struct ValidatedFolder: Sendable {
    /// The accepted organisation and employees with their rows, and the rejections.
    public var input: ValidatedInput
    /// Rows per file and the absent optional files.
    public var summary: ValidationSummary
    /// Files that are not §11 input files (skipped).
    public var unknownFiles: [String]
    /// Optional columns the files left out (empty on every row).
    public var missingColumns: [(file: InputFile, columns: [String])]

    /// Reads and validates `folder` (`InputFolderReader` through `ValidationRun` into a `ValidatedInputBuilder`).
    /// - Throws: `InterchangeError` when the folder cannot be read or a file is malformed.
    public static func read(_ folder: URL, referenceDate: CivilDate) throws(InterchangeError) -> ValidatedFolder {
        var reader = try InputFolderReader(folder: folder)
        var builder = ValidatedInputBuilder()
        let summary: ValidationSummary
        do {
            summary = try ValidationRun.run(&reader, referenceDate: referenceDate, into: &builder)
        } catch let error as InterchangeError {
            throw error
        } catch {
            preconditionFailure("the reader throws InterchangeError and the builder nothing: \(error)")
        }
        return ValidatedFolder(input: builder.input, summary: summary, unknownFiles: reader.unknownFiles,
                               missingColumns: reader.missingColumns)
    }
}

/// A review of an input folder, end to end in memory: read, validate, place, plan, and optionally write.
public enum FolderReview {
    /// - Parameters:
    ///   - input: the §11 input folder.
    ///   - output: where to write the result files, nil to only return them.
    ///   - format: the result files' format (CSV by default).
    ///   - context: Y and D.
    ///   - rules: the rule set.
    /// - Returns: the results and the unknown files that were skipped.
    /// - Throws: `InterchangeError` when the folder cannot be read, `EngineError` when the rule set does not fit the
    ///   positions, or the file system's error when writing.
    public static func run(input: URL, output: URL?, format: TableFormat = .csv, context: ReviewContext,
                           rules: RuleSet = .default) throws -> (result: ReviewResult, unknownFiles: [String]) {
        let folder = try ValidatedFolder.read(input, referenceDate: context.referenceDate)
        let placements = try Review.place(folder.input, context: context, rules: rules)
        let plans = Review.plan(folder.input, placements: placements, context: context, rules: rules)
        let result = ReviewResult(placements: placements, plans: plans, rejections: folder.input.rejections)
        if let output { try ResultFiles.write(result, to: output, format: format) }
        return (result, folder.unknownFiles)
    }
}
