import Postgres
public import Talent

/// The shrink guard of `talenta import` (issue 14): a history file must not delete much of what is stored, so that a
/// nightly sync truncated by accident fails loudly instead of emptying histories.
///
/// For each history file in the import, over the imported employees that already have rows of its kind: the rows
/// that would go are Σ max(0, stored − kept) per employee (kept = the file's valid rows for that employee). The file
/// is refused when they are more than `maxShrinkPercent` of the stored rows, or when an employee who has rows in the
/// file (all of them invalid) would be left with none of a kind they had. An employee with no row in the file at all
/// counts only toward the share. A file that leaves out an optional column (education.csv without `field_fit`) would
/// clear the stored values of that column for the imported employees (DOMAIN.md §11: the column counts as empty):
/// that is refused too, with the count, when any stored value would go. `allowShrink` lets an intended shrink
/// through. [default: 20%, issue 14]
public struct ShrinkGuard: Sendable {
    /// The largest share of stored rows a file may delete, in percent (0 … 100). Default 20.
    public var maxShrinkPercent: Double
    /// Let every shrink through.
    public var allowShrink: Bool

    public init(maxShrinkPercent: Double = 20, allowShrink: Bool = false) {
        self.maxShrinkPercent = maxShrinkPercent
        self.allowShrink = allowShrink
    }

    /// What a file would do to its kind of stored rows.
    public struct Shrink: Hashable, Sendable {
        public var file: InputFile
        /// Imported employees that have stored rows of the kind.
        public var employees: Int
        /// Their stored rows.
        public var stored: Int
        /// The rows the import would leave them fewer of.
        public var lost: Int
        /// Employees with rows in the file, all invalid, who would be left with none.
        public var emptied: Int
        /// Up to 5 of their NIPs.
        public var emptiedExamples: [String]

        /// `lost` as a share of `stored`, in percent.
        public var percent: Double { stored == 0 ? 0 : Double(lost) * 100 / Double(stored) }
    }

    /// An optional column a file left out, and how many stored rows of the imported employees hold a value in it
    /// (the import replaces them with rows without one).
    public struct ClearedColumn: Hashable, Sendable {
        public var file: InputFile
        public var column: String
        public var storedValuesCleared: Int
    }

    /// Measures every staged history file against the stored rows, and every optional column the files left out
    /// against the stored values it would clear.
    /// - Returns: the optional columns left out, each with the stored values it clears (for the import's report).
    /// - Throws: `ShrinkRefusal` when a file or a left-out column breaks the guard (never when `allowShrink`);
    ///   `PostgresError`.
    func check(_ files: [InputFile], missingColumns: [(file: InputFile, columns: [String])],
               on connection: Connection) throws -> [ClearedColumn] {
        let cleared = try clearedColumns(missingColumns, on: connection)
        guard !allowShrink else { return cleared }
        let shrinks = try shrinks(files, on: connection)
        let clearing = cleared.filter { $0.storedValuesCleared > 0 }
        guard shrinks.isEmpty && clearing.isEmpty else {
            throw ShrinkRefusal(shrinks: shrinks, maxShrinkPercent: maxShrinkPercent, clearedColumns: clearing)
        }
        return cleared
    }

