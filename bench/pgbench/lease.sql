-- One pgbench transaction pair: the two writes per job of a lease-based queue (River, Oban, graphile-worker,
-- Talenta), on the lean job table. The claim marks up to "batch" available jobs running with a lease and commits;
-- the completion marks them done and commits. Two transactions and two round trips, as a worker with a no-op
-- handler and batched completions would. Run with -D batch=50 (lease-50); jobs/s = tps x batch.
WITH claimed AS (
    UPDATE bench_job SET state = 'running', lease_expires_at = now() + interval '60 seconds'
     WHERE id = ANY (ARRAY(SELECT id FROM bench_job
                            WHERE state = 'available'
                            ORDER BY priority, run_at, id
                            LIMIT :batch
                            FOR UPDATE SKIP LOCKED))
    RETURNING id)
SELECT coalesce(array_agg(id), '{}') AS ids FROM claimed \gset
UPDATE bench_job SET state = 'done', lease_expires_at = NULL WHERE id = ANY (:ids::bigint[]) AND state = 'running';
