#!/usr/bin/env bash
# Prosody accuracy benchmark in one command: builds the corpus (synthetic voices with known F0 and
# espeak-ng speech, clean and at 10 dB SNR) in a temporary directory and compares Attune's
# `attune prosody` with Praat and with the truth. Prints name=value lines (per-file table on stderr).
# Usage: bench/prosody/run.sh [ATTUNE_BINARY=build/src/main/attune] [--praat-only]
# Needs python3 (standard library only), praat, espeak-ng and sox.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
attune="$root/build/src/main/attune"
extra=()
for arg in "$@"; do
  case "$arg" in
    --praat-only) extra+=(--praat-only) ;;
    *) attune="$arg" ;;
  esac
done
for tool in python3 praat espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "prosody bench: $tool is not installed" >&2; exit 2; }
done
corpus="$(mktemp -d /tmp/attune-prosody-XXXXXX)"
trap 'rm -rf "$corpus"' EXIT
python3 "$here/make_corpus.py" "$corpus"
python3 "$here/compare.py" "$corpus" --attune "$attune" "${extra[@]}"
