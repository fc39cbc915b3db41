#!/usr/bin/env bash
# The semantic search benchmark: passages embedded per second and the model's memory (both packaged models), then
# semantic and hybrid query latency (p50/p99) and the vector load time at start over 100k and 1M passages (generated
# vectors in a real SQLite catalog). Writes docs/BENCHMARKS-SEMANTIC.md. No broker needed.
#
#   scripts/bench-semantic.sh                          # 100k and 1M passages: about 15 minutes on 2 cores, 3 GB of memory
#   scripts/bench-semantic.sh --sizes 100000           # one size
#   scripts/bench-semantic.sh --sections embedding     # only embedding passages/s before and after its tuning (a few minutes)
#   scripts/bench-semantic.sh --sections passages [--corpus DIR]   # passages and word pieces per 100 pages before and after
#                                                      # issue 22, and their encode time (docs/PASSAGES.md; needs pdftotext)
#   scripts/bench-semantic.sh --output FILE
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build bench/Aithena.SemanticBench/Aithena.SemanticBench.csproj -c Release -v quiet -nologo -clp:ErrorsOnly
exec dotnet bench/Aithena.SemanticBench/bin/Release/net10.0/Aithena.SemanticBench.dll speed "$@"
