#!/usr/bin/env bash
# deps.sh: install the Debian packages the build needs (libpq-dev, zlib1g-dev for ZIPFoundation, pkg-config) when missing.
set -euo pipefail
if command -v pkg-config >/dev/null && pkg-config --exists libpq zlib; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "deps: libpq-dev, zlib1g-dev and pkg-config are missing; install them with apt" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends libpq-dev zlib1g-dev pkg-config >/dev/null
