#!/usr/bin/env bash
# fault-test.sh [TALENTA_BINARY]: Postgres restarted under busy and idle workers, on a throwaway cluster of its own.
#
# Starts a cluster under .pgdata-fault/ on port 25441 (TALENTA_FAULT_PGPORT) (never the shared one), migrates it, runs two `talenta worker`
# processes (poll interval 5 s, so only NOTIFY can wake them within 100 ms), then:
#   1. busy: enqueues 3,000 jobs whose completion writes a result row (~10 ms each) and restarts Postgres while they
#      run; every job must complete exactly once (one result row each);
#   2. idle: restarts Postgres while the workers wait;
# after each restart it waits for the workers to be back and checks that ten probe jobs are each claimed under
# 100 ms after their enqueue (created_at -> started_at, both the server's clock). Both workers must survive every
# restart and exit 0 on SIGTERM. Then it leaves the cluster half-stopped twice and checks that scripts/db-up.sh
# brings it back each time:
#   3. a smart shutdown waiting for a client that never leaves (the postmaster stays "stopping");
#   4. a postmaster killed (kill -9) while one of its backends is frozen (SIGSTOP) and holds its shared memory.
# The cluster is stopped and removed at the end.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$REPO/.build/debug/talenta}
export TALENTA_PGDIR=$REPO/.pgdata-fault
export TALENTA_PGPORT=${TALENTA_FAULT_PGPORT:-25441}
LATENCY_LIMIT_MS=100
JOBS=3000

WORKERS=()
cleanup() {
  local status=$?
  for pid in "${WORKERS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  if [ "$status" != 0 ] && [ -d "$TALENTA_PGDIR" ]; then
    for log in "$TALENTA_PGDIR"/worker-*.log; do [ -f "$log" ] && { echo "--- $log (tail)"; tail -n 20 "$log"; }; done >&2
  fi
  "$REPO/scripts/db-down.sh" >/dev/null 2>&1 || true
  exit "$status"
}
trap cleanup EXIT
fail() { echo "fault-test: FAIL: $*" >&2; exit 1; }
say() { echo "fault-test: $*" >&2; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }  # calc EXPRESSION: floating-point arithmetic (no bc on minimal Debian); printf, since print rounds epoch seconds to 6 digits
holds() { [ "$(awk "BEGIN { print ($1) ? 1 : 0 }")" = 1 ]; }

[ -x "$BIN" ] || fail "talenta binary not found at $BIN (build it first, or pass its path)"
"$REPO/scripts/db-down.sh" >/dev/null 2>&1 || true
"$REPO/scripts/db-up.sh"
# shellcheck disable=SC1091
source "$TALENTA_PGDIR/env"
sql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -At "$DATABASE_URL" -c "$1"; }

"$BIN" migrate --database-url "$DATABASE_URL" --sql-dir "$REPO/sql" --log-level warning >/dev/null
sql "CREATE TABLE fault_result (job_id bigint NOT NULL, worker text NOT NULL);
     CREATE FUNCTION fault_write_result() RETURNS trigger LANGUAGE plpgsql AS \$\$
     BEGIN
         PERFORM pg_sleep(0.01);
         INSERT INTO fault_result VALUES (NEW.id, NEW.locked_by);
         RETURN NEW;
     END \$\$;
     CREATE TRIGGER fault_write_result BEFORE UPDATE OF state ON queue.job FOR EACH ROW
         WHEN (NEW.state = 'completed') EXECUTE FUNCTION fault_write_result();"

for n in 1 2; do
  "$BIN" worker --database-url "$DATABASE_URL" --concurrency 4 --lease 3 --poll-interval 5 \
    --reconnect-max-delay 2 --log-level notice 2>"$TALENTA_PGDIR/worker-$n.log" &
  WORKERS+=($!)
done

workers_alive() { for pid in "${WORKERS[@]}"; do kill -0 "$pid" 2>/dev/null || fail "worker $pid exited"; done; }
count() { sql "SELECT count(*) FROM queue.job WHERE state = '$1'"; }
wait_until() { # wait_until SECONDS SQL-returning-t
  local deadline; deadline=$(calc "$(now) + $1")
  until [ "$(sql "$2" 2>/dev/null || echo f)" = t ]; do
    holds "$(now) > $deadline" && return 1
    sleep 0.02
  done
}

# Enqueue one probe, wait for it, print its wake-up latency in ms.
probe() {
  local id
  id=$(sql "SELECT queue.enqueue('noop', '{\"probe\": true}')")
  wait_until 30 "SELECT state = 'completed' FROM queue.job WHERE id = $id" || fail "probe $id not completed"
  sql "SELECT round(extract(epoch FROM started_at - created_at) * 1000, 1) FROM queue.job WHERE id = $id"
}

