"""Assembles the rows the drivers wrote (benchlib.py) into the one side-by-side table of `make bench`.

Usage: report.py ROWS_CSV OUT_CSV [--header LINE ...]

Rows measured more than once (enqueue-bulk fills the queue before every drain) are reduced to their median.
The last column is Talenta's figure divided by the row's: for drain and pgbench rows, Talenta's drain at the
same concurrency (below 1.00 means the row is faster); for enqueue rows, Talenta's enqueue in the same mode.
The table is printed and saved as CSV at OUT_CSV.
"""

import argparse
import csv
import statistics
import sys

SYSTEM_ORDER = ["talenta", "pgqueuer", "procrastinate", "pgbench"]
MODE_ORDER = ["drain", "claim-one", "claim-50", "lease-50", "enqueue-single", "enqueue-bulk", "latency"]
COLUMNS = ["system", "mode", "concurrency", "jobs", "runs", "jobs_per_s", "p50_ms", "p99_ms", "talenta_ratio", "note"]


def number(text):
    return float(text) if text not in ("", None) else None


def median(values):
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def load(path):
    groups = {}
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["system"], row["mode"], int(row["concurrency"]))
            groups.setdefault(key, []).append(row)
    table = []
    for (system, mode, concurrency), rows in groups.items():
        table.append({
            "system": system, "mode": mode, "concurrency": concurrency, "jobs": rows[0]["jobs"], "runs": len(rows),
            "jobs_per_s": median(number(r["jobs_per_s"]) for r in rows),
            "p50_ms": median(number(r["p50_ms"]) for r in rows),
            "p99_ms": median(number(r["p99_ms"]) for r in rows),
            "note": rows[0]["note"],
        })
    return table


def add_ratios(table):
    talenta = {(r["mode"], r["concurrency"]): r["jobs_per_s"] for r in table if r["system"] == "talenta"}
    for row in table:
        if row["jobs_per_s"] is None:
            row["talenta_ratio"] = None
            continue
        if row["mode"].startswith("enqueue"):
            reference = talenta.get((row["mode"], 1))
        else:
            reference = talenta.get(("drain", row["concurrency"]))
        row["talenta_ratio"] = reference / row["jobs_per_s"] if reference and row["jobs_per_s"] else None


def yardstick_lines(table):
    """The drain against pgbench's lease-50, the yardstick of a lease-based queue (issue 14, deciding issue 7's
    question): a claim that leases jobs and writes each twice, as Talenta's running state, heartbeats and attempt
    counting need. claim-50 (one write per job, no lease) is shown beside it as context."""
    drain = {r["concurrency"]: r["jobs_per_s"] for r in table if r["system"] == "talenta" and r["mode"] == "drain"}
    lines = []
    for concurrency in sorted(drain):
        limits = {mode: next((r["jobs_per_s"] for r in table if r["system"] == "pgbench" and r["mode"] == mode
                              and r["concurrency"] == concurrency and r["jobs_per_s"]), None)
                  for mode in ("lease-50", "claim-50")}
        if not drain[concurrency] or not limits["lease-50"]:
            continue
        context = (f"; claim-50 context {drain[concurrency] / limits['claim-50']:.2f}" if limits["claim-50"] else "")
        lines.append(f"drain ÷ lease-50 at concurrency {concurrency}: {drain[concurrency] / limits['lease-50']:.2f}"
                     f" ({drain[concurrency]:,.0f} of {limits['lease-50']:,.0f} jobs/s){context}")
    if lines:
        lines.insert(0, "Yardstick: pgbench lease-50, the raw limit of a lease-based queue on this machine:")
    return lines


def sort_key(row):
    mode = MODE_ORDER.index(row["mode"]) if row["mode"] in MODE_ORDER else len(MODE_ORDER)
    system = SYSTEM_ORDER.index(row["system"]) if row["system"] in SYSTEM_ORDER else len(SYSTEM_ORDER)
    group = 0 if row["mode"] in ("drain", "claim-one", "claim-50", "lease-50") else 1 if row["mode"].startswith("enqueue") else 2
    if group == 0:
        return (group, row["concurrency"], system, mode)
    return (group, mode, system, row["concurrency"])


def fmt(value, pattern):
    return "" if value is None else pattern.format(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows")
    parser.add_argument("out")
    parser.add_argument("--header", action="append", default=[])
    args = parser.parse_args()

    table = load(args.rows)
    if not table:
        print("report: no rows", file=sys.stderr)
        return 1
    add_ratios(table)
    table.sort(key=sort_key)

    shown = [[r["system"], r["mode"], str(r["concurrency"]), fmt(r["jobs_per_s"], "{:,.0f}"),
              fmt(r["p50_ms"], "{:.2f}"), fmt(r["p99_ms"], "{:.2f}"), fmt(r["talenta_ratio"], "{:.2f}")]
             for r in table]
    titles = ["system", "mode", "conc", "jobs/s", "p50 ms", "p99 ms", "talenta÷row"]
    widths = [max(len(t), *(len(s[i]) for s in shown)) for i, t in enumerate(titles)]
    right = {2, 3, 4, 5, 6}

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    for header in args.header:
        print(header)
    print(line(titles))
    print("  ".join("-" * w for w in widths))
    previous = None
    for row, cells in zip(table, shown):
        group = sort_key(row)[:2]
        if previous is not None and group != previous:
            print()
        previous = group
        print(line(cells))
    print("talenta÷row: Talenta's drain at the row's concurrency (enqueue rows: Talenta's enqueue in the same mode) "
          "divided by the row's jobs/s.")
    for line in yardstick_lines(table):
        print(line)

    with open(args.out, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for r in table:
            writer.writerow({**r, "jobs_per_s": fmt(r["jobs_per_s"], "{:.1f}"), "p50_ms": fmt(r["p50_ms"], "{:.2f}"),
                             "p99_ms": fmt(r["p99_ms"], "{:.2f}"), "talenta_ratio": fmt(r["talenta_ratio"], "{:.3f}")})
    print(f"bench: table saved as {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
