#!/usr/bin/env bash
# db-down.sh: stop the throwaway cluster started by db-up.sh and remove its folder. Idempotent.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PGDIR=${TALENTA_PGDIR:-$REPO/.pgdata}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); else RUNAS=(); fi
if [ -n "$PGBIN" ] && [ -s "$PGDIR/data/postmaster.pid" ]; then
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >/dev/null 2>&1 \
    || "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
fi
rm -rf "$PGDIR"
echo "db-down: stopped and removed $PGDIR" >&2
