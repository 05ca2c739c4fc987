#!/usr/bin/env bash
# Load-tests the edge worker under `wrangler dev --local` with
# share/loadtest and prints latency per operation, errors and lost reports.
# Local workerd starts a fresh Go instance for every request, so the run is
# smaller than the self-hosted one: N (default 1000) reports with C (default
# 8) clients, at most DURATION (default 3m). Builds the worker first unless
# EDGE_SKIP_BUILD=1. Exits non-zero on errors or lost reports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/edge-lib.sh
trap edge_stop EXIT

n=${N:-1000}
c=${C:-8}
duration=${DURATION:-3m}
if [ "${EDGE_SKIP_BUILD:-}" != 1 ]; then
	bash scripts/edge-build.sh
fi
go build -o "$edge_tmp/loadtest" ./share/loadtest
edge_start
"$edge_tmp/loadtest" -url "$edge_url" -n "$n" -c "$c" -duration "$duration"
