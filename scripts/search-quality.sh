#!/usr/bin/env bash
# The search-quality evaluation: every labelled query of bench/Aithena.SemanticBench/EvaluationSet.cs in keyword, semantic
# and hybrid mode, for both packaged models, through the class behind GET /v1/search over a real SQLite catalog.
# Writes recall@10, nDCG@10 and MRR to docs/SEARCH-QUALITY.md; fails when hybrid scores below keyword for the default model.
#
#   scripts/search-quality.sh                 # about a minute on 2 cores
#   scripts/search-quality.sh --output FILE
#   scripts/search-quality.sh --set real      # real manuals (scripts/corpus.sh), queries in bench/Aithena.SemanticBench/RealDocuments.tsv:
#                                             # the first 3 pages of 166 manuals, MiniLM, 10-20 minutes on 2 busy cores
#   scripts/search-quality.sh --set real [--pages N] [--model ArcticXs] [--corpus DIR]
#
# --set real uses the corpus in DIR (default $AITHENA_CORPUS_DIR or .aithena/corpus) and builds it with scripts/corpus.sh
# when it is missing; it needs pdftotext (poppler-utils) and replaces only the "Real documents" section of the report.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
args=("$@")
if [[ " $* " == *" --set real "* ]]; then
  command -v pdftotext >/dev/null || { apt-get install -y -qq poppler-utils >/dev/null || { echo "search-quality: needs pdftotext (poppler-utils)" >&2; exit 1; }; }
  corpus=${AITHENA_CORPUS_DIR:-.aithena/corpus}
  for ((i = 0; i < ${#args[@]}; i++)); do [ "${args[$i]}" = --corpus ] && corpus=${args[$((i + 1))]}; done
  if [ ! -s "$corpus/manifest.tsv" ]; then
    scripts/corpus.sh --dir "$corpus" --packages "texlive-latex-recommended-doc texlive-fonts-recommended-doc" >/dev/null
  fi
  args+=(--corpus "$corpus")
fi
dotnet build bench/Aithena.SemanticBench/Aithena.SemanticBench.csproj -c Release -v quiet -nologo -clp:ErrorsOnly
exec dotnet bench/Aithena.SemanticBench/bin/Release/net10.0/Aithena.SemanticBench.dll quality "${args[@]}"
