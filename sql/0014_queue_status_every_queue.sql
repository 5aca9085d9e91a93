-- 0014_queue_status_every_queue.sql: queue.queue_status shows every known queue, with zeros when it is idle, so
-- `talenta status` and the queue gauges show the default queue before (and after) any job waits in it. Same
-- columns, same grants (CREATE OR REPLACE VIEW keeps them).
--
-- Known queues: 'default' (where queue.enqueue puts jobs unless told otherwise), every queue.queue row (paused or
-- resumed once), the queues of the schedules, and any queue with a job pending or running, or finished within the
-- last 7 days (read through job_finished_idx; the job table is never scanned whole).

CREATE OR REPLACE VIEW queue.queue_status AS
WITH pending AS (
    SELECT j.queue,
           count(*) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at <= now()) AS waiting,
           min(j.run_at) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at <= now()) AS waiting_since,
           count(*) FILTER (WHERE j.state IN ('available', 'retryable') AND j.run_at > now()) AS scheduled,
           count(*) FILTER (WHERE j.state = 'running') AS running
    FROM queue.job AS j
    WHERE j.state IN ('available', 'retryable', 'running')
    GROUP BY j.queue
),
known AS (
    SELECT 'default'::text AS name
    UNION SELECT q.name FROM queue.queue AS q
    UNION SELECT s.queue FROM queue.schedule AS s
    UNION SELECT p.queue FROM pending AS p
    UNION SELECT f.queue FROM queue.job AS f
           WHERE f.state IN ('completed', 'discarded', 'cancelled') AND f.finished_at > now() - interval '7 days'
)
SELECT k.name AS queue,
       q.paused_at,
       coalesce(p.waiting, 0) AS waiting,
       extract(epoch FROM now() - p.waiting_since)::double precision AS oldest_waiting_seconds,
       coalesce(p.scheduled, 0) AS scheduled,
       coalesce(p.running, 0) AS running
FROM known AS k
LEFT JOIN pending AS p ON p.queue = k.name
LEFT JOIN queue.queue AS q ON q.name = k.name;
COMMENT ON VIEW queue.queue_status IS
    'Per known queue, idle ones included with zeros (''default'', queue.queue rows, the schedules'' queues, and '
    'queues with a job pending, running or finished in the last 7 days): paused or not, jobs waiting (claimable '
    'now), the age of the oldest waiting job, jobs scheduled later and jobs running.';
