public import Postgres

/// The database's registry of job kinds (`queue.kind`, sql/0018): the kinds that `queue.enqueue`,
/// `queue.enqueue_many` and `queue.add_schedule` accept. A kind is registered by the migration that introduces it,
/// or by a worker that runs it: ``WorkerPool`` registers every kind of its ``JobRegistry`` at its first heartbeat.
/// Any other kind is refused at enqueue with SQLSTATE 22023 and the list of known kinds.
public enum KindCatalog {
    /// Registers `names` (`queue.register_kinds`); kinds already known stay as they are.
    /// - Parameters:
    ///   - names: kind names (the ``JobKind`` naming rule).
    ///   - registeredBy: who registers them (a worker id, or a migration's file name), at most 255 characters.
    /// - Returns: how many kinds were new.
    /// - Throws: `PostgresError` 22023 for a malformed name; 42501 for a role other than the owner and
    ///   `talenta_worker`.
    @discardableResult
    public static func register(_ names: [String], registeredBy: String, on connection: Connection) throws -> Int {
        let row = try connection.execute(
            "SELECT queue.register_kinds($1::text[], $2) AS added", [names, registeredBy], name: "queue.register_kinds"
        ).rows.first
        return try row?.decode("added", as: Int.self) ?? 0
    }
}
