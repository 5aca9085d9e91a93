"""Shared by the benchmark drivers: one result row per measurement, appended to the run's rows file.

Every driver appends rows to the CSV file named by the BENCH_ROWS environment variable (bench/run.sh sets it);
bench/report.py turns them into the printed table. Times are wall-clock seconds from time.perf_counter().
"""

import csv
import math
import os
import sys

FIELDS = ["system", "mode", "concurrency", "jobs", "seconds", "jobs_per_s", "p50_ms", "p99_ms", "note"]


def emit(system, mode, concurrency, jobs, seconds, *, p50_ms=None, p99_ms=None, note=""):
    """Appends one row; jobs_per_s is jobs / seconds when seconds is given."""
    rate = jobs / seconds if seconds else None
    row = {
        "system": system,
        "mode": mode,
        "concurrency": concurrency,
        "jobs": jobs,
        "seconds": f"{seconds:.4f}" if seconds is not None else "",
        "jobs_per_s": f"{rate:.1f}" if rate is not None else "",
        "p50_ms": f"{p50_ms:.2f}" if p50_ms is not None else "",
        "p99_ms": f"{p99_ms:.2f}" if p99_ms is not None else "",
        "note": note,
    }
    path = os.environ["BENCH_ROWS"]
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    with open(path, "a", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        if new:
            writer.writeheader()
        writer.writerow(row)
    shown = f"{rate:,.0f} jobs/s" if rate is not None else f"p50 {p50_ms:.2f} ms, p99 {p99_ms:.2f} ms"
    print(f"bench: {system} {mode} c={concurrency}: {shown} {note}".rstrip(), file=sys.stderr, flush=True)


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an ascending list (fraction in 0..1)."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def fail(message):
    """Stops the driver with a message on standard error and exit status 1."""
    print(f"bench: error: {message}", file=sys.stderr, flush=True)
    sys.exit(1)
