#!/usr/bin/env bash
# bench/run.sh: `make bench`, the side-by-side queue benchmark.
#
# On a throwaway cluster of its own (.pgdata-bench/, 127.0.0.1:25440; never the test or the shared database),
# tuned once by bench/postgresql.bench.conf so every system meets the same server, with one database per
# system, it measures N no-op jobs at each concurrency:
#   talenta        enqueue (one queue.enqueue per call; N in one statement), drain of `talenta worker
#                  --concurrency C --exit-when-idle`, enqueue-to-start latency on an idle worker (LISTEN)
#   pgqueuer       enqueue and drain with its normal API        (bench/peers/pgqueuer_driver.py)
#   procrastinate  enqueue and drain with its normal API        (bench/peers/procrastinate_driver.py)
#   pgbench        the raw limit: claim 1 or 50 jobs with FOR UPDATE SKIP LOCKED and mark them done, in one
#                  transaction, on a lean job table            (bench/pgbench/claim.sql); and lease-50: claim 50
#                  jobs as running with a lease, then mark them done, in two transactions: the two writes per
#                  job of a lease-based queue, on the same table (bench/pgbench/lease.sql)
# and prints one table (bench/report.py), saved as bench/results/<timestamp>.csv (ignored by git).
# The peers are installed from PyPI (bench/requirements.txt) into bench/.venv; nothing else leaves loopback.
# Every step has a timeout; the cluster is stopped and removed on exit, whatever happens.
#
# Knobs: BENCH_JOBS (default 50000), BENCH_CONCURRENCY (default "2 4 8"), BENCH_LATENCY_JOBS (default 500),
# BENCH_SYSTEMS (default "talenta pgqueuer procrastinate pgbench"), BENCH_SCRATCH_PATH (swift build's scratch
# path, default .build), SWIFT (default swift).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

JOBS=${BENCH_JOBS:-50000}
CONCURRENCY=${BENCH_CONCURRENCY:-2 4 8}
LATENCY_JOBS=${BENCH_LATENCY_JOBS:-500}
SYSTEMS=${BENCH_SYSTEMS:-talenta pgqueuer procrastinate pgbench}
SCRATCH=${BENCH_SCRATCH_PATH:-.build}
SWIFT=${SWIFT:-swift}
export TALENTA_PGDIR=$REPO/.pgdata-bench TALENTA_PGPORT=25440
export PYTHONDONTWRITEBYTECODE=1 PGCONNECT_TIMEOUT=10
VENV=$REPO/bench/.venv
PY=$VENV/bin/python
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$REPO/bench/results
export BENCH_ROWS=$RESULTS/$STAMP.rows.csv

case "$JOBS" in ''|*[!0-9]*) echo "bench: BENCH_JOBS must be a positive integer" >&2; exit 64;; esac
[ "$JOBS" -ge 100 ] || { echo "bench: BENCH_JOBS must be at least 100" >&2; exit 64; }
for c in $CONCURRENCY; do
  case "$c" in ''|*[!0-9]*|0) echo "bench: BENCH_CONCURRENCY must list positive integers" >&2; exit 64;; esac
done
wants() { [[ " $SYSTEMS " == *" $1 "* ]]; }

# step SECONDS WHAT COMMAND...: runs COMMAND under a timeout (its whole process group is signalled).
step() {
  local limit=$1 what=$2 status=0; shift 2
  echo "bench: $what (limit ${limit} s)" >&2
  timeout --kill-after=15 "$limit" "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "bench: '$what' timed out after ${limit} s" >&2 \
                          || echo "bench: '$what' failed with status $status" >&2
    exit "$status"
  fi
}

stop_cluster() { timeout 120 scripts/db-down.sh >/dev/null 2>&1 || true; }
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# ---- talenta, release build ------------------------------------------------------------------------------
if wants talenta; then
  scripts/deps.sh
  step 1800 "build talenta (release)" "$SWIFT" build -c release --scratch-path "$SCRATCH" --product talenta
  TALENTA=$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)/talenta
  [ -x "$TALENTA" ] || { echo "bench: no talenta executable at $TALENTA" >&2; exit 1; }
fi

