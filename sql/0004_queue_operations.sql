-- 0004_queue_operations.sql: queue reliability and the operator's view (schema `queue`).
--
-- Adds the worker registry (queue.worker), pausable queues (queue.queue), the wake-up trigger (one NOTIFY per
-- INSERT statement instead of one per queue.enqueue call), the lease rescuer any worker may run, the operator
-- functions cancel, retry, pause, resume and prune, and the monitoring views. Forward-only: 0001 stays as applied;
-- queue.enqueue is replaced here only to drop its own NOTIFY, which the trigger now sends.

-- ---------------------------------------------------------------------------------------------------------------
-- Worker registry
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE queue.worker (
    id            text             PRIMARY KEY,
    host          text             NOT NULL,
    pid           integer          NOT NULL,
    version       text             NOT NULL,
    concurrency   integer          NOT NULL,
    queues        text[]           NOT NULL,
    lease_seconds double precision NOT NULL,
    started_at    timestamptz      NOT NULL DEFAULT now(),
    last_seen_at  timestamptz      NOT NULL DEFAULT now(),
    stopped_at    timestamptz,

    CONSTRAINT worker_id_length CHECK (length(id) BETWEEN 1 AND 255),
    CONSTRAINT worker_pid_positive CHECK (pid > 0),
    CONSTRAINT worker_concurrency_positive CHECK (concurrency >= 1),
    CONSTRAINT worker_lease_positive CHECK (lease_seconds > 0)
);
COMMENT ON TABLE queue.worker IS
    'One row per talenta worker process start. The worker inserts it at start, sets last_seen_at at every heartbeat '
    '(every lease_seconds / 3) and stopped_at when it stops gracefully. A row whose last_seen_at is older than '
    'lease_seconds without stopped_at belongs to a dead worker (see queue.worker_status).';
COMMENT ON COLUMN queue.worker.id IS
    'Worker id, unique per process start: host:pid:random (the value of queue.job.locked_by for its jobs).';
COMMENT ON COLUMN queue.worker.host IS 'Host name the worker runs on.';
COMMENT ON COLUMN queue.worker.pid IS 'Operating-system process id of the worker on its host.';
COMMENT ON COLUMN queue.worker.version IS 'Version of the talenta executable the worker runs.';
COMMENT ON COLUMN queue.worker.concurrency IS 'Jobs the worker runs at once (its slots).';
COMMENT ON COLUMN queue.worker.queues IS 'Named queues the worker claims from.';
COMMENT ON COLUMN queue.worker.lease_seconds IS
    'Lease length of the worker''s claims in seconds; it heartbeats every lease_seconds / 3.';
COMMENT ON COLUMN queue.worker.started_at IS 'Time the worker process registered.';
COMMENT ON COLUMN queue.worker.last_seen_at IS 'Time of the worker''s latest heartbeat.';
COMMENT ON COLUMN queue.worker.stopped_at IS 'Time the worker stopped gracefully; NULL while running (or after a crash).';

