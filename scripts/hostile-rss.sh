#!/usr/bin/env bash
# Runs `qalb analyze` on each full-size hostile input of issue 23 (package
# fixtures/hostile/bombs) and prints its time, peak RSS and the limit it
# must stay under: max(2 × the file, 256 MB), within 30 s. Not part of
# `make test` (it writes ~180 MB of files and takes a few minutes); run it
# by hand or from `make bench`. Usage: scripts/hostile-rss.sh [FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/qalb" ./cmd/qalb
if [ $# -eq 0 ]; then
	go run ./fixtures/hostile/gen -bombs "$dir/bombs" >/dev/null
	set -- "$dir"/bombs/*
fi
fail=0
printf '%-30s %10s %8s %10s %10s  %s\n' file bytes seconds "rss MB" "limit MB" verdict
for f in "$@"; do
	size=$(stat -c %s "$f")
	limit=$(( size * 2 / 1000000 )); [ "$limit" -lt 256 ] && limit=256
	start=$(date +%s.%N)
	/usr/bin/time -f '%M' -o "$dir/rss" timeout 60 "$dir/qalb" analyze -q -o /dev/null "$f" 2>"$dir/err" || true
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	rss=$(( $(tail -1 "$dir/rss") / 1000 ))
	verdict=ok
	if [ "$rss" -gt "$limit" ] || [ "$(echo "$secs > 30" | bc)" = 1 ]; then verdict=OVER; fail=1; fi
	printf '%-30s %10d %8.1f %10d %10d  %s\n' "$(basename "$f")" "$size" "$secs" "$rss" "$limit" "$verdict"
	head -c 300 "$dir/err" | sed 's/^/    /'
done
exit $fail
