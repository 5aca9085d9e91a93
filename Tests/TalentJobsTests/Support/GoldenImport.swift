import Foundation
import Interchange
import Postgres
import Talent
import TalentStore

/// Imports a §11 folder in-process, the way `talenta import` does (read, validate, apply in one transaction).
enum FolderImport {
    @discardableResult
    static func run(_ folder: URL, referenceDate: CivilDate = CivilDate(year: 2026, month: 3, day: 31)!,
                    on connection: Connection) throws -> ImportWriter.Outcome {
        let read = try InputFolderReader.read(folder: folder)
        var counts: [InputFile: Int] = [:]
        for record in read.records { counts[record.file, default: 0] += 1 }
        return try ImportWriter.apply(Validator.validate(read.records, referenceDate: referenceDate),
                                      source: folder.path, referenceDate: referenceDate, rowsRead: counts,
                                      unknownFiles: read.unknownFiles, absentFiles: read.absentFiles,
                                      on: connection)
    }
}
