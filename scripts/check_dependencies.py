#!/usr/bin/env python3
"""Checks the dependency direction of docs/architecture.md from #include lines:
main -> http -> services -> engines -> core; services -> storage/api;
storage/{sql,sqlite,postgres} -> storage/api. Engines include no HTTP, SQL, JSON or logging headers.
Exit 1 and one line per violation."""
import pathlib
import re
import sys

ALLOWED = {
    "core": {"core"},
    "engines": {"core", "engines"},
    "storage/api": {"core", "storage/api"},
    "storage/sql": {"core", "storage/api", "storage/sql", "storage/sqlite", "storage/postgres"},
    "storage/sqlite": {"core", "storage/sql", "storage/sqlite"},
    "storage/postgres": {"core", "storage/sql", "storage/postgres"},
    "services": {"core", "engines", "storage/api", "services"},
    "http": {"core", "engines", "services", "storage/api", "http"},
    "main": {"core", "engines", "services", "storage/api", "storage/sql", "http", "main"},
}
FORBIDDEN_IN_ENGINES = re.compile(r"httplib|sqlite3|libpq|nlohmann|spdlog")


def layer_of(path: str) -> str:
    for layer in sorted(ALLOWED, key=len, reverse=True):
        if path == layer or path.startswith(layer + "/"):
            return layer
    return ""


def main(src: pathlib.Path) -> int:
    problems = []
    for f in sorted(src.rglob("*")):
        if f.suffix not in {".h", ".cpp"}:
            continue
        rel = f.relative_to(src).as_posix()
        layer = layer_of(rel)
        if not layer:
            continue
        for n, line in enumerate(f.read_text(errors="replace").splitlines(), 1):
            m = re.match(r'\s*#\s*include\s*[<"]([^>"]+)[>"]', line)
            if not m:
                continue
            target = m.group(1)
            if layer == "engines" and FORBIDDEN_IN_ENGINES.search(target):
                problems.append(f"{rel}:{n}: engines must not include {target}")
            target_layer = layer_of(target)
            if target_layer and target_layer not in ALLOWED[layer]:
                problems.append(f"{rel}:{n}: {layer} must not include {target}")
    for p in problems:
        print(p)
    print(f"dependency check: {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")))
