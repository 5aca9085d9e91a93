public import Foundation

/// Numbered, forward-only migrations: files `NNNN_name.sql` in one directory, applied in version order, each once,
/// each in its own transaction, recorded in `public.schema_migrations(version, file_name, checksum, applied_at)`
/// with the file's sha256 (hex, computed by the server's `sha256()`, so no crypto dependency).
///
/// Concurrent migrators (two processes starting at once) are serialised with `pg_advisory_xact_lock` taken in
/// every migration transaction. A missing or empty directory has nothing to apply. A file must not contain its own
/// BEGIN/COMMIT, nor statements that cannot run in a transaction (e.g. `CREATE INDEX CONCURRENTLY`). Versions recorded
/// in the database but absent from the directory (a newer deployment) are left alone.
public struct Migrator: Sendable {
    public let directory: URL

    /// - Parameter directory: the folder holding the `NNNN_name.sql` files (other files are ignored).
    public init(directory: URL) { self.directory = directory }

    /// The file names not yet applied, in the order `migrate` would apply them.
    /// - Throws: `MigrationError` for a badly named, unreadable or changed-after-applying file; `PostgresError`.
    public func pending(on connection: Connection) throws -> [String] {
        let files = try MigrationFile.all(in: directory)
        let exists = try connection.execute(
            "SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present", name: "migrate.exists")
        guard try exists.rows.first?.decode("present", as: Bool.self) == true else { return files.map(\.fileName) }
        let recorded = try Self.recorded(on: connection)
        return try files.filter { file in try !Self.isApplied(file, recorded: recorded, on: connection) }.map(\.fileName)
    }

    /// Applies every pending file in version order, each in its own transaction.
    /// - Returns: the file names applied, in order (empty when up to date).
    /// - Throws: `MigrationError` naming the file (changed after applying, renamed, bad name, unreadable, failed);
    ///   files before it stay applied, it and later ones are not.
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [String] {
        let files = try MigrationFile.all(in: directory)
        var applied = [String]()
        while true {
            let next: String? = try connection.withTransaction { connection in
                try connection.execute("SELECT pg_advisory_xact_lock($1)", [Self.lockKey], name: "migrate.lock")
                try connection.executeScript(Self.createTable, name: "migrate.create_table")
                let recorded = try Self.recorded(on: connection)
                for file in files where try !Self.isApplied(file, recorded: recorded, on: connection) {
                    do {
                        try connection.executeScript(file.sql, name: file.fileName)
                    } catch let error as PostgresError {
                        throw MigrationError(kind: .failed, fileName: file.fileName, underlying: error)
                    }
                    try connection.execute(
                        """
                        INSERT INTO public.schema_migrations (version, file_name, checksum)
                        VALUES ($1, $2, encode(sha256(convert_to($3, 'UTF8')), 'hex'))
                        """,
                        [file.version, file.fileName, file.sql], name: "migrate.record")
                    return file.fileName
                }
                return nil
            }
            guard let next else { return applied }
            applied.append(next)
        }
    }

    /// Key of the advisory lock that serialises migrators ("talenta" in ASCII).
    private static let lockKey: Int64 = 0x74_61_6C_65_6E_74_61

    private static let createTable = """
        CREATE TABLE IF NOT EXISTS public.schema_migrations (
            version    integer     PRIMARY KEY,
            file_name  text        NOT NULL UNIQUE,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        );
        COMMENT ON TABLE public.schema_migrations IS
            'One row per applied sql/NNNN_name.sql migration: its version, file name and sha256 (hex) of its text.'
        """

    private struct Record {
        let fileName: String
        let checksum: String
    }

    private static func recorded(on connection: Connection) throws -> [Int: Record] {
        let result = try connection.execute(
            "SELECT version, file_name, checksum FROM public.schema_migrations", name: "migrate.recorded")
        var records = [Int: Record]()
        for row in result.rows {
            records[try row.decode("version")] = Record(
                fileName: try row.decode("file_name"), checksum: try row.decode("checksum"))
        }
        return records
    }

    /// Whether `file` is recorded; throws when it is recorded under another name or with another checksum.
    private static func isApplied(_ file: MigrationFile, recorded: [Int: Record], on connection: Connection) throws
        -> Bool
    {
        guard let record = recorded[file.version] else { return false }
        guard record.fileName == file.fileName else {
            throw MigrationError(kind: .renamed, fileName: file.fileName, underlying: nil)
        }
        let checksum = try connection.execute(
            "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS checksum", [file.sql], name: "migrate.checksum")
        guard try checksum.rows.first?.decode("checksum", as: String.self) == record.checksum else {
            throw MigrationError(kind: .checksumMismatch, fileName: file.fileName, underlying: nil)
        }
        return true
    }
}

/// One `NNNN_name.sql` file: its version number, name and text.
struct MigrationFile: Sendable {
    let version: Int
    let fileName: String
    let sql: String

    /// The directory's migration files in version order; none when the directory is missing.
    /// - Throws: `MigrationError` `.badFileName` or `.unreadable`.
    static func all(in directory: URL) throws -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            return []
        }
        var files = [MigrationFile]()
        for name in names.sorted() where name.hasSuffix(".sql") {
            let digits = name.prefix { $0.isASCII && $0.isNumber }
            guard digits.count >= 4, name.dropFirst(digits.count).first == "_", name.count > digits.count + 5,
                let version = Int(digits)
            else { throw MigrationError(kind: .badFileName, fileName: name, underlying: nil) }
            guard !files.contains(where: { $0.version == version }) else {
                throw MigrationError(kind: .badFileName, fileName: name, underlying: nil)
            }
            guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path),
                let sql = String(data: data, encoding: .utf8)
            else { throw MigrationError(kind: .unreadable, fileName: name, underlying: nil) }
            files.append(MigrationFile(version: version, fileName: name, sql: sql))
        }
        return files.sorted { $0.version < $1.version }
    }
}
