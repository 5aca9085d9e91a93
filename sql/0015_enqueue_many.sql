-- 0015_enqueue_many.sql: set-based bulk enqueue, queue.enqueue_many, and one body for both enqueue functions.
--
-- Until now a system that enqueued many jobs called queue.enqueue once per job (or once per row of a SELECT): each
-- call validated its arguments, ran its own INSERT and fired the statement-level wake-up trigger once. The bulk
-- form takes one kind and its options with an array of payloads (and, optionally, an array of job keys), checks
-- every element set-wise, and adds all the jobs with one INSERT … SELECT: one trigger run and one NOTIFY per call.
--
-- queue.insert_jobs holds the rules both functions share (argument checks, job keys deduplicated per kind, the
-- retry when a conflicting job finishes meanwhile); queue.enqueue becomes a one-element call of it, so its
-- behaviour, error codes and messages stay as 0012 defined them.

CREATE FUNCTION queue.insert_jobs(
    caller       text,
    kind         text,
    payloads     jsonb[],
    queue        text,
    run_at       timestamptz,
    priority     integer,
    max_attempts integer,
    job_keys     text[]
) RETURNS bigint[]
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    total    integer := coalesce(cardinality(insert_jobs.payloads), 0);
    single   boolean := insert_jobs.caller = 'queue.enqueue';
    id_sequence regclass := pg_get_serial_sequence('queue.job', 'id')::regclass;
    ids      bigint[];
    null_at  bigint;
    large_at bigint;
    key_at   bigint;
    keyed    boolean;
    added_at bigint[];
    added_id bigint[];
