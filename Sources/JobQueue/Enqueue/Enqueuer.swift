import Foundation
public import Postgres

/// Enqueues jobs from Swift by calling the SQL function `queue.enqueue` (so Swift and other systems share one set
/// of rules: validation, job keys, the wake-up notification).
///
/// Call these inside your own transaction (`connection.withTransaction`) when the job must exist only if your other
/// writes commit. Thread safety: uses `connection` on the calling thread only.
public enum Enqueuer {
    static let enqueueOneSQL = """
        SELECT queue.enqueue($1, $2::jsonb, $3, coalesce($4::timestamptz, now()), $5::integer, $6::integer, $7) AS id
        """

    static let enqueueManySQL = """
        SELECT t.ord, queue.enqueue(
                   t.e->>'kind', (t.e->>'payload')::jsonb, t.e->>'queue',
                   coalesce(to_timestamp((t.e->>'run_at')::double precision), now()),
                   (t.e->>'priority')::integer, (t.e->>'max_attempts')::integer, t.e->>'job_key') AS id
        FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
        ORDER BY t.ord
        """

    /// Enqueues one typed job.
    /// - Returns: the job's id (an existing job's id when `options.jobKey` matches a pending job).
    /// - Throws: `EncodingError` when the payload does not encode; `PostgresError` from `queue.enqueue`
    ///   (SQLSTATE 22004 for a missing value, 22023 for an invalid name, priority, attempt count or key,
    ///   54000 for a payload over 1 MiB).
    @discardableResult
    public static func enqueue<Payload>(
        _ kind: JobKind<Payload>, _ payload: Payload, options: EnqueueOptions = EnqueueOptions(),
        on connection: Connection
    ) throws -> Int64 {
        try enqueue(JobRequest(kind, payload, options: options), on: connection)
    }

    /// Enqueues one job from a request (typed or raw JSON).
    /// - Returns: the job's id (an existing job's id when the job key matches a pending job).
    /// - Throws: `PostgresError` from `queue.enqueue` (see ``enqueue(_:_:options:on:)``), or 22P02 when the
    ///   payload is not valid JSON.
    @discardableResult
    public static func enqueue(_ request: JobRequest, on connection: Connection) throws -> Int64 {
        let options = request.options
        let result = try connection.execute(enqueueOneSQL, [
            request.kindName,
            String(decoding: request.payloadJSON, as: UTF8.self),
            options.queue,
            options.runAt,
            options.priority,
            options.maxAttempts,
            options.jobKey,
        ], name: "queue.enqueue")
        guard let row = result.rows.first else {
            throw JobQueueError.unexpectedResult(statement: "queue.enqueue")
        }
        return try row.decode("id", as: Int64.self)
    }

    /// Enqueues many jobs with one statement (one round trip, one notification per queue).
    /// - Returns: the ids in the order of `requests`.
    /// - Throws: `EncodingError`, or `PostgresError` from `queue.enqueue`; one invalid request fails the whole
    ///   statement, so none of them is enqueued.
    /// - Complexity: one statement; the batch travels as one JSON parameter.
    @discardableResult
    public static func enqueueMany(_ requests: [JobRequest], on connection: Connection) throws -> [Int64] {
        guard !requests.isEmpty else { return [] }
        let batch = try JSONEncoder().encode(requests.map(BatchEntry.init))
        let result = try connection.execute(
            enqueueManySQL, [String(decoding: batch, as: UTF8.self)], name: "queue.enqueue_many")
        var ids = [Int64](repeating: 0, count: requests.count)
        for row in result.rows {
            let ordinal = try row.decode("ord", as: Int.self)
            ids[ordinal - 1] = try row.decode("id", as: Int64.self)
        }
        guard result.rows.count == requests.count else {
            throw JobQueueError.unexpectedResult(statement: "queue.enqueue_many")
        }
        return ids
    }
}

/// One element of the JSON batch `enqueueMany` sends: the payload as JSON text, run_at as Unix seconds.
private struct BatchEntry: Encodable {
    let kind: String
    let payload: String
    let queue: String
    let runAt: Double?
    let priority: Int
    let maxAttempts: Int
    let jobKey: String?

    enum CodingKeys: String, CodingKey {
        case kind, payload, queue, priority
        case runAt = "run_at"
        case maxAttempts = "max_attempts"
        case jobKey = "job_key"
    }

    init(_ request: JobRequest) {
        kind = request.kindName
        payload = String(decoding: request.payloadJSON, as: UTF8.self)
        queue = request.options.queue
        runAt = request.options.runAt?.timeIntervalSince1970
        priority = request.options.priority
        maxAttempts = request.options.maxAttempts
        jobKey = request.options.jobKey
    }
}
