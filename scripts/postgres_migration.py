#!/usr/bin/env python3
"""Writes (or, with --check, verifies) the PostgreSQL twin of each SQLite migration from 0004 on.

Those migrations are portable SQL written once for SQLite; PostgreSQL needs only wider integers
(BIGINT: ids, epoch milliseconds), DOUBLE PRECISION for REAL, and its own spelling of reading a
JSON text column (json_extract(col, '$.a.b') becomes (col::jsonb #>> '{a,b}'); json_each(t.col,
'$.key') a ... json_extract(a.value, '$.x') becomes jsonb_array_elements(t.col::jsonb -> 'key') a
... (a.value ->> 'x')). Migrations
0001-0003 differ in more than types (identity columns, flags) and are kept by hand.
Usage: scripts/postgres_migration.py [--check]   (exit 1 when a file is missing or differs)"""
import pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIRST_GENERATED = 4


def translate(sql: str) -> str:
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql)
    # Iterating a JSON array: json_each(t.col, '$.key') alias, whose elements are alias.value.
    sql = re.sub(r"json_each\((\w+)\.(\w+), '\$\.(\w+)'\)",
                 r"jsonb_array_elements(\1.\2::jsonb -> '\3')", sql)
    sql = re.sub(r"json_extract\((\w+)\.value, '\$\.(\w+)'\)", r"(\1.value ->> '\2')", sql)
    sql = re.sub(r"json_extract\((\w+), '\$\.([\w.]+)'\)",
                 lambda m: f"({m.group(1)}::jsonb #>> '{{{m.group(2).replace('.', ',')}}}')", sql)
    return re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql)


def main() -> int:
    check = "--check" in sys.argv[1:]
    bad = 0
    for source in sorted((ROOT / "migrations/sqlite").glob("*.sql")):
        if int(source.name.split("_", 1)[0]) < FIRST_GENERATED:
            continue
        target = ROOT / "migrations/postgres" / source.name
        wanted = translate(source.read_text())
        if check:
            if not target.exists() or target.read_text() != wanted:
                print(f"{target.relative_to(ROOT)}: differs from its SQLite source "
                      f"(run scripts/postgres_migration.py)")
                bad += 1
        elif not target.exists() or target.read_text() != wanted:
            target.write_text(wanted)
            print(f"wrote {target.relative_to(ROOT)}")
    if check:
        print(f"migrations: {bad} PostgreSQL file(s) out of step")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
