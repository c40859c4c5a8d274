#!/usr/bin/env bash
# Requests/s and p99 of an authenticated GET /api/v1/me under 64 keep-alive connections, side by
# side with nginx serving a static file of the same size, in the same run.
# Usage: bench/http_me.sh [seconds=30] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
conns=${2:-64}
attune=build/src/main/attune
work=$(mktemp -d /tmp/attune-bench-XXXXXX)
chmod 755 "$work"  # nginx workers run as www-data and must read the file
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port=$((20000 + RANDOM % 10000))
ATTUNE_ACCESS_LOG=off "$attune" serve --demo --db "$work/bench.db" --port "$port" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cookie="$work/cookies"
csrf=$(curl -sf -c "$cookie" -H 'Content-Type: application/json' \
  -d '{"email":"liam@demo.attune.test","password":"attune-demo-2026"}' \
  "http://127.0.0.1:$port/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
token=$(curl -sf -b "$cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"name":"bench","scopes":["read"]}' "http://127.0.0.1:$port/api/v1/me/tokens" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
size=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/me" | wc -c)

# nginx: same machine, same body size, 2 workers (one per core), no access log.
mkdir -p "$work/html" "$work/logs"
head -c "$size" /dev/zero | tr '\0' 'x' > "$work/html/me.json"
nport=$((port + 1))
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http { access_log off; keepalive_requests 100000;
  server { listen 127.0.0.1:$nport; root $work/html; } }
NGINX
nginx -p "$work" -c "$work/nginx.conf"

run_wrk() {  # url [header] -> "rps p99_ms errors"
  local out
  if [[ -n "${2:-}" ]]; then out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$2" "$1"); else out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$1"); fi
  local rps p99 errs non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  errs=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' <<<"$out"); errs=${errs:-0}
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); non2xx=${non2xx:-0}
  echo "$rps $p99 $((errs + non2xx))"
}
read -r a_rps a_p99 a_err <<<"$(run_wrk "http://127.0.0.1:$port/api/v1/me" "Authorization: Bearer $token")"
read -r n_rps n_p99 n_err <<<"$(run_wrk "http://127.0.0.1:$nport/me.json")"
echo "body_bytes=$size connections=$conns seconds=$secs"
echo "attune_me_rps=$a_rps attune_me_p99_ms=$a_p99 attune_me_errors=$a_err"
echo "nginx_static_rps=$n_rps nginx_static_p99_ms=$n_p99 nginx_static_errors=$n_err"
python3 -c "print(f'attune_to_nginx_ratio={float($a_rps)/float($n_rps):.3f}')"
