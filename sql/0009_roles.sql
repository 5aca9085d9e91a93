-- 0009_roles.sql: least-privilege group roles, the per-job status view, the SQL API's SECURITY DEFINER functions,
-- and the storage settings of the queue's hot tables (fillfactor, per-table autovacuum; see deploy/postgresql.queue.conf).
--
-- Four NOLOGIN group roles; a deployment creates its own LOGIN users and grants them one role each
-- (`CREATE ROLE simpeg LOGIN PASSWORD '…' IN ROLE talenta_enqueuer`, see deploy/RUNBOOK.md):
--
--   talenta_worker     the `talenta worker` daemon: reads hr, writes talent, claims/heartbeats/completes queue jobs
--                      (UPDATE on queue.job, never INSERT or DELETE), registers in queue.worker, enqueues fan-out
--                      jobs through queue.enqueue, rescues expired leases.
--   talenta_enqueuer   other systems and operators: queue.enqueue, cancel, retry, pause, resume and the queue
--                      status views; no hr or talent access, no direct access to queue.job.
--   talenta_reader     dashboards and integrators: the talent.* views and the queue status views; no hr access at all
--                      (no personal columns), no talent tables (the views are the stable interface), no writes.
--   talenta_hr_writer  the city's HR systems and `talenta import`: reads and writes hr.*; nothing in talent or queue
--                      (triggers on hr that enqueue must be SECURITY DEFINER functions, so this role needs no queue
--                      privilege for them).
--
-- Functions that these roles call run as SECURITY DEFINER (as the migration owner) with
-- `SET search_path = pg_catalog, pg_temp`, so a caller cannot redirect a name inside them; every name in their
-- bodies is schema-qualified. EXECUTE is never granted to PUBLIC in hr, talent or queue.
--
-- Roles are cluster-wide: they are created only when missing (a DBA may create them beforehand when the migration
-- owner lacks CREATEROLE). Grants are per database and run in every database this file migrates.
-- Later migrations: the default privileges below cover new hr and talent tables for the roles whose access is the
-- same for every table of the schema; everything else (new views, queue tables, functions) needs an explicit
-- GRANT, and Tests/TalentJobsTests/Roles/RoleMatrix.swift fails until the new object has a decision.

-- ---------------------------------------------------------------------------------------------------------------
-- The group roles
-- ---------------------------------------------------------------------------------------------------------------

DO $roles$
DECLARE
    wanted record;
BEGIN
    FOR wanted IN
        SELECT * FROM (VALUES
            ('talenta_worker',
             'Talenta: the worker daemon. Reads hr, writes talent, claims and completes queue jobs.'),
            ('talenta_enqueuer',
             'Talenta: may call queue.enqueue, cancel, retry, pause, resume and read the queue status views.'),
            ('talenta_reader',
             'Talenta: may read the talent.* result views and the queue status views; no hr access, no writes.'),
            ('talenta_hr_writer',
             'Talenta: may read and write the hr.* input tables; nothing in talent or queue.')
        ) AS r(name, description)
    LOOP
        IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = wanted.name) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted.name);
                EXECUTE format('COMMENT ON ROLE %I IS %L', wanted.name, wanted.description);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;  -- another database's migration created it at the same moment
            END;
        END IF;
    END LOOP;
END;
$roles$;

-- ---------------------------------------------------------------------------------------------------------------
-- Per-job status for the systems that enqueued a job (no payload, no error history)
-- ---------------------------------------------------------------------------------------------------------------

CREATE VIEW queue.job_status AS
SELECT j.id AS job_id, j.kind, j.queue, j.state, j.priority, j.attempt, j.max_attempts, j.job_key,
       j.run_at, j.created_at, j.started_at, j.finished_at, j.last_error
FROM queue.job AS j;
COMMENT ON VIEW queue.job_status IS
    'One row per job without its payload or error history: poll it by job_id (the value queue.enqueue returned) '
    'to follow a job you enqueued. Readable by talenta_enqueuer and talenta_reader.';
COMMENT ON COLUMN queue.job_status.job_id IS 'Job id, as returned by queue.enqueue.';
COMMENT ON COLUMN queue.job_status.kind IS 'Job kind.';
COMMENT ON COLUMN queue.job_status.queue IS 'Queue name.';
COMMENT ON COLUMN queue.job_status.state IS 'available, running, retryable, completed, discarded or cancelled.';
COMMENT ON COLUMN queue.job_status.priority IS '0 (first) to 100.';
COMMENT ON COLUMN queue.job_status.attempt IS 'Attempts so far (0 before the first claim).';
COMMENT ON COLUMN queue.job_status.max_attempts IS 'Attempts allowed.';
COMMENT ON COLUMN queue.job_status.job_key IS 'The idempotency key given to queue.enqueue, or NULL.';
COMMENT ON COLUMN queue.job_status.run_at IS 'Earliest time of the next (or latest) attempt.';
COMMENT ON COLUMN queue.job_status.created_at IS 'Time the job was enqueued.';
COMMENT ON COLUMN queue.job_status.started_at IS 'Time the latest attempt was claimed.';
COMMENT ON COLUMN queue.job_status.finished_at IS 'Time it was completed, discarded or cancelled; NULL otherwise.';
COMMENT ON COLUMN queue.job_status.last_error IS 'The latest failed attempt''s error, NULL while none failed.';

