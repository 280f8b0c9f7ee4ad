#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store tests and benchmarks: Debian's server binaries, a data directory
# under $TMPDIR, loopback only, trust auth. Nothing here is fit for keeping data.
#
#   bash scripts/pg-test-server.sh start [port]   # prints `export DATABASE_URL=…` on stdout, for eval (logs: stderr)
#   bash scripts/pg-test-server.sh url [port]     # prints the bare URL
#   bash scripts/pg-test-server.sh stop [port]    # stops the cluster and deletes its directory
#
#   eval "$(bash scripts/pg-test-server.sh start)"; export TEST_DATABASE_URL="$DATABASE_URL"
#   export TEST_DATABASE_URL="$(bash scripts/pg-test-server.sh url)"   # once it is running
set -euo pipefail

cmd="${1:-start}"
port="${2:-${PG_TEST_PORT:-55432}}"
base="${PG_TEST_DIR:-${TMPDIR:-/tmp}/pg-test-${port}}"
db="${PG_TEST_DB:-engine_test}"
url="postgres://postgres@127.0.0.1:${port}/${db}"

log() { echo "[pg-test-server] $*" >&2; }

find_bindir() {
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$newest" ]]; then echo "$newest"; return; fi
  if command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v pg_ctl)"; return; fi
  log "no PostgreSQL server binaries found: apt-get install -y postgresql (or set PG_BINDIR)"
  exit 1
}

bindir="$(find_bindir)"

# postgres refuses to run as root, so a root caller hands the cluster to the postgres account.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
      log "running as root but there is no 'postgres' user to own the cluster"
      exit 1
    fi
    # from / so the postgres account is not left in a directory it may not enter
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

running() {
  [[ -f "$base/data/postmaster.pid" ]] && as_owner "$bindir/pg_ctl" -D "$base/data" status >/dev/null 2>&1
}

start() {
  if running; then
    log "already running on port $port ($base)"
    echo "export DATABASE_URL=$url"
    return
  fi
  rm -rf "$base"
  mkdir -p "$base"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$base"; fi
  as_owner "$bindir/initdb" -D "$base/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$base/initdb.log" 2>&1 \
    || { cat "$base/initdb.log" >&2; exit 1; }
  # Durability is pointless for a throwaway cluster; turning it off keeps the test suite fast.
  as_owner "$bindir/pg_ctl" -D "$base/data" -l "$base/server.log" -w -t 60 \
    -o "-p $port -k $base -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$base/server.log" >&2; exit 1; }
  as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $base"
  echo "export DATABASE_URL=$url"
}

stop() {
  if running; then
    as_owner "$bindir/pg_ctl" -D "$base/data" -m fast -w stop >&2
  else
    log "not running on port $port"
  fi
  rm -rf "$base"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|url [port]" >&2; exit 2 ;;
esac
