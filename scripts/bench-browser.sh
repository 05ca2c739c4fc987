#!/usr/bin/env bash
# The browser half of `make bench`: generates (or reuses) Shopify orders
# exports of 100k and 1M rows in build/bench (git-ignored; the same files as
# scripts/bench-native.sh), times the native engine on each (`qalb bench`),
# then the same files in headless Chromium (scripts/bench-browser.mjs), and
# prints one table with both.
#
#   scripts/bench-browser.sh                       100k and 1M rows
#   QALB_BENCH_ROWS=100000 scripts/bench-browser.sh
#   QALB_BENCH_NATIVE=0 scripts/bench-browser.sh   browser only (no ×native column)
#
# Needs a built site (scripts/site-build.sh; built here when missing),
# node_modules and /usr/bin/chromium. Bounded: each native run 10 min, the
# browser part 30 min.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${QALB_BENCH_ROWS:-"100000 1000000"}
dir=build/bench             # shared with scripts/bench-native.sh (git-ignored)
mkdir -p "$dir" bin
go build -o bin/qalb ./cmd/qalb
if ! ls site/dist/engine.*.wasm >/dev/null 2>&1; then
  bash scripts/site-build.sh
fi

files=()
native=()
for n in $ROWS; do
  f=$(ls "$dir"/*orders_"$n".* 2>/dev/null | head -1 || true)
  if [ -z "$f" ]; then
    go run ./fixtures/gen -rows "$n" -kind orders -out "$dir" >&2
    f=$(ls "$dir"/*orders_"$n".* | head -1)
  fi
  files+=("$f")
  if [ "${QALB_BENCH_NATIVE:-1}" = 1 ]; then
    echo "native: $(basename "$f")" >&2
    if line=$(timeout 600 bin/qalb bench -label "$(basename "$f")" "$f"); then
      echo "$line"
      secs=$(sed -nE 's/.* ([0-9]+\.[0-9]+) s .*/\1/p' <<<"$line" | head -1)
      peak=$(sed -nE 's/.*peak RSS +([0-9.]+) MB.*/\1/p' <<<"$line" | head -1)
      if [ -n "$secs" ]; then native+=(--native "$(basename "$f")=$secs:${peak:-NaN}"); fi
    else
      echo "native run failed or timed out for $f" >&2
    fi
  fi
done

timeout 1800 node scripts/bench-browser.mjs --qalb bin/qalb "${native[@]}" "${files[@]}"
