#!/usr/bin/env bash
# Tests the edge worker under `wrangler dev --local` (workerd, no network, no
# Cloudflare login): builds it, starts wrangler on a free loopback port with a
# temporary --persist-to directory, runs the share API's Go test table against
# it over HTTP (share.TestRemote, the same cases as the memory and bbolt
# stores), checks expiry in real time with KV's minimum ttl of 60 s
# (TestRemoteExpiry; the worker runs with SHARE_MIN_TTL_SECONDS=60), checks
# that the ttl reaches KV as an expiration, and that the site routes fall
# through to the static assets, and that a client's daily storage quota
# holds across requests (it is kept in KV). Stops wrangler's whole process group at the
# end. Takes about two minutes, mostly the 60 s expiry wait.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/edge-lib.sh
trap edge_stop EXIT

if [ "${EDGE_SKIP_BUILD:-}" != 1 ]; then
	bash scripts/edge-build.sh
fi
edge_start --var SHARE_MIN_TTL_SECONDS:60

fail=0
check() { # check DESCRIPTION CONDITION...
	local what=$1
	shift
	if "$@"; then echo "ok   $what"; else echo "FAIL $what" >&2; fail=1; fi
}

post() { # post TTL BODY → prints the new id
	curl -sS -X POST -H 'Content-Type: application/octet-stream' --data-binary "$2" "$edge_url/api/reports?ttl=$1" |
		node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).id))'
}
kv_keys() { # kv_keys PREFIX → the keys' JSON list, straight from the local KV store
	node_modules/.bin/wrangler kv key list --binding REPORTS --local --persist-to "$edge_tmp/state" --prefix "$1" 2>/dev/null
}

# A report that is never read again: after the Go tests (over 60 s) KV itself
# must have dropped it, since the handler only deletes what it reads.
short=$(post 60 'kv-expiry')
short_at=$SECONDS
check "a ttl=60 report is in KV" grep -q "report:$short" <<<"$(kv_keys "report:$short")"

# 1. The Go table over HTTP, with the real-time expiry test alongside.
QALB_SHARE_URL=$edge_url QALB_SHARE_MIN_TTL=60 QALB_SHARE_EXPIRY=1 \
	go test -count=1 -timeout 10m -run '^(TestRemote|TestRemoteExpiry)$' -v ./share/ |
	grep -Ev '^=== (RUN|PAUSE|CONT)' || fail=1

# 2. The ttl is handed to KV: the key carries an expiration of about now+ttl.
id=$(post 3600 'kv-ttl')
now=$(date +%s)
exp=$(kv_keys "report:$id" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const k=JSON.parse(s);console.log(k.length===1&&k[0].expiration?k[0].expiration:0)})')
echo "kv: report:$id expiration=$exp (now+$((exp - now)) s)"
check "KV expiration of a ttl=3600 report is now+3600±60 s" test $((exp - now)) -ge 3540 -a $((exp - now)) -le 3660

# 2b. Each client's daily quota (64 MiB) holds across the fresh instances
# Workers may start per request: it is counted in KV, by CF-Connecting-IP.
head -c $((5 << 20)) /dev/urandom >"$edge_tmp/5mib"
codes=""
for _ in $(seq 13); do
	codes+=" $(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'CF-Connecting-IP: 203.0.113.77' \
		-H 'Content-Type: application/octet-stream' --data-binary @"$edge_tmp/5mib" "$edge_url/api/reports")"
done
echo "quota: 13 reports of 5 MiB from one client:$codes"
check "12 reports of 5 MiB fit a client's 64 MiB day, the 13th is 507" test "$codes" = "$(printf ' 201%.0s' $(seq 12)) 507"
code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H 'CF-Connecting-IP: 203.0.113.78' \
	-H 'Content-Type: application/octet-stream' --data-binary 'another client' "$edge_url/api/reports")
check "another client still stores (201)" test "$code" = 201

# 3. KV honoured the 60 s expiration by itself (local workerd enforces it).
wait=$((short_at + 63 - SECONDS))
[ $wait -le 0 ] || sleep $wait
left=$(kv_keys "report:$short")
echo "kv: ttl=60 report $short after $((SECONDS - short_at)) s: $left"
check "KV dropped the unread ttl=60 report" test "$left" = "[]"

# 4. Non-API routes fall through to the static assets.
body=$(curl -sS "$edge_url/r/$id")
check "/r/<id> serves the site's index.html" grep -q QALB-EDGE-TEST-INDEX <<<"$body"
body=$(curl -sS -H 'Sec-Fetch-Mode: navigate' "$edge_url/")
check "/ serves index.html" grep -q QALB-EDGE-TEST-INDEX <<<"$body"
code=$(curl -s -o /dev/null -w '%{http_code}' "$edge_url/api/nothing")
check "/api/* always reaches the worker (404 JSON, not index.html)" test "$code" = 404

if [ $fail != 0 ]; then
	echo "edge-test: FAILED (wrangler log follows)" >&2
	cat "$edge_tmp/wrangler.log" >&2
	exit 1
fi
echo "edge-test: all passed"
