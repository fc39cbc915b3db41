#!/usr/bin/env bash
# Runs every test of Aithena: unit tests, and everything that crosses the bus against private RabbitMQ brokers
# that the tests start themselves (scripts/broker.sh). Installs rabbitmq-server when missing.
#
#   scripts/test.sh                 # the whole suite
#   scripts/test.sh --filter NAME   # only tests whose name contains NAME (dotnet test --filter)
#   scripts/test.sh --soak          # the soak mode of the fault suite: many broker restarts under load; writes docs/SOAK.md
#
# Ends with the line "N passed, N failed, N skipped" counted from the run's own results.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

filter=""
case "${1:-}" in
  --filter) filter=$2 ;;
  --soak) export AITHENA_SOAK=1; filter="FullyQualifiedName~RestartUnderLoad" ;;
esac

command -v dotnet >/dev/null || { echo "test: the .NET SDK (dotnet) is required; see global.json for the version" >&2; exit 1; }
scripts/broker.sh install

# Aithena.AppHost needs the Aspire.* packages. Where the package source does not have them (as on this project's
# build machines), it is left out here, and said so, rather than faked.
if timeout 120 dotnet restore Aithena.AppHost/Aithena.AppHost.csproj > .aithena-apphost-restore.log 2>&1; then
  echo "test: Aithena.AppHost restores here; building it and writing its manifest as a check"
  dotnet build Aithena.AppHost/Aithena.AppHost.csproj --no-restore -v quiet -nologo
  (cd Aithena.AppHost && dotnet run --no-build -- --publisher manifest --output-path "$root/.aithena/aspire-manifest.json")
else
  reason=$(grep -m1 -oE "(error [A-Z]+[0-9]+|MSB[0-9]+)[^[]*" .aithena-apphost-restore.log | head -c 300 || true)
  echo "test: SKIPPED Aithena.AppHost (build and manifest check): the Aspire packages cannot be restored from this machine's package source: ${reason:-see .aithena-apphost-restore.log}"
fi
rm -f .aithena-apphost-restore.log

results="$root/.aithena/test-results"
rm -rf "$results"; mkdir -p "$results"
# Everything but the AppHost, the benchmark app included (its smoke mode is one of the tests).
dotnet build Aithena.Local.slnf -v quiet -nologo -clp:ErrorsOnly

args=(test tests/Aithena.Tests/Aithena.Tests.csproj --no-build --logger "trx;LogFileName=results.trx" --results-directory "$results"
      --logger "console;verbosity=normal" --blame-hang-timeout 10m)
[ -n "$filter" ] && args+=(--filter "$filter")
status=0
dotnet "${args[@]}" || status=$?

trx="$results/results.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' || echo 0; }
  total=$(get total); passed=$(get passed); failed=$(get failed); executed=$(get executed)
  skipped=$((total - executed))
  failed=$((failed + $(get error) + $(get timeout) + $(get aborted)))
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # Every test passed but the run did not (an error outside any test, such as a crash after a test ended).
    echo "test: the run failed outside any single test (see the output above); counted as 1 failed"
    failed=1
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "0 passed, 1 failed, 0 skipped"
  [ "$status" -eq 0 ] && status=1
fi
exit "$status"
