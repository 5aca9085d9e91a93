#!/usr/bin/env bash
# bench/review.sh: `make bench-review`, end-to-end throughput of the annual review (issue 7, item 2).
#
# On the benchmark's throwaway cluster (.pgdata-bench/, 127.0.0.1:25440, bench/postgresql.bench.conf; never the
# test or the shared database; do not run it while `make bench` runs), for each city size it:
#   1. generates the city with `talenta demo-data` (cached under bench/.cities/, ignored by git),
#   2. imports it into a fresh database with `talenta import` (rows/s: every CSV row read),
#   3. enqueues `annual_review` and runs `talenta worker --concurrency C --exit-when-idle` under /usr/bin/time -v:
#      employees placed per second from the worker's start to its exit (process wall, so fan-out, every batch,
#      succession planning and connecting all count), and the worker's peak RSS,
#   4. as a floor, the set-based SQL reference: one INSERT … SELECT that computes only the nine-box from the
#      already computed kinerja and potensi scores (DOMAIN.md thresholds), into a scratch table.
# Between 2 and 3 it runs VACUUM ANALYZE (a row of its own), and the `cycle` row is import + analyze + review: the
# wall time from the CSV files to every employee placed. Prints one table and saves it as
# bench/results/<timestamp>-review.csv.
#
# `make bench-national` is this script with BENCH_REVIEW_SIZES=5600000 (the national civil service; issue 14).
#
# Knobs: BENCH_REVIEW_SIZES (default "5000 50000 500000"), BENCH_REVIEW_CONCURRENCY (default 2),
# BENCH_SCRATCH_PATH (swift build's scratch path, default .build), SWIFT (default swift).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"

SIZES=${BENCH_REVIEW_SIZES:-5000 50000 500000}
CONCURRENCY=${BENCH_REVIEW_CONCURRENCY:-2}
SCRATCH=${BENCH_SCRATCH_PATH:-.build}
SWIFT=${SWIFT:-swift}
YEAR=2026
REFERENCE_DATE=2026-03-31
SEED=2026
CITIES=$REPO/bench/.cities
RESULTS=$REPO/bench/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
ROWS=$RESULTS/$STAMP-review.csv
LOGS=$(mktemp -d)
export TALENTA_PGDIR=$REPO/.pgdata-bench TALENTA_PGPORT=25440 PGCONNECT_TIMEOUT=10

for n in $SIZES; do
  case "$n" in ''|*[!0-9]*|0) echo "bench-review: BENCH_REVIEW_SIZES must list positive integers" >&2; exit 64;; esac
