#!/usr/bin/env bash
# pgbouncer-test.sh [TALENTA_BINARY]: the worker and the SQL API through PgBouncer in transaction pooling mode.
#
# Starts a throwaway cluster of its own (.pgdata-bouncer/, port 25442; never the shared one) and Debian's pgbouncer
# in front of it (installed with apt when missing; run as the postgres user, which it requires, with its own
# config and auth file in a temporary folder, on 127.0.0.1:25443, 6 server connections for 20 clients). Through
# PgBouncer only, it then:
#   1. migrates (talenta migrate, as the owner);
#   2. imports the golden city as talenta_hr_writer (COPY inside the import's transaction);
#   3. as talenta_enqueuer, uses the SQL API: enqueue (a job key twice), enqueue many, pause/resume, cancel/retry,
#      the annual review, and `talenta enqueue`;
#   4. runs two `talenta worker --no-listen --exit-when-idle` processes as talenta_worker, side by side;
#   5. checks (directly on the cluster) that every job completed at its first attempt, both workers exited 0,
#      logged no warning or error and stopped cleanly, and the review wrote its placements; `talenta status` runs as talenta_reader.
# Everything it started is stopped at the end (trap); it prints PASS or FAIL. Bounded: each step has a timeout.
#
# Knobs: TALENTA_BOUNCER_PGPORT (25442), TALENTA_BOUNCER_PORT (25443), BOUNCER_JOBS (600).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$REPO/.build/debug/talenta}
export TALENTA_PGDIR=$REPO/.pgdata-bouncer
export TALENTA_PGPORT=${TALENTA_BOUNCER_PGPORT:-25442}
BOUNCER_PORT=${TALENTA_BOUNCER_PORT:-25443}
JOBS=${BOUNCER_JOBS:-600}
STEP_TIMEOUT=300

