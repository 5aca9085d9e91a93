-- One pgbench transaction: claim up to "batch" available jobs with FOR UPDATE SKIP LOCKED and mark them done,
-- in one transaction and two round trips (claim, then complete), as a worker with a no-op handler would.
-- Run with -D batch=1 (claim-one) or -D batch=50 (claim-50); jobs/s = tps x batch.
BEGIN;
SELECT coalesce(array_agg(id), '{}') AS ids
  FROM (SELECT id FROM bench_job
         WHERE state = 'available'
         ORDER BY priority, run_at, id
         LIMIT :batch
         FOR UPDATE SKIP LOCKED) AS claimed \gset
UPDATE bench_job SET state = 'done' WHERE id = ANY (:ids::bigint[]);
COMMIT;
