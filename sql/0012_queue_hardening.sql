-- 0012_queue_hardening.sql: job keys are deduplicated per kind, and run_at is a finite time in a sane range.
--
-- Job keys. Until now queue.enqueue returned a pending job with the same job_key whatever its kind, so a caller with
-- EXECUTE on queue.enqueue (talenta_enqueuer) could enqueue, say, a 'noop' parked in the future under the key
-- 'succession_planning:run:2' and silently absorb that run's succession planning. The dedupe index is now on
-- (kind, job_key): a key names one pending job *of a kind*, and a job of another kind never absorbs it. (Holders of
-- talenta_enqueuer may still cancel any job with queue.cancel; the key no longer lets them hide a job behind
-- another kind.) queue.retry keeps refusing a job whose kind and key are pending again (23505); schedule fire keys
-- (queue.schedule_job_key) and talent.enqueue_coalesced keep working as they enqueue their own kind.
--
-- run_at. '-infinity' or a date before the Common Era was accepted and then broke claiming (the row could not be
-- read back) and queue.queue_status ("cannot subtract infinite timestamps"). queue.enqueue now refuses a run_at
-- that is not finite or lies outside 1970-01-01 … 9999-12-31 (UTC) with SQLSTATE 22023; 'infinity' is refused too:
-- to park a job, give a finite far-future time such as '9999-12-31' (it stays scheduled, visible and cancellable).
-- A CHECK constraint on queue.job.run_at is the backstop for every other writer; rows already outside the range are
-- brought inside first (below 1970: due at their creation time, which is what they meant; after 9999: parked at
-- the range's end), so the constraint validates.

-- ---------------------------------------------------------------------------------------------------------------
-- run_at: a finite time in 1970 … 9999
-- ---------------------------------------------------------------------------------------------------------------

UPDATE queue.job AS j
   SET run_at = CASE WHEN j.run_at < '1970-01-01 00:00:00+00'::timestamptz
                     THEN greatest(j.created_at, '1970-01-01 00:00:00+00'::timestamptz)
                     ELSE '9999-12-31 00:00:00+00'::timestamptz END
 WHERE NOT (isfinite(j.run_at) AND j.run_at >= '1970-01-01 00:00:00+00'::timestamptz
            AND j.run_at < '10000-01-01 00:00:00+00'::timestamptz);

ALTER TABLE queue.job ADD CONSTRAINT job_run_at_range CHECK (
    isfinite(run_at) AND run_at >= '1970-01-01 00:00:00+00'::timestamptz
    AND run_at < '10000-01-01 00:00:00+00'::timestamptz) NOT VALID;
ALTER TABLE queue.job VALIDATE CONSTRAINT job_run_at_range;
COMMENT ON CONSTRAINT job_run_at_range ON queue.job IS
    'run_at is finite and lies in 1970-01-01 … 9999-12-31 (UTC): claiming and the monitoring views read it back.';

-- ---------------------------------------------------------------------------------------------------------------
-- Job keys: one pending job per (kind, job_key)
-- ---------------------------------------------------------------------------------------------------------------

DROP INDEX queue.job_key_pending_idx;
CREATE UNIQUE INDEX job_key_pending_idx ON queue.job (kind, job_key)
    WHERE job_key IS NOT NULL AND state IN ('available', 'retryable', 'running');
COMMENT ON INDEX queue.job_key_pending_idx IS
    'At most one available, retryable or running job per kind and job_key; queue.enqueue relies on it (ON CONFLICT).';
COMMENT ON COLUMN queue.job.job_key IS
    'Optional idempotency key (1-255 characters), per kind: at most one job of a kind with a given key is available, '
    'retryable or running at a time; enqueueing the same kind and key again meanwhile returns the existing id. A job '
    'of another kind with the same key is a different job.';

-- queue.enqueue as in 0004, with the run_at range and the per-kind dedupe. CREATE OR REPLACE keeps the grants of
-- 0009 but resets SECURITY and SET, so both are restated here as 0009 set them.
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
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
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
    IF NOT (isfinite(enqueue.run_at) AND enqueue.run_at >= '1970-01-01 00:00:00+00'::timestamptz
            AND enqueue.run_at < '10000-01-01 00:00:00+00'::timestamptz) THEN
        RAISE EXCEPTION 'queue.enqueue: run_at must be a finite time from 1970-01-01 to 9999-12-31 (UTC), got %; to park a job, give a far-future time such as ''9999-12-31''', enqueue.run_at
            USING ERRCODE = 'invalid_parameter_value';
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

    -- A pending job of the same kind with the same key wins: return its id. The loop covers the race where that job
    -- finishes (leaves the pending states) between our conflicting INSERT and the SELECT; a concurrent transaction
    -- that inserted the kind and key makes our INSERT wait for its outcome (commit: we return its id; rollback: we
    -- insert).
    LOOP
        INSERT INTO queue.job AS j (kind, queue, payload, priority, run_at, max_attempts, job_key)
        VALUES (enqueue.kind, enqueue.queue, enqueue.payload, enqueue.priority, enqueue.run_at,
                enqueue.max_attempts, enqueue.job_key)
        ON CONFLICT (kind, job_key) WHERE job_key IS NOT NULL AND state IN ('available', 'retryable', 'running')
        DO NOTHING
        RETURNING j.id INTO new_id;

        IF new_id IS NOT NULL THEN
            RETURN new_id;
        END IF;

        SELECT j.id INTO new_id
        FROM queue.job AS j
        WHERE j.kind = enqueue.kind AND j.job_key = enqueue.job_key
          AND j.state IN ('available', 'retryable', 'running');
        IF new_id IS NOT NULL THEN
            RETURN new_id;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION queue.enqueue(text, jsonb, text, timestamptz, integer, integer, text) IS
    'Enqueues a job and returns its id; call it inside your own transaction so the job exists only if you commit. '
    'kind: the handler''s stable name; payload: its JSON arguments (not NULL, at most 1 MiB); queue: default ''default''; '
    'run_at: earliest run time, default now(), a finite time from 1970-01-01 to 9999-12-31 UTC (park a job with a '
    'far-future time, not ''infinity''); priority: 0 (first) to 100, default 0; max_attempts: >= 1, default 20; '
    'job_key: when a job of the same kind with this key is available, retryable or running, returns that job''s id '
    'instead of adding one (a job of another kind with the key does not count). '
    'Invalid arguments raise SQLSTATE 22004 (NULL where a value is required), 22023 (out of range or malformed) or '
    '54000 (payload too large). The trigger job_notify_inserted notifies channel talenta_jobs (payload: the queue '
    'name) when the job is due now.';
