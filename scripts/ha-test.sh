#!/usr/bin/env bash
# ha-test.sh [TALENTA_BINARY]: a worker behind a two-host DATABASE_URL follows a promoted standby; no job is lost.
#
# Starts a primary under .pgdata-ha/ on port 25441 (TALENTA_HA_PRIMARY_PORT) and a streaming replica of it
# (pg_basebackup -R) under .pgdata-ha/standby on port 25442 (TALENTA_HA_STANDBY_PORT); never the shared cluster.
# Then:
#   1. a worker runs with DATABASE_URL=postgresql://…@127.0.0.1:STANDBY,127.0.0.1:PRIMARY/talenta
#      ?target_session_attrs=read-write (the standby first): it must connect to the primary and complete jobs;
#   2. while JOBS jobs run (each completion writes a result row, ~10 ms), the primary is stopped (fast shutdown:
#      every committed transaction has reached the standby) and the worker is left with only the read-only standby
#      for WAIT seconds: it must keep running and wait quietly (at most a handful of warnings, no error);
#   3. the standby is promoted: the worker must follow it, and every job must complete exactly once (one result
#      row each), the jobs cut off by the stop rescued after their lease.
# Everything it started is stopped and removed at the end; it prints PASS or FAIL.
#
# Knobs: TALENTA_HA_PRIMARY_PORT (25441), TALENTA_HA_STANDBY_PORT (25442), HA_JOBS (2000), HA_WAIT (15).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$REPO/.build/debug/talenta}
export TALENTA_PGDIR=$REPO/.pgdata-ha
export TALENTA_PGPORT=${TALENTA_HA_PRIMARY_PORT:-25441}
STANDBY_PORT=${TALENTA_HA_STANDBY_PORT:-25442}
JOBS=${HA_JOBS:-2000}
WAIT=${HA_WAIT:-15}
STANDBY=$TALENTA_PGDIR/standby
WORKER=""

