#!/usr/bin/env bash
# GET /xapi/statements by verb + since at 10 million statements on PostgreSQL (issue 6).
# Loading 10 M statements through the statement service takes hours on a 2-core machine, so this
# loads 100,000 through it (build/bench/lrs_query_bench, the statements of bench/xapi) and copies
# them in SQL, each copy with new ids (an MD5-derived UUID, replaced in the JSON too) and new seqs,
# the same stored times, verbs, learners, registrations and index rows. Indexes are dropped during
# the copy and rebuilt after it (the foreign key validated), then VACUUM ANALYZE, then
# lrs_query_bench times 400 pages over HTTP as for SQLite. The cluster is kept in DIR, so a second
# run only queries.
# Usage: bench/xapi/query_10m_postgres.sh [dir=/tmp/attune-pg10m] [copies=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-/tmp/attune-pg10m}; copies=${2:-100}; base=100000
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
run_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"; [[ $(id -u) -eq 0 ]] && chown postgres "$dir"
[[ -d "$dir/data" ]] || run_pg "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
port=55432
run_pg "$pg_bin/pg_ctl" -D "$dir/data" -w -l "$dir/log" -o "-k $dir -p $port -c listen_addresses='' \
  -c shared_buffers=4GB -c maintenance_work_mem=1GB -c max_wal_size=16GB \
  -c checkpoint_timeout=30min" start >/dev/null
trap 'run_pg "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null' EXIT
admin="postgresql:///postgres?host=$dir&port=$port&user=postgres"
url="postgresql:///lrs?host=$dir&port=$port&user=postgres"
psql -qAt "$admin" -c "SELECT 1 FROM pg_database WHERE datname = 'lrs'" | grep -q 1 ||
  psql -q "$admin" -c "CREATE DATABASE lrs"
have=$(psql -qAt "$url" -c "SELECT count(*) FROM xapi_statements" 2>/dev/null || echo 0)
if (( have < base * copies )); then
  (( have <= base )) || { echo "$dir holds $have statements: remove it and start again" >&2; exit 1; }
  build/bench/lrs_query_bench "$url" "$base" 0
  start=$(date +%s)
  step=$(psql -qAt "$url" -c "SELECT max(seq) FROM xapi_statements")
  psql -q -v ON_ERROR_STOP=1 "$url" >/dev/null <<SQL
SET synchronous_commit = off;
ALTER TABLE xapi_statement_refs DROP CONSTRAINT xapi_statement_refs_seq_fkey;
ALTER TABLE xapi_statement_refs DROP CONSTRAINT xapi_statement_refs_pkey;
DROP INDEX xapi_statement_refs_seq;
ALTER TABLE xapi_statements DROP CONSTRAINT xapi_statements_org_id_id_key;
DROP INDEX xapi_statements_stored;
CREATE TEMP TABLE source AS SELECT * FROM xapi_statements;
CREATE TEMP TABLE source_refs AS SELECT * FROM xapi_statement_refs;
DO \$\$
BEGIN
  FOR k IN 1..$((copies - 1)) LOOP
    INSERT INTO xapi_statements (seq, org_id, id, stored, voided, voids, statement, ref_target)
      OVERRIDING SYSTEM VALUE
      SELECT s.seq + k * $step, s.org_id, c.id, s.stored, s.voided, s.voids,
             replace(s.statement, s.id, c.id), s.ref_target
      FROM source s, LATERAL (SELECT md5(s.id || ':' || k)::uuid::text AS id) c;
    INSERT INTO xapi_statement_refs (key, stored, seq, broad)
      SELECT r.key, r.stored, r.seq + k * $step, r.broad FROM source_refs r;
    COMMIT;
  END LOOP;
END
\$\$;
SELECT setval(pg_get_serial_sequence('xapi_statements', 'seq'), (SELECT max(seq) FROM xapi_statements));
ALTER TABLE xapi_statements ADD CONSTRAINT xapi_statements_org_id_id_key UNIQUE (org_id, id);
CREATE INDEX xapi_statements_stored ON xapi_statements(org_id, stored, seq);
ALTER TABLE xapi_statement_refs ADD PRIMARY KEY (key, stored, seq);
CREATE INDEX xapi_statement_refs_seq ON xapi_statement_refs(seq);
ALTER TABLE xapi_statement_refs ADD CONSTRAINT xapi_statement_refs_seq_fkey
  FOREIGN KEY (seq) REFERENCES xapi_statements(seq) ON DELETE CASCADE;
VACUUM ANALYZE;
SQL
  echo "copy_and_index_s=$(( $(date +%s) - start ))"
fi
n=$(psql -qAt "$url" -c "SELECT count(*) FROM xapi_statements")
build/bench/lrs_query_bench "$url" "$n" 400
echo "database_bytes_per_statement=$(( $(psql -qAt "$url" -c "SELECT pg_database_size('lrs')") / n ))"
