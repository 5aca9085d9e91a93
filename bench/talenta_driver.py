"""Talenta's side of `make bench`: enqueue, drain and wake-up latency of the built-in `noop` kind.

Usage (bench/run.sh calls it; BENCH_ROWS names the rows file, see benchlib.py):
  talenta_driver.py enqueue-single --dsn URL --jobs N
  talenta_driver.py drain          --dsn URL --jobs N --concurrency C --talenta BIN --timeout S
  talenta_driver.py latency        --dsn URL --jobs M --concurrency C --talenta BIN --timeout S

Enqueue goes through the public SQL API, queue.enqueue(kind, payload), over one psycopg connection in
autocommit mode (each call is its own transaction, as an integrating system would call it).
drain fills the queue with N jobs in one queue.enqueue_many call (recorded as enqueue-bulk), then times
`talenta worker --concurrency C --exit-when-idle`. Its jobs/s counts from the first claim to the last
completion as the database recorded them (min started_at .. max finished_at), so process start, connecting
and the final idle check are left out; the process's own wall time is kept in the note.
latency starts an idle worker (no --exit-when-idle), enqueues M jobs one by one with random 2-20 ms gaps,
and reads started_at - created_at of each from queue.job; the worker is stopped with SIGTERM.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

import psycopg

from benchlib import emit, fail, percentile

SYSTEM = "talenta"
ENQUEUE_ONE = "SELECT queue.enqueue(%s, %s::jsonb)"
ENQUEUE_MANY = "SELECT cardinality(queue.enqueue_many(%s, %s::text[]::jsonb[]))"


def connect(dsn):
    return psycopg.connect(dsn, autocommit=True, application_name="talenta-bench")


def reset(conn):
    conn.execute("TRUNCATE queue.job RESTART IDENTITY")


def enqueue_single(args):
    with connect(args.dsn) as conn:
        reset(conn)
        cur = conn.cursor()
        started = time.perf_counter()
        for _ in range(args.jobs):
            cur.execute(ENQUEUE_ONE, ("noop", "{}"), prepare=True)
        elapsed = time.perf_counter() - started
        count = conn.execute("SELECT count(*) FROM queue.job").fetchone()[0]
        if count != args.jobs:
            fail(f"enqueue-single: {count} jobs in queue.job, expected {args.jobs}")
        emit(SYSTEM, "enqueue-single", 1, args.jobs, elapsed, note="SELECT queue.enqueue per job, autocommit")
        reset(conn)


def fill(conn, jobs):
    """Empties the queue, enqueues `jobs` noop jobs in one statement (a timed enqueue-bulk row), then VACUUM ANALYZE."""
    reset(conn)
    started = time.perf_counter()
    count = conn.execute(ENQUEUE_MANY, ("noop", ["{}"] * jobs)).fetchone()[0]
    elapsed = time.perf_counter() - started
    if count != jobs:
        fail(f"enqueue-bulk: enqueued {count}, expected {jobs}")
    emit(SYSTEM, "enqueue-bulk", 1, jobs, elapsed, note="one SELECT queue.enqueue_many(kind, N payloads)")
    conn.execute("VACUUM ANALYZE queue.job")


def spawn_worker(args, log, exit_when_idle):
    command = [args.talenta, "worker", "--concurrency", str(args.concurrency), "--log-level", "warning"]
    if exit_when_idle:
        command.append("--exit-when-idle")
    env = dict(os.environ, DATABASE_URL=args.dsn)
    return subprocess.Popen(command, env=env, stdout=log, stderr=log)


def worker_failed(what, log, status):
    log.seek(0)
    tail = log.read().decode(errors="replace")[-4000:]
    fail(f"{what}: talenta worker exited with status {status}\n{tail}")


def drain(args):
    with connect(args.dsn) as conn, tempfile.TemporaryFile() as log:
        fill(conn, args.jobs)
        started = time.perf_counter()
        worker = spawn_worker(args, log, exit_when_idle=True)
        try:
            status = worker.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
            fail(f"drain c={args.concurrency}: worker still running after {args.timeout} s")
        wall = time.perf_counter() - started
        if status != 0:
            worker_failed(f"drain c={args.concurrency}", log, status)
        completed, span = conn.execute(
            "SELECT count(*) FILTER (WHERE state = 'completed'),"
            "       extract(epoch FROM max(finished_at) - min(started_at))::float8"
            "  FROM queue.job").fetchone()
        if completed != args.jobs:
            fail(f"drain c={args.concurrency}: {completed} of {args.jobs} jobs completed")
        emit(SYSTEM, "drain", args.concurrency, args.jobs, span,
             note=f"first claim..last completion; process wall {wall:.2f} s = {args.jobs / wall:,.0f} jobs/s")


def wait_completed(conn, minimum_id, expected, deadline, what):
    while True:
        done = conn.execute(
            "SELECT count(*) FROM queue.job WHERE id >= %s AND state = 'completed'", (minimum_id,)).fetchone()[0]
        if done >= expected:
            return
        if time.monotonic() > deadline:
            fail(f"{what}: {done} of {expected} jobs completed before the timeout")
        time.sleep(0.02)


def latency(args):
    deadline = time.monotonic() + args.timeout
    rng = random.Random(7)
    with connect(args.dsn) as conn, tempfile.TemporaryFile() as log:
        reset(conn)
        worker = spawn_worker(args, log, exit_when_idle=False)
        try:
            cur = conn.cursor()
            # Warm-up: one job proves the worker is connected and listening; then let it go idle.
            warm_id = cur.execute(ENQUEUE_ONE, ("noop", "{}")).fetchone()[0]
            wait_completed(conn, warm_id, 1, deadline, "latency warm-up")
            time.sleep(0.5)
            for _ in range(args.jobs):
                cur.execute(ENQUEUE_ONE, ("noop", "{}"), prepare=True)
                time.sleep(rng.uniform(0.002, 0.020))
            wait_completed(conn, warm_id + 1, args.jobs, deadline, f"latency c={args.concurrency}")
        finally:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
            try:
                status = worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
                fail("latency: worker did not stop within 30 s of SIGTERM")
        if status != 0:
            worker_failed(f"latency c={args.concurrency}", log, status)
        rows = conn.execute(
            "SELECT extract(epoch FROM started_at - created_at)::float8 * 1000 FROM queue.job"
            " WHERE id > %s ORDER BY 1", (warm_id,)).fetchall()
        values = [row[0] for row in rows]
        if len(values) != args.jobs:
            fail(f"latency: {len(values)} measured jobs, expected {args.jobs}")
        emit(SYSTEM, "latency", args.concurrency, args.jobs, None,
             p50_ms=percentile(values, 0.50), p99_ms=percentile(values, 0.99),
             note=f"enqueue-to-start on an idle worker (LISTEN); max {values[-1]:.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["enqueue-single", "drain", "latency"])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--talenta", help="path of the talenta executable (drain, latency)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds the worker may take")
    args = parser.parse_args()
    if args.command != "enqueue-single" and not args.talenta:
        parser.error("--talenta is required for drain and latency")
    {"enqueue-single": enqueue_single, "drain": drain, "latency": latency}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