say() { echo "ha-test: $*" >&2; }
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); else RUNAS=(); fi
as_pg() { "${RUNAS[@]}" "$@"; }
cleanup() {
  local status=$?
  [ -n "$WORKER" ] && kill -9 "$WORKER" 2>/dev/null || true
  if [ -f "$TALENTA_PGDIR/worker.log" ] && { [ "$status" != 0 ] || [ -n "${HA_SHOW_LOG:-}" ]; }; then
    { echo "--- worker.log (tail)"; tail -n 30 "$TALENTA_PGDIR/worker.log"; } >&2
  fi
  if [ -s "$STANDBY/data/postmaster.pid" ]; then
    as_pg "$PGBIN/pg_ctl" -D "$STANDBY/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  "$REPO/scripts/db-down.sh" >/dev/null 2>&1 || true
  if [ "$status" = 0 ]; then echo "ha-test: PASS"; else echo "ha-test: FAIL" >&2; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() { say "$*"; exit 1; }
now() { date +%s.%N; }

[ -x "$BIN" ] || fail "talenta binary not found at $BIN (build it first, or pass its path)"
"$REPO/scripts/db-down.sh" >/dev/null 2>&1 || true
"$REPO/scripts/db-up.sh"
# shellcheck disable=SC1091
source "$TALENTA_PGDIR/env"
PRIMARY_URL=$DATABASE_URL
STANDBY_URL=postgresql://talenta:talenta@127.0.0.1:$STANDBY_PORT/talenta
FAILOVER_URL="postgresql://talenta:talenta@127.0.0.1:$STANDBY_PORT,127.0.0.1:$TALENTA_PGPORT/talenta?target_session_attrs=read-write"
sql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$1" -c "$2"; }
wait_until() { # wait_until SECONDS URL SQL-returning-t
  local deadline; deadline=$(awk "BEGIN { printf \"%.6f\", $(now) + $1 }")
  until [ "$(sql "$2" "$3" 2>/dev/null || echo f)" = t ]; do
    [ "$(awk "BEGIN { print ($(now) > $deadline) ? 1 : 0 }")" = 1 ] && return 1
    sleep 0.1
  done
}

# The standby: a base backup of the primary with its replication settings (-R), on its own port and socket.
mkdir -p "$STANDBY/sock"
chown -R "$(stat -c %U "$TALENTA_PGDIR/data")" "$STANDBY"
as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "$TALENTA_PGPORT" -U postgres -D "$STANDBY/data" -R -X stream \
  >/dev/null 2>&1 || fail "pg_basebackup failed"
cat >>"$STANDBY/data/postgresql.conf" <<CONF
port = $STANDBY_PORT
unix_socket_directories = '$STANDBY/sock'
CONF
as_pg "$PGBIN/pg_ctl" -D "$STANDBY/data" -l "$STANDBY/postgres.log" -w -t 60 start >/dev/null \
  || { tail -n 20 "$STANDBY/postgres.log" >&2; fail "the standby did not start"; }
wait_until 30 "$STANDBY_URL" "SELECT pg_is_in_recovery()" || fail "the standby is not in recovery"
say "primary on $TALENTA_PGPORT, standby on $STANDBY_PORT (streaming)"

"$BIN" migrate --database-url "$PRIMARY_URL" --sql-dir "$REPO/sql" --log-level warning >/dev/null
sql "$PRIMARY_URL" "CREATE TABLE ha_result (job_id bigint NOT NULL);
     CREATE FUNCTION ha_write_result() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN
         PERFORM pg_sleep(0.01);
         INSERT INTO ha_result VALUES (NEW.id);
         RETURN NEW;
     END \$\$;
     CREATE TRIGGER ha_write_result BEFORE UPDATE OF state ON queue.job FOR EACH ROW
         WHEN (NEW.state = 'completed') EXECUTE FUNCTION ha_write_result();"

# 1. The worker, the standby listed first.
"$BIN" worker --database-url "$FAILOVER_URL" --concurrency 4 --lease 5 --poll-interval 0.5 --reconnect-max-delay 2 \
  --log-level info 2>"$TALENTA_PGDIR/worker.log" &
WORKER=$!
wait_until 30 "$PRIMARY_URL" "SELECT count(*) = 1 FROM queue.worker_status WHERE status = 'live'" \
  || fail "the worker did not register on the primary"

# 2. Jobs, then the primary goes away while they run.
sql "$PRIMARY_URL" "SELECT count(queue.enqueue('noop', jsonb_build_object('n', g))) FROM generate_series(1, $JOBS) AS g" >/dev/null
wait_until 60 "$PRIMARY_URL" "SELECT count(*) >= $((JOBS / 5)) FROM queue.job WHERE state = 'completed'" \
  || fail "jobs did not start"
as_pg "$PGBIN/pg_ctl" -D "$TALENTA_PGDIR/data" -m fast -w -t 60 stop >/dev/null
stopped=$(now)
say "primary stopped with $(sql "$STANDBY_URL" "SELECT count(*) FROM queue.job WHERE state = 'completed'") of $JOBS jobs completed (as replicated)"
sleep "$WAIT"
kill -0 "$WORKER" 2>/dev/null || fail "the worker exited while only the standby was reachable"
warnings=$(grep -c -E '(warning|error|critical) ' "$TALENTA_PGDIR/worker.log" || true)
say "the worker waited ${WAIT} s with only a standby: $warnings warning or error lines in its log"
[ "$warnings" -le 6 ] || fail "the worker is not quiet while it waits ($warnings warnings)"

# 3. Promotion.
as_pg "$PGBIN/pg_ctl" -D "$STANDBY/data" -w -t 60 promote >/dev/null
promoted=$(now)
wait_until 120 "$STANDBY_URL" "SELECT count(*) = $JOBS FROM queue.job WHERE state = 'completed'" \
  || fail "only $(sql "$STANDBY_URL" "SELECT count(*) FROM queue.job WHERE state = 'completed'") of $JOBS jobs completed after the promotion"
first=$(sql "$STANDBY_URL" "SELECT round(extract(epoch FROM min(finished_at)) - $promoted, 2) FROM queue.job WHERE finished_at > to_timestamp($promoted)")
read -r jobs completed results distinct rescued < <(sql "$STANDBY_URL" "
  SELECT (SELECT count(*) FROM queue.job), (SELECT count(*) FROM queue.job WHERE state = 'completed'),
         (SELECT count(*) FROM ha_result), (SELECT count(DISTINCT job_id) FROM ha_result),
         (SELECT count(*) FROM queue.job WHERE errors @> '[{\"kind\": \"lease_expired\"}]')" | tr '|' ' ')
say "promoted $(awk "BEGIN { printf \"%.1f\", $promoted - $stopped }") s after the stop; first job completed ${first} s after the promotion"
say "jobs $jobs, completed $completed, result rows $results (distinct $distinct), rescued after lease expiry $rescued"
[ "$jobs" = "$JOBS" ] && [ "$completed" = "$JOBS" ] || fail "a job was lost or not completed"
[ "$results" = "$JOBS" ] && [ "$distinct" = "$JOBS" ] || fail "a result row is missing or written twice"
kill -0 "$WORKER" 2>/dev/null || fail "the worker exited"
kill -TERM "$WORKER"
status=0; wait "$WORKER" || status=$?
WORKER=""
[ "$status" = 0 ] || fail "the worker exited with $status after SIGTERM"
grep -q "database reachable again: claiming resumed" "$TALENTA_PGDIR/worker.log" || fail "the worker did not log its reconnection"
