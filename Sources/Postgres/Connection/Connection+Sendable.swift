/// Invariant: a `Connection` is used by one thread at a time. Its owner (a worker's own thread, or a
/// `ConnectionPool` borrow, which hands it to one body at a time) serialises every call; libpq itself allows a
/// `PGconn` on any thread as long as calls never overlap. The only cross-thread operation is cancelling, which goes
/// through a separate `CancelHandle`.
extension Connection: @unchecked Sendable {}
