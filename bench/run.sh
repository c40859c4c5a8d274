#!/usr/bin/env bash
# Runs every benchmark and prints name=value lines. Usage: bench/run.sh [seconds=30]
# Needs a Release-ish build in build/ (scripts/build.sh) and wrk, nginx, PostgreSQL installed.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-30}
for p in wrk nginx-light praat espeak-ng sox; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && apt-get install -y -qq "$p" >/dev/null; }
done
scripts/build.sh
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "# HTTP: authenticated GET /api/v1/me vs nginx static file, 64 connections, ${secs}s each"
bench/http_me.sh "$secs" 64
echo "# storage: acknowledged (durable) single-row write transactions"
tmp=$(mktemp -d /tmp/attune-bench-XXXXXX)
build/bench/storage_write_bench "$tmp/bench.db" 10 sqlite
rm -rf "$tmp"
source scripts/pg-temp.sh
build/bench/storage_write_bench "$ATTUNE_TEST_PG_URL" 10 postgres
if [[ -x build/src/engines/affect/affect_bench ]]; then
  echo "# text affect engine (one core)"
  build/src/engines/affect/affect_bench --benchmark_min_time=2 2>/dev/null | grep -E "^BM_|texts" || true
fi
echo "# adaptive assessment: 10,000 simulated learners over the shipped item bank (one core)"
build/src/main/attune bench cat --learners 10000
echo "# role-play: submitted text reply -> feedback, end to end over HTTP (SQLite, durable)"
tmp=$(mktemp -d /tmp/attune-bench-XXXXXX)
port=$((20000 + RANDOM % 20000))
ATTUNE_ACCESS_LOG=off build/src/main/attune serve --demo --db "$tmp/rp.db" --port "$port" >/dev/null 2>&1 &
rp_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
python3 bench/roleplay/reply_latency.py "http://127.0.0.1:$port" 300
echo "# role-play: submitted 20 s spoken reply -> feedback (decode, prosody, speech-to-text, scoring)"
python3 bench/roleplay/spoken_reply_latency.py "http://127.0.0.1:$port" 30
kill "$rp_pid"; wait "$rp_pid" 2>/dev/null || true; rm -rf "$tmp"
echo "# prosody: 60 s of speech through the prosody engine on one core; 20 s through speech-to-text"
taskset -c 1 build/bench/prosody_speed_bench tests/fixtures/voice/frustrating_release.wav 20
echo "# prosody accuracy against Praat 6.3 (pitch, voicing) and known syllable counts, clean and 10 dB SNR"
bench/prosody/run.sh build/src/main/attune 2>/dev/null
