#!/usr/bin/env bash
# Sustained xAPI ingest: wrk POSTs batches of 100 realistic statements (~1 KB each, fresh ids) to
# a fresh Attune for SECONDS and prints statements/s and latency percentiles. Every 200 response
# means the batch was durable before it was acknowledged: in SQLite's ingest journal (WAL,
# synchronous=FULL; indexed in the background, and the script waits for the index to catch up)
# or committed in PostgreSQL (synchronous_commit=on).
# Usage: bench/xapi/ingest.sh <sqlite|postgresql-url> [seconds=60] [connections=8]
set -euo pipefail
cd "$(dirname "$0")/../.."
db=${1:-sqlite}; secs=${2:-60}; conns=${3:-8}
tmp=$(mktemp -d /tmp/attune-ingest-XXXXXX)
[[ "$db" == sqlite ]] && db="$tmp/lrs.db"
port=$((20000 + RANDOM % 20000))
build/src/main/attune serve --db "$db" --demo --port "$port" >"$tmp/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
cred=$(build/src/main/attune lrs credential create --org demo --db "$db")
auth="$(sed -n 's/^key=//p' <<<"$cred"):$(sed -n 's/^secret=//p' <<<"$cred")"
LRS_AUTH="$auth" wrk -t2 -c"$conns" -d"${secs}s" --latency -s bench/xapi/statements.lua \
  "http://127.0.0.1:$port" >"$tmp/wrk.txt" 2>&1
rps=$(awk '/Requests\/sec/ {print $2}' "$tmp/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $5}' "$tmp/wrk.txt"); non2xx=${non2xx:-0}
echo "ingest_backend=$([[ "$db" == postgres* ]] && echo postgres || echo sqlite)"
echo "ingest_statements_per_s=$(awk -v r="$rps" 'BEGIN {printf "%.0f", r * 100}')"
for p in 50 99; do
  echo "ingest_batch_p${p}=$(awk -v p="$p%" '$1 == p {print $2}' "$tmp/wrk.txt")"
done
echo "ingest_errors=$non2xx"
if [[ "$db" != postgres* ]]; then
  # SQLite acknowledges a batch once it is in the ingest journal; the index catches up after.
  acked=$(( $(awk '/requests in/ {print $1}' "$tmp/wrk.txt") * ${LRS_BATCH:-100} ))
  start=$(date +%s.%N)
  while (( $(sqlite3 "$db" "SELECT COUNT(*) FROM xapi_statements;") < acked )); do sleep 1; done
  echo "ingest_index_catch_up_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", b - a}')"
  echo "ingest_end_to_end_statements_per_s=$(awk -v n="$acked" -v s="$secs" -v a="$start" \
    -v b="$(date +%s.%N)" 'BEGIN {printf "%.0f", n / (s + b - a)}')"
  n=$(sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); SELECT COUNT(*) FROM xapi_statements;" | tail -1)
  echo "ingest_stored=$n"
  echo "bytes_per_statement=$(( $(stat -c %s "$db") / n ))"
fi
