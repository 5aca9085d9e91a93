"""Procrastinate's side of `make bench`: enqueue and drain N no-op jobs with its normal API.

Usage (BENCH_ROWS names the rows file, see benchlib.py):
  procrastinate_driver.py enqueue-single --dsn URL --jobs N   (also installs the schema when missing)
  procrastinate_driver.py drain          --dsn URL --jobs N --concurrency C

enqueue-single: N awaited `task.defer_async()` calls, one after another; enqueue-bulk: one
`task.batch_defer_async(...)` of N jobs, which also fills the queue before each drain. drain: one worker,
`app.run_worker_async(concurrency=C, wait=False)` (it returns once the queue is empty), timed from the call
to its return, with a connection pool of C + 2 (one per job slot, the LISTEN connection and one spare).
Jobs are kept after success (delete_jobs defaults to never), as a default installation does.
"""

import argparse
import asyncio
import logging
import sys
import time

import procrastinate
import psycopg

from benchlib import emit, fail

SYSTEM = "procrastinate"
RESET = "TRUNCATE procrastinate_jobs, procrastinate_events, procrastinate_periodic_defers RESTART IDENTITY CASCADE"


def make_app(dsn, pool_size):
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(
        conninfo=dsn, min_size=pool_size, max_size=pool_size))

    @app.task(name="noop")
    async def noop():
        return None

    return app, noop


async def succeeded(app):
    rows = await app.connector.execute_query_all_async(
        "SELECT status::text AS status, count(*) AS n FROM procrastinate_jobs GROUP BY 1")
    return {row["status"]: row["n"] for row in rows}


async def maintain(dsn, *statements):
    """Runs reset and VACUUM statements on a connection of our own, outside any transaction."""
    async with await psycopg.AsyncConnection.connect(dsn, autocommit=True) as conn:
        for statement in statements:
            await conn.execute(statement)


async def enqueue_single(args):
    app, noop = make_app(args.dsn, 2)
    async with app.open_async():
        async with await psycopg.AsyncConnection.connect(args.dsn) as conn:
            installed = (await (await conn.execute("SELECT to_regclass('procrastinate_jobs')")).fetchone())[0]
        if installed is None:
            await app.schema_manager.apply_schema_async()
        await maintain(args.dsn, RESET)
        started = time.perf_counter()
        for _ in range(args.jobs):
            await noop.defer_async()
        emit(SYSTEM, "enqueue-single", 1, args.jobs, time.perf_counter() - started, note="await task.defer_async() per job")
    await maintain(args.dsn, RESET)


async def drain(args):
    concurrency = args.concurrency
    app, noop = make_app(args.dsn, concurrency + 2)
    async with app.open_async():
        await maintain(args.dsn, RESET)
        started = time.perf_counter()
        await noop.batch_defer_async(*({} for _ in range(args.jobs)))
        emit(SYSTEM, "enqueue-bulk", 1, args.jobs, time.perf_counter() - started, note="task.batch_defer_async(N jobs)")
        await maintain(args.dsn, "VACUUM ANALYZE procrastinate_jobs")
        started = time.perf_counter()
        await app.run_worker_async(concurrency=concurrency, wait=False, install_signal_handlers=False)
        elapsed = time.perf_counter() - started
        counts = await succeeded(app)
        if counts.get("succeeded", 0) != args.jobs:
            fail(f"drain c={concurrency}: job states {counts}, expected {args.jobs} succeeded")
        emit(SYSTEM, "drain", concurrency, args.jobs, elapsed, note="run_worker_async(wait=False) call to return")
    await maintain(args.dsn, RESET)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["enqueue-single", "drain"])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    # Only errors: the driver checks every outcome itself (info logs per job would cost the peer time).
    logging.getLogger("procrastinate").setLevel(logging.ERROR)
    asyncio.run({"enqueue-single": enqueue_single, "drain": drain}[args.command](args))


if __name__ == "__main__":
    sys.exit(main())
