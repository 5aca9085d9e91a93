-- 0018_kinds_retention_health.sql: operations that run themselves.
--
-- 1. A registry of job kinds (queue.kind). A kind exists once a migration or a worker registered it: the migration
--    that introduces a kind inserts it (this file registers the built-in ones), and every `talenta worker` registers
--    the kinds it runs when it starts (queue.register_kinds). queue.enqueue, queue.enqueue_many (so `talenta enqueue`
--    and the schedules too) and queue.add_schedule refuse any other kind with SQLSTATE 22023 and the list of known
--    kinds, and insert nothing: a typo such as 'anual_review' fails at once instead of surfacing later as a
--    discarded job.
-- 2. Retention that runs itself: the built-in `prune` job kind deletes finished jobs through queue.prune, and the
--    enabled schedule `retention` enqueues it every hour (completed and cancelled jobs after 7 days, discarded ones
--    after 30; both set in the schedule's payload). queue.prune now keeps cancelled jobs as long as completed ones
--    (an operator's decision, nothing to investigate) and discarded ones longer (failures to investigate), and runs
--    as its owner so that the worker's role can run the prune job.
-- 3. Health of the cleanup: queue.cleanup_health() reports the job table's live and dead rows, its last vacuum and
--    autovacuum, and the oldest open transaction of this database that holds back the removal of dead rows (pid,
--    application, state, age): what `talenta status`, the worker's metrics and its warning show.

-- ---------------------------------------------------------------------------------------------------------------
-- 1. Job kinds
-- ---------------------------------------------------------------------------------------------------------------

CREATE TABLE queue.kind (
    name          text        PRIMARY KEY,
    registered_by text        NOT NULL,
    registered_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT kind_name_format CHECK (length(name) BETWEEN 1 AND 128 AND name ~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'),
    CONSTRAINT kind_registered_by_length CHECK (length(registered_by) BETWEEN 1 AND 255)
);
COMMENT ON TABLE queue.kind IS
    'The job kinds that may be enqueued: registered by the migration that introduces a kind, or by a worker that '
    'runs it (queue.register_kinds, at its start). queue.enqueue, queue.enqueue_many and queue.add_schedule refuse '
    'any other kind (22023).';
COMMENT ON COLUMN queue.kind.name IS 'The kind''s stable name, as queue.job.kind stores it.';
COMMENT ON COLUMN queue.kind.registered_by IS 'Who registered it first: a migration (sql/NNNN) or a worker id.';
COMMENT ON COLUMN queue.kind.registered_at IS 'When it was registered first.';
GRANT SELECT ON queue.kind TO talenta_worker, talenta_enqueuer, talenta_reader;

INSERT INTO queue.kind (name, registered_by) VALUES
    ('noop', 'sql/0018'),
    ('prune', 'sql/0018'),
    ('annual_review', 'sql/0018'),
    ('assessment', 'sql/0018'),
    ('recalculation', 'sql/0018'),
    ('succession_planning', 'sql/0018');

CREATE FUNCTION queue.register_kinds(names text[], registered_by text) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    added integer;
BEGIN
    IF names IS NULL OR registered_by IS NULL THEN
        RAISE EXCEPTION 'queue.register_kinds: names and registered_by must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(names) AS n(name)
                WHERE n.name IS NULL OR length(n.name) NOT BETWEEN 1 AND 128
                   OR n.name !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$') THEN
        RAISE EXCEPTION 'queue.register_kinds: a kind name must be 1-128 characters of letters, digits and _ . : / -, starting with a letter or digit'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO queue.kind AS k (name, registered_by)
    SELECT DISTINCT n.name, left(register_kinds.registered_by, 255) FROM unnest(names) AS n(name)
    ON CONFLICT (name) DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END;
$$;
COMMENT ON FUNCTION queue.register_kinds(text[], text) IS
    'Registers job kinds so that they may be enqueued; kinds already known are left as they are. Returns how many '
    'were new. Every talenta worker calls it with the kinds it runs when it starts; a migration that introduces a '
    'kind inserts it into queue.kind itself. Raises 22004 for NULL, 22023 for a malformed name.';
REVOKE EXECUTE ON FUNCTION queue.register_kinds(text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION queue.register_kinds(text[], text) TO talenta_worker;

CREATE FUNCTION queue.known_kind(caller text, kind text) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- NULL and malformed names go on to the caller's own checks (22004, 22023 with their usual messages).
    IF kind IS NULL OR length(kind) NOT BETWEEN 1 AND 128 OR kind !~ '^[A-Za-z0-9][A-Za-z0-9_.:/-]*$'
       OR EXISTS (SELECT 1 FROM queue.kind AS k WHERE k.name = known_kind.kind) THEN
        RETURN kind;
    END IF;
    RAISE EXCEPTION '%: unknown job kind %: no migration or worker has registered it; known kinds: %', caller,
            quote_literal(kind),
            coalesce((SELECT string_agg(k.name, ', ' ORDER BY k.name) FROM queue.kind AS k), 'none')
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'A kind is registered by the migration that introduces it, or by a talenta worker that runs it '
                     || 'when it starts (queue.register_kinds); see docs/operations.md.';
END;
$$;
COMMENT ON FUNCTION queue.known_kind(text, text) IS
    'Internal: returns kind when it is registered in queue.kind (or NULL or malformed, for the caller to refuse); '
    'otherwise raises 22023 naming the caller and listing the known kinds. Executable by the owner only.';
REVOKE EXECUTE ON FUNCTION queue.known_kind(text, text) FROM PUBLIC;

-- queue.enqueue and queue.enqueue_many as in 0015, with the kind checked first. CREATE OR REPLACE keeps their grants
-- and comments but resets SECURITY and SET, so both are restated.
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
    SELECT (queue.insert_jobs('queue.enqueue', queue.known_kind('queue.enqueue', kind), ARRAY[payload], queue,
                              run_at, priority, max_attempts, ARRAY[job_key]))[1];
$$;

CREATE OR REPLACE FUNCTION queue.enqueue_many(
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
    SELECT queue.insert_jobs('queue.enqueue_many', queue.known_kind('queue.enqueue_many', kind), payloads, queue,
                             run_at, priority, max_attempts, job_keys);
$$;

COMMENT ON FUNCTION queue.enqueue(text, jsonb, text, timestamptz, integer, integer, text) IS
    'Enqueues one job and returns its id; call it inside your own transaction so the job exists only if you commit. '
    'kind must be registered in queue.kind (by a migration or a worker that runs it), else 22023 lists the known '
    'kinds and nothing is inserted. payload: JSON, at most 1 MiB. By name: queue (default ''default''), run_at '
    '(default now, 1970-9999), priority (0 runs first ... 100), max_attempts (>= 1, default 20), job_key (while a '
    'job of this kind with this key is available, retryable or running, returns its id instead of adding one). '
    'Raises 22004 (NULL), 22023 (unknown kind, out of range or malformed) or 54000 (payload too large). The trigger '
    'job_notify_inserted notifies channel talenta_jobs (payload: the queue name) when the job is due now.';
COMMENT ON FUNCTION queue.enqueue_many(text, jsonb[], text, timestamptz, integer, integer, text[]) IS
    'Enqueues one job per element of payloads, all of one kind and with the same options, with one INSERT, and '
    'returns their ids in the order of payloads (an empty array for an empty one); call it inside your own '
    'transaction so the jobs exist only if you commit. One invalid element fails the whole call and adds nothing. '
    'Arguments as queue.enqueue (kind registered in queue.kind), with payloads jsonb[] (no NULL element, each at '
    'most 1 MiB as JSON text) and job_keys text[]: NULL for none, else one key (or NULL) per payload; an element '
    'whose kind and key match a pending job, or an earlier element of the same call, returns that job''s id instead '
    'of adding one. Errors as queue.enqueue (22004, 22023, 54000), naming the offending element''s position. '
    'Wakes listening workers with one NOTIFY talenta_jobs per call and queue.';

-- A schedule of an unknown kind is refused when it is added (or its kind changed), not at its first fire time.
CREATE FUNCTION queue.schedule_kind_known() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM queue.known_kind('queue.add_schedule', NEW.kind);
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION queue.schedule_kind_known() IS
    'Trigger: refuses a schedule whose kind is not registered in queue.kind (22023, listing the known kinds).';
REVOKE EXECUTE ON FUNCTION queue.schedule_kind_known() FROM PUBLIC;
CREATE TRIGGER schedule_kind_known BEFORE INSERT OR UPDATE OF kind ON queue.schedule
    FOR EACH ROW EXECUTE FUNCTION queue.schedule_kind_known();

-- ---------------------------------------------------------------------------------------------------------------
-- 2. Retention
-- ---------------------------------------------------------------------------------------------------------------

-- queue.prune as in 0004, with cancelled jobs kept as long as completed ones, and running as its owner so that the
-- worker's role may run the `prune` job. The signature and defaults stay.
CREATE OR REPLACE FUNCTION queue.prune(
    completed_older_than interval DEFAULT '7 days',
    discarded_older_than interval DEFAULT '30 days',
    batch_size           integer  DEFAULT 1000
) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
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
          AND d.finished_at < now() - CASE WHEN d.state = 'discarded' THEN discarded_older_than
                                           ELSE completed_older_than END
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
    'Deletes one batch (batch_size 1-10000, default 1000) of finished jobs: completed and cancelled ones finished '
    'more than completed_older_than ago (default 7 days), discarded ones more than discarded_older_than ago '
    '(default 30 days); also deletes worker rows stopped or silent for longer than completed_older_than. Returns '
    'the number of jobs deleted: call it again (each call its own short transaction) until it returns less than '
    'batch_size, as `talenta prune` and the `prune` job do. Rows locked by others are skipped, so pruning never '
    'waits on workers. The schedule `retention` runs it every hour. Raises 22004 for NULL, 22023 for a negative '
    'interval or a batch size out of range.';
GRANT EXECUTE ON FUNCTION queue.prune(interval, interval, integer) TO talenta_worker;

SELECT queue.add_schedule(
    name => 'retention',
    cron => '@hourly',
    time_zone => 'Asia/Makassar',
    kind => 'prune',
    payload_template => '{"completed_after_days": 7, "discarded_after_days": 30}'::jsonb,
    priority => 100,
    max_attempts => 3,
    enabled => true,
    description => 'Retention: every hour, delete completed and cancelled jobs finished more than '
        || 'completed_after_days ago and discarded ones more than discarded_after_days ago (queue.prune). Change '
        || 'the days with queue.add_schedule (or talenta schedule add retention ... --replace); disable it only '
        || 'when something else prunes.');

-- ---------------------------------------------------------------------------------------------------------------
-- 3. Cleanup health
-- ---------------------------------------------------------------------------------------------------------------

CREATE FUNCTION queue.cleanup_health()
RETURNS TABLE (
    live_rows                 bigint,
    dead_rows                 bigint,
    last_vacuum_at            timestamptz,
    last_autovacuum_at        timestamptz,
    sees_all_sessions         boolean,
    oldest_xact_pid           integer,
    oldest_xact_application   text,
    oldest_xact_state         text,
    oldest_xact_started_at    timestamptz,
    oldest_xact_seconds       double precision
)
LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
    WITH job AS (
        SELECT s.n_live_tup, s.n_dead_tup, s.last_vacuum, s.last_autovacuum
          FROM pg_stat_user_tables AS s
         WHERE s.relid = 'queue.job'::regclass
    ), oldest AS (
        -- Client sessions of this database whose snapshot or transaction id keeps dead rows from being removed.
        SELECT a.pid, a.application_name, a.state, a.xact_start
          FROM pg_stat_activity AS a
         WHERE a.datname = current_database() AND a.backend_type = 'client backend'
           AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL
           AND (a.backend_xmin IS NOT NULL OR a.backend_xid IS NOT NULL)
         ORDER BY a.xact_start
         LIMIT 1
    )
    SELECT job.n_live_tup, job.n_dead_tup, job.last_vacuum, job.last_autovacuum,
           pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER'),
           oldest.pid, oldest.application_name, oldest.state, oldest.xact_start,
           extract(epoch FROM clock_timestamp() - oldest.xact_start)::double precision
      FROM job LEFT JOIN oldest ON true;
$$;
COMMENT ON FUNCTION queue.cleanup_health() IS
    'One row about the cleanup of queue.job: live_rows and dead_rows (statistics, approximate), last_vacuum_at and '
    'last_autovacuum_at, and the oldest open transaction of this database that holds back the removal of dead rows '
    '(a client session with a snapshot or a transaction id): its pid, application_name, state, start and age in '
    'seconds; NULL when there is none. sees_all_sessions is false when the function''s owner (the migration owner) '
    'is neither a superuser nor a member of pg_read_all_stats: other roles'' sessions are then invisible to it '
    '(GRANT pg_read_all_stats TO the owner). Read by `talenta status`, the worker''s metrics and its warning.';
REVOKE EXECUTE ON FUNCTION queue.cleanup_health() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION queue.cleanup_health() TO talenta_worker, talenta_enqueuer, talenta_reader;
