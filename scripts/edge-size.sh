#!/usr/bin/env bash
# Prints the size of the edge worker upload, as `wrangler deploy --dry-run`
# bundles it, against Cloudflare's Workers Free plan limit of 3 MiB after
# gzip, and fails when it is over. Builds the worker first unless
# EDGE_SKIP_BUILD=1. Nothing is uploaded and no login is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CI=true NO_UPDATE_NOTIFIER=1

limit=$((3 * 1024 * 1024))
[ -x node_modules/.bin/wrangler ] || { echo "edge-size: node_modules/.bin/wrangler missing: run npm ci" >&2; exit 1; }
if [ "${EDGE_SKIP_BUILD:-}" != 1 ]; then
	bash scripts/edge-build.sh
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/qalb-edge-size.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Static assets are uploaded separately and do not count towards the limit;
# a stub directory keeps this independent of the site build.
mkdir -p "$tmp/site"
printf '<!doctype html>\n' >"$tmp/site/index.html"
node_modules/.bin/wrangler deploy --dry-run --outdir "$tmp/out" --assets "$tmp/site" >"$tmp/log" 2>&1 || {
	cat "$tmp/log" >&2
	exit 1
}
wrangler_line=$(grep -m1 'Total Upload:' "$tmp/log" || true)

raw=0
gz=0
for f in "$tmp/out"/*; do
	case $f in *.map | */README.md) continue ;; esac
	r=$(stat -c %s "$f")
	g=$(gzip -9 -c "$f" | wc -c)
	printf '  %-60s %9d B raw %9d B gzip\n' "$(basename "$f")" "$r" "$g"
	raw=$((raw + r))
	gz=$((gz + g))
done
mib() { awk -v b="$1" 'BEGIN{printf "%.2f MiB", b/1048576}'; }
echo "wrangler: ${wrangler_line:-"(no Total Upload line)"}"
echo "edge-size: upload $raw B raw ($(mib $raw)), $gz B gzip -9 ($(mib $gz)); free-plan limit $limit B ($(mib $limit)): $((gz * 100 / limit))% used"
if [ "$gz" -gt "$limit" ]; then
	echo "edge-size: FAIL: over the 3 MiB limit" >&2
	exit 1
fi
