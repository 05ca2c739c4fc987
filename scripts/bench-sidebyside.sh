#!/usr/bin/env bash
# The side-by-side part of `make bench` (issue 22): generates (or reuses) the
# narrow 1M-row orders export in build/bench, installs DuckDB-WASM there
# (exact version, never into the project's node_modules: `make test` must
# not download it), builds the CLI and the naive baseline, and runs
# scripts/bench-sidebyside.mjs, which prints the table.
#
#   scripts/bench-sidebyside.sh
#   QALB_BENCH_ROWS=200000 scripts/bench-sidebyside.sh   a smaller file
#   QALB_BENCH_WORKERS=4 scripts/bench-sidebyside.sh     N of "N Workers" (default: the cores, at least 2)
set -euo pipefail
cd "$(dirname "$0")/.."

DUCKDB_WASM_VERSION=1.32.0
rows=${QALB_BENCH_ROWS:-1000000}
dir=build/bench             # git-ignored, shared with the other benches
duck=$dir/duckdb
mkdir -p "$dir" "$duck" bin

if [ ! -f "$duck/node_modules/@duckdb/duckdb-wasm/package.json" ] ||
   [ "$(node -p "require('./$duck/node_modules/@duckdb/duckdb-wasm/package.json').version")" != "$DUCKDB_WASM_VERSION" ]; then
  echo "installing @duckdb/duckdb-wasm@$DUCKDB_WASM_VERSION into $duck" >&2
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$duck" "@duckdb/duckdb-wasm@$DUCKDB_WASM_VERSION" >&2
fi

go build -o bin/qalb ./cmd/qalb
go build -o bin/naivebench ./scripts/naivebench
if ! ls site/dist/engine.*.wasm >/dev/null 2>&1; then
  bash scripts/site-build.sh
fi

file=$dir/narrow_orders_$rows.csv
if [ ! -f "$file" ]; then
  go run ./fixtures/gen -rows "$rows" -kind narrow -out "$dir" >&2
fi

workers=()
if [ -n "${QALB_BENCH_WORKERS:-}" ]; then workers=(--workers "$QALB_BENCH_WORKERS"); fi
timeout 2400 node scripts/bench-sidebyside.mjs --duckdb "$duck/node_modules" --qalb bin/qalb --naive bin/naivebench "${workers[@]}" "$file"
