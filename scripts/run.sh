#!/usr/bin/env bash
# Runs the whole of Aithena through its Aspire AppHost: RabbitMQ, the Api, the Indexer, the Embedder, the Lister and the web app, with the
# Aspire dashboard (logs, traces, metrics). On a fresh machine it installs what is missing and creates the folders.
# Ctrl-C stops every process it started, the broker included.
#
#   scripts/run.sh [--broker local|container] [--no-build]
#
#   --broker local       Debian's rabbitmq-server as a private instance run by the AppHost (no container engine needed)
#   --broker container   RabbitMQ's container image (needs a working Docker or Podman)
#                        default: container when `docker info` answers, else local
#
# The broker password is the AppHost's secret parameter rabbit-password: given with
#   dotnet user-secrets set Parameters:rabbit-password '<password>' --project Aithena.AppHost
# or, when not given, generated on the first run and kept in the AppHost's user secrets (never guest).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

broker="" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --broker) broker=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) sed -n '2,15p' "$0"; exit 2 ;;
  esac
done
if [ -z "$broker" ]; then
  if command -v docker >/dev/null && timeout 10 docker info >/dev/null 2>&1; then broker=container; else broker=local; fi
fi
case "$broker" in local|container) ;; *) echo "run: --broker takes local or container" >&2; exit 2 ;; esac

command -v dotnet >/dev/null || { echo "run: the .NET SDK (dotnet) is required; see global.json for the version" >&2; exit 1; }
# The Indexer draws each document's cover with poppler's pdftoppm (without it, documents are indexed with no cover).
if ! command -v pdftoppm >/dev/null; then
  echo "run: installing poppler-utils (pdftoppm, for covers)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >/dev/null; }
fi
# The web app's build vendors pdf.js from npm (Aithena.Web.csproj, target VendorPdfJs): npm must be there.
if ! command -v npm >/dev/null; then
  echo "run: installing npm (the web app's build fetches pdf.js with it)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null; }
fi
[ "$broker" = local ] && scripts/broker.sh install
# The OCR worker runs poppler's pdftoppm and tesseract as child processes.
scripts/ocr-tools.sh install
mkdir -p .aithena/logs
if [ "$build" = 1 ]; then
  echo "run: building"
  dotnet build Aithena.AppHost/Aithena.AppHost.csproj -v quiet -nologo -clp:ErrorsOnly -clp:NoSummary
fi

dashboard=http://127.0.0.1:15180 api=http://127.0.0.1:5280 web=http://127.0.0.1:5300
log="$root/.aithena/logs/apphost.log"
: > "$log"

# The AppHost runs in the background of this script, so that the script can say where everything is once it is up.
# (A background job of a script ignores SIGINT, so Ctrl-C reaches the AppHost as the SIGTERM it handles the same way.)
echo "run: starting the AppHost (broker: $broker); its output goes to $log"
dotnet run --project Aithena.AppHost --no-build --launch-profile "$broker" > "$log" 2>&1 &
apphost=$!

stop() {
  trap - INT TERM
  echo
  echo "run: stopping every service and the broker"
  # The AppHost is the child of `dotnet run`; DCP watches it and, once it has exited, stops every resource it
  # started (SIGTERM, then SIGKILL of the process group about 6 s later) and exits itself.
  local host; host=$(pgrep -P "$apphost" -f Aithena.AppHost | head -1 || true)
  kill -TERM ${host:+"$host"} "$apphost" 2>/dev/null || true
  wait "$apphost" 2>/dev/null || true
  if [ -n "$host" ]; then
    for _ in $(seq 1 600); do
      pgrep -f "dcp.*--monitor $host( |$)" >/dev/null || break
      sleep 0.1
    done
  fi
  if pgrep -f "$root/Aithena\.(Api|Indexer|Embedder|Lister|Web)/|broker.sh run --dir $root/" >/dev/null; then
    echo "run: some processes are still stopping:" >&2
    pgrep -af "$root/Aithena\.(Api|Indexer|Embedder|Lister|Web)/|broker.sh run --dir $root/" >&2 || true
  else
    echo "run: everything stopped"
  fi
  exit 130
}
trap stop INT TERM

echo "run: waiting for the broker and every service (about a minute on two cores)"
for _ in $(seq 1 1800); do
  kill -0 "$apphost" 2>/dev/null || { echo "run: the AppHost exited; the end of $log:" >&2; tail -30 "$log" >&2; exit 1; }
  curl -fsS "$api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "$api/health" >/dev/null 2>&1 || { echo "run: the Api did not become healthy in 3 minutes; see the dashboard and $log" >&2; }
for _ in $(seq 1 600); do   # the web app starts once the Api is healthy
  curl -fsS "$web/health" >/dev/null 2>&1 && break
  sleep 0.1
done

login=$(grep -m1 -oE 'Login to the dashboard at [^ ]+' "$log" | awk '{print $NF}' || true)
cat <<TXT

Aithena is running.
  Web app:    $web   search, read, upload, the library and the system's status
  Sign in:    user admin, password: the AppHost's secret admin-password, shown by
              dotnet user-secrets list --project Aithena.AppHost | grep admin-password
              (create readers and librarians on the Users page; your personal API tokens on the Account page)
  Dashboard:  ${login:-$dashboard}
              (the login link carries a one-time token; the dashboard listens on loopback only)
  Api:        $api   upload: curl -H "Authorization: Bearer TOKEN" -F file=@some.pdf $api/v1/upload
              $api/scalar/v1 (API reference)   $api/health
  Library:    $root/.aithena/library   (drop PDFs here; the Lister scans it every minute)
  Catalog:    $root/.aithena/data/catalog.db
  AppHost log: $log

Press Ctrl-C to stop everything.
TXT
wait "$apphost" || true
echo "run: the AppHost exited; see $log"
