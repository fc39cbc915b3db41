#!/usr/bin/env bash
# Runs the whole of Aithena on this machine without Aspire or a container engine: a private RabbitMQ (scripts/broker.sh),
# then the Api, the Indexer and the Lister as separate processes, with the settings Aithena.AppHost would give them.
# Ctrl-C stops everything it started, the broker last.
#
#   scripts/run.sh [--apis N] [--indexers N] [--port PORT] [--library DIR] [--no-build]
#
#   --apis N       Api processes (default 1), on PORT, PORT+1, ...: several workers behind one queue
#   --indexers N   Indexer processes (default 1); they share the queue, one document at a time each
#   --port PORT    first Api port (default 5280)
#   --library DIR  the PDF library folder (default .aithena/library); the catalog lives in .aithena/data
#
# OTEL_EXPORTER_OTLP_ENDPOINT, when set, is passed on: every service then exports its telemetry there.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

apis=1 indexers=1 port=5280 library="$root/.aithena/library" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --apis) apis=$2; shift 2 ;;
    --indexers) indexers=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --library) library=$(mkdir -p "$2" && cd "$2" && pwd); shift 2 ;;
    --no-build) build=0; shift ;;
    *) sed -n '2,14p' "$0"; exit 2 ;;
  esac
done

state="$root/.aithena"
logs="$state/logs"
data="$state/data"
mkdir -p "$library" "$logs" "$data"
config=${CONFIGURATION:-Debug}

command -v dotnet >/dev/null || { echo "run: the .NET SDK (dotnet) is required" >&2; exit 1; }
if [ "$build" = 1 ]; then
  echo "run: building"
  dotnet build Aithena.Local.slnf -c "$config" -v quiet -nologo -clp:ErrorsOnly
fi

pids=()
names=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "run: stopping services"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 400); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  echo "run: stopping the broker"
  scripts/broker.sh stop >/dev/null 2>&1 || true
  echo "run: everything stopped"
}
trap 'cleanup; exit 130' INT TERM
trap cleanup EXIT

scripts/broker.sh start > /dev/null

# What Aspire's WithReference/WithEnvironment give each project (see Aithena.AppHost/AppHost.cs); each service
# connects as its own broker user with only the rights it needs (README, "Broker users").
export ConnectionStrings__catalog="Data Source=$data/catalog.db"
export Library__Path="$library"
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}

start() { # name project port
  local name=$1 project=$2 url="http://127.0.0.1:$3" user
  user=$(echo "$project" | sed 's/^Aithena\.//' | tr '[:upper:]' '[:lower:]')
  ConnectionStrings__messaging="$(scripts/broker.sh url --as "$user")" OTEL_SERVICE_NAME="$name" nohup dotnet "$root/$project/bin/$config/net10.0/$project.dll" --urls "$url" \
    > "$logs/$name.log" 2>&1 < /dev/null &
  pids+=($!)
  names+=("$name $url $logs/$name.log")
}

for i in $(seq 1 "$apis"); do start "api-$i" Aithena.Api $((port + i - 1)); done
for i in $(seq 1 "$indexers"); do start "indexer-$i" Aithena.Indexer $((port + 10 + i - 1)); done
start lister Aithena.Lister $((port + 20))

echo "run: waiting for every service to be healthy"
for entry in "${names[@]}"; do
  set -- $entry
  for _ in $(seq 1 600); do
    curl -fsS "$2/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
  curl -fsS "$2/health" >/dev/null 2>&1 || { echo "run: $1 did not become healthy; see $3" >&2; tail -20 "$3" >&2; exit 1; }
done

mgmt=$(grep MGMT_PORT "$state/broker/broker.env" | cut -d= -f2)
cat <<TXT

Aithena is running.
  Api:        http://127.0.0.1:$port   (upload: curl -F file=@some.pdf http://127.0.0.1:$port/v1/upload)
              http://127.0.0.1:$port/scalar/v1 (API reference)   http://127.0.0.1:$port/health
  Library:    $library   (drop PDFs here; the Lister scans it every minute)
  Catalog:    $data/catalog.db
  RabbitMQ:   management http://127.0.0.1:$mgmt (user aithena, password in .aithena/broker/broker.env)
  Processes and logs:
TXT
for entry in "${names[@]}"; do set -- $entry; printf '    %-10s %-24s %s\n' "$1" "$2" "$3"; done
echo
echo "Press Ctrl-C to stop everything."

while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      set -- ${names[$i]}
      echo "run: $1 exited; see $3" >&2
      exit 1
    fi
  done
  sleep 1 &
  wait $! || true
done
