#!/usr/bin/env bash
# demo.sh: the annual talent review of a synthetic 5,000-employee city, end to end.
#
# Without DATABASE_URL it starts the throwaway cluster under .pgdata/ and uses a fresh database
# `talenta_demo` there; with DATABASE_URL it uses that database as it is (migrating it first).
# Steps: start the database, build, migrate, generate the demo city, import it, enqueue the annual review with plain SQL,
# run the worker until the queue is idle, print the nine-box grid and the succession summary.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
EMPLOYEES=${DEMO_EMPLOYEES:-5000}
SEED=${DEMO_SEED:-2026}
YEAR=2026
REFERENCE_DATE=2026-03-31

# TALENTA_SCRATCH: a build folder other than .build (e.g. one per worktree).
BUILD=(swift build -c release ${TALENTA_SCRATCH:+--scratch-path "$TALENTA_SCRATCH"})

scripts/deps.sh
# The database first, so a port taken by another server is reported before the build's minutes.
if [ -z "${DATABASE_URL:-}" ]; then
  scripts/db-up.sh
  source "${TALENTA_PGDIR:-.pgdata}/env"
  ADMIN_URL=$DATABASE_URL
  # psql -q does not silence NOTICE ("database talenta_demo does not exist, skipping"): raise the level instead.
  PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$ADMIN_URL" \
    -c 'DROP DATABASE IF EXISTS talenta_demo WITH (FORCE)' -c 'CREATE DATABASE talenta_demo'
  export DATABASE_URL=${ADMIN_URL%/*}/talenta_demo
fi

"${BUILD[@]}" --product talenta 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
TALENTA="$("${BUILD[@]}" --show-bin-path)/talenta"
[ -x "$TALENTA" ] || { echo "demo: the build failed" >&2; exit 1; }

start=$(date +%s.%N)
"$TALENTA" migrate --log-level warning
CITY=$(mktemp -d)
trap 'rm -rf "$CITY"' EXIT
"$TALENTA" demo-data --employees "$EMPLOYEES" --seed "$SEED" --reference-date "$REFERENCE_DATE" "$CITY"
"$TALENTA" import --reference-date "$REFERENCE_DATE" "$CITY" --log-level warning
psql -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -c \
  "SELECT queue.enqueue('annual_review', '{\"year\": $YEAR, \"reference_date\": \"$REFERENCE_DATE\"}'::jsonb) AS job_id"
"$TALENTA" worker --concurrency 2 --exit-when-idle --log-level warning
"$TALENTA" summary --year "$YEAR"
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "Elapsed: %.1f s (migrate, generate, import, review through the worker, report)\n", e - s }'
