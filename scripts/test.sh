#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, starts a throwaway PostgreSQL server,
# installs the browser-test driver, and runs every test (unit, integration on SQLite and
# PostgreSQL, process, browser) with ctest. The last line is ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scripts/install-deps.sh --test
scripts/build.sh
(cd tests/e2e && npm ci --no-audit --no-fund --silent)

# A private PostgreSQL cluster on a Unix socket, removed on exit.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/attune-pg-XXXXXX)
run_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir"
pg_port=$((40000 + RANDOM % 20000))
cleanup() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
  -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c fsync=on -c max_connections=200" start >/dev/null
export ATTUNE_TEST_PG_URL="postgresql:///postgres?host=$pg_dir&port=$pg_port&user=postgres"
export ATTUNE_REQUIRE_PG=1
export ATTUNE_SOURCE_DIR="$root"

cd build
ctest --output-on-failure --timeout 600 "$@"
