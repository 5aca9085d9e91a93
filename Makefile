# Talenta: make build | test | demo | bench | bench-review | bench-national | fault-test | pgbouncer-test | office-test | ha-test | db-up | db-down
# When DATABASE_URL is unset, targets that need Postgres start the throwaway cluster under .pgdata/.
SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

SWIFT ?= swift
DB_ENV := .pgdata/env
# Sourced before a command that needs the database: keep the caller's DATABASE_URL, else start ours.
WITH_DB = if [ -z "$${DATABASE_URL:-}" ]; then scripts/db-up.sh; source $(DB_ENV); fi;

.PHONY: build release test fault-test pgbouncer-test office-test ha-test demo bench bench-review bench-national db-up db-down deps clean

deps:
	@scripts/deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

test: deps
	@$(WITH_DB) true
	$(SWIFT) test --parallel

demo: deps
	@scripts/demo.sh

# Side-by-side queue benchmark on its own throwaway cluster (.pgdata-bench/, port 25440); see bench/run.sh.
bench: deps
	@bench/run.sh

# End-to-end annual review of generated cities (5,000 / 50,000 / 500,000 employees) on the same throwaway cluster;
# see bench/review.sh. BENCH_REVIEW_SIZES picks the sizes.
bench-review: deps
	@bench/review.sh

# The national scale (issue 14; not in CI, about an hour with the city generated): 5,600,000 employees generated,
# imported and reviewed by bench/review.sh on the same cluster; run it under `flock -o /work/locks/bench.lock`.
bench-national: deps
	@BENCH_REVIEW_SIZES=5600000 bench/review.sh

# Postgres restarted under busy and idle workers, on a throwaway cluster of its own (.pgdata-fault/, port 25441):
# never the shared one. TALENTA_BIN picks a prebuilt binary (e.g. from another scratch path).
fault-test: deps
	@if [ -z "$${TALENTA_BIN:-}" ]; then $(SWIFT) build --product talenta; fi
	scripts/fault-test.sh "$${TALENTA_BIN:-$$($(SWIFT) build --show-bin-path)/talenta}"

# The worker and the SQL API through Debian's pgbouncer in transaction pooling mode, in front of a throwaway cluster
# of its own (.pgdata-bouncer/, port 25442; pgbouncer on 25443). TALENTA_BIN picks a prebuilt binary.
pgbouncer-test: deps
	@if [ -z "$${TALENTA_BIN:-}" ]; then $(SWIFT) build --product talenta; fi
	scripts/pgbouncer-test.sh "$${TALENTA_BIN:-$$($(SWIFT) build --show-bin-path)/talenta}"

# The xlsx files opened by LibreOffice Calc (installed with apt when missing) and compared with the CSV files,
# byte for byte; no database. TALENTA_BIN picks a prebuilt binary.
office-test: deps
	@if [ -z "$${TALENTA_BIN:-}" ]; then $(SWIFT) build --product talenta; fi
	scripts/office-test.sh "$${TALENTA_BIN:-$$($(SWIFT) build --show-bin-path)/talenta}"

# A worker behind a two-host DATABASE_URL (target_session_attrs=read-write) while the primary stops and its streaming
# replica is promoted; a throwaway primary and standby of their own (.pgdata-ha/, ports 25441 and 25442).
ha-test: deps
	@if [ -z "$${TALENTA_BIN:-}" ]; then $(SWIFT) build --product talenta; fi
	scripts/ha-test.sh "$${TALENTA_BIN:-$$($(SWIFT) build --show-bin-path)/talenta}"

db-up:
	@scripts/db-up.sh

db-down:
	@scripts/db-down.sh

clean:
	rm -rf .build