# ---- the peers, in a virtual environment -----------------------------------------------------------------
if [ ! -x "$PY" ]; then
  if ! python3 -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    if [ "$(id -u)" = 0 ]; then
      echo "bench: installing python3-venv with apt" >&2
      export DEBIAN_FRONTEND=noninteractive
      timeout 300 apt-get update -qq
      timeout 600 apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
      python3 -m venv "$VENV"
    else
      echo "bench: python3 cannot create a virtual environment; install python3-venv" >&2; exit 1
    fi
  fi
fi
REQUIREMENTS_SUM=$(sha256sum bench/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$VENV/.requirements.sha256" 2>/dev/null || true)" != "$REQUIREMENTS_SUM" ]; then
  step 900 "install the peers from PyPI" "$PY" -m pip install -q --disable-pip-version-check -r bench/requirements.txt
  echo "$REQUIREMENTS_SUM" >"$VENV/.requirements.sha256"
fi

# ---- a fresh cluster with the benchmark's settings ------------------------------------------------------
stop_cluster
step 300 "start the benchmark cluster on port $TALENTA_PGPORT" scripts/db-up.sh
# shellcheck disable=SC1091
source "$TALENTA_PGDIR/env"
BASE=${DATABASE_URL%/*}
DATA=$TALENTA_PGDIR/data
if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi
cp bench/postgresql.bench.conf "$DATA/bench.conf"
chmod 644 "$DATA/bench.conf"
echo "include 'bench.conf'" >>"$DATA/postgresql.conf"
step 120 "restart the cluster with bench/postgresql.bench.conf" \
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$TALENTA_PGDIR/postgres.log" -w -t 60 restart
sql() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
for system in talenta pgqueuer procrastinate pgbench; do
  sql "$BASE/talenta" -c "CREATE DATABASE bench_$system"
done
SETTINGS=$(sql "$BASE/talenta" -F= -c "SELECT name, current_setting(name) FROM pg_settings
  WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level', 'jit')
  ORDER BY name" | paste -sd' ')
SERVER=$(sql "$BASE/talenta" -c "SHOW server_version")

mkdir -p "$RESULTS"
echo "system,mode,concurrency,jobs,seconds,jobs_per_s,p50_ms,p99_ms,note" >"$BENCH_ROWS"
export PYTHONPATH=$REPO/bench
FAST=$((60 + JOBS / 250)) # a step of N jobs at 250 jobs/s or better
SLOW=$((60 + JOBS / 50))  # Procrastinate: a step of N jobs at 50 jobs/s or better

TALENTA_URL=$BASE/bench_talenta
if wants talenta; then
  step 120 "talenta: migrate" env DATABASE_URL="$TALENTA_URL" "$TALENTA" migrate --sql-dir "$REPO/sql" --log-level warning
fi

# The systems take turns within each phase, so that load from elsewhere on a shared machine falls on all of
# them alike and each ratio compares figures measured minutes, not a quarter of an hour, apart.
# ---- enqueue, one job per call over one connection ---------------------------------------------------------
if wants talenta; then
  step "$FAST" "talenta: enqueue $JOBS jobs one by one" \
    "$PY" bench/talenta_driver.py enqueue-single --dsn "$TALENTA_URL" --jobs "$JOBS"
fi
if wants pgqueuer; then
  step "$FAST" "pgqueuer: enqueue $JOBS jobs one by one" \
    "$PY" bench/peers/pgqueuer_driver.py enqueue-single --dsn "$BASE/bench_pgqueuer" --jobs "$JOBS"
fi
if wants procrastinate; then
  step "$SLOW" "procrastinate: enqueue $JOBS jobs one by one" \
    "$PY" bench/peers/procrastinate_driver.py enqueue-single --dsn "$BASE/bench_procrastinate" --jobs "$JOBS"
fi

# ---- drain a pre-filled queue (each driver fills it in one call first: the enqueue-bulk rows) -------------
# pgbench_claim BATCH CLIENTS [lease]: the raw limit on the lean job table, as many jobs as the queues drain:
# claim-one and claim-N mark each job done in its claim's transaction (bench/pgbench/claim.sql, one write per
# job); lease-N first marks the jobs running with a lease, then done (bench/pgbench/lease.sql, two writes).
pgbench_claim() {
  local batch=$1 c=$2 style=${3:-claim} mode script per_client claimed out tps failed done_jobs
  if [ "$style" = lease ]; then
    mode="lease-$batch" script=bench/pgbench/lease.sql
  else
    mode=$([ "$batch" = 1 ] && echo claim-one || echo "claim-$batch") script=bench/pgbench/claim.sql
  fi
  per_client=$(((JOBS + c * batch - 1) / (c * batch)))
  claimed=$((per_client * c * batch))
  step 120 "pgbench: fill the lean job table with $claimed jobs" \
    psql -X -q -v ON_ERROR_STOP=1 -v jobs="$((claimed + c * batch))" -f bench/pgbench/schema.sql "$BASE/bench_pgbench"
  out=$(step "$FAST" "pgbench: $mode, $c clients" pgbench -n -M prepared -c "$c" -j "$c" -t "$per_client" \
    -D batch="$batch" -f "$script" "$BASE/bench_pgbench")
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' <<<"$out")
  failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' <<<"$out")
  done_jobs=$(sql "$BASE/bench_pgbench" -c "SELECT count(*) FROM bench_job WHERE state = 'done'")
  if [ -z "$tps" ] || [ "${failed:-0}" != 0 ] || [ "$done_jobs" != "$claimed" ]; then
    echo "bench: pgbench $mode c=$c: tps '$tps', failed '$failed', done $done_jobs of $claimed" >&2
    echo "$out" >&2; exit 1
  fi
  awk -v m="$mode" -v c="$c" -v j="$claimed" -v t="$tps" -v b="$batch" 'BEGIN {
    printf "pgbench,%s,%d,%d,%.4f,%.1f,,,\"tps %.0f x %d jobs per transaction\"\n", m, c, j, j / (t * b), t * b, t, b
  }' >>"$BENCH_ROWS"
  echo "bench: pgbench $mode c=$c: $(awk -v t="$tps" -v b="$batch" 'BEGIN { printf "%.0f", t * b }') jobs/s" >&2
}

for c in $CONCURRENCY; do
  if wants talenta; then
    step $((FAST + 30)) "talenta: enqueue $JOBS jobs in one statement, drain with concurrency $c" \
      "$PY" bench/talenta_driver.py drain --dsn "$TALENTA_URL" --jobs "$JOBS" --concurrency "$c" \
      --talenta "$TALENTA" --timeout "$FAST"
  fi
  if wants pgqueuer; then
    step "$FAST" "pgqueuer: enqueue $JOBS jobs in one call, drain with concurrency $c" \
      "$PY" bench/peers/pgqueuer_driver.py drain --dsn "$BASE/bench_pgqueuer" --jobs "$JOBS" --concurrency "$c"
  fi
  if wants procrastinate; then
    step "$SLOW" "procrastinate: enqueue $JOBS jobs in one call, drain with concurrency $c" \
      "$PY" bench/peers/procrastinate_driver.py drain --dsn "$BASE/bench_procrastinate" --jobs "$JOBS" \
      --concurrency "$c"
  fi
  if wants pgbench; then
    pgbench_claim 1 "$c"
    pgbench_claim 50 "$c"
    pgbench_claim 50 "$c" lease
  fi
done

# ---- enqueue-to-start latency on an idle Talenta worker -----------------------------------------------------
if wants talenta; then
  for c in $CONCURRENCY; do
    step 180 "talenta: enqueue-to-start latency of $LATENCY_JOBS jobs, concurrency $c" \
      "$PY" bench/talenta_driver.py latency --dsn "$TALENTA_URL" --jobs "$LATENCY_JOBS" --concurrency "$c" \
      --talenta "$TALENTA" --timeout 150
  done
fi

# ---- the table -------------------------------------------------------------------------------------------
versions=$("$PY" -m pip list --disable-pip-version-check --format=freeze 2>/dev/null \
  | grep -iE '^(procrastinate|pgqueuer|asyncpg|psycopg)==' | paste -sd' ')
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
"$PY" bench/report.py "$BENCH_ROWS" "$RESULTS/$STAMP.csv" \
  --header "make bench at $STAMP: N=$JOBS no-op jobs, concurrency $CONCURRENCY, talenta $commit, $(nproc) cores" \
  --header "PostgreSQL $SERVER on 127.0.0.1:$TALENTA_PGPORT: $SETTINGS (bench/postgresql.bench.conf)" \
  --header "peers: $versions" \
  --header "drain jobs/s: talenta first claim..last completion (queue.job); peers from run() call to return; pgbench tps x batch" \
  --header ""
