#!/usr/bin/env bash
# db-up.sh: start the project's throwaway PostgreSQL cluster. Idempotent.
#
# Installs postgresql and libpq-dev with apt when they are missing (as root), initialises a
# cluster under the repository (.pgdata/, ignored by git), runs it as the `postgres` OS user when
# we are root (Postgres refuses to run as root), on a private port and socket, and writes
# .pgdata/env with DATABASE_URL for the database `talenta` owned by the superuser role `talenta`.
#
# Idempotent and self-healing: a cluster already up is left as it is; one left half-stopped (a shutdown that never
# finished, a postmaster that never became ready, or a killed postmaster whose backends are left) is stopped or
# cleaned up and started again.
#
# Knobs: TALENTA_PGDIR (default <repo>/.pgdata), TALENTA_PGPORT (default: the port the cluster under TALENTA_PGDIR was
# given before, else 25439). The port is remembered in the cluster's postgresql.conf, so later runs (make test,
# make demo, make db-down) find it without TALENTA_PGPORT; a port taken by another server is refused before anything
# starts, with a hint.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PGDIR=${TALENTA_PGDIR:-$REPO/.pgdata}
# The port this cluster was given before (the last `port =` line of its postgresql.conf), if any.
remembered_port() { [ -f "$PGDIR/data/postgresql.conf" ] || return 0
                    sed -n 's/^port = \([0-9]\+\)$/\1/p' "$PGDIR/data/postgresql.conf" | tail -n1; }
PORT=${TALENTA_PGPORT:-$(remembered_port)}
PORT=${PORT:-25439}

pgbin() { local d; d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
          [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"; }
PGBIN=$(pgbin || true)
if [ -z "$PGBIN" ] || ! command -v pkg-config >/dev/null || ! pkg-config --exists libpq; then
  if [ "$(id -u)" = 0 ]; then
    echo "db-up: installing postgresql, libpq-dev and pkg-config with apt" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql libpq-dev pkg-config >/dev/null
    PGBIN=$(pgbin)
  else
    echo "db-up: PostgreSQL server binaries or libpq-dev missing; install postgresql libpq-dev pkg-config" >&2
    exit 1
  fi
fi

if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); OWNER=postgres; else RUNAS=(); OWNER=$(id -un); fi
as_pg() { "${RUNAS[@]}" "$@"; }

DATA="$PGDIR/data"; SOCK="$PGDIR/sock"; LOG="$PGDIR/postgres.log"
mkdir -p "$PGDIR" "$SOCK"
chown "$OWNER" "$PGDIR" "$SOCK"; chmod 755 "$PGDIR"
if ! as_pg test -w "$PGDIR"; then
  echo "db-up: the postgres user cannot reach $PGDIR (a parent folder is private); set TALENTA_PGDIR" >&2
  exit 1
fi

if [ ! -s "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"
  as_pg "$PGBIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log" >&2; exit 1; }
  cat >>"$DATA/postgresql.conf" <<CONF
# ---- throwaway cluster (scripts/db-up.sh): durability off, local only ----
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 256MB
max_wal_size = 2GB
log_min_messages = warning
CONF
fi

# A port given with TALENTA_PGPORT that differs from the remembered one: take it when the cluster is not running.
if [ "$(remembered_port)" != "$PORT" ]; then
  if [ -s "$DATA/postmaster.pid" ] && kill -0 "$(head -n1 "$DATA/postmaster.pid")" 2>/dev/null; then
    echo "db-up: the cluster under $PGDIR runs on port $(remembered_port); stop it first (make db-down) to move it to $PORT" >&2
    exit 1
  fi
  echo "port = $PORT" >>"$DATA/postgresql.conf"
fi

pm_pid() { head -n1 "$DATA/postmaster.pid" 2>/dev/null; }
pm_alive() { local pid st; pid=$(pm_pid) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  st=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1; [ "$st" != Z ] && [ "$st" != X ]; }
# The postmaster's own status line in postmaster.pid: starting, stopping, ready or standby.
pm_status() { sed -n 8p "$DATA/postmaster.pid" 2>/dev/null | tr -d ' '; }
is_ready() { as_pg "$PGBIN/pg_isready" -q -h "$SOCK" -p "$PORT" -t 1; }
# Server processes of this data directory (they run in it) whose postmaster is gone.
orphans() { local p; for p in /proc/[0-9]*; do
  [ "$(readlink "$p/cwd" 2>/dev/null)" = "$(readlink -f "$DATA")" ] && echo "${p#/proc/}"; done; true; }
# Another server (another cluster, another checkout) answering on 127.0.0.1:PORT.
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; }
start() {
  if port_taken; then
    echo "db-up: port $PORT on 127.0.0.1 is taken by another server; start this cluster on a free port with" \
         "TALENTA_PGPORT=N (it is remembered under $PGDIR: later commands need no variable)" >&2
    exit 1
  fi
  rm -f "$DATA/postmaster.pid" "$SOCK/.s.PGSQL.$PORT" "$SOCK/.s.PGSQL.$PORT.lock"
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 120 start >/dev/null || { tail -n 30 "$LOG" >&2; exit 1; }
}
stop_then_start() { # stop_then_start REASON: a postmaster that will not serve is stopped (fast, else immediate)
  echo "db-up: $1; stopping it and starting again" >&2
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || as_pg "$PGBIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  start
}

# Recover a cluster left half-stopped: a shutdown that never finished (a smart stop waiting for its clients, an
# interrupted pg_ctl), a postmaster that never became ready, or a postmaster killed with its backends left behind
# holding its shared memory (Postgres then refuses to start: "pre-existing shared memory block is still in use").
if is_ready; then :
elif pm_alive; then
  if [ "$(pm_status)" = stopping ]; then
    stop_then_start "the cluster is half-stopped (postmaster $(pm_pid) is shutting down)"
  else
    for _ in $(seq 1 120); do is_ready && break; sleep 0.5; done   # starting: crash recovery may take a while
    is_ready || stop_then_start "postmaster $(pm_pid) is alive but has not accepted connections for 60 s"
  fi
else
  left=$(orphans)
  if [ -n "$left" ]; then
    echo "db-up: the postmaster is gone but $(echo "$left" | wc -w) of its processes are left; ending them" >&2
    kill -QUIT $left 2>/dev/null || true
    for _ in $(seq 1 50); do [ -z "$(orphans)" ] && break; sleep 0.1; done
    left=$(orphans); [ -z "$left" ] || kill -KILL $left 2>/dev/null || true
    for _ in $(seq 1 50); do [ -z "$(orphans)" ] && break; sleep 0.1; done
  fi
  start
fi
is_ready || { echo "db-up: the cluster does not accept connections" >&2; tail -n 30 "$LOG" >&2; exit 1; }

as_pg "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCK" -p "$PORT" -U postgres -d postgres <<'SQL'
SELECT 'CREATE ROLE talenta LOGIN SUPERUSER PASSWORD ''talenta'''
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'talenta') \gexec
SELECT 'CREATE DATABASE talenta OWNER talenta'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'talenta') \gexec
SQL

cat >"$PGDIR/env" <<ENV
export DATABASE_URL=postgresql://talenta:talenta@127.0.0.1:$PORT/talenta
export PGBIN=$PGBIN
ENV
echo "db-up: ready on 127.0.0.1:$PORT (DATABASE_URL in $PGDIR/env)" >&2
