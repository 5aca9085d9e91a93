import Foundation
public import Postgres

/// Enqueues jobs from Swift by calling the SQL functions `queue.enqueue` and `queue.enqueue_many` (so Swift and
/// other systems share one set of rules: validation, job keys, the wake-up notification).
///
/// Call these inside your own transaction (`connection.withTransaction`) when the job must exist only if your other
/// writes commit. Thread safety: uses `connection` on the calling thread only.
public enum Enqueuer {
    static let enqueueOneSQL = """
        SELECT queue.enqueue($1, $2::jsonb, $3, coalesce($4::timestamptz, now()), $5::integer, $6::integer, $7) AS id
        """

    /// One `queue.enqueue_many` call per group of requests that share kind and options, all in one statement.
    static let enqueueManySQL = """
        SELECT g.n, queue.enqueue_many(
                   g.kind, g.payloads::jsonb[], g.queue, coalesce(to_timestamp(g.run_at), now()), g.priority,
                   g.max_attempts, g.job_keys) AS ids
        FROM jsonb_to_recordset($1::jsonb) AS g(
                 n integer, kind text, payloads text[], queue text, run_at double precision, priority integer,
                 max_attempts integer, job_keys text[])
        ORDER BY g.n
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

    /// Enqueues many jobs with one statement (one round trip; one INSERT and one notification per group of
    /// requests with the same kind, queue, run_at, priority and max_attempts, through `queue.enqueue_many`).
    /// - Returns: the ids in the order of `requests` (an existing job's id where a job key matches a pending job of
    ///   the same kind, or an earlier request of the batch).
    /// - Throws: `PostgresError` from `queue.enqueue_many` (codes as ``enqueue(_:_:options:on:)``); one invalid
    ///   request fails the whole statement, so none of them is enqueued.
    @discardableResult
    public static func enqueueMany(_ requests: [JobRequest], on connection: Connection) throws -> [Int64] {
        guard !requests.isEmpty else { return [] }
        let groups = BatchGroup.grouping(requests)
        let batch = try JSONEncoder().encode(groups)
        let result = try connection.execute(
            enqueueManySQL, [String(decoding: batch, as: UTF8.self)], name: "queue.enqueue_many")
        guard result.rows.count == groups.count else {
            throw JobQueueError.unexpectedResult(statement: "queue.enqueue_many")
        }
        var ids = [Int64](repeating: 0, count: requests.count)
        for row in result.rows {
            let group = groups[try row.decode("n", as: Int.self)]
            let groupIDs = try row.decode("ids", as: [Int64].self)
            guard groupIDs.count == group.positions.count else {
                throw JobQueueError.unexpectedResult(statement: "queue.enqueue_many")
            }
            for (position, id) in zip(group.positions, groupIDs) { ids[position] = id }
        }
        return ids
    }
}

/// One `queue.enqueue_many` call of `enqueueMany`'s statement: requests with the same kind and options, their
/// payloads as JSON text, run_at as Unix seconds, and where each one sits in the caller's array.
private struct BatchGroup: Encodable {
    struct Options: Hashable {
        let kind: String
        let queue: String
        let runAt: Double?
        let priority: Int
        let maxAttempts: Int
    }

    let n: Int
    let options: Options
    var payloads: [String] = []
    var jobKeys: [String?] = []
    var positions: [Int] = []

    enum CodingKeys: String, CodingKey {
        case n, kind, payloads, queue, priority
        case runAt = "run_at"
        case maxAttempts = "max_attempts"
        case jobKeys = "job_keys"
    }

    /// Groups `requests` by kind and options, in order of first appearance.
    static func grouping(_ requests: [JobRequest]) -> [BatchGroup] {
        var groups: [BatchGroup] = []
        var index: [Options: Int] = [:]
        for (position, request) in requests.enumerated() {
            let options = Options(
                kind: request.kindName, queue: request.options.queue,
                runAt: request.options.runAt?.timeIntervalSince1970, priority: request.options.priority,
                maxAttempts: request.options.maxAttempts)
            let slot = index[options] ?? {
                groups.append(BatchGroup(n: groups.count, options: options))
                index[options] = groups.count - 1
                return groups.count - 1
            }()
            groups[slot].payloads.append(String(decoding: request.payloadJSON, as: UTF8.self))
            groups[slot].jobKeys.append(request.options.jobKey)
            groups[slot].positions.append(position)
        }
        return groups
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(n, forKey: .n)
        try container.encode(options.kind, forKey: .kind)
        try container.encode(options.queue, forKey: .queue)
        try container.encode(options.runAt, forKey: .runAt)
        try container.encode(options.priority, forKey: .priority)
        try container.encode(options.maxAttempts, forKey: .maxAttempts)
        try container.encode(payloads, forKey: .payloads)
        // No key at all: NULL, so queue.enqueue_many takes its keyless path.
        if jobKeys.contains(where: { $0 != nil }) { try container.encode(jobKeys, forKey: .jobKeys) }
    }
}