-- ---------------------------------------------------------------------------------------------------------------
-- Pausable queues
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE queue.queue (
    name       text        PRIMARY KEY,
    paused_at  timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now(),

    CONSTRAINT queue_name_format CHECK (
        length(name) BETWEEN 1 AND 64 AND name ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$')
);
COMMENT ON TABLE queue.queue IS
    'Operator settings per named queue. A queue without a row is running. Change it with queue.pause / queue.resume.';
COMMENT ON COLUMN queue.queue.name IS 'Queue name, as in queue.job.queue.';
COMMENT ON COLUMN queue.queue.paused_at IS
    'Time the queue was paused; while set, workers claim nothing from it (running jobs finish). NULL: running.';
COMMENT ON COLUMN queue.queue.updated_at IS 'Time of the latest pause or resume.';

-- ---------------------------------------------------------------------------------------------------------------
-- Indexes for pruning, throughput and failures
-- ---------------------------------------------------------------------------------------------------------------

CREATE INDEX job_finished_idx ON queue.job (finished_at) WHERE state IN ('completed', 'discarded', 'cancelled');
COMMENT ON INDEX queue.job_finished_idx IS
    'Finished jobs by finish time: serves queue.prune and the throughput view.';

CREATE INDEX job_failed_idx ON queue.job (id) WHERE last_error IS NOT NULL;
COMMENT ON INDEX queue.job_failed_idx IS 'Jobs with at least one failed attempt: serves queue.recent_failures.';

-- ---------------------------------------------------------------------------------------------------------------
-- Wake-up: one NOTIFY per INSERT statement
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION queue.notify_inserted() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    -- One notification per queue that received a job due now; the payload is only the queue name.
    PERFORM pg_notify('talenta_jobs', due.queue)
    FROM (SELECT DISTINCT i.queue FROM inserted AS i
          WHERE i.state IN ('available', 'retryable') AND i.run_at <= now()) AS due;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION queue.notify_inserted() IS
    'Statement-level AFTER INSERT trigger function on queue.job: sends NOTIFY talenta_jobs with the queue name, '
    'once per statement and queue, when the statement inserted jobs that are due now.';

CREATE TRIGGER job_notify_inserted
    AFTER INSERT ON queue.job
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION queue.notify_inserted();
COMMENT ON TRIGGER job_notify_inserted ON queue.job IS
    'Wakes listening workers: one NOTIFY talenta_jobs per INSERT statement and queue (payload: the queue name).';

-- queue.enqueue as in 0001, without its own pg_notify (the trigger above sends it).
CREATE OR REPLACE FUNCTION queue.enqueue(
    kind         text,
    payload      jsonb,
    queue        text        DEFAULT 'default',
    run_at       timestamptz DEFAULT now(),
    priority     integer     DEFAULT 0,
    max_attempts integer     DEFAULT 20,
    job_key      text        DEFAULT NULL
) RETURNS bigint
LANGUAGE plpgsql
AS $$
#variable_conflict use_column
DECLARE
    new_id bigint;
BEGIN
    IF enqueue.kind IS NULL THEN
        RAISE EXCEPTION 'queue.enqueue: kind must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF length(enqueue.kind) NOT BETWEEN 1 AND 128 OR enqueue.kind !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$' THEN
        RAISE EXCEPTION 'queue.enqueue: kind must be 1-128 characters of letters, digits and _ . : / -, starting with a letter or digit'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF enqueue.payload IS NULL THEN
        RAISE EXCEPTION 'queue.enqueue: payload must not be NULL (use ''{}''::jsonb for no arguments)'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF octet_length(enqueue.payload::text) > 1048576 THEN
        RAISE EXCEPTION 'queue.enqueue: payload is larger than 1 MiB as JSON text'
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    IF enqueue.queue IS NULL THEN
        RAISE EXCEPTION 'queue.enqueue: queue must not be NULL (omit it for ''default'')'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF length(enqueue.queue) NOT BETWEEN 1 AND 64 OR enqueue.queue !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$' THEN
        RAISE EXCEPTION 'queue.enqueue: queue must be 1-64 characters of letters, digits and _ . : / -, starting with a letter or digit'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF enqueue.run_at IS NULL THEN
        RAISE EXCEPTION 'queue.enqueue: run_at must not be NULL (omit it to run now)'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF enqueue.priority IS NULL OR enqueue.priority NOT BETWEEN 0 AND 100 THEN
        RAISE EXCEPTION 'queue.enqueue: priority must be between 0 (runs first) and 100, got %', coalesce(enqueue.priority::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF enqueue.max_attempts IS NULL OR enqueue.max_attempts < 1 THEN
        RAISE EXCEPTION 'queue.enqueue: max_attempts must be at least 1, got %', coalesce(enqueue.max_attempts::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF enqueue.job_key IS NOT NULL AND length(enqueue.job_key) NOT BETWEEN 1 AND 255 THEN
        RAISE EXCEPTION 'queue.enqueue: job_key must be NULL or 1-255 characters'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- A pending job with the same key wins: return its id. The loop covers the race where that job finishes
    -- (leaves the pending states) between our conflicting INSERT and the SELECT; a concurrent transaction that
    -- inserted the key makes our INSERT wait for its outcome (commit: we return its id; rollback: we insert).
    LOOP
        INSERT INTO queue.job AS j (kind, queue, payload, priority, run_at, max_attempts, job_key)
        VALUES (enqueue.kind, enqueue.queue, enqueue.payload, enqueue.priority, enqueue.run_at,
                enqueue.max_attempts, enqueue.job_key)
        ON CONFLICT (job_key) WHERE job_key IS NOT NULL AND state IN ('available', 'retryable', 'running')
        DO NOTHING
        RETURNING j.id INTO new_id;

        IF new_id IS NOT NULL THEN
            RETURN new_id;
        END IF;

        SELECT j.id INTO new_id
        FROM queue.job AS j
        WHERE j.job_key = enqueue.job_key AND j.state IN ('available', 'retryable', 'running');
        IF new_id IS NOT NULL THEN
            RETURN new_id;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION queue.enqueue(text, jsonb, text, timestamptz, integer, integer, text) IS
    'Enqueues a job and returns its id; call it inside your own transaction so the job exists only if you commit. '
    'kind: the handler''s stable name; payload: its JSON arguments (not NULL, at most 1 MiB); queue: default ''default''; '
    'run_at: earliest run time, default now(); priority: 0 (first) to 100, default 0; max_attempts: >= 1, default 20; '
    'job_key: when a job with this key is available, retryable or running, returns that job''s id instead of adding one. '
    'Invalid arguments raise SQLSTATE 22004 (NULL where a value is required), 22023 (out of range or malformed) or '
    '54000 (payload too large). The trigger job_notify_inserted notifies channel talenta_jobs (payload: the queue '
    'name) when the job is due now.';

-- ---------------------------------------------------------------------------------------------------------------
-- Lease rescue
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION queue.rescue_expired_leases(batch_size integer DEFAULT 1000)
RETURNS TABLE (job_id bigint, new_state text)
LANGUAGE plpgsql
AS $$
DECLARE
    rescued record;
    woken text[] := '{}';
BEGIN
    IF batch_size IS NULL OR batch_size NOT BETWEEN 1 AND 100000 THEN
        RAISE EXCEPTION 'queue.rescue_expired_leases: batch_size must be between 1 and 100000, got %',
            coalesce(batch_size::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- SKIP LOCKED: concurrent rescuers (and a worker completing or heartbeating a job right now) never wait on
    -- each other; the UPDATE re-checks the lease so a row extended meanwhile is left alone.
    FOR rescued IN
        WITH expired AS (
            SELECT e.id FROM queue.job AS e
            WHERE e.state = 'running' AND e.lease_expires_at < now()
            ORDER BY e.lease_expires_at
            LIMIT batch_size
            FOR UPDATE SKIP LOCKED
        )
        UPDATE queue.job AS j
        SET state = CASE WHEN j.attempt >= j.max_attempts THEN 'discarded' ELSE 'retryable' END,
            run_at = CASE WHEN j.attempt >= j.max_attempts THEN j.run_at ELSE now() END,
            finished_at = CASE WHEN j.attempt >= j.max_attempts THEN now() END,
            lease_expires_at = NULL,
            last_error = 'lease expired',
            errors = j.errors || jsonb_build_array(jsonb_build_object(
                'attempt', j.attempt, 'at', now(), 'error', 'lease expired', 'kind', 'lease_expired',
                'worker', j.locked_by))
        FROM expired
        WHERE j.id = expired.id AND j.state = 'running' AND j.lease_expires_at < now()
        RETURNING j.id, j.state, j.queue
    LOOP
        job_id := rescued.id;
        new_state := rescued.state;
        RETURN NEXT;
        IF rescued.state = 'retryable' AND NOT rescued.queue = ANY (woken) THEN
            woken := woken || rescued.queue;
            PERFORM pg_notify('talenta_jobs', rescued.queue);
        END IF;
    END LOOP;
END;
$$;
COMMENT ON FUNCTION queue.rescue_expired_leases(integer) IS
    'Returns running jobs whose lease expired (their worker died or lost the database) to retryable with run_at = '
    'now(), or to discarded when attempt >= max_attempts, appending {"attempt", "at", "error": "lease expired", '
    '"kind": "lease_expired", "worker"} to errors. At most batch_size (1-100000, default 1000) jobs per call; '
    'returns (job_id, new_state) of each. Any number of workers may run it at once (FOR UPDATE SKIP LOCKED): each '
    'expired job is rescued exactly once. Every talenta worker calls it at each heartbeat.';

-- ---------------------------------------------------------------------------------------------------------------
-- Operator functions
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION queue.cancel(job_id bigint) RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    previous text;
BEGIN
    IF job_id IS NULL THEN
        RAISE EXCEPTION 'queue.cancel: job_id must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT j.state INTO previous FROM queue.job AS j WHERE j.id = cancel.job_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'queue.cancel: no job with id %', job_id USING ERRCODE = 'no_data_found';
    END IF;
    IF previous IN ('completed', 'discarded', 'cancelled') THEN
        RAISE EXCEPTION 'queue.cancel: job % is already %; only available, retryable or running jobs can be cancelled',
            job_id, previous
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    UPDATE queue.job AS j
    SET state = 'cancelled', finished_at = now(), lease_expires_at = NULL
    WHERE j.id = cancel.job_id;
    RETURN previous;
END;
$$;
COMMENT ON FUNCTION queue.cancel(bigint) IS
    'Cancels an available, retryable or running job and returns the state it had. A running job''s worker sees the '
    'lost lease at its next heartbeat, cancels the job''s query and rolls its writes back (its completion is fenced '
    'on state, owner and attempt). Raises 22004 for NULL, P0002 for an unknown id, 55000 for a finished job.';

CREATE FUNCTION queue.retry(job_id bigint) RETURNS text
LANGUAGE plpgsql
AS $$
DECLARE
    found_job record;
BEGIN
    IF job_id IS NULL THEN
        RAISE EXCEPTION 'queue.retry: job_id must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT j.state, j.queue, j.job_key INTO found_job FROM queue.job AS j WHERE j.id = retry.job_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'queue.retry: no job with id %', job_id USING ERRCODE = 'no_data_found';
    END IF;
    IF found_job.state NOT IN ('discarded', 'cancelled') THEN
        RAISE EXCEPTION 'queue.retry: job % is %; only discarded or cancelled jobs can be retried', job_id, found_job.state
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    BEGIN
        UPDATE queue.job AS j
        SET state = 'available', run_at = now(), finished_at = NULL,
            max_attempts = greatest(j.max_attempts, j.attempt + 1)
        WHERE j.id = retry.job_id;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'queue.retry: another job with the same job_key is pending; job % stays %', job_id, found_job.state
            USING ERRCODE = 'unique_violation';
    END;
    PERFORM pg_notify('talenta_jobs', found_job.queue);
    RETURN found_job.state;
END;
$$;
COMMENT ON FUNCTION queue.retry(bigint) IS
    'Makes a discarded or cancelled job available again at once and returns the state it had; its attempt count and '
    'error history stay, and max_attempts grows to allow at least one more attempt. Raises 22004 for NULL, P0002 '
    'for an unknown id, 55000 for a job in another state, 23505 when another job with its job_key is pending.';

CREATE FUNCTION queue.pause(queue_name text) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF queue_name IS NULL THEN
        RAISE EXCEPTION 'queue.pause: queue_name must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF length(queue_name) NOT BETWEEN 1 AND 64 OR queue_name !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$' THEN
        RAISE EXCEPTION 'queue.pause: queue_name must be 1-64 characters of letters, digits and _ . : / -, starting with a letter or digit'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO queue.queue AS q (name, paused_at) VALUES (queue_name, now())
    ON CONFLICT (name) DO UPDATE SET paused_at = coalesce(q.paused_at, now()), updated_at = now();
END;
$$;
COMMENT ON FUNCTION queue.pause(text) IS
    'Pauses a queue (known or not yet used): workers claim nothing from it until queue.resume; running jobs finish. '
    'Pausing a paused queue keeps its paused_at. Raises 22004 for NULL, 22023 for a malformed name.';

CREATE FUNCTION queue.resume(queue_name text) RETURNS void
LANGUAGE plpgsql
AS $$
BEGIN
    IF queue_name IS NULL THEN
        RAISE EXCEPTION 'queue.resume: queue_name must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF length(queue_name) NOT BETWEEN 1 AND 64 OR queue_name !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$' THEN
        RAISE EXCEPTION 'queue.resume: queue_name must be 1-64 characters of letters, digits and _ . : / -, starting with a letter or digit'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO queue.queue AS q (name, paused_at) VALUES (queue_name, NULL)
    ON CONFLICT (name) DO UPDATE SET paused_at = NULL, updated_at = now();
    PERFORM pg_notify('talenta_jobs', queue_name);
END;
$$;
COMMENT ON FUNCTION queue.resume(text) IS
    'Resumes a paused queue and wakes its workers (NOTIFY talenta_jobs). Raises 22004 for NULL, 22023 for a '
    'malformed name.';

CREATE FUNCTION queue.prune(
    completed_older_than interval DEFAULT '7 days',
    discarded_older_than interval DEFAULT '30 days',
    batch_size           integer  DEFAULT 1000
) RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
    deleted integer;
BEGIN
    IF completed_older_than IS NULL OR discarded_older_than IS NULL THEN
        RAISE EXCEPTION 'queue.prune: retention intervals must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF completed_older_than < interval '0' OR discarded_older_than < interval '0' THEN
        RAISE EXCEPTION 'queue.prune: retention intervals must not be negative' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF batch_size IS NULL OR batch_size NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'queue.prune: batch_size must be between 1 and 10000, got %', coalesce(batch_size::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    WITH doomed AS (
        SELECT d.id FROM queue.job AS d
        WHERE d.state IN ('completed', 'discarded', 'cancelled')
          AND d.finished_at < now() - CASE WHEN d.state = 'completed' THEN completed_older_than
                                           ELSE discarded_older_than END
        LIMIT batch_size
        FOR UPDATE SKIP LOCKED
    )
    DELETE FROM queue.job AS j USING doomed WHERE j.id = doomed.id;
    GET DIAGNOSTICS deleted = ROW_COUNT;

    DELETE FROM queue.worker AS w
    WHERE coalesce(w.stopped_at, w.last_seen_at) < now() - completed_older_than
      AND w.last_seen_at < now() - make_interval(secs => w.lease_seconds);
    RETURN deleted;
END;
$$;
COMMENT ON FUNCTION queue.prune(interval, interval, integer) IS
    'Deletes one batch (batch_size 1-10000, default 1000) of finished jobs: completed ones finished more than '
    'completed_older_than ago (default 7 days), discarded and cancelled ones more than discarded_older_than ago '
    '(default 30 days); also deletes worker rows stopped or silent for longer than completed_older_than. Returns '
    'the number of jobs deleted: call it again (each call its own short transaction) until it returns 0, as '
    '`talenta prune` does. Rows locked by others are skipped, so pruning never waits on workers. Raises 22004 for '
    'NULL, 22023 for a negative interval or a batch size out of range.';

-- ---------------------------------------------------------------------------------------------------------------
-- Monitoring views
-- ---------------------------------------------------------------------------------------------------------------

CREATE VIEW queue.job_counts AS
SELECT j.kind, j.state, count(*) AS jobs
FROM queue.job AS j
GROUP BY j.kind, j.state;
COMMENT ON VIEW queue.job_counts IS 'Number of jobs per kind and state (every row of queue.job).';
COMMENT ON COLUMN queue.job_counts.kind IS 'Job kind.';
COMMENT ON COLUMN queue.job_counts.state IS 'Job state.';
COMMENT ON COLUMN queue.job_counts.jobs IS 'Jobs of that kind in that state.';

CREATE VIEW queue.queue_status AS
WITH pending AS (
    SELECT j.queue,
           count(*) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at <= now()) AS waiting,
           min(j.run_at) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at <= now()) AS waiting_since,
           count(*) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at > now()) AS scheduled,
           count(*) FILTER (WHERE j.state = 'running') AS running
    FROM queue.job AS j
    WHERE j.state IN ('available', 'retryable', 'running')
    GROUP BY j.queue
)
SELECT coalesce(p.queue, q.name) AS queue,
       q.paused_at,
       coalesce(p.waiting, 0) AS waiting,
       extract(epoch FROM now() - p.waiting_since)::double precision AS oldest_waiting_seconds,
       coalesce(p.scheduled, 0) AS scheduled,
       coalesce(p.running, 0) AS running
FROM pending AS p
FULL JOIN queue.queue AS q ON q.name = p.queue;
COMMENT ON VIEW queue.queue_status IS
    'Per queue with pending jobs or a queue.queue row: paused or not, jobs waiting (claimable now), the age of the '
    'oldest waiting job, jobs scheduled later and jobs running.';
COMMENT ON COLUMN queue.queue_status.queue IS 'Queue name.';
COMMENT ON COLUMN queue.queue_status.paused_at IS 'Time the queue was paused; NULL when it is running.';
COMMENT ON COLUMN queue.queue_status.waiting IS 'Available or retryable jobs with run_at <= now() (claimable now).';
COMMENT ON COLUMN queue.queue_status.oldest_waiting_seconds IS
    'Seconds since the oldest waiting job became claimable (now() - its run_at); NULL when none waits.';
COMMENT ON COLUMN queue.queue_status.scheduled IS 'Available or retryable jobs with run_at in the future.';
COMMENT ON COLUMN queue.queue_status.running IS 'Running jobs.';

CREATE VIEW queue.throughput AS
WITH finished AS (
    SELECT date_trunc('minute', j.finished_at) AS minute, j.state
    FROM queue.job AS j
    WHERE j.state IN ('completed', 'discarded', 'cancelled')
      AND j.finished_at >= date_trunc('minute', now()) - interval '59 minutes'
)
SELECT m.minute,
       count(f.state) FILTER (WHERE f.state = 'completed') AS completed,
       count(f.state) FILTER (WHERE f.state = 'discarded') AS discarded,
       count(f.state) FILTER (WHERE f.state = 'cancelled') AS cancelled
FROM generate_series(date_trunc('minute', now()) - interval '59 minutes', date_trunc('minute', now()),
                     interval '1 minute') AS m(minute)
LEFT JOIN finished AS f ON f.minute = m.minute
GROUP BY m.minute;
COMMENT ON VIEW queue.throughput IS
    'Jobs finished per minute over the last hour: 60 rows, the current (partial) minute last.';
COMMENT ON COLUMN queue.throughput.minute IS 'Start of the minute (timestamptz, truncated).';
COMMENT ON COLUMN queue.throughput.completed IS 'Jobs completed in that minute.';
COMMENT ON COLUMN queue.throughput.discarded IS 'Jobs discarded in that minute.';
COMMENT ON COLUMN queue.throughput.cancelled IS 'Jobs cancelled in that minute.';

CREATE VIEW queue.recent_failures AS
SELECT j.id AS job_id,
       j.kind,
       j.queue,
       j.state,
       (e.entry->>'attempt')::integer AS attempt,
       (e.entry->>'at')::timestamptz AS failed_at,
       e.entry->>'kind' AS error_kind,
       e.entry->>'error' AS error
FROM queue.job AS j
CROSS JOIN LATERAL jsonb_array_elements(j.errors) AS e(entry)
WHERE j.last_error IS NOT NULL
  AND (e.entry->>'at')::timestamptz >= now() - interval '24 hours';
COMMENT ON VIEW queue.recent_failures IS
    'Every failed attempt of the last 24 hours, one row per entry of queue.job.errors; order by failed_at.';
COMMENT ON COLUMN queue.recent_failures.job_id IS 'The job''s id.';
COMMENT ON COLUMN queue.recent_failures.kind IS 'Job kind.';
COMMENT ON COLUMN queue.recent_failures.queue IS 'Queue name.';
COMMENT ON COLUMN queue.recent_failures.state IS 'The job''s current state.';
COMMENT ON COLUMN queue.recent_failures.attempt IS 'The attempt that failed.';
COMMENT ON COLUMN queue.recent_failures.failed_at IS 'When it failed.';
COMMENT ON COLUMN queue.recent_failures.error_kind IS
    'Why: error, permanent, unknown_kind, undecodable_payload, timeout or lease_expired.';
COMMENT ON COLUMN queue.recent_failures.error IS 'The error message.';

CREATE VIEW queue.worker_status AS
SELECT w.id,
       w.host,
       w.pid,
       w.version,
       w.concurrency,
       w.queues,
       w.started_at,
       w.last_seen_at,
       w.stopped_at,
       CASE WHEN w.stopped_at IS NOT NULL THEN 'stopped'
            WHEN w.last_seen_at < now() - make_interval(secs => w.lease_seconds) THEN 'dead'
            ELSE 'live' END AS status,
       extract(epoch FROM now() - w.last_seen_at)::double precision AS seen_seconds_ago,
       (SELECT count(*) FROM queue.job AS j WHERE j.state = 'running' AND j.locked_by = w.id) AS running_jobs
FROM queue.worker AS w;
COMMENT ON VIEW queue.worker_status IS
    'Every registered worker with its status: live (heartbeat within its lease), dead (silent longer than its '
    'lease without stopping: crashed, killed or cut off; its jobs are rescued when their leases expire) or stopped.';
COMMENT ON COLUMN queue.worker_status.id IS 'Worker id (host:pid:random).';
COMMENT ON COLUMN queue.worker_status.host IS 'Host name.';
COMMENT ON COLUMN queue.worker_status.pid IS 'Process id on the host.';
COMMENT ON COLUMN queue.worker_status.version IS 'talenta version.';
COMMENT ON COLUMN queue.worker_status.concurrency IS 'Slots.';
COMMENT ON COLUMN queue.worker_status.queues IS 'Queues served.';
COMMENT ON COLUMN queue.worker_status.started_at IS 'Registration time.';
COMMENT ON COLUMN queue.worker_status.last_seen_at IS 'Latest heartbeat.';
COMMENT ON COLUMN queue.worker_status.stopped_at IS 'Graceful stop time, NULL otherwise.';
COMMENT ON COLUMN queue.worker_status.status IS 'live, dead or stopped.';
COMMENT ON COLUMN queue.worker_status.seen_seconds_ago IS 'Seconds since the latest heartbeat.';
COMMENT ON COLUMN queue.worker_status.running_jobs IS 'Jobs running under this worker''s id now.';

-- The error kinds this migration adds (timeout from the worker, lease_expired from the rescuer).
COMMENT ON COLUMN queue.job.errors IS
    'Every failed attempt''s error, oldest first: a JSON array of {"attempt": int, "at": timestamptz, '
    '"error": text, "kind": text (error, permanent, unknown_kind, undecodable_payload, timeout or lease_expired), '
    '"worker": text (lease_expired only: the worker that held the lease)}.';
