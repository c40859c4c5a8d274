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

source scripts/pg-temp.sh
export ATTUNE_TEST_REQUIRE_PG=1
export ATTUNE_SOURCE_DIR="$root"

cd build
ctest --output-on-failure --timeout 600 "$@"
