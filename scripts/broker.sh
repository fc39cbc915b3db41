#!/usr/bin/env bash
# A private RabbitMQ instance for Aithena: Debian's rabbitmq-server, on loopback only,
# with its own node name, ports, data folder, Erlang cookie, epmd and credentials.
# It never touches a system broker and never creates the `guest` user.
#
#   scripts/broker.sh start  [--dir DIR] [--port N] [--management-port N] [--auto-ports]
#   scripts/broker.sh run    [--dir DIR] [--port N] [--management-port N]   (foreground; what Aithena.AppHost runs)
#   scripts/broker.sh stop   [--dir DIR]
#   scripts/broker.sh status [--dir DIR]
#   scripts/broker.sh url    [--dir DIR] [--as api|lister|indexer|embedder|ocr|admin]
#   scripts/broker.sh ctl    [--dir DIR] -- <rabbitmqctl arguments>
#   scripts/broker.sh requeue-errors [--dir DIR] [--vhost V] [--queue index-document] [--to QUEUE]
#   scripts/broker.sh provision [--dir DIR] --vhost V   (a vhost with quorum default, the service users' rights and the policy)
#   scripts/broker.sh policy    [--dir DIR] [--vhost V] [--delivery-limit N]   (the crash-loop policy alone; N defaults to 10)
#   scripts/broker.sh install   (Debian's rabbitmq-server, if missing; needs root or sudo)
#
# State lives in DIR (default: .aithena/broker in the repository, or $AITHENA_BROKER_DIR):
# broker.env keeps the ports and generated passwords (mode 600) so a restart reuses them and
# the data folder stays valid. `start` prints the admin connection string on its last line.
#
# `run` keeps the broker in the foreground as this script's child, with epmd as another child (never a daemon that
# would outlive it), so a supervisor (Aspire's DCP, a terminal) owns the whole process group: SIGTERM or SIGINT
# stops the broker and epmd, and nothing is left running. The administrator is AITHENA_BROKER_USER with
# AITHENA_BROKER_PASSWORD when they are set (the AppHost's rabbit-user / rabbit-password parameters), passed in
# the environment so that no password appears in a process list.
set -euo pipefail

RABBIT_BIN=/usr/lib/rabbitmq/bin   # the CLI that keeps our environment; /usr/sbin wrappers drop it
VHOST=aithena
ADMIN_USER=aithena
SERVICE_USERS=(api lister indexer embedder ocr)

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
die() { echo "broker: $*" >&2; exit 1; }
log() { echo "broker: $*" >&2; }

cmd=${1:-}; [ $# -gt 0 ] && shift
dir=${AITHENA_BROKER_DIR:-$(repo_root)/.aithena/broker}
if [ "$cmd" = install ]; then dir=${TMPDIR:-/tmp}; fi
port="" mgmt_port="" auto_ports=0 as=admin vhost_arg="" queue=index-document to_queue="" delivery_limit=10
ctl_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --management-port) mgmt_port=$2; shift 2 ;;
    --auto-ports) auto_ports=1; shift ;;
    --as) as=$2; shift 2 ;;
    --vhost) vhost_arg=$2; shift 2 ;;
    --queue) queue=$2; shift 2 ;;
    --to) to_queue=$2; shift 2 ;;
    --delivery-limit) delivery_limit=$2; shift 2 ;;
    --) shift; ctl_args=("$@"); break ;;
    *) die "unknown argument '$1' (see the header of $0)" ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
state="$dir/broker.env"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

ensure_installed() {
  [ -x "$RABBIT_BIN/rabbitmq-server" ] && return 0
  log "rabbitmq-server is not installed; installing Debian's package"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && { command -v sudo >/dev/null || die "run as root or install sudo to install rabbitmq-server"; sudo=sudo; }
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq rabbitmq-server >&2
  [ -x "$RABBIT_BIN/rabbitmq-server" ] || die "rabbitmq-server did not install"
}