BEGIN
    IF insert_jobs.kind IS NULL THEN
        RAISE EXCEPTION '%: kind must not be NULL', insert_jobs.caller
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF length(insert_jobs.kind) NOT BETWEEN 1 AND 128 OR insert_jobs.kind !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$' THEN
        RAISE EXCEPTION '%: kind must be 1-128 characters of letters, digits and _ . : / -, starting with a letter or digit', insert_jobs.caller
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF insert_jobs.payloads IS NULL THEN
        RAISE EXCEPTION '%: payloads must not be NULL (use an empty array for no jobs)', insert_jobs.caller
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF insert_jobs.queue IS NULL THEN
        RAISE EXCEPTION '%: queue must not be NULL (omit it for ''default'')', insert_jobs.caller
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF length(insert_jobs.queue) NOT BETWEEN 1 AND 64 OR insert_jobs.queue !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$' THEN
        RAISE EXCEPTION '%: queue must be 1-64 characters of letters, digits and _ . : / -, starting with a letter or digit', insert_jobs.caller
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF insert_jobs.run_at IS NULL THEN
        RAISE EXCEPTION '%: run_at must not be NULL (omit it to run now)', insert_jobs.caller
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT (isfinite(insert_jobs.run_at) AND insert_jobs.run_at >= '1970-01-01 00:00:00+00'::timestamptz
            AND insert_jobs.run_at < '10000-01-01 00:00:00+00'::timestamptz) THEN
        RAISE EXCEPTION '%: run_at must be a finite time from 1970-01-01 to 9999-12-31 (UTC), got %; to park a job, give a far-future time such as ''9999-12-31''', insert_jobs.caller, insert_jobs.run_at
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF insert_jobs.priority IS NULL OR insert_jobs.priority NOT BETWEEN 0 AND 100 THEN
        RAISE EXCEPTION '%: priority must be between 0 (runs first) and 100, got %', insert_jobs.caller, coalesce(insert_jobs.priority::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF insert_jobs.max_attempts IS NULL OR insert_jobs.max_attempts < 1 THEN
        RAISE EXCEPTION '%: max_attempts must be at least 1, got %', insert_jobs.caller, coalesce(insert_jobs.max_attempts::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF insert_jobs.job_keys IS NOT NULL AND cardinality(insert_jobs.job_keys) <> total THEN
        RAISE EXCEPTION '%: job_keys must be NULL or have one element per payload (% payloads, % job keys)', insert_jobs.caller, total, cardinality(insert_jobs.job_keys)
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- Element checks in one pass; the first offending element (by position) is named.
    SELECT min(e.ord) FILTER (WHERE e.payload IS NULL),
           min(e.ord) FILTER (WHERE octet_length(e.payload::text) > 1048576),
           min(e.ord) FILTER (WHERE e.job_key IS NOT NULL AND length(e.job_key) NOT BETWEEN 1 AND 255),
           count(e.job_key) > 0
    INTO null_at, large_at, key_at, keyed
    FROM unnest(insert_jobs.payloads, insert_jobs.job_keys) WITH ORDINALITY AS e(payload, job_key, ord);
    IF null_at IS NOT NULL THEN
        RAISE EXCEPTION '%: payload% must not be NULL (use ''{}''::jsonb for no arguments)', insert_jobs.caller,
                CASE WHEN single THEN '' ELSE format(' %s of %s', null_at, total) END
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF large_at IS NOT NULL THEN
        RAISE EXCEPTION '%: payload% is larger than 1 MiB as JSON text', insert_jobs.caller,
                CASE WHEN single THEN '' ELSE format(' %s of %s', large_at, total) END
            USING ERRCODE = 'program_limit_exceeded';
    END IF;
    IF key_at IS NOT NULL THEN
        RAISE EXCEPTION '%: job_key% must be NULL or 1-255 characters', insert_jobs.caller,
                CASE WHEN single THEN '' ELSE format(' %s of %s', key_at, total) END
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    IF total = 0 THEN
        RETURN '{}'::bigint[];
    END IF;

    IF NOT keyed THEN
        -- No job key: nothing can conflict, every element becomes a job, in payload order.
        WITH numbered AS MATERIALIZED (
            SELECT e.ord, e.payload, nextval(id_sequence) AS new_id
            FROM unnest(insert_jobs.payloads) WITH ORDINALITY AS e(payload, ord)
        ), added AS (
            INSERT INTO queue.job (id, kind, queue, payload, priority, run_at, max_attempts)
            OVERRIDING SYSTEM VALUE
            SELECT n.new_id, insert_jobs.kind, insert_jobs.queue, n.payload, insert_jobs.priority,
                   insert_jobs.run_at, insert_jobs.max_attempts
            FROM numbered AS n
            ORDER BY n.ord
        )
        SELECT array_agg(n.new_id ORDER BY n.ord) INTO ids FROM numbered AS n;
        RETURN ids;
    END IF;

    -- With job keys, every element without an id yet is inserted in payload order (one INSERT, so one run of the
    -- wake-up trigger); an element whose kind and job key match a pending job (or an earlier element of this call)
    -- inserts nothing and takes that job's id. A concurrent transaction that inserted the same kind and key makes
    -- the INSERT wait for its outcome. When such a job finishes between the INSERT and the lookup, the element is
    -- tried again.
    ids := array_fill(NULL::bigint, ARRAY[total]);
    LOOP
        WITH pending AS MATERIALIZED (
            SELECT e.ord, e.payload, e.job_key, nextval(id_sequence) AS new_id
            FROM unnest(insert_jobs.payloads, insert_jobs.job_keys) WITH ORDINALITY AS e(payload, job_key, ord)
            WHERE ids[e.ord] IS NULL
            ORDER BY e.ord
        ), added AS (
            INSERT INTO queue.job AS j (id, kind, queue, payload, priority, run_at, max_attempts, job_key)
            OVERRIDING SYSTEM VALUE
            SELECT p.new_id, insert_jobs.kind, insert_jobs.queue, p.payload, insert_jobs.priority, insert_jobs.run_at,
                   insert_jobs.max_attempts, p.job_key
            FROM pending AS p
            ORDER BY p.ord
            ON CONFLICT (kind, job_key) WHERE job_key IS NOT NULL AND state IN ('available', 'retryable', 'running')
            DO NOTHING
            RETURNING j.id
        )
        SELECT array_agg(p.ord), array_agg(p.new_id) INTO added_at, added_id
        FROM pending AS p JOIN added AS a ON a.id = p.new_id;

        SELECT array_agg(coalesce(ids[e.ord], i.id, (
                   SELECT j.id FROM queue.job AS j
                   WHERE j.kind = insert_jobs.kind AND j.job_key = e.job_key
                     AND j.state IN ('available', 'retryable', 'running'))) ORDER BY e.ord)
        INTO ids
        FROM unnest(insert_jobs.payloads, insert_jobs.job_keys) WITH ORDINALITY AS e(payload, job_key, ord)
        LEFT JOIN unnest(added_at, added_id) AS i(ord, id) ON i.ord = e.ord;

        IF array_position(ids, NULL) IS NULL THEN
            RETURN ids;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION queue.insert_jobs(text, text, jsonb[], text, timestamptz, integer, integer, text[]) IS
    'Internal: the body of queue.enqueue and queue.enqueue_many (argument checks, one INSERT, job keys per kind). '
    'caller names the public function in error messages. Executable by the owner only.';
REVOKE EXECUTE ON FUNCTION queue.insert_jobs(text, text, jsonb[], text, timestamptz, integer, integer, text[])
    FROM PUBLIC;

-- queue.enqueue as in 0012, as a one-element call of the shared body (same checks, codes and messages). CREATE OR
-- REPLACE keeps its grants and comment but resets SECURITY and SET, so both are restated as 0009 set them.
CREATE OR REPLACE FUNCTION queue.enqueue(
    kind         text,
    payload      jsonb,
    queue        text        DEFAULT 'default',
    run_at       timestamptz DEFAULT now(),
    priority     integer     DEFAULT 0,
    max_attempts integer     DEFAULT 20,
    job_key      text        DEFAULT NULL
) RETURNS bigint
LANGUAGE sql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (queue.insert_jobs('queue.enqueue', kind, ARRAY[payload], queue, run_at, priority, max_attempts,
                              ARRAY[job_key]))[1];
$$;

CREATE FUNCTION queue.enqueue_many(
    kind         text,
    payloads     jsonb[],
    queue        text        DEFAULT 'default',
    run_at       timestamptz DEFAULT now(),
    priority     integer     DEFAULT 0,
    max_attempts integer     DEFAULT 20,
    job_keys     text[]      DEFAULT NULL
) RETURNS bigint[]
LANGUAGE sql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    SELECT queue.insert_jobs('queue.enqueue_many', kind, payloads, queue, run_at, priority, max_attempts, job_keys);
$$;

COMMENT ON FUNCTION queue.enqueue_many(text, jsonb[], text, timestamptz, integer, integer, text[]) IS
    'Enqueues one job per element of payloads, all of one kind and with the same options, with one INSERT, and '
    'returns their ids in the order of payloads (an empty array for an empty one); call it inside your own '
    'transaction so the jobs exist only if you commit. One invalid element fails the whole call and adds nothing. '
    'Arguments as queue.enqueue, with payloads jsonb[] (no NULL element, each at most 1 MiB as JSON text) and '
    'job_keys text[]: NULL for none, else one key (or NULL) per payload; an element whose kind and key match a '
    'pending job, or an earlier element of the same call, returns that job''s id instead of adding one. '
    'Errors as queue.enqueue (22004, 22023, 54000), naming the offending element''s position. '
    'Wakes listening workers with one NOTIFY talenta_jobs per call and queue. '
    'Example: SELECT queue.enqueue_many(''recalculation'', array_agg(jsonb_build_object(''employee_id'', id))) '
    'FROM hr.employee WHERE unit_code = ''DISDIK''.';

GRANT EXECUTE ON FUNCTION queue.enqueue_many(text, jsonb[], text, timestamptz, integer, integer, text[])
    TO talenta_worker, talenta_enqueuer;
