#!/usr/bin/env bash
# html-screenshot.sh IN.html OUT.png [WIDTHxHEIGHT]: a picture of an HTML page, taken by headless Chromium, to look
# at what a report shows a person. The default size, 794x1123, is an A4 page at 96 dpi.
# html-screenshot.sh IN.html OUT.pdf: the page printed to PDF (A4, the page's own @page rules); prints the number
# of pages when pdfinfo (poppler-utils) is there, so a one-page profile can be checked.
# Installs Debian's chromium with apt when missing (as root). Chromium runs with a throwaway profile.
# Pages to look at: `talenta report --out F.html`, or the sample completeness page, profile and long-named OPD grid
# of the Reports tests: `TALENTA_HTML_SAMPLES=DIR swift test --filter CompletenessAndProfileTests` writes them to DIR.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 IN.html OUT.png|OUT.pdf [WIDTHxHEIGHT]" >&2; exit 64; fi
IN=$(realpath "$1")
OUT=$(realpath -m "$2")
SIZE=${3:-794x1123}
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" != 0 ]; then echo "html-screenshot: chromium is missing; install it" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
# --no-sandbox: Chromium refuses to run as root otherwise; the page is our own file.
CHROME=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$PROFILE"
        --no-first-run --no-default-browser-check)
case "$OUT" in
  *.pdf)
    timeout 120 "${CHROME[@]}" --no-pdf-header-footer --print-to-pdf="$OUT" "file://$IN" >/dev/null 2>&1
    if command -v pdfinfo >/dev/null; then echo "$OUT: $(pdfinfo "$OUT" | awk '/^Pages:/ {print $2}') page(s)"; fi ;;
  *.png)
    timeout 120 "${CHROME[@]}" --window-size="${SIZE/x/,}" --screenshot="$OUT" "file://$IN" >/dev/null 2>&1
    echo "$OUT" ;;
  *) echo "html-screenshot: OUT must end in .png or .pdf" >&2; exit 64 ;;
esac
[ -s "$OUT" ] || { echo "html-screenshot: Chromium wrote nothing to $OUT" >&2; exit 1; }
