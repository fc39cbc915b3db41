#!/usr/bin/env bash
# The programs Aithena's workers run as child processes, from Debian: MuPDF's mutool (mupdf-tools), which reads the
# Indexer's text; poppler's pdfinfo and pdftoppm (poppler-utils) for covers and the OCR worker (Aithena.Ocr), tesseract
# with its English pack (tesseract-ocr, tesseract-ocr-eng), and img2pdf, which the tests and the benchmark use to make scans. More languages: apt-get install tesseract-ocr-deu ..., then Ocr__Languages=eng+deu.
#
#   scripts/ocr-tools.sh install   (what is missing; needs root or sudo)
set -euo pipefail

packages=(mupdf-tools poppler-utils tesseract-ocr tesseract-ocr-eng img2pdf)
case "${1:-}" in
  install)
    missing=()
    for p in "${packages[@]}"; do
      dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && exit 0
    echo "ocr-tools: installing ${missing[*]}" >&2
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
      || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null; }
    ;;
  *) sed -n '2,7p' "$0"; exit 2 ;;
esac
