public import Talent

/// Rows per input file of one import: read, rejected (reported in rejected.csv) and, for history files, left out as
/// invalid on an accepted employee (flagged INVALID_… on the placement).
public struct FileCounts: Hashable, Codable, Sendable {
    public var read: Int
    public var rejected: Int
    public var invalid: Int

    public init(read: Int, rejected: Int, invalid: Int) {
        self.read = read
        self.rejected = rejected
        self.invalid = invalid
    }

    /// Rows stored as they are: read − rejected − invalid.
    public var stored: Int { read - rejected - invalid }

    /// The counts of every file of §11, in §11 order.
    /// - Parameters:
    ///   - read: data rows read per file (a missing file counts 0).
    ///   - input: the validator's outcome.
    public static func of(read: [InputFile: Int], input: ValidatedInput) -> [(file: InputFile, counts: FileCounts)] {
        var rejected: [InputFile: Int] = [:]
        for rejection in input.rejections { rejected[rejection.file, default: 0] += 1 }
        var invalid: [InputFile: Int] = [:]
        for employee in input.employees {
            for row in employee.invalidRows {
                invalid[InputFile.holding(row.kind), default: 0] += 1
            }
        }
        return InputFile.allCases.map { file in
            (file, FileCounts(read: read[file] ?? 0, rejected: rejected[file] ?? 0, invalid: invalid[file] ?? 0))
        }
    }
}