# The first start decides ports and passwords; every later call reads them back.
load_state() {
  if [ ! -f "$state" ]; then
    [ "$cmd" = start ] || [ "$cmd" = run ] || die "no broker state in $dir (run: $0 start --dir $dir)"
    # `run` is given its AMQP and management ports; its distribution and epmd ports are free ones, kept.
    if [ "$auto_ports" = 1 ] || [ "$cmd" = run ]; then
      port=${port:-$(free_port)}; mgmt_port=${mgmt_port:-$(free_port)}
      dist_port=$(free_port); epmd_port=$(free_port)
    else
      port=${port:-5680}; mgmt_port=${mgmt_port:-15680}
      dist_port=$((port + 20000)); epmd_port=$((port - 1300))
    fi
    umask 077
    {
      echo "NODE=aithena-$(secret | head -c 8)@localhost"
      echo "AMQP_PORT=$port"; echo "MGMT_PORT=$mgmt_port"
      echo "DIST_PORT=$dist_port"; echo "EPMD_PORT=$epmd_port"
      echo "ADMIN_PASS=$(secret)"
      for u in "${SERVICE_USERS[@]}"; do echo "PASS_${u^^}=$(secret)"; done
    } > "$state"
  fi
  # shellcheck disable=SC1090
  . "$state"
  # A state file from before a service user existed (the Embedder's or the OCR worker's) gets that user's password now.
  for u in "${SERVICE_USERS[@]}"; do
    local pass_var="PASS_${u^^}"
    if [ -z "${!pass_var:-}" ]; then
      printf -v "$pass_var" '%s' "$(secret)"
      echo "$pass_var=${!pass_var}" >> "$state"
    fi
  done
  if [ "$cmd" = run ]; then
    AMQP_PORT=${port:-$AMQP_PORT}; MGMT_PORT=${mgmt_port:-$MGMT_PORT}
    ADMIN_USER=${AITHENA_BROKER_USER:-$ADMIN_USER}; ADMIN_PASS=${AITHENA_BROKER_PASSWORD:-$ADMIN_PASS}
    [ "$ADMIN_USER" = guest ] && die "refusing the guest account; set AITHENA_BROKER_USER to another user"
    if [ -n "$port" ] && [ "$port" != "$(grep '^AMQP_PORT=' "$state" | cut -d= -f2)" ]; then
      # Another AMQP port than last time (a test beside a developer's broker, say): new free ports for the rest too.
      DIST_PORT=$(free_port); EPMD_PORT=$(free_port)
      sed -i -e "s/^AMQP_PORT=.*/AMQP_PORT=$AMQP_PORT/" -e "s/^MGMT_PORT=.*/MGMT_PORT=$MGMT_PORT/" \
        -e "s/^DIST_PORT=.*/DIST_PORT=$DIST_PORT/" -e "s/^EPMD_PORT=.*/EPMD_PORT=$EPMD_PORT/" "$state"
    fi
  fi
  return 0
}

export_env() {
  export HOME="$dir/home"
  export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
  export RABBITMQ_NODENAME="$NODE"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export ERL_EPMD_PORT="$EPMD_PORT"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_MNESIA_BASE="$dir/data"
  export RABBITMQ_LOG_BASE="$dir/log"
  export RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
  export RABBITMQ_PID_FILE="$dir/rabbitmq.pid"
}

write_config() {
  mkdir -p "$HOME" "$dir/data" "$dir/log"
  if [ ! -f "$HOME/.erlang.cookie" ]; then
    (umask 077; secret > "$HOME/.erlang.cookie"); chmod 400 "$HOME/.erlang.cookie"
  fi
  : > "$RABBITMQ_CONF_ENV_FILE"   # an empty file, so /etc/rabbitmq/rabbitmq-env.conf is ignored
  echo "[]." > "$RABBITMQ_ADVANCED_CONFIG_FILE"
  (umask 077; cat > "$RABBITMQ_CONFIG_FILE" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
loopback_users = none
default_user = $ADMIN_USER
default_pass = $ADMIN_PASS
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.file.level = warning
log.console = false
EOF
)
  # Management for the UI and the tests; shovel to send error-queue messages back (requeue-errors).
  grep -q rabbitmq_shovel_management "$RABBITMQ_ENABLED_PLUGINS_FILE" 2>/dev/null \
    || "$RABBIT_BIN/rabbitmq-plugins" --offline enable rabbitmq_management rabbitmq_shovel rabbitmq_shovel_management >/dev/null
}

