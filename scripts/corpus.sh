#!/usr/bin/env bash
# A corpus of real PDFs, rebuilt from scratch out of Debian's documentation packages: PDFs written by many producers
# (pdfTeX, XeTeX, LuaTeX, dvipdfmx, Ghostscript, ...) in Latin, Cyrillic, Arabic, Chinese, Japanese and Korean.
# The packages are downloaded with `apt-get download` and unpacked with `dpkg-deb -x`: nothing is installed.
# The PDFs are never committed (.aithena/ is ignored).
#
#   scripts/corpus.sh [--dir DIR] [--packages "pkg1 pkg2 ..."]
#   scripts/corpus.sh --sample      # the test run's sample: three small packages (Latin, Cyrillic, Arabic) in
#                                   # .aithena/corpus-sample, kept between runs (rebuilt only when missing)
#
# DIR (default .aithena/corpus, or $AITHENA_CORPUS_DIR) gets pdf/ (one file per PDF, named package--path) and
# manifest.tsv (name, bytes, package). An existing pdf/ is replaced. Prints the number of PDFs on its last line.
set -euo pipefail

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }
die() { echo "corpus: $*" >&2; exit 1; }

dir=${AITHENA_CORPUS_DIR:-$(repo_root)/.aithena/corpus}
# About 150 MB to download; a few hundred PDFs and tens of thousands of pages.
packages="texlive-latex-recommended-doc texlive-fonts-recommended-doc texlive-lang-cyrillic texlive-lang-arabic texlive-lang-korean texlive-lang-chinese"
sample=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sample) sample=1; dir=$(repo_root)/.aithena/corpus-sample
              packages="texlive-fonts-recommended-doc texlive-lang-cyrillic texlive-lang-arabic"; shift ;;
    --dir) dir=$2; shift 2 ;;
    --packages) packages=$2; shift 2 ;;
    *) die "unknown argument '$1' (see the header of $0)" ;;
  esac
done

if [ "$sample" = 1 ] && [ -s "$dir/manifest.tsv" ]; then
  wc -l < "$dir/manifest.tsv"
  exit 0
fi

command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || die "needs apt-get and dpkg-deb (Debian or Ubuntu)"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# apt-get download needs package lists; refresh them once when a package is unknown.
for p in $packages; do
  if ! apt-cache show "$p" >/dev/null 2>&1; then
    apt-get update -qq >&2 || die "apt-get update failed"
    break
  fi
done

rm -rf "$dir/pdf"; mkdir -p "$dir/pdf"
: > "$dir/manifest.tsv"
for p in $packages; do
  echo "corpus: $p" >&2
  # As root, apt downloads unsandboxed into a folder its _apt user cannot write: harmless, and said on stderr.
  (cd "$work" && apt-get download -q "$p" >/dev/null 2>&1) || die "apt-get download $p failed"
  mkdir -p "$work/$p"
  dpkg-deb -x "$work"/"$p"_*.deb "$work/$p"
  # Compressed PDFs (.pdf.gz) are documentation too.
  while IFS= read -r -d '' f; do
    rel=${f#"$work/$p/"}
    name="$p--$(echo "${rel%.gz}" | sed 's|^usr/share/doc/||; s|/|_|g')"
    case "$f" in
      *.gz) gunzip -c "$f" > "$dir/pdf/$name" ;;
      *) cp "$f" "$dir/pdf/$name" ;;
    esac
    printf '%s\t%s\t%s\n' "$name" "$(stat -c %s "$dir/pdf/$name")" "$p" >> "$dir/manifest.tsv"
  done < <(find "$work/$p" -type f \( -iname '*.pdf' -o -iname '*.pdf.gz' \) -print0)
  rm -rf "$work/$p" "$work"/"$p"_*.deb
done

count=$(wc -l < "$dir/manifest.tsv")
echo "corpus: $count PDFs, $(du -sh "$dir/pdf" | cut -f1), in $dir/pdf" >&2
echo "$count"
