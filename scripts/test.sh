#!/usr/bin/env bash
# Runs every test of Aithena: unit tests, and everything that crosses the bus against private RabbitMQ brokers
# that the tests start themselves (scripts/broker.sh), and the real Aithena.AppHost started by Aspire.Hosting.Testing
# with its manifest checked, and the web app in Debian's chromium. Installs rabbitmq-server, postgresql-15 (the catalog's
# tests run on both engines, PostgreSQL as a private instance the tests start with scripts/postgres.sh), chromium,
# poppler-utils, tesseract-ocr (+eng) and img2pdf when missing, and fetches the real-PDF sample (scripts/corpus.sh --sample) once.
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
# The web app's build vendors pdf.js from npm (Aithena.Web.csproj, target VendorPdfJs): npm must be there.
if ! command -v npm >/dev/null; then
  echo "test: installing npm (the web app's build fetches pdf.js with it)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq npm >/dev/null; }
fi
scripts/broker.sh install
scripts/postgres.sh install
# The real-PDF sample test reads words with poppler's pdftotext, from PDFs of Debian's documentation packages; the OCR
# worker renders pages with pdftoppm and reads them with tesseract, and its tests make scans with img2pdf; the Indexer
# draws covers with pdftoppm.
scripts/ocr-tools.sh install
scripts/corpus.sh --sample >/dev/null
# The web app's end-to-end tests drive Debian's chromium (Playwright cannot download a browser of its own here).
if ! [ -x /usr/bin/chromium ]; then
  echo "test: installing Debian's chromium for the web app's end-to-end tests"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium
fi

results="$root/.aithena/test-results"
rm -rf "$results"; mkdir -p "$results"
# Everything: the services, the AppHost, both test projects and the benchmark app (its smoke mode is one of the tests).
dotnet build Aithena.sln -v quiet -nologo -clp:ErrorsOnly

# One test project after the other: the AppHost's tests start the whole system, and two cores are better given to
# one suite at a time.
status=0
for project in tests/Aithena.Tests tests/Aithena.AppHost.Tests; do
  name=$(basename "$project")
  args=(test "$project/$name.csproj" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results"
        --logger "console;verbosity=normal" --blame-hang-timeout 10m)
  [ -n "$filter" ] && args+=(--filter "$filter")
  dotnet "${args[@]}" || status=$?
done

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' || echo 0; }
  total=$(get total); executed=$(get executed)
  passed=$((passed + $(get passed)))
  skipped=$((skipped + total - executed))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
done
if ! ls "$results"/*.trx >/dev/null 2>&1; then
  failed=1; [ "$status" -eq 0 ] && status=1
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # Every test passed but a run did not (an error outside any test, such as a crash after a test ended).
  echo "test: a run failed outside any single test (see the output above); counted as 1 failed"
  failed=1
fi
# The failures again, just above the count, with the first lines of their messages: a CI log is often read from its end.
if [ "$failed" -gt 0 ] && command -v python3 >/dev/null; then
  python3 - "$results"/*.trx <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") in ("Passed", "NotExecuted"):
            continue
        message = result.findtext(".//t:ErrorInfo/t:Message", "", ns).strip().splitlines()
        stack = [line.strip() for line in result.findtext(".//t:ErrorInfo/t:StackTrace", "", ns).splitlines()
                 if "Aithena" in line][:3]
        print(f"FAILED {result.get('testName')} ({result.get('duration')})")
        for line in message[:12] + stack:
            print(f"    {line[:300]}")
PY
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
