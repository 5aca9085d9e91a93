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
        var reader = try InputFolderReader(folder: folder)
        return try ImportWriter.run(&reader, source: folder.path, referenceDate: referenceDate,
                                    unknownFiles: reader.unknownFiles, guard: ShrinkGuard(), on: connection)
    }
}