ctl() { "$RABBIT_BIN/rabbitmqctl" -q -n "$NODE" "$@"; }

running() { [ -f "$RABBITMQ_PID_FILE" ] && kill -0 "$(cat "$RABBITMQ_PID_FILE")" 2>/dev/null; }

# The vhost makes every plain declare a quorum queue, so senders (which declare their destination queue without
# arguments) and the Indexer always agree on the queue type. Service users get only what their service needs
# (README, "Broker users"); re-applied on every start, so it is idempotent.
provision() { # [vhost]
  local v=${1:-$VHOST}
  local users; users=$(ctl list_users | awk '{print $1}')
  # The administrator is only created by default_user on a brand-new database: make sure it exists with today's
  # password (the AppHost's parameter may have changed since the data folder was made).
  if grep -qx "$ADMIN_USER" <<<"$users"; then
    ctl change_password "$ADMIN_USER" "$ADMIN_PASS" >/dev/null
  else
    ctl add_user "$ADMIN_USER" "$ADMIN_PASS" >/dev/null
  fi
  ctl set_user_tags "$ADMIN_USER" administrator >/dev/null
  ctl list_vhosts name | grep -qx "$v" || ctl add_vhost "$v" --default-queue-type quorum >/dev/null
  ctl set_permissions -p "$v" "$ADMIN_USER" '.*' '.*' '.*' >/dev/null
  for u in "${SERVICE_USERS[@]}"; do
    local name="aithena-$u" pass_var="PASS_${u^^}"
    if grep -qx "$name" <<<"$users"; then
      ctl change_password "$name" "${!pass_var}" >/dev/null
    else
      ctl add_user "$name" "${!pass_var}" >/dev/null
    fi
  done
  # configure / write / read. Every service may use the temporary reply queue MassTransit gives each bus (*_bus_*).
  local bus='|.*_bus_.*'
  # Api and Lister send: they declare commands.X (exchange), X (queue) and the binding, and publish to commands.X.
  # They may read (bind from) commands.X only, so they cannot consume X.
  local sender_cfg="^(commands\\.)?(index|remove)-document\$$bus" sender_read="^commands\\.(index|remove)-document\$$bus"
  ctl set_permissions -p "$v" aithena-api    "$sender_cfg" "$sender_cfg" "$sender_read" >/dev/null
  ctl set_permissions -p "$v" aithena-lister "$sender_cfg" "$sender_cfg" "$sender_read" >/dev/null
  # The Indexer consumes X, moves faults to X_error (and unknown messages to X_skipped), and publishes Fault events.
  # It may not write to commands.X, so it cannot queue work itself.
  # It also consumes index-document_crashed (what the crash-loop policy set aside) and moves it to its _error queue.
  # It sends embed-document (after indexing a document) and ocr-document (pages without text) like a sender: through
  # commands.embed-document and commands.ocr-document, which it may read (bind from), never the queues themselves, so
  # it cannot consume what the Embedder and the OCR worker take.
  local own="^(index|remove)-document(_crashed)?(_error|_skipped)?\$|^Aithena\\.Contracts:.*|^MassTransit:Fault.*$bus"
  local send="|^(commands\\.)?embed-document\$|^(commands\\.)?ocr-document\$" bind="|^commands\\.embed-document\$|^commands\\.ocr-document\$"
  ctl set_permissions -p "$v" aithena-indexer "$own$send" "$own$send" "$own$bind" >/dev/null
  # The Embedder consumes embed-document and embed-document_crashed the same way, and queues no work of its own.
  local embedder="^embed-document(_crashed)?(_error|_skipped)?\$|^Aithena\\.Contracts:.*|^MassTransit:Fault.*$bus"
  ctl set_permissions -p "$v" aithena-embedder "$embedder" "$embedder" "$embedder" >/dev/null
  # The OCR worker consumes ocr-document and ocr-document_crashed (with their _error/_skipped queues) and sends
  # embed-document after it replaced a document's text, through commands.embed-document.
  local ocr="^ocr-document(_crashed)?(_error|_skipped)?\$|^(commands\\.)?embed-document\$|^Aithena\\.Contracts:.*|^MassTransit:Fault.*$bus"
  local ocr_read="^ocr-document(_crashed)?(_error|_skipped)?\$|^commands\\.embed-document\$|^Aithena\\.Contracts:.*|^MassTransit:Fault.*$bus"
  ctl set_permissions -p "$v" aithena-ocr "$ocr" "$ocr" "$ocr_read" >/dev/null
  apply_policy "$v"
}

