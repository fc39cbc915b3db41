#!/usr/bin/env bash
# The search-quality evaluation: every labelled query of bench/Aithena.SemanticBench/EvaluationSet.cs in keyword, semantic
# and hybrid mode, for both packaged models, through the class behind GET /v1/search over a real SQLite catalog.
# Writes recall@10, nDCG@10 and MRR to docs/SEARCH-QUALITY.md; fails when hybrid scores below keyword for the default model.
#
#   scripts/search-quality.sh                 # about a minute on 2 cores
#   scripts/search-quality.sh --output FILE
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dotnet build bench/Aithena.SemanticBench/Aithena.SemanticBench.csproj -c Release -v quiet -nologo -clp:ErrorsOnly
exec dotnet bench/Aithena.SemanticBench/bin/Release/net10.0/Aithena.SemanticBench.dll quality "$@"
