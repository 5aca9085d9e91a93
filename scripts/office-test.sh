#!/usr/bin/env bash
# office-test.sh [TALENTA_BINARY]: the xlsx files Talenta writes, opened by an Excel-class program.
#
# Reviews the golden input folder and a generated 3,000-employee city (with bad rows, so rejected has rows) with
# `talenta review-folder`, once with --format csv and once with --format xlsx, then lets LibreOffice Calc
# (`soffice --headless --convert-to csv`, cells "as shown", on a private profile) turn every .xlsx back into CSV and
# compares it with Talenta's own CSV byte for byte: every NIP must come back as its 18 digits (never 1.98501E+17),
# every score with its 2 decimals. Installs Debian's libreoffice-calc with apt when soffice is missing (as root).
# No database. Prints PASS or FAIL.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$REPO/.build/debug/talenta}
say() { echo "office-test: $*" >&2; }

if ! command -v soffice >/dev/null; then
  if [ "$(id -u)" != 0 ]; then say "soffice is missing; install libreoffice-calc"; exit 1; fi
  say "installing libreoffice-calc with apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null
fi
[ -x "$BIN" ] || { say "no talenta binary at $BIN (swift build first)"; exit 1; }

WORK=$(mktemp -d)
trap 'status=$?; rm -rf "$WORK"; if [ $status = 0 ]; then echo "office-test: PASS"; else echo "office-test: FAIL" >&2; fi' EXIT

"$BIN" demo-data --employees 3000 --seed 16 --reference-date 2026-03-31 --with-errors "$WORK/city" >/dev/null
checked=0
for input in "$REPO/Tests/Fixtures/golden/input" "$WORK/city"; do
  name=$(basename "$input")
  for format in csv xlsx; do
    # Exit 2 is the review of a folder with rejected rows (both inputs have some): the files are written.
    status=0
    "$BIN" review-folder --year 2026 --reference-date 2026-03-31 --format "$format" "$input" "$WORK/$name-$format" \
      >/dev/null 2>&1 || status=$?
    [ "$status" = 0 ] || [ "$status" = 2 ] || { echo "office-test: review-folder exited $status on $input" >&2; exit 1; }
  done
  # Field separator 44 (,), text delimiter 34 ("), UTF-8 (76), from line 1, cells as shown (the 9th token).
  timeout 300 soffice -env:UserInstallation="file://$WORK/profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true' \
    --outdir "$WORK/$name-calc" "$WORK/$name-xlsx"/*.xlsx >/dev/null 2>&1
  for csv in "$WORK/$name-csv"/*.csv; do
    file=$(basename "$csv")
    if ! cmp -s "$csv" "$WORK/$name-calc/$file"; then
      say "$name/$file: LibreOffice reads the xlsx differently from the CSV:"
      diff "$csv" "$WORK/$name-calc/$file" | head -n 10 >&2 || true
      exit 1
    fi
    rows=$(($(wc -l < "$csv") - 1))
    say "$name/${file%.csv}.xlsx: $rows rows read back by LibreOffice equal to $file"
    checked=$((checked + 1))
  done
done
[ "$checked" = 6 ] || { say "checked $checked files, expected 6"; exit 1; }