WORK=""
BOUNCER_PID=""
WORKERS=()
say() { echo "pgbouncer-test: $*" >&2; }
cleanup() {
  local status=$?
  for pid in "${WORKERS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ -n "$BOUNCER_PID" ]; then kill "$BOUNCER_PID" 2>/dev/null || true; fi
  if [ "$status" != 0 ] && [ -n "$WORK" ]; then
    for log in "$WORK"/*.log; do [ -f "$log" ] && { echo "--- $log (tail)"; tail -n 20 "$log"; }; done >&2
  fi
  [ -n "$WORK" ] && rm -rf "$WORK"
  "$REPO/scripts/db-down.sh" >/dev/null 2>&1 || true
  if [ "$status" = 0 ]; then echo "pgbouncer-test: PASS"; else echo "pgbouncer-test: FAIL" >&2; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { say "$*"; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root: pgbouncer is installed with apt and started as the postgres user"
[ -x "$BIN" ] || fail "talenta binary not found at $BIN (build it first, or pass its path)"

PGBOUNCER=/usr/sbin/pgbouncer
if [ ! -x "$PGBOUNCER" ]; then
  say "installing pgbouncer with apt"
  # Only the binary is wanted: keep the package's own service from starting (policy-rc.d, when none is set).
  POLICY=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    POLICY=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$POLICY"; chmod 755 "$POLICY"
  fi
  export DEBIAN_FRONTEND=noninteractive
  { apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends pgbouncer >/dev/null; }; } \
    || { [ -n "$POLICY" ] && rm -f "$POLICY"; fail "apt could not install pgbouncer"; }
  [ -n "$POLICY" ] && rm -f "$POLICY"
fi

"$REPO/scripts/db-down.sh" >/dev/null 2>&1 || true
"$REPO/scripts/db-up.sh"
# shellcheck disable=SC1091
source "$TALENTA_PGDIR/env"
DIRECT=$DATABASE_URL
sql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$DIRECT" -c "$1"; }

# Login users of the group roles; the roles themselves come with the migration, so create them first when missing
# (the migration then finds them), exactly as a DBA may do.
sql "DO \$\$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'talenta_worker') THEN CREATE ROLE talenta_worker NOLOGIN; END IF;
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'talenta_enqueuer') THEN CREATE ROLE talenta_enqueuer NOLOGIN; END IF;
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'talenta_reader') THEN CREATE ROLE talenta_reader NOLOGIN; END IF;
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'talenta_hr_writer') THEN CREATE ROLE talenta_hr_writer NOLOGIN; END IF;
     END \$\$;
     CREATE ROLE bouncer_worker LOGIN PASSWORD 'bouncer-worker' IN ROLE talenta_worker;
     CREATE ROLE bouncer_enqueuer LOGIN PASSWORD 'bouncer-enqueuer' IN ROLE talenta_enqueuer;
     CREATE ROLE bouncer_reader LOGIN PASSWORD 'bouncer-reader' IN ROLE talenta_reader;
     CREATE ROLE bouncer_hr LOGIN PASSWORD 'bouncer-hr' IN ROLE talenta_hr_writer;"

WORK=$(mktemp -d /tmp/talenta-pgbouncer.XXXXXX)
chmod 755 "$WORK"
cat >"$WORK/users.txt" <<USERS
"talenta" "talenta"
"bouncer_worker" "bouncer-worker"
"bouncer_enqueuer" "bouncer-enqueuer"
"bouncer_reader" "bouncer-reader"
"bouncer_hr" "bouncer-hr"
USERS
cat >"$WORK/pgbouncer.ini" <<INI
[databases]
talenta = host=127.0.0.1 port=$TALENTA_PGPORT dbname=talenta

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = md5
auth_file = $WORK/users.txt
pool_mode = transaction
default_pool_size = 6
max_client_conn = 100
server_reset_query =
logfile = $WORK/pgbouncer.log
pidfile = $WORK/pgbouncer.pid
INI
chown -R postgres "$WORK"
runuser -u postgres -- "$PGBOUNCER" -d -q "$WORK/pgbouncer.ini" || fail "pgbouncer did not start"
for _ in $(seq 1 50); do [ -s "$WORK/pgbouncer.pid" ] && break; sleep 0.1; done
BOUNCER_PID=$(cat "$WORK/pgbouncer.pid" 2>/dev/null) || fail "pgbouncer wrote no pid file"
say "pgbouncer $("$PGBOUNCER" --version | head -n1 | awk '{print $2}') (pid $BOUNCER_PID) in transaction mode on 127.0.0.1:$BOUNCER_PORT"

via() { echo "postgresql://$1:$2@127.0.0.1:$BOUNCER_PORT/talenta"; }
OWNER_URL=$(via talenta talenta)
WORKER_URL=$(via bouncer_worker bouncer-worker)
ENQUEUER_URL=$(via bouncer_enqueuer bouncer-enqueuer)
READER_URL=$(via bouncer_reader bouncer-reader)
HR_URL=$(via bouncer_hr bouncer-hr)
api() { PGCONNECT_TIMEOUT=5 timeout 60 "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$ENQUEUER_URL" -c "$1"; }
talenta() { timeout "$STEP_TIMEOUT" "$BIN" "$@"; }

talenta migrate --database-url "$OWNER_URL" --sql-dir "$REPO/sql" --log-level warning >/dev/null \
  || fail "talenta migrate through pgbouncer failed"
# Exit code 2: applied, with the golden set's rejected and invalid rows (0 would mean they went unnoticed).
status=0
talenta import --database-url "$HR_URL" --reference-date 2026-03-31 --log-level warning \
  "$REPO/Tests/Fixtures/golden/input" >"$WORK/import.log" 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "talenta import through pgbouncer failed (exit $status, expected 2)"
say "migrated and imported the golden city through pgbouncer"

# The SQL API, as another system would call it.
first=$(api "SELECT queue.enqueue('noop', '{\"n\": 0}', job_key => 'bouncer-once')")
again=$(api "SELECT queue.enqueue('noop', '{\"n\": 0}', job_key => 'bouncer-once')")
[ "$first" = "$again" ] || fail "a second enqueue of job key bouncer-once returned $again, not $first"
many=$(api "SELECT count(queue.enqueue('noop', jsonb_build_object('n', n))) FROM generate_series(1, $JOBS) AS n")
[ "$many" = "$JOBS" ] || fail "enqueue many returned $many ids, not $JOBS"
api "SELECT queue.pause('default')" >/dev/null
api "SELECT queue.resume('default')" >/dev/null
victim=$(api "SELECT queue.enqueue('noop', '{\"n\": -1}')")
[ "$(api "SELECT queue.cancel($victim)")" = available ] || fail "queue.cancel($victim) did not see an available job"
[ "$(api "SELECT queue.retry($victim)")" = cancelled ] || fail "queue.retry($victim) did not see a cancelled job"
review=$(api "SELECT queue.enqueue('annual_review', '{\"year\": 2026, \"reference_date\": \"2026-03-31\"}')")
talenta enqueue --database-url "$ENQUEUER_URL" --log-level warning noop --payload '{"n": "cli"}' >/dev/null \
  || fail "talenta enqueue through pgbouncer failed"
say "enqueued $((JOBS + 4)) jobs through the SQL API"

started=$(date +%s.%N)
for n in 1 2; do
  talenta worker --database-url "$WORKER_URL" --no-listen --exit-when-idle --concurrency 4 --poll-interval 0.2 \
    --log-level warning 2>"$WORK/worker-$n.log" &
  WORKERS+=($!)
done
for i in 0 1; do
  status=0; wait "${WORKERS[$i]}" || status=$?
  [ "$status" = 0 ] || fail "worker $((i + 1)) exited with $status"
done
WORKERS=()
# At --log-level warning a healthy run logs nothing: any line is a warning or an error to look at.
for n in 1 2; do
  [ ! -s "$WORK/worker-$n.log" ] || fail "worker $n logged warnings or errors through pgbouncer (see its log below)"
done
say "two workers drained the queue through pgbouncer in $(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $started }") s"

expected=$((JOBS + 3 + 1 + 3 + 1))   # job key, many, victim, annual_review + 3 assessments + succession, cli
read -r total completed first_attempt < <(sql "SELECT count(*), count(*) FILTER (WHERE state = 'completed'),
    count(*) FILTER (WHERE attempt = 1) FROM queue.job" | tr '|' ' ')
[ "$total" = "$expected" ] || fail "queue.job holds $total jobs, expected $expected"
[ "$completed" = "$total" ] || fail "$completed of $total jobs completed: $(sql "SELECT string_agg(id || ' ' || state || ' ' || coalesce(last_error, ''), '; ') FROM queue.job WHERE state <> 'completed'")"
# Each job claimed exactly once (the victim was cancelled before any claim, so its one attempt is its first).
[ "$first_attempt" = "$total" ] || fail "only $first_attempt of $total jobs completed at their first attempt: $(sql "SELECT string_agg(DISTINCT last_error, '; ') FROM queue.job WHERE attempt > 1")"
[ "$(sql "SELECT state FROM queue.job WHERE id = $review")" = completed ] || fail "the annual review did not complete"
placements=$(sql "SELECT count(*) FROM talent.assessment_result")
[ "$placements" -gt 0 ] || fail "the annual review wrote no placements"
stopped=$(sql "SELECT count(*) FROM queue.worker WHERE stopped_at IS NOT NULL")
[ "$stopped" = 2 ] || fail "$stopped of 2 workers marked themselves stopped"
talenta status --database-url "$READER_URL" --log-level warning >"$WORK/status.log" 2>&1 \
  || fail "talenta status through pgbouncer failed"
say "$completed jobs completed once each; $placements placements; both workers stopped cleanly"
