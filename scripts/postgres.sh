#!/usr/bin/env bash
# A private PostgreSQL instance for Aithena's catalog: Debian's postgresql-15, its own data folder, port and
# credentials, on loopback by default. It never touches a system cluster.
#
#   scripts/postgres.sh start  [--dir DIR] [--port N] [--auto-ports] [--listen ADDR] [--fast] [--shared-buffers SIZE]
#                                                          (background; prints the connection string)
#   scripts/postgres.sh run    [--dir DIR] [--port N] [--listen ADDR]   (foreground; what Aithena.AppHost runs)
#   scripts/postgres.sh stop   [--dir DIR]
#   scripts/postgres.sh status [--dir DIR]
#   scripts/postgres.sh url    [--dir DIR] [--database NAME]
#   scripts/postgres.sh psql   [--dir DIR] -- <psql arguments>
#   scripts/postgres.sh install   (Debian's postgresql-15, if missing; needs root or sudo)
#
# State lives in DIR (default: .aithena/postgres in the repository, or $AITHENA_POSTGRES_DIR): postgres.env keeps the
# port and the generated password (mode 600), data/ the cluster, run/ its socket (mode 700), log/ its log. The
# administrator is AITHENA_POSTGRES_USER (default aithena) with AITHENA_POSTGRES_PASSWORD when set (the AppHost's
# parameters, passed in the environment so no password appears in a process list); each start sets that password, so
# a changed parameter and kept data still agree. The database `aithena` is created for the catalog.
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres` user (setpriv, so it stays this
# script's direct child and gets its signals), and DIR and every folder above it must be traversable by that user.
# `run` stops the server with a fast shutdown (SIGINT: open sessions are closed, not waited for) on SIGTERM or SIGINT.
# `--fast` (tests, benchmarks: data that may be lost) turns fsync and synchronous commit off.
# `--shared-buffers SIZE` (e.g. 2GB) sizes PostgreSQL's own page cache; its default, 128MB, suits a small machine, and a
# catalog of gigabytes then rereads its pages from the operating system's cache on every query.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
DATABASE=aithena

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
die() { echo "postgres: $*" >&2; exit 1; }
log() { echo "postgres: $*" >&2; }

cmd=${1:-}; [ $# -gt 0 ] && shift
dir=${AITHENA_POSTGRES_DIR:-$(repo_root)/.aithena/postgres}
port="" auto_ports=0 listen=127.0.0.1 fast=0 database=$DATABASE shared_buffers=
psql_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --auto-ports) auto_ports=1; shift ;;
    --listen) listen=$2; shift 2 ;;
    --fast) fast=1; shift ;;
    --shared-buffers) shared_buffers=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --) shift; psql_args=("$@"); break ;;
    *) die "unknown argument '$1' (see the header of $0)" ;;
  esac
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

ensure_installed() {
  [ -x "$PG_BIN/postgres" ] && return 0
  log "postgresql-15 is not installed; installing Debian's package"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && { command -v sudo >/dev/null || die "run as root or install sudo to install postgresql-15"; sudo=sudo; }
  $sudo apt-get update -qq >&2
  # The package's own cluster is not wanted (and cannot start without systemd); ours are made by initdb.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15 >&2
  [ -x "$PG_BIN/postgres" ] || die "postgresql-15 did not install"
}

if [ "$cmd" = install ]; then ensure_installed; exit 0; fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
state="$dir/postgres.env"
data="$dir/data" run_dir="$dir/run" log_dir="$dir/log"

# As root, everything the server touches belongs to `postgres` and every command runs as it.
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || die "the postgres user does not exist (install postgresql-15: $0 install)"
  as_server=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

load_state() {
  if [ ! -f "$state" ]; then
    [ "$cmd" = start ] || [ "$cmd" = run ] || die "no PostgreSQL state in $dir (run: $0 start --dir $dir)"
    if [ "$auto_ports" = 1 ] || [ -z "$port" ]; then port=${port:-$([ "$auto_ports" = 1 ] && free_port || echo 5433)}; fi
    (umask 077; { echo "PORT=$port"; echo "ADMIN_PASS=$(secret)"; } > "$state")
  fi
  # shellcheck disable=SC1090
  . "$state"
  if [ -n "$port" ] && [ "$port" != "$PORT" ]; then
    PORT=$port; sed -i "s/^PORT=.*/PORT=$PORT/" "$state"
  fi
  ADMIN_USER=${AITHENA_POSTGRES_USER:-aithena}
  ADMIN_PASS=${AITHENA_POSTGRES_PASSWORD:-$ADMIN_PASS}
  [ "$ADMIN_USER" = postgres ] && die "use an administrator of Aithena's own, not postgres"
  return 0
}

check_traversable() {
  [ ${#as_server[@]} -eq 0 ] && return 0
  "${as_server[@]}" test -x "$dir" 2>/dev/null \
    || die "the postgres user cannot reach $dir: every folder above it must be traversable (chmod o+x), or use --dir under /tmp"
}

init_cluster() {
  mkdir -p "$data" "$run_dir" "$log_dir"
  chmod 700 "$data" "$run_dir"
  [ ${#as_server[@]} -gt 0 ] && chown postgres:postgres "$data" "$run_dir" "$log_dir"
  [ -f "$data/PG_VERSION" ] && return 0
  log "creating a cluster in $data"
  local pwfile="$dir/.pwfile"
  (umask 077; printf '%s\n' "$ADMIN_PASS" > "$pwfile")
  [ ${#as_server[@]} -gt 0 ] && chown postgres "$pwfile"
  # Passwords over TCP (scram); the socket, in a folder only the server's user can open, trusts that user.
  "${as_server[@]}" "$PG_BIN/initdb" -D "$data" -U "$ADMIN_USER" --pwfile="$pwfile" --auth-host=scram-sha-256 \
    --auth-local=trust --encoding=UTF8 --locale=C.UTF-8 >"$log_dir/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; die "initdb failed (see $log_dir/initdb.log)"; }
  rm -f "$pwfile"
}

server_options() {
  local options=(-c "listen_addresses=$listen" -c "port=$PORT" -c "unix_socket_directories=$run_dir"
                 -c unix_socket_permissions=0700 -c max_connections=300 -c logging_collector=off)
  [ "$fast" = 1 ] && options+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  [ -n "$shared_buffers" ] && options+=(-c "shared_buffers=$shared_buffers")
  printf '%s\n' "${options[@]}"
}

allow_listen_address() {
  # initdb allows loopback only; a server listening elsewhere (another host, a network namespace) takes passwords from its subnet.
  if [ "$listen" != 127.0.0.1 ] && [ "$listen" != localhost ] && ! grep -q '^host all all samenet' "$data/pg_hba.conf"; then
    echo "host all all samenet scram-sha-256" >> "$data/pg_hba.conf"
  fi
}

admin_psql() { "${as_server[@]}" "$PG_BIN/psql" -h "$run_dir" -p "$PORT" -U "$ADMIN_USER" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

provision() {
  # The password from the environment (never an argument): \getenv reads it into a variable, :'pw' quotes it.
  printf '%s\n' '\getenv pw AITHENA_PG_PW' "ALTER ROLE \"$ADMIN_USER\" PASSWORD :'pw';" \
    | AITHENA_PG_PW="$ADMIN_PASS" admin_psql >/dev/null || die "could not set the administrator's password"
  if [ "$(admin_psql -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" </dev/null)" != 1 ]; then
    admin_psql -c "CREATE DATABASE $DATABASE" </dev/null >/dev/null
  fi
}

wait_ready() {
  for _ in $(seq 1 120); do
    "$PG_BIN/pg_isready" -q -h "$run_dir" -p "$PORT" 2>/dev/null && return 0
    [ -n "${1:-}" ] && ! kill -0 "$1" 2>/dev/null && return 1
    sleep 0.5
  done
  return 1
}

url() { echo "Host=$listen;Port=$PORT;Database=${1:-$DATABASE};Username=$ADMIN_USER;Password=$ADMIN_PASS"; }

case "$cmd" in
  start)
    ensure_installed; load_state; check_traversable; init_cluster; allow_listen_address
    if "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      log "already running on port $PORT"
    else
      mapfile -t options < <(server_options)
      "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$data" -l "$log_dir/postgres.log" -w -t 90 -o "$(printf '%q ' "${options[@]}")" start >/dev/null \
        || die "the server did not start (see $log_dir/postgres.log)"
    fi
    wait_ready || die "the server did not accept connections (see $log_dir/postgres.log)"
    provision
    log "ready: 127.0.0.1:$PORT (listening on $listen), database $DATABASE, data $data"
    url
    ;;
  run)
    ensure_installed; load_state; check_traversable; init_cluster; allow_listen_address
    mapfile -t options < <(server_options)
    server_pid=""
    stop_server() {
      trap - TERM INT
      log "stopping"
      # SIGINT is PostgreSQL's fast shutdown: sessions are closed rather than waited for.
      if [ -n "$server_pid" ]; then kill -INT "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
      log "stopped"
      exit 0
    }
    trap stop_server TERM INT
    "${as_server[@]}" "$PG_BIN/postgres" -D "$data" "${options[@]}" < /dev/null &
    server_pid=$!
    wait_ready "$server_pid" || { kill -INT "$server_pid" 2>/dev/null || true; die "the server did not become ready"; }
    provision
    log "ready: $listen:$PORT, database $DATABASE, data $data"
    # Waits for the server; a signal interrupts the wait and runs stop_server.
    while kill -0 "$server_pid" 2>/dev/null; do wait "$server_pid" || true; done
    die "the server exited"
    ;;
  stop)
    [ -f "$data/PG_VERSION" ] || { log "no cluster in $dir"; exit 0; }
    if "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$data" -m fast -w -t 60 stop >/dev/null
      log "stopped"
    else
      log "not running"
    fi
    ;;
  status)
    load_state
    "${as_server[@]}" "$PG_BIN/pg_ctl" -D "$data" status >/dev/null 2>&1 && { echo "running on port $PORT"; exit 0; }
    echo "not running"; exit 3
    ;;
  url) load_state; url "$database" ;;
  psql) load_state; admin_psql "${psql_args[@]}" ;;
  *) die "unknown command '$cmd' (see the header of $0)" ;;
esac
