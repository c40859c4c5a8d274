#!/usr/bin/env python3
"""Fails when any C++ file under src/, tests/ or bench/ differs from clang-format's output."""
import pathlib
import subprocess
import sys

clang_format, root = sys.argv[1], pathlib.Path(sys.argv[2])
files = [p for d in ("src", "tests", "bench") for p in (root / d).rglob("*")
         if p.suffix in {".h", ".cpp"} and "node_modules" not in p.parts]
bad = []
for f in files:
    formatted = subprocess.run([clang_format, f"--style=file:{root / '.clang-format'}", str(f)],
                               capture_output=True, text=True, check=True).stdout
    if formatted != f.read_text():
        bad.append(str(f.relative_to(root)))
for b in bad:
    print(f"not formatted: {b} (run clang-format -i {b})")
print(f"format check: {len(files)} files, {len(bad)} not formatted")
sys.exit(1 if bad else 0)