# No crash loop: a document whose processing kills the Indexer would be redelivered to the next Indexer forever.
# Quorum queues count deliveries that were never acknowledged (a crash, a kill, a hand-back) and, past the limit,
# dead-letter the message; it goes to index-document_crashed, where the Indexer marks the document failed naming the
# crashes. A policy rather than queue arguments: senders declare index-document without arguments, and arguments
# that differ between declarers fail with PRECONDITION_FAILED; a policy also applies to a queue that already exists.
# Every unacknowledged delivery counts, a hand-back on SIGTERM or a broker restart included: 10 leaves room for those
# (the fault suite restarts the broker 8 times under load) while a document that kills every Indexer stops at 11.
apply_policy() { # vhost
  # Under the AppHost (run), the AppHost sets this policy itself through the management API, for its container
  # broker as for this one (Aithena.AppHost/Messaging/CrashLoopPolicy.cs).
  [ "${skip_policy:-0}" = 1 ] && return 0
  [[ "$delivery_limit" =~ ^[1-9][0-9]*$ ]] || die "--delivery-limit takes a positive number"
  # --apply-to queues: RabbitMQ 3.10 knows no quorum_queues there; the queue is quorum (the vhost's default).
  ctl set_policy -p "$1" --apply-to queues --priority 10 aithena-index-document '^index-document$' \
    "{\"delivery-limit\":$delivery_limit,\"dead-letter-exchange\":\"\",\"dead-letter-routing-key\":\"index-document_crashed\"}" >/dev/null
  # The same for embedding (a document whose embedding kills the Embedder): set aside in embed-document_crashed, where
  # the Embedder marks the document's embeddings failed (keyword search still finds it).
  ctl set_policy -p "$1" --apply-to queues --priority 10 aithena-embed-document '^embed-document$' \
    "{\"delivery-limit\":$delivery_limit,\"dead-letter-exchange\":\"\",\"dead-letter-routing-key\":\"embed-document_crashed\"}" >/dev/null
  # And for OCR (a page that kills the OCR worker every time): set aside in ocr-document_crashed, where the worker
  # marks the document's pending pages failed.
  ctl set_policy -p "$1" --apply-to queues --priority 10 aithena-ocr-document '^ocr-document$' \
    "{\"delivery-limit\":$delivery_limit,\"dead-letter-exchange\":\"\",\"dead-letter-routing-key\":\"ocr-document_crashed\"}" >/dev/null
}

url_for() {
  local user pass
  case "$1" in
    admin) user=$ADMIN_USER; pass=$ADMIN_PASS ;;
    api|lister|indexer|embedder|ocr) user="aithena-$1"; local v="PASS_${1^^}"; pass=${!v} ;;
    *) die "--as takes admin, api, lister, indexer, embedder or ocr" ;;
  esac
  echo "amqp://$user:$pass@127.0.0.1:$AMQP_PORT/$VHOST"
}

