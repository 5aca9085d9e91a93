-- 0001_queue.sql: the job queue (schema `queue`).
--
-- Lifecycle: available (run_at may lie in the future) -> running (attempt + 1, lease until lease_expires_at,
-- locked_by = worker id) -> completed, or -> retryable (run_at = now + backoff) -> ... -> discarded after
-- max_attempts or on a permanent error; cancelled by an operator. Lower priority numbers run first.
-- Other systems enqueue with `SELECT queue.enqueue(...)` inside their own transactions.

CREATE SCHEMA queue;
COMMENT ON SCHEMA queue IS
    'The Talenta job queue: jobs that the talenta worker daemon claims, runs and completes. Enqueue with queue.enqueue(...).';

CREATE TABLE queue.job (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text        NOT NULL,
    queue            text        NOT NULL DEFAULT 'default',
    payload          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state            text        NOT NULL DEFAULT 'available',
    priority         integer     NOT NULL DEFAULT 0,
    run_at           timestamptz NOT NULL DEFAULT now(),
    attempt          integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL DEFAULT 20,
    locked_by        text,
    lease_expires_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    last_error       text,
    errors           jsonb       NOT NULL DEFAULT '[]'::jsonb,
    job_key          text,

    CONSTRAINT job_kind_format CHECK (
        length(kind) BETWEEN 1 AND 128 AND kind ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
    CONSTRAINT job_queue_format CHECK (
        length(queue) BETWEEN 1 AND 64 AND queue ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
    CONSTRAINT job_state_valid CHECK (
        state IN ('available', 'running', 'retryable', 'completed', 'discarded', 'cancelled')),
    CONSTRAINT job_priority_range CHECK (priority BETWEEN 0 AND 100),
    CONSTRAINT job_attempt_nonnegative CHECK (attempt >= 0),
    CONSTRAINT job_max_attempts_positive CHECK (max_attempts >= 1),
    CONSTRAINT job_errors_array CHECK (jsonb_typeof(errors) = 'array'),
    CONSTRAINT job_key_format CHECK (job_key IS NULL OR length(job_key) BETWEEN 1 AND 255),
    CONSTRAINT job_running_has_lease CHECK (
        state <> 'running' OR (locked_by IS NOT NULL AND lease_expires_at IS NOT NULL)),
    CONSTRAINT job_lease_only_when_running CHECK (state = 'running' OR lease_expires_at IS NULL),
    CONSTRAINT job_finished_when_final CHECK (
        (state IN ('completed', 'discarded', 'cancelled')) = (finished_at IS NOT NULL))
);

COMMENT ON TABLE queue.job IS
    'One row per job. Workers claim claimable rows (state available or retryable, run_at <= now()) with '
    'FOR UPDATE SKIP LOCKED, run them, and mark them completed in the same transaction as the handler''s writes.';
COMMENT ON COLUMN queue.job.id IS 'Job id, assigned by the database; returned by queue.enqueue.';
COMMENT ON COLUMN queue.job.kind IS
    'Stable name of the job kind (1-128 characters: letters, digits and _ . : / -, starting with a letter or digit); '
    'a worker runs the handler registered under this name.';
COMMENT ON COLUMN queue.job.queue IS
    'Named queue (1-64 characters, same alphabet as kind); a worker serves one queue. Default ''default''.';
COMMENT ON COLUMN queue.job.payload IS 'The job''s arguments as JSON, decoded by the handler into its payload type.';
COMMENT ON COLUMN queue.job.state IS
    'available, running, retryable, completed, discarded or cancelled (see the lifecycle in sql/0001_queue.sql).';
COMMENT ON COLUMN queue.job.priority IS 'Run order among claimable jobs: 0 (first) to 100 (last); ties by run_at then id.';
COMMENT ON COLUMN queue.job.run_at IS 'Earliest time the job may be claimed; after a failure, the time of the next attempt.';
COMMENT ON COLUMN queue.job.attempt IS 'Number of times the job has been claimed (0 before the first claim).';
COMMENT ON COLUMN queue.job.max_attempts IS
    'Attempts allowed (>= 1, default 20); a failure at attempt >= max_attempts discards the job.';
COMMENT ON COLUMN queue.job.locked_by IS
    'Id of the worker (host:pid:random) that holds the lease while running, or that held it last.';
COMMENT ON COLUMN queue.job.lease_expires_at IS
    'While running: the time the lease ends unless the worker''s heartbeat extends it. NULL in every other state.';
COMMENT ON COLUMN queue.job.created_at IS 'Time the job was enqueued.';
COMMENT ON COLUMN queue.job.started_at IS 'Time the latest attempt was claimed.';
COMMENT ON COLUMN queue.job.finished_at IS 'Time the job reached completed, discarded or cancelled; NULL otherwise.';
COMMENT ON COLUMN queue.job.last_error IS 'The most recent attempt''s error message, NULL while no attempt has failed.';
COMMENT ON COLUMN queue.job.errors IS
    'Every failed attempt''s error, oldest first: a JSON array of {"attempt": int, "at": timestamptz, '
    '"error": text, "kind": text (optional: error, permanent, unknown_kind, undecodable_payload)}.';
COMMENT ON COLUMN queue.job.job_key IS
    'Optional idempotency key (1-255 characters): at most one job with a given key is available, retryable or '
    'running at a time; enqueueing it again meanwhile returns the existing id.';

-- Serves the claim: claimable rows of one queue in run order.
CREATE INDEX job_claim_idx ON queue.job (queue, priority, run_at, id)
    WHERE state IN ('available', 'retryable');
COMMENT ON INDEX queue.job_claim_idx IS
    'Serves the claim: claimable jobs (available, retryable) per queue ordered by priority, run_at, id.';

-- Serves the heartbeat (and the lease rescue): the few running rows.
CREATE INDEX job_running_lease_idx ON queue.job (lease_expires_at) WHERE state = 'running';
COMMENT ON INDEX queue.job_running_lease_idx IS
    'The running jobs by lease end: serves the heartbeat that extends leases and the search for expired leases.';

-- Job keys: one pending (available, retryable, running) job per key.
CREATE UNIQUE INDEX job_key_pending_idx ON queue.job (job_key)
    WHERE job_key IS NOT NULL AND state IN ('available', 'retryable', 'running');
COMMENT ON INDEX queue.job_key_pending_idx IS
    'At most one available, retryable or running job per job_key; queue.enqueue relies on it (ON CONFLICT).';

CREATE FUNCTION queue.enqueue(
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
            IF enqueue.run_at <= now() THEN
                -- Tiny fixed payload (the queue name); identical notifications in one transaction are sent once.
                PERFORM pg_notify('talenta_jobs', enqueue.queue);
            END IF;
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
    '54000 (payload too large). Notifies channel talenta_jobs (payload: the queue name) when the job is due now.';
