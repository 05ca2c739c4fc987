# Shared by scripts/edge-test.sh and scripts/edge-bench.sh (source it):
# starts `wrangler dev --local` on a free loopback port with a throwaway
# state directory and stub site, and stops it (the whole process group) on
# exit. Needs node_modules (npm ci) and a built worker (edge-build.sh).

export WRANGLER_SEND_METRICS=false CI=true NO_UPDATE_NOTIFIER=1 WRANGLER_HIDE_BANNER=true

edge_tmp=$(mktemp -d "${TMPDIR:-/tmp}/qalb-edge.XXXXXX")
edge_pid=

edge_stop() {
	local rc=$?
	if [ -n "$edge_pid" ]; then
		kill -TERM -- "-$edge_pid" 2>/dev/null || true
		for _ in $(seq 50); do
			pgrep -g "$edge_pid" >/dev/null 2>&1 || break
			sleep 0.2
		done
		if pgrep -g "$edge_pid" >/dev/null 2>&1; then
			echo "edge: wrangler did not stop on SIGTERM; sending SIGKILL" >&2
			kill -KILL -- "-$edge_pid" 2>/dev/null || true
			sleep 0.5
		fi
		if pgrep -g "$edge_pid" >/dev/null 2>&1; then
			echo "edge: processes left behind:" >&2
			ps -o pid,cmd -g "$edge_pid" >&2 || true
			rc=1
		fi
		edge_pid=
	fi
	rm -rf "$edge_tmp"
	return $rc
}

# edge_start [extra wrangler dev args...]: sets edge_url.
edge_start() {
	[ -x node_modules/.bin/wrangler ] || { echo "edge: node_modules/.bin/wrangler missing: run npm ci" >&2; return 1; }
	[ -f build/edge/app.wasm ] || { echo "edge: build/edge/app.wasm missing: run scripts/edge-build.sh" >&2; return 1; }
	# A stub site, so the test does not depend on (or race with) the site
	# build in site/dist; the viewer route must serve this index.html.
	mkdir -p "$edge_tmp/site" "$edge_tmp/state"
	printf '<!doctype html><title>qalb</title><p>QALB-EDGE-TEST-INDEX</p>\n' >"$edge_tmp/site/index.html"
	local port
	port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	edge_url="http://127.0.0.1:$port"
	setsid node_modules/.bin/wrangler dev --local --ip 127.0.0.1 --port "$port" \
		--persist-to "$edge_tmp/state" --assets "$edge_tmp/site" \
		--log-level warn "$@" \
		>"$edge_tmp/wrangler.log" 2>&1 </dev/null &
	edge_pid=$!
	local deadline=$((SECONDS + 120))
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "$edge_url/api/reports/AAAAAAAAAAAAAAAAAAAAAA" 2>/dev/null)" = 404 ]; do
		if ! kill -0 "$edge_pid" 2>/dev/null; then
			echo "edge: wrangler dev exited:" >&2
			cat "$edge_tmp/wrangler.log" >&2
			edge_pid=
			return 1
		fi
		if [ $SECONDS -ge $deadline ]; then
			echo "edge: wrangler dev did not answer within 120 s:" >&2
			cat "$edge_tmp/wrangler.log" >&2
			return 1
		fi
		sleep 0.5
	done
	echo "edge: wrangler dev (pid $edge_pid) answering at $edge_url, state in $edge_tmp/state"
}