done
[ -x /usr/bin/time ] || { echo "bench-review: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

step() {
  local limit=$1 what=$2 status=0; shift 2
  echo "bench-review: $what (limit ${limit} s)" >&2
  timeout --kill-after=15 "$limit" "$@" || status=$?
  if [ "$status" -ne 0 ]; then
    [ "$status" -eq 124 ] && echo "bench-review: '$what' timed out after ${limit} s" >&2 \
                          || echo "bench-review: '$what' failed with status $status" >&2
    exit "$status"
  fi
}
stop_cluster() { timeout 120 scripts/db-down.sh >/dev/null 2>&1 || true; rm -rf "$LOGS"; }
trap stop_cluster EXIT
trap 'exit 130' INT TERM

scripts/deps.sh
step 1800 "build talenta (release)" "$SWIFT" build -c release --scratch-path "$SCRATCH" --product talenta
TALENTA=$("$SWIFT" build -c release --scratch-path "$SCRATCH" --show-bin-path)/talenta
[ -x "$TALENTA" ] || { echo "bench-review: no talenta executable at $TALENTA" >&2; exit 1; }

stop_cluster
LOGS=$(mktemp -d)
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
now() { date +%s.%N; }
# peak_rss_mb LOG: "Maximum resident set size (kbytes)" of a /usr/bin/time -v log, in MB.
peak_rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
# cpu_seconds LOG: user + system CPU seconds of a /usr/bin/time -v log.
cpu_seconds() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$1"; }

mkdir -p "$RESULTS" "$CITIES"
echo "employees,step,rows,seconds,rows_per_s,peak_rss_mb,note" >"$ROWS"
row() { awk -v n="$1" -v s="$2" -v r="$3" -v t="$4" -v m="$5" -v note="$6" 'BEGIN {
  printf "%d,%s,%d,%.3f,%.1f,%s,\"%s\"\n", n, s, r, t, (t > 0 ? r / t : 0), m, note }' >>"$ROWS"; }

for n in $SIZES; do
  city=$CITIES/$n-seed$SEED
  if [ ! -f "$city/.complete" ]; then
    rm -rf "$city"
    step $((120 + n / 500)) "generate a city of $n employees" \
      "$TALENTA" demo-data --employees "$n" --seed "$SEED" --reference-date "$REFERENCE_DATE" "$city"
    touch "$city/.complete"
  fi
  db=bench_review_$n
  url=$BASE/$db
  sql "$BASE/talenta" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  step 120 "migrate $db" env DATABASE_URL="$url" "$TALENTA" migrate --sql-dir "$REPO/sql" --log-level warning

  csv_rows=$(for f in "$city"/*.csv; do tail -n +2 "$f" | wc -l; done | awk '{ s += $1 } END { print s }')
  started=$(now)
  step $((120 + n / 200)) "import $n employees ($csv_rows rows)" /usr/bin/time -v -o "$LOGS/import.time" \
    env DATABASE_URL="$url" "$TALENTA" import --reference-date "$REFERENCE_DATE" "$city" --log-level warning \
    >"$LOGS/import.out"
  seconds=$(awk -v s="$started" -v e="$(now)" 'BEGIN { print e - s }')
  cycle=$seconds
  row "$n" import "$csv_rows" "$seconds" "$(peak_rss_mb "$LOGS/import.time")" \
    "talenta import of every CSV row; CPU $(cpu_seconds "$LOGS/import.time") s"
  started=$(now)
  sql "$url" -c "VACUUM ANALYZE"
  seconds=$(awk -v s="$started" -v e="$(now)" 'BEGIN { print e - s }')
  cycle=$(awk -v a="$cycle" -v b="$seconds" 'BEGIN { print a + b }')
  row "$n" analyze 0 "$seconds" "" "VACUUM ANALYZE of the imported database"

  sql "$url" -c "SELECT queue.enqueue('annual_review', '{\"year\": $YEAR, \"reference_date\": \"$REFERENCE_DATE\"}'::jsonb)" >/dev/null
  started=$(now)
  step $((120 + n / 100)) "annual review of $n employees, concurrency $CONCURRENCY" \
    /usr/bin/time -v -o "$LOGS/worker.time" env DATABASE_URL="$url" \
    "$TALENTA" worker --concurrency "$CONCURRENCY" --exit-when-idle --log-level warning
  seconds=$(awk -v s="$started" -v e="$(now)" 'BEGIN { print e - s }')
  state=$(sql "$url" -c "SELECT string_agg(DISTINCT state, ',') FROM queue.job")
  [ "$state" = completed ] || { echo "bench-review: jobs left in states $state" >&2; exit 1; }
  placed=$(sql "$url" -c "SELECT count(*) FROM talent.assessment_result WHERE box IS NOT NULL")
  assessed=$(sql "$url" -c "SELECT count(*) FROM talent.assessment_result")
  batches=$(sql "$url" -c "SELECT count(*) FROM queue.job WHERE kind = 'assessment'")
  span=$(sql "$url" -c "SELECT round(extract(epoch FROM max(finished_at) - min(started_at))::numeric, 3) FROM queue.job")
  row "$n" review "$placed" "$seconds" "$(peak_rss_mb "$LOGS/worker.time")" \
    "worker start..exit; $assessed assessed in $batches batches; worker CPU $(cpu_seconds "$LOGS/worker.time") s; jobs span ${span} s"
  cycle=$(awk -v a="$cycle" -v b="$seconds" 'BEGIN { print a + b }')
  row "$n" cycle "$placed" "$cycle" "" "import + analyze + review, wall ($(awk -v c="$cycle" 'BEGIN { printf "%.1f", c / 60 }') min)"

  ref_ms=$(sql "$url" -c "CREATE TABLE public.reference_box (employee_id bigint PRIMARY KEY, box smallint NOT NULL)" \
    -c '\timing on' -c "
    INSERT INTO public.reference_box (employee_id, box)
    SELECT employee_id,
           CASE WHEN kinerja_score >= 90 THEN CASE WHEN potensi_score >= 80 THEN 9 WHEN potensi_score >= 68 THEN 7 ELSE 4 END
                WHEN kinerja_score >= 70 THEN CASE WHEN potensi_score >= 80 THEN 8 WHEN potensi_score >= 68 THEN 5 ELSE 2 END
                ELSE CASE WHEN potensi_score >= 80 THEN 6 WHEN potensi_score >= 68 THEN 3 ELSE 1 END END
      FROM talent.assessment_result WHERE kinerja_score IS NOT NULL" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
  reference=$(sql "$url" -c "SELECT count(*) FROM public.reference_box")
  row "$n" sql-reference "$reference" "$(awk -v m="$ref_ms" 'BEGIN { print m / 1000 }')" "" \
    "one INSERT … SELECT of the nine-box from stored scores (a floor)"
  sql "$BASE/talenta" -c "DROP DATABASE $db"
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
SERVER=$(sql "$BASE/talenta" -c "SHOW server_version")
echo "make bench-review at $STAMP: talenta $commit, worker --concurrency $CONCURRENCY, $(nproc) cores, PostgreSQL $SERVER (bench/postgresql.bench.conf)"
echo "review rows/s = employees placed per second, worker start..exit; import rows/s = CSV rows read per second"
echo
python3 - "$ROWS" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for r in rows:
    print("  ".join(c.ljust(w) if i in (1, len(r) - 1) else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip())
PY
echo
echo "bench-review: saved $ROWS" >&2
