#!/usr/bin/env bash
# Configures and builds Attune (Release with debug info) into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)"
# The webcam mirror's face models (MIT, from npm; docs/webcam-mirror.md). Without npm the mirror says
# it is not installed and everything else works.
mirror=third_party/human/node_modules/@vladmandic/human/dist/human.esm.js
if [[ ! -f "$mirror" ]] && command -v npm >/dev/null; then
  (cd third_party/human && npm ci --no-audit --no-fund --silent) ||
    echo "build: the webcam mirror was not installed (npm ci failed)" >&2
fi
