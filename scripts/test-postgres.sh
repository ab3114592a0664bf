#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the server tests (Debian's packages: apt-get install postgresql).
#   scripts/test-postgres.sh start DIR   initdb in DIR, start on 127.0.0.1:${PGPORT:-5432}, print the database URL
#   scripts/test-postgres.sh stop DIR    stop it and remove DIR
set -euo pipefail
command=$1 dir=$2 port=${PGPORT:-5432}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# PostgreSQL refuses to run as root; as root, run it as the postgres user.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $command in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres lowlight_test
    echo "postgres://postgres@127.0.0.1:$port/lowlight_test"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
