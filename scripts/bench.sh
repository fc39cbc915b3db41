#!/usr/bin/env bash
# Runs Aithena's benchmark suite and writes its report: publish path, upload endpoint, Indexer, Lister, side by side on
# one private broker of its own (scripts/broker.sh, free loopback ports), which is stopped again however the run ends.
#
#   scripts/bench.sh                        # the full run (about 10 minutes on 2 CPUs), writes docs/BENCHMARKS.md
#   scripts/bench.sh --smoke                # the same code paths with tiny counts, in seconds
#   scripts/bench.sh --output FILE          # write the report elsewhere
#   scripts/bench.sh --sections corpus,web  # run some sections again on their own (publish, upload, indexer, lister,
#                                           # corpus, web, ocr): they replace theirs in the report, the rest stays
#   scripts/bench.sh --sections corpus --baseline-indexer DLL
#                                           # the corpus section with one more row: another build of the Indexer (e.g.
#                                           # main's, built from `git archive main | tar -x -C DIR`), two processes, in
#                                           # the same run, so a change to extraction is measured side by side
#   scripts/bench.sh --sections ocr         # OCR only: real pages rendered as scans, the OCR worker (1 and 2 processes)
#                                           # against tesseract run directly, and word accuracy against pdftotext
#   scripts/bench.sh --sections pipeline [--documents N] [--repeat R]
#                                           # real PDFs dropped into a running system (default configuration, 1 and 2
#                                           # Embedders): time to keyword- and meaning-searchable, passages/s, every
#                                           # process's peak memory; N of the corpus's PDFs (12 by default, ~10 minutes);
#                                           # the one-Embedder run R times in a row, each on a fresh system, to show
#                                           # that no process dies
#
# The corpus section indexes every PDF of scripts/corpus.sh (built when missing, about 150 MB of Debian packages)
# beside poppler's pdftotext (installed when missing).
#   scripts/bench.sh --search [--pages N]   # search at scale only: a catalog of N pages (1,000,000) per engine, SQLite and
#                                           # PostgreSQL (scripts/postgres.sh), kept in .aithena/bench-search for reruns;
#                                           # replaces the "Search at scale" block of the report
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)

smoke=() sections=() documents=() repeat=() baseline=() output=docs/BENCHMARKS.md search=0 pages=1000000
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=(--smoke); shift ;;
    --search) search=1; shift ;;
    --pages) pages=$2; shift 2 ;;
    --output) output=$2; shift 2 ;;
    --sections) sections=(--sections "$2"); shift 2 ;;
    --documents) documents=(--documents "$2"); shift 2 ;;
    --repeat) repeat=(--repeat "$2"); shift 2 ;;
    --baseline-indexer) baseline=(--baseline-indexer "$2"); shift 2 ;;
    *) echo "bench: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
command="scripts/bench.sh"   # as the report will name it
if [ ${#smoke[@]} -gt 0 ]; then command+=" --smoke"; fi
if [ "$output" != docs/BENCHMARKS.md ]; then command+=" --output $output"; fi
if [ ${#sections[@]} -gt 0 ]; then command+=" --sections ${sections[1]}"; fi
if [ ${#documents[@]} -gt 0 ]; then command+=" --documents ${documents[1]}"; fi
if [ ${#repeat[@]} -gt 0 ]; then command+=" --repeat ${repeat[1]}"; fi
if [ ${#baseline[@]} -gt 0 ]; then command+=" --baseline-indexer DLL"; fi

command -v dotnet >/dev/null || { echo "bench: the .NET SDK (dotnet) is required; see global.json for the version" >&2; exit 1; }

if [ "$search" = 1 ]; then
  scripts/postgres.sh install
  dotnet build bench/Aithena.Benchmarks/Aithena.Benchmarks.csproj -c Release -v quiet -nologo -clp:ErrorsOnly
  # Catalogs kept between runs (a million pages take long to write): a rerun of the same size only measures queries.
  # The size is part of the folder, so another size builds its own.
  data="$root/.aithena/bench-search/$pages"
  mkdir -p "$data"
  pg_dir="$data/postgres"
  stop_postgres() { scripts/postgres.sh stop --dir "$pg_dir" >&2 || true; }
  trap stop_postgres EXIT
  # 2 GB of shared buffers: PostgreSQL's guide suggests a quarter of the memory of a dedicated server; its default is 128 MB.
  postgres=$(scripts/postgres.sh start --dir "$pg_dir" --auto-ports --fast --shared-buffers 2GB | tail -1)
  dotnet bench/Aithena.Benchmarks/bin/Release/net10.0/Aithena.Benchmarks.dll search --pages "$pages" \
    --sqlite "$data/catalog.db" --postgres "$postgres" --output "$output" --command "scripts/bench.sh --search --pages $pages" &
  child=$!
  trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM
  status=0
  for _ in $(seq 1 100); do
    wait "$child" && status=0 || status=$?
    kill -0 "$child" 2>/dev/null || break
  done
  exit "$status"
fi
scripts/broker.sh install
scripts/ocr-tools.sh install   # pdftotext, and the OCR section's pdftoppm, tesseract and img2pdf
if [ "${sections[*]:-}" = "--sections ocr" ]; then
  # The OCR section needs a handful of Latin-script pages: the test run's small sample will do when the corpus is missing.
  [ -s .aithena/corpus/manifest.tsv ] || scripts/corpus.sh --sample >/dev/null
elif [ ${#smoke[@]} -eq 0 ] && [ ! -s .aithena/corpus/manifest.tsv ]; then scripts/corpus.sh >/dev/null; fi

# Release, as a deployment runs; building the benchmark project builds the Api, Indexer and Lister it starts.
dotnet build bench/Aithena.Benchmarks/Aithena.Benchmarks.csproj -c Release -v quiet -nologo -clp:ErrorsOnly

# A broker of the benchmark's own: fresh state each run, so nothing queued earlier weighs on the figures.
broker_dir="$root/.aithena/bench-broker"
scripts/broker.sh stop --dir "$broker_dir" >/dev/null 2>&1 || true
rm -rf "$broker_dir"
stop_broker() { scripts/broker.sh stop --dir "$broker_dir" >&2 || true; }
trap stop_broker EXIT
scripts/broker.sh start --dir "$broker_dir" --auto-ports >/dev/null

# In the background with SIGINT/SIGTERM forwarded, so an interrupted run still stops the services it started (the app
# cancels, cleans up and exits) before this script stops the broker.
dotnet bench/Aithena.Benchmarks/bin/Release/net10.0/Aithena.Benchmarks.dll \
  --broker-dir "$broker_dir" --configuration Release --output "$output" --command "$command" "${smoke[@]}" "${sections[@]}" "${documents[@]}" "${repeat[@]}" "${baseline[@]}" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null || true' INT TERM
status=0
for _ in $(seq 1 100); do   # one wait per signal received; bounded, as a handful of signals is all a run gets
  wait "$child" && status=0 || status=$?
  kill -0 "$child" 2>/dev/null || break
done
[ "$status" -eq 0 ] && echo "bench: report written to $output" >&2
exit "$status"
