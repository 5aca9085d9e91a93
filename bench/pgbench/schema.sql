-- The raw limit's lean job table: just what a claim needs. bench/run.sh creates it in the bench_pgbench
-- database and fills it with :jobs available rows (psql -v jobs=N) before each pgbench run.
SET client_min_messages = warning;
DROP TABLE IF EXISTS bench_job;
CREATE TABLE bench_job (
    id       bigserial   PRIMARY KEY,
    state    text        NOT NULL DEFAULT 'available',
    priority integer     NOT NULL DEFAULT 0,
    run_at   timestamptz NOT NULL DEFAULT now(),
    payload  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    lease_expires_at timestamptz -- set only by lease.sql's claim: the one column a lease adds
);
-- Same shape as Talenta's claim index: claimable rows in run order.
CREATE INDEX bench_job_claim_idx ON bench_job (priority, run_at, id) WHERE state = 'available';
INSERT INTO bench_job (payload) SELECT '{}'::jsonb FROM generate_series(1, :jobs);
VACUUM ANALYZE bench_job;