-- ---------------------------------------------------------------------------------------------------------------
-- Functions: a fixed search_path everywhere; SECURITY DEFINER for the ones granted beyond the owner
-- ---------------------------------------------------------------------------------------------------------------

-- Reviewed bodies: every table is written queue.<name>; the rest are pg_catalog functions and operators.
ALTER FUNCTION queue.enqueue(text, jsonb, text, timestamptz, integer, integer, text)
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.cancel(bigint) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.retry(bigint) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.pause(text) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.resume(text) SECURITY DEFINER SET search_path = pg_catalog, pg_temp;
-- The worker's own: it holds UPDATE on queue.job, so these run with the caller's rights.
ALTER FUNCTION queue.rescue_expired_leases(integer) SET search_path = pg_catalog, pg_temp;
ALTER FUNCTION queue.notify_inserted() SET search_path = pg_catalog, pg_temp;
-- The owner's only (deletes history): `talenta prune` runs with the migration owner's credentials.
ALTER FUNCTION queue.prune(interval, interval, integer) SET search_path = pg_catalog, pg_temp;

-- EXECUTE is granted to PUBLIC by default: take it back now and for every function this owner creates later
-- (a per-schema default cannot revoke a global one, hence no IN SCHEMA).
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA queue, talent, hr FROM PUBLIC;
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------------------------
-- talenta_worker
-- ---------------------------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA hr, talent, queue TO talenta_worker;
GRANT SELECT ON ALL TABLES IN SCHEMA hr TO talenta_worker;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA talent TO talenta_worker;
GRANT SELECT, UPDATE ON queue.job TO talenta_worker;
GRANT SELECT ON queue.queue TO talenta_worker;
GRANT SELECT, INSERT, UPDATE ON queue.worker TO talenta_worker;
GRANT EXECUTE ON FUNCTION queue.enqueue(text, jsonb, text, timestamptz, integer, integer, text),
                          queue.rescue_expired_leases(integer) TO talenta_worker;
-- The talent views are not updatable; take back what ALL TABLES granted on them.
REVOKE INSERT, UPDATE, DELETE ON talent.opd, talent.current_placement, talent.pool, talent.succession,
                                 talent.box_distribution FROM talenta_worker;

-- ---------------------------------------------------------------------------------------------------------------
-- talenta_enqueuer
-- ---------------------------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA queue TO talenta_enqueuer;
GRANT EXECUTE ON FUNCTION queue.enqueue(text, jsonb, text, timestamptz, integer, integer, text),
                          queue.cancel(bigint), queue.retry(bigint), queue.pause(text), queue.resume(text)
    TO talenta_enqueuer;
GRANT SELECT ON queue.job_counts, queue.queue_status, queue.throughput, queue.recent_failures, queue.worker_status,
               queue.job_status TO talenta_enqueuer;

-- ---------------------------------------------------------------------------------------------------------------
-- talenta_reader
-- ---------------------------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA talent, queue TO talenta_reader;
GRANT SELECT ON talent.opd, talent.current_placement, talent.pool, talent.succession, talent.box_distribution
    TO talenta_reader;
GRANT SELECT ON queue.job_counts, queue.queue_status, queue.throughput, queue.recent_failures, queue.worker_status,
               queue.job_status TO talenta_reader;

-- ---------------------------------------------------------------------------------------------------------------
-- talenta_hr_writer
-- ---------------------------------------------------------------------------------------------------------------

GRANT USAGE ON SCHEMA hr TO talenta_hr_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA hr TO talenta_hr_writer;

-- ---------------------------------------------------------------------------------------------------------------
-- Tables later migrations add (by this same owner)
-- ---------------------------------------------------------------------------------------------------------------

ALTER DEFAULT PRIVILEGES IN SCHEMA hr GRANT SELECT ON TABLES TO talenta_worker;
ALTER DEFAULT PRIVILEGES IN SCHEMA hr GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO talenta_hr_writer;
ALTER DEFAULT PRIVILEGES IN SCHEMA talent GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO talenta_worker;

-- ---------------------------------------------------------------------------------------------------------------
-- Storage of the queue's hot tables
-- ---------------------------------------------------------------------------------------------------------------

-- Every job row is updated three or more times (claim, heartbeats, completion) and later deleted by queue.prune.
-- Those updates change columns the partial indexes filter on (state, lease_expires_at), so they are never HOT:
-- fillfactor 80 leaves room for the new version on the same page, and autovacuum runs after ~1% of the table
-- (or 1,000 rows) changed instead of the default 20%, without cost-based throttling, so dead rows do not pile up
-- in front of the claim's index scan. Applies to new pages; an existing large table gets it at its next rewrite.
ALTER TABLE queue.job SET (
    fillfactor = 80,
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_vacuum_threshold = 1000,
    autovacuum_vacuum_insert_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_cost_delay = 0
);
-- A few rows, each updated at every heartbeat (every lease/3 seconds per worker).
ALTER TABLE queue.worker SET (
    fillfactor = 50,
    autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 200,
    autovacuum_vacuum_cost_delay = 0
);
