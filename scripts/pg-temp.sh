# Sourced by scripts/test.sh and bench/run.sh: starts a private PostgreSQL cluster on a Unix socket,
# exports ATTUNE_TEST_PG_URL, and stops and removes it when the calling shell exits.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
pg_dir=$(mktemp -d /tmp/attune-pg-XXXXXX)
run_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[[ $(id -u) -eq 0 ]] && chown postgres "$pg_dir"
pg_port=$((40000 + RANDOM % 20000))
pg_cleanup() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
trap pg_cleanup EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
# fsync and synchronous_commit stay on (the defaults): acknowledged means durable here too.
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
  -o "-k $pg_dir -p $pg_port -c listen_addresses='' -c max_connections=200" start >/dev/null
export ATTUNE_TEST_PG_URL="postgresql:///postgres?host=$pg_dir&port=$pg_port&user=postgres"