# After a restart: time from the server accepting connections again to the first job completed (recovery), then
# ten probes under the latency limit.
check_recovery() {
  local label=$1 back=$2 first worst=0 latency id
  for _ in $(seq 1 600); do
    id=$(sql "SELECT queue.enqueue('noop', '{\"probe\": true}')" 2>/dev/null) && break
    sleep 0.05
  done
  wait_until 60 "SELECT state = 'completed' FROM queue.job WHERE id = $id" || fail "$label: workers did not recover"
  # Recovery: from the server being back to the first job any worker completed after it (same host, same clock).
  first=$(sql "SELECT extract(epoch FROM min(finished_at)) - $back FROM queue.job
               WHERE state = 'completed' AND finished_at > to_timestamp($back)")
  sleep 0.3
  local all=()
  for _ in $(seq 1 10); do
    latency=$(probe) && [ -n "$latency" ] || fail "$label: a probe failed"
    all+=("$latency")
    holds "$latency > $worst" && worst=$latency
    sleep 0.05
  done
  say "$label: first job completed $(printf '%.2f' "$first") s after the server was back; wake-up latency of 10 probes (ms): ${all[*]}; worst $worst ms"
  holds "$worst < $LATENCY_LIMIT_MS" || fail "$label: wake-up latency $worst ms is not under $LATENCY_LIMIT_MS ms"
  workers_alive
}

# Baseline before any fault.
wait_until 30 "SELECT count(*) = 2 FROM queue.worker_status WHERE status = 'live'" || fail "workers did not register"
check_recovery "baseline" "$(now)"

# 1. Restart while busy.
sql "SELECT count(queue.enqueue('noop', jsonb_build_object('n', g))) FROM generate_series(1, $JOBS) AS g" >/dev/null
wait_until 60 "SELECT count(*) >= 500 FROM queue.job WHERE state = 'completed' AND payload ? 'n'" || fail "busy: jobs did not start"
running=$(count running)
"$REPO/scripts/pg-restart.sh" "$TALENTA_PGDIR"
back=$(now)
say "busy: restarted Postgres with $running jobs running"
wait_until 180 "SELECT count(*) = $JOBS FROM queue.job WHERE state = 'completed' AND payload ? 'n'" \
  || fail "busy: only $(count completed) jobs completed"
check_recovery "busy restart" "$back"

# 2. Restart while idle.
sleep 1
"$REPO/scripts/pg-restart.sh" "$TALENTA_PGDIR"
back=$(now)
say "idle: restarted Postgres"
check_recovery "idle restart" "$back"

# Exactly once: one result row per completed job, written by the worker that completed it.
read -r jobs completed results distinct matched rescued < <(sql "
  SELECT (SELECT count(*) FROM queue.job), (SELECT count(*) FROM queue.job WHERE state = 'completed'),
         (SELECT count(*) FROM fault_result), (SELECT count(DISTINCT job_id) FROM fault_result),
         (SELECT count(*) FROM queue.job j JOIN fault_result r ON r.job_id = j.id AND r.worker = j.locked_by),
         (SELECT count(*) FROM queue.job WHERE errors @> '[{\"kind\": \"lease_expired\"}]')" | tr '|' ' ')
say "jobs $jobs, completed $completed, result rows $results (distinct $distinct, from the completing worker $matched), rescued after lease expiry $rescued"
[ "$completed" = "$jobs" ] || fail "not every job completed"
[ "$results" = "$jobs" ] && [ "$distinct" = "$jobs" ] && [ "$matched" = "$jobs" ] || fail "a result row is missing or written twice"

for pid in "${WORKERS[@]}"; do kill -TERM "$pid"; done
for pid in "${WORKERS[@]}"; do
  status=0; wait "$pid" || status=$?
  [ "$status" = 0 ] || fail "worker $pid exited with $status after SIGTERM"
done
WORKERS=()

if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); else RUNAS=(); fi
DATA=$TALENTA_PGDIR/data
ready() { "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$TALENTA_PGPORT" -t 1; }
running() { local st; st=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [ "$st" != Z ] && [ "$st" != X ]; }
recovered() { # recovered LABEL: db-up.sh brings the cluster back and it answers
  "$REPO/scripts/db-up.sh" 2>"$TALENTA_PGDIR/db-up.log" || { cat "$TALENTA_PGDIR/db-up.log" >&2; fail "$1: db-up.sh failed"; }
  [ "$(sql "SELECT count(*) > 0 FROM queue.job")" = t ] || fail "$1: the cluster does not answer after db-up.sh"
  say "$1: db-up.sh recovered it ($(grep -m1 '^db-up: ' "$TALENTA_PGDIR/db-up.log" | cut -c8-))"
}

# 3. Half-stopped: a smart shutdown that waits for a client.
"$PGBIN/psql" -X -q "$DATABASE_URL" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
CLIENT=$!
wait_until 10 "SELECT count(*) = 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'" || fail "no client session"
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m smart -w -t 2 stop >/dev/null 2>&1 || true
[ "$(sed -n 8p "$DATA/postmaster.pid" | tr -d ' ')" = stopping ] || fail "smart stop: the postmaster is not left stopping"
ready && fail "smart stop: the cluster still accepts connections"
recovered "smart stop left waiting"
kill "$CLIENT" 2>/dev/null || true

# 4. Half-stopped: a killed postmaster and a frozen backend holding its shared memory.
"$PGBIN/psql" -X -q "$DATABASE_URL" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
CLIENT=$!
wait_until 10 "SELECT count(*) = 1 FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'" || fail "no client session"
backend=$(sql "SELECT pid FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(600)'")
kill -STOP "$backend"
kill -KILL "$(head -n1 "$DATA/postmaster.pid")"
sleep 0.5
running "$backend" || fail "killed postmaster: the frozen backend is gone already"
recovered "killed postmaster with a backend left"
running "$backend" && fail "killed postmaster: the backend left behind still runs"
kill "$CLIENT" 2>/dev/null || true
say "PASS"
