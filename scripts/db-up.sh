#!/usr/bin/env bash
# db-up.sh: start the project's throwaway PostgreSQL cluster. Idempotent.
#
# Installs postgresql and libpq-dev with apt when they are missing (as root), initialises a
# cluster under the repository (.pgdata/, ignored by git), runs it as the `postgres` OS user when
# we are root (Postgres refuses to run as root), on a private port and socket, and writes
# .pgdata/env with DATABASE_URL for the database `talenta` owned by the superuser role `talenta`.
#
# Knobs: TALENTA_PGDIR (default <repo>/.pgdata), TALENTA_PGPORT (default 25439).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PGDIR=${TALENTA_PGDIR:-$REPO/.pgdata}
PORT=${TALENTA_PGPORT:-25439}

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

pm_alive() { local pid st; pid=$(head -n1 "$DATA/postmaster.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  st=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1; [ "$st" != Z ] && [ "$st" != X ]; }
is_ready() { as_pg "$PGBIN/pg_isready" -q -h "$SOCK" -p "$PORT" -t 1; }

if is_ready; then :
elif pm_alive; then
  for _ in $(seq 1 60); do is_ready && break; sleep 0.5; done
  is_ready || { echo "db-up: postmaster alive but not accepting connections" >&2; tail -n 30 "$LOG" >&2; exit 1; }
else
  rm -f "$DATA/postmaster.pid" "$SOCK/.s.PGSQL.$PORT" "$SOCK/.s.PGSQL.$PORT.lock"
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 start >/dev/null || { tail -n 30 "$LOG" >&2; exit 1; }
fi

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
