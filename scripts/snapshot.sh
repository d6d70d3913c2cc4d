#!/usr/bin/env bash
# Renders every sample profile's cheat sheet at both paper sizes, and the
# first pages of its answer bank, to PNGs under out/snapshot/ for a look.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build --silent
for paper in letter a4; do
  node dist/bin/storybank.js build --paper "$paper" --out "out/snapshot/$paper" --quiet
  for pdf in out/snapshot/"$paper"/*/cheatsheet.pdf; do
    profile=$(basename "$(dirname "$pdf")")
    pdftoppm -png -r 80 "$pdf" "out/snapshot/$paper-$profile-cheatsheet"
  done
done
if command -v soffice >/dev/null; then
  for docx in out/snapshot/letter/*/answer-bank.docx; do
    profile=$(basename "$(dirname "$docx")")
    soffice --headless --convert-to pdf --outdir "out/snapshot/letter/$profile" "$docx" >/dev/null 2>&1
    pdftoppm -png -r 60 -l 4 "out/snapshot/letter/$profile/answer-bank.pdf" "out/snapshot/letter-$profile-answer-bank"
  done
fi
ls out/snapshot/*.png
