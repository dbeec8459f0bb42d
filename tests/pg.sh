#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the tests.
#   eval "$(tests/pg.sh start)"   # starts one, prints `export BOTPBX_TEST_DATABASE_URL=…` and PG_TEST_DIR
#   tests/pg.sh stop "$PG_TEST_DIR"
# initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user in a folder it owns.
set -euo pipefail

pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  command -v initdb >/dev/null && { dirname "$(command -v initdb)"; return; }
  echo "PostgreSQL server binaries not found (install the postgresql package)" >&2; exit 1
}

free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cmd=${1:-start}
case "$cmd" in
  start)
    bin=$(pg_bin)
    dir=$(mktemp -d /tmp/botpbx-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    port=$(free_port)
    pass=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
    printf '%s\n' "$pass" > "$dir/.pw"; [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/.pw"
    as_owner "$bin/initdb" -D "$dir/data" -U botpbx_test --pwfile="$dir/.pw" -A scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/.pw"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "export BOTPBX_TEST_DATABASE_URL='postgresql://botpbx_test:$pass@127.0.0.1:$port/postgres'"
    echo "export PG_TEST_DIR='$dir'"
    echo "export PG_TEST_BIN='$bin'"
    ;;
  stop)
    dir=${2:?usage: pg.sh stop DIR}
    bin=$(pg_bin)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
