#!/usr/bin/env bash
# The main job: install what is missing, build, and serve Attune on an embedded SQLite file with the
# demo organisation. Extra arguments go to `attune serve` (e.g. --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
mkdir -p var
exec build/src/main/attune serve --demo --db var/attune.db "$@"