    /// The history files that break the guard.
    private func shrinks(_ files: [InputFile], on connection: Connection) throws -> [Shrink] {
        var broken: [Shrink] = []
        for file in files {
            guard let table = HistoryTable.of(file) else { continue }
            let any = try connection.execute("SELECT EXISTS (SELECT 1 FROM \(table.table)) AS any",
                                             name: "hr.guard_any").rows[0].decode("any", as: Bool.self)
            guard any else { continue }
            let row = try connection.execute("""
                WITH covered AS (
                    SELECT e.id, e.nip FROM \(EmployeeTable.stagingTable) s JOIN hr.employee e ON e.nip = s.nip
                     WHERE s.reason IS NULL),
                stored AS (
                    SELECT c.nip, count(*) AS n FROM \(table.table) h JOIN covered c ON c.id = h.employee_id
                     GROUP BY c.nip),
                incoming AS (
                    SELECT nip, count(*) FILTER (WHERE problem IS NULL) AS kept, count(*) AS rows
                      FROM \(table.stagingTable) WHERE reason IS NULL GROUP BY nip)
                SELECT count(*) AS employees, coalesce(sum(s.n), 0)::bigint AS stored,
                       coalesce(sum(greatest(s.n - coalesce(i.kept, 0), 0)), 0)::bigint AS lost,
                       count(*) FILTER (WHERE coalesce(i.kept, 0) = 0 AND i.rows > 0) AS emptied,
                       coalesce((array_agg(s.nip ORDER BY s.nip)
                                 FILTER (WHERE coalesce(i.kept, 0) = 0 AND i.rows > 0))[1:5], '{}') AS examples
                  FROM stored s LEFT JOIN incoming i ON i.nip = s.nip
                """, name: "hr.guard_shrink").rows[0]
            let shrink = Shrink(file: file, employees: try row.decode("employees", as: Int.self),
                                stored: try row.decode("stored", as: Int.self), lost: try row.decode("lost", as: Int.self),
                                emptied: try row.decode("emptied", as: Int.self),
                                emptiedExamples: try row.decode("examples", as: [String].self))
            if shrink.percent > maxShrinkPercent || shrink.emptied > 0 { broken.append(shrink) }
        }
        return broken
    }

    /// For each optional column a file left out that its `hr` table stores: how many stored rows of the imported
    /// employees hold a value there (the import replaces them with rows without one).
    private func clearedColumns(_ missing: [(file: InputFile, columns: [String])],
                                on connection: Connection) throws -> [ClearedColumn] {
        var result: [ClearedColumn] = []
        for (file, columns) in missing {
            for column in columns {
                guard let table = HistoryTable.of(file), table.columns.contains(column) else {
                    result.append(ClearedColumn(file: file, column: column, storedValuesCleared: 0))
                    continue
                }
                let count = try connection.execute("""
                    SELECT count(*) AS n FROM \(table.table) h
                      JOIN hr.employee e ON e.id = h.employee_id
                      JOIN \(EmployeeTable.stagingTable) s ON s.nip = e.nip AND s.reason IS NULL
                     WHERE h.\(column) IS NOT NULL
                    """, name: "hr.cleared_values").rows[0].decode("n", as: Int.self)
                result.append(ClearedColumn(file: file, column: column, storedValuesCleared: count))
            }
        }
        return result
    }

}

/// An import refused by the shrink guard: nothing was changed.
public struct ShrinkRefusal: Error, Sendable, CustomStringConvertible {
    public var shrinks: [ShrinkGuard.Shrink]
    public var maxShrinkPercent: Double
    /// Optional columns left out of a file whose stored values the import would clear.
    public var clearedColumns: [ShrinkGuard.ClearedColumn] = []

    public var description: String {
        var lines = ["the import would shrink stored history beyond the guard (nothing was changed):"]
        for s in shrinks {
            var line = "  \(s.file.rawValue): would delete \(s.lost) of the \(s.stored) stored rows of the \(s.employees) "
                + "imported employees that have such rows (\(Self.percent(s.percent))%, more than --max-shrink "
                + "\(Self.percent(maxShrinkPercent))%)"
            if s.percent <= maxShrinkPercent {
                line = "  \(s.file.rawValue): would delete \(s.lost) of the \(s.stored) stored rows of the \(s.employees) "
                    + "imported employees that have such rows (\(Self.percent(s.percent))%)"
            }
            if s.emptied > 0 {
                line += "; it would leave \(s.emptied) employee(s) with no row of this kind although the file has rows "
                    + "for them, all invalid (NIP \(s.emptiedExamples.joined(separator: ", "))"
                    + (s.emptied > s.emptiedExamples.count ? ", …" : "") + ")"
            }
            lines.append(line)
        }
        for c in clearedColumns {
            lines.append("  \(c.file.rawValue): has no column \(c.column), so the import would clear it on \(c.storedValuesCleared) "
                         + "stored rows of the imported employees (an older export without the column?)")
        }
        lines.append("If the shrink is intended, run the import again with --allow-shrink (or a larger --max-shrink).")
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10))
            : String(Int(tenths) / 10) + "." + String(Int(tenths) % 10)
    }
}
