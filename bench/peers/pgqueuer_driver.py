"""PgQueuer's side of `make bench`: enqueue and drain N no-op jobs with its normal API.

Usage (BENCH_ROWS names the rows file, see benchlib.py):
  pgqueuer_driver.py enqueue-single --dsn URL --jobs N   (also installs the schema when missing)
  pgqueuer_driver.py drain          --dsn URL --jobs N --concurrency C

Set up as PgQueuer's own drain benchmark (tools/benchmark.py in its repository) sets itself up: the asyncpg
driver (its default), concurrency C = C queue managers in one uvloop process, each on its own connection,
each `run(batch_size=10, mode=drain)` (10 is its default and its benchmark's batch size); drain mode returns
once the queue is empty. enqueue-single: N awaited `queries.enqueue(entrypoint, payload)` calls on one
connection; enqueue-bulk: one `queries.enqueue([...], [...], [...])` of N jobs, which also fills the queue
before each drain. The drain is timed from the start of the managers' run() to the return of the last.
"""

import argparse
import asyncio
import logging
import sys
import time

import asyncpg
import uvloop
from pgqueuer import AsyncpgDriver, PgQueuer, Queries
from pgqueuer.types import QueueExecutionMode

from benchlib import emit, fail

SYSTEM = "pgqueuer"
RESET = "TRUNCATE pgqueuer, pgqueuer_log, pgqueuer_statistics RESTART IDENTITY"


async def reset(conn):
    await conn.execute(RESET)


async def enqueue_single(args):
    admin = await asyncpg.connect(args.dsn)
    queries = Queries(AsyncpgDriver(await asyncpg.connect(args.dsn)))
    if not await queries.schema_is_installed():
        await queries.install()
    await reset(admin)
    started = time.perf_counter()
    for _ in range(args.jobs):
        await queries.enqueue("noop", None, 0)
    emit(SYSTEM, "enqueue-single", 1, args.jobs, time.perf_counter() - started, note="await queries.enqueue() per job")
    await reset(admin)
    await admin.close()


async def drain(args):
    concurrency = args.concurrency
    admin = await asyncpg.connect(args.dsn)
    queries = Queries(AsyncpgDriver(await asyncpg.connect(args.dsn)))
    await reset(admin)
    started = time.perf_counter()
    await queries.enqueue(["noop"] * args.jobs, [None] * args.jobs, [0] * args.jobs)
    emit(SYSTEM, "enqueue-bulk", 1, args.jobs, time.perf_counter() - started, note="queries.enqueue(lists of N)")
    await admin.execute("VACUUM ANALYZE pgqueuer")

    done = 0
    managers = []
    for _ in range(concurrency):
        pgq = PgQueuer(AsyncpgDriver(await asyncpg.connect(args.dsn)))

        @pgq.entrypoint("noop")
        async def noop(job):
            nonlocal done
            done += 1

        managers.append(pgq)
    started = time.perf_counter()
    await asyncio.gather(*(pgq.run(batch_size=10, mode=QueueExecutionMode.drain) for pgq in managers))
    elapsed = time.perf_counter() - started
    left = await admin.fetchval("SELECT count(*) FROM pgqueuer")
    if done != args.jobs or left != 0:
        fail(f"drain c={concurrency}: {done} jobs ran and {left} remain, expected {args.jobs} and 0")
    emit(SYSTEM, "drain", concurrency, args.jobs, elapsed, note=f"{concurrency} managers x run(batch_size=10, mode=drain)")
    await reset(admin)
    await admin.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["enqueue-single", "drain"])
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--jobs", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args()
    # Only errors: the driver checks every outcome itself.
    logging.getLogger("pgqueuer").setLevel(logging.ERROR)
    uvloop.run({"enqueue-single": enqueue_single, "drain": drain}[args.command](args))


if __name__ == "__main__":
    sys.exit(main())