case "$cmd" in
  install)
    ensure_installed
    ;;
  start)
    ensure_installed
    load_state; export_env
    if running; then
      log "already running ($NODE, amqp 127.0.0.1:$AMQP_PORT)"
    else
      write_config
      # Detached from this shell's session, so a Ctrl-C aimed at the caller does not kill the broker
      # before the caller's own cleanup stops it in order.
      setsid "$RABBIT_BIN/rabbitmq-server" > "$dir/log/server.out" 2>&1 < /dev/null &
      if ! "$RABBIT_BIN/rabbitmqctl" -q -n "$NODE" wait --timeout 90 "$RABBITMQ_PID_FILE" >/dev/null 2>&1; then
        tail -20 "$dir/log/server.out" >&2 || true
        die "the broker did not become ready within 90 s (logs: $dir/log)"
      fi
    fi
    skip_policy=1 provision "$VHOST"
    log "ready: node $NODE, amqp 127.0.0.1:$AMQP_PORT, management http://127.0.0.1:$MGMT_PORT, data $dir/data"
    url_for admin
    ;;
  run)
    ensure_installed
    load_state; export_env; write_config
    server_pid="" epmd_pid=""
    stop_children() {
      trap - TERM INT
      log "stopping $NODE"
      # rabbitmq-server's own script turns SIGTERM into an orderly shutdown of the node.
      if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
      if [ -n "$epmd_pid" ]; then kill -TERM "$epmd_pid" 2>/dev/null || true; wait "$epmd_pid" 2>/dev/null || true; fi
      log "stopped $NODE"
      exit 0
    }
    trap stop_children TERM INT
    # epmd in the foreground as our child: the node finds it on ERL_EPMD_PORT and starts no daemon of its own.
    epmd -port "$EPMD_PORT" -address 127.0.0.1 &
    epmd_pid=$!
    "$RABBIT_BIN/rabbitmq-server" < /dev/null &
    server_pid=$!
    if ! "$RABBIT_BIN/rabbitmqctl" -q -n "$NODE" wait --timeout 90 "$RABBITMQ_PID_FILE" >/dev/null 2>&1; then
      kill -TERM "$server_pid" "$epmd_pid" 2>/dev/null || true
      die "the broker did not become ready within 90 s (logs: $dir/log)"
    fi
    skip_policy=1 provision "$VHOST"
    log "ready: node $NODE, amqp 127.0.0.1:$AMQP_PORT/$VHOST, management http://127.0.0.1:$MGMT_PORT, data $dir/data"
    # Waits for the server; a signal interrupts the wait and runs stop_children.
    wait "$server_pid" || true
    kill -TERM "$epmd_pid" 2>/dev/null || true
    wait "$epmd_pid" 2>/dev/null || true
    die "the broker exited by itself (logs: $dir/log)"
    ;;
  stop)
    [ -f "$state" ] || { log "nothing to stop in $dir"; exit 0; }
    load_state; export_env
    if running; then
      pid=$(cat "$RABBITMQ_PID_FILE")
      ctl shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true
    rm -f "$RABBITMQ_PID_FILE"
    log "stopped $NODE"
    ;;
  status)
    load_state; export_env
    if running; then echo "running: $NODE amqp 127.0.0.1:$AMQP_PORT management http://127.0.0.1:$MGMT_PORT"; else echo "stopped"; exit 3; fi
    ;;
  url)
    load_state; url_for "$as"
    ;;
  ctl)
    load_state; export_env; ctl "${ctl_args[@]}"
    ;;
  provision)
    load_state; export_env; provision "${vhost_arg:-$VHOST}"
    ;;
  policy)
    load_state; export_env; apply_policy "${vhost_arg:-$VHOST}"
    ;;
  requeue-errors)
    # Moves the messages in {queue}_error back to {queue} (or --to) for another try, once their cause is fixed, with a
    # dynamic shovel that deletes itself after moving what the error queue held when it started (ack on confirm,
    # so a message is never lost in between). Message bodies and headers are kept.
    load_state; export_env
    v=${vhost_arg:-$VHOST}
    # No count up front: list_queues lags a quorum queue by seconds; the shovel reads the real length itself.
    name="requeue-$queue-$(date +%s)"
    to_queue=${to_queue:-$queue}
    uri="amqp:///$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$v")"
    ctl set_parameter -p "$v" shovel "$name" \
      "{\"src-protocol\":\"amqp091\",\"src-uri\":\"$uri\",\"src-queue\":\"${queue}_error\",\"src-delete-after\":\"queue-length\",\"dest-protocol\":\"amqp091\",\"dest-uri\":\"$uri\",\"dest-queue\":\"$to_queue\",\"ack-mode\":\"on-confirm\"}" >/dev/null
    for _ in $(seq 1 600); do
      ctl list_parameters -p "$v" 2>/dev/null | grep -q "$name" || break
      sleep 0.1
    done
    ctl list_parameters -p "$v" 2>/dev/null | grep -q "$name" && die "the shovel $name did not finish within 60 s"
    echo "requeue-errors: sent what ${queue}_error held back to $to_queue (vhost $v)"
    ;;
  *)
    sed -n '2,20p' "$0" >&2; exit 2 ;;
esac
