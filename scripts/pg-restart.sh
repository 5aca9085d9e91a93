#!/usr/bin/env bash
# pg-restart.sh DIR: restart (pg_ctl restart -m fast) the throwaway cluster that scripts/db-up.sh started under DIR,
# as the postgres user when run as root. For the fault test only: it refuses the shared default cluster (.pgdata).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
PGDIR=${1:?usage: pg-restart.sh PGDIR}
PGDIR=$(cd "$PGDIR" && pwd)
if [ "$PGDIR" = "$REPO/.pgdata" ]; then
  echo "pg-restart: refusing to restart the shared cluster $PGDIR" >&2; exit 2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); else RUNAS=(); fi
"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/postgres.log" -m fast -w -t 60 restart >/dev/null
