#!/usr/bin/env bash
# Installs the Debian bookworm packages Attune needs, skipping what is already there.
# Usage: scripts/install-deps.sh [--test]   (--test adds PostgreSQL, Chromium and SQLite's CLI; Node
# and npm are always needed: they install the webcam mirror's face models)
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config git
  libcpp-httplib-dev nlohmann-json3-dev libsqlite3-dev libpq-dev libsodium-dev libspdlog-dev
  libcli11-dev libyaml-cpp-dev libeigen3-dev liblinear-dev libbloom-dev libjemalloc-dev libgtest-dev libgmock-dev libbenchmark-dev python3
  clang-format libssl-dev
  libsndfile1-dev libsamplerate0-dev libkissfft-dev libpocketsphinx-dev libsphinxbase-dev
  pocketsphinx-en-us nodejs npm)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql sqlite3 chromium iproute2)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A machine image may ship its own node and npm; Debian's are only needed when there are none.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]}"
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
