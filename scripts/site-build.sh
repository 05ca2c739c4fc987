#!/usr/bin/env bash
# Builds the static site into site/dist (git-ignored), ready for `qalb serve`
# or for Workers static assets. Idempotent and quick on a rebuild: a file is
# only rewritten when its content changes, and only rewritten files are
# compressed again.
#
# Layout of site/dist:
#   index.html, *.css, *.js …       site/static/* (the UI engineer's files), as is
#   app.<hash>.wasm                 the UI (./site); references to "app.wasm" in
#                                   the copied .html/.js files are rewritten
#   engine.<hash>.wasm              the engine (./wasm/engine), loaded only by worker.js
#   worker.js, wasm_exec.js         the engine Worker's bootstrap and Go's glue
#   reader.js                       the Worker that reads file slices ahead for the engine
#   vendor/vega.min.js, vendor/vega-lite.min.js, vendor/vega-embed.min.js
#                                   UMD builds (globals vega, vegaLite, vegaEmbed);
#                                   load them in that order
#   vendor/vega-interpreter.js      classic-script build of vega-interpreter
#                                   (global vegaInterpreter.expressionInterpreter)
#   fonts/ibm-plex-sans-arabic.css  @font-face for weights 400 and 600, arabic and
#   fonts/*.woff2                   latin subsets
#   demo/*.csv|ndjson|json|xlsx     fixtures/demo, plus demo/index.json listing them
#   text/*.txt                      engine/text/data: lexicons and models for the engine Worker
#   x.br, x.gz                      brotli -q 11 and gzip -9 siblings of every
#                                   text and wasm file (qalb serve picks them)
# Files with a content hash in their name are served immutable; everything
# else is revalidated (ETag) on each use.
#
# Usage: scripts/site-build.sh            (from anywhere in the repository)
#        QALB_DIST=dir scripts/site-build.sh   to build elsewhere
#        QALB_SKIP_UI=1 scripts/site-build.sh  engine, worker and assets only
#                                              (no go generate, no app.wasm)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
DIST=${QALB_DIST:-site/dist}
CACHE=build/site            # intermediate outputs (git-ignored /build/)
BUDGET=3000000               # bytes of brotli-compressed wasm, both binaries (3.0 MB, DESIGN.md)
mkdir -p "$DIST" "$CACHE"
MANIFEST=$(mktemp)
trap 'rm -f "$MANIFEST"' EXIT

say() { printf '%s\n' "$*" >&2; }

# put SRC DEST: copy SRC to $DIST/DEST unless it is already identical there,
# so unchanged files keep their modification time (and their compressed
# siblings stay valid).
put() {
  local src=$1 dst=$DIST/$2
  mkdir -p "$(dirname "$dst")"
  if ! cmp -s "$src" "$dst" 2>/dev/null; then
    cp "$src" "$dst.tmp.$$" && mv -f "$dst.tmp.$$" "$dst"
  fi
  printf '%s\n' "$2" >>"$MANIFEST"
}

# fingerprint NAME.EXT FILE: put FILE as NAME.<hash>.EXT and print that name.
fingerprint() {
  local name=$1 file=$2 hash
  hash=$(sha256sum "$file" | cut -c1-12)
  local out="${name%.*}.$hash.${name##*.}"
  put "$file" "$out"
  printf '%s' "$out"
}

gobuild_wasm() { # OUT PKG [GO BUILD FLAGS…]
  local out=$1 pkg=$2
  shift 2
  GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' "$@" -o "$out" "$pkg"
}

# 1. Generated code of the UI (vugugen and vendored glue), when it has any.
SKIP_UI=${QALB_SKIP_UI:-0}
if [ "$SKIP_UI" != 1 ] && grep -rqs --include='*.go' '^//go:generate' site; then
  say "go generate ./site/..."
  go generate ./site/...
fi

# 2. The engine, in its Worker.
say "building engine.wasm (./wasm/engine)"
# Inlining stays on where rows are read and analysed; the packages that
# run once an analysis or once a message (the report's types, messages,
# profiles on demand, fmt, encoding/json, the Worker glue, syscall/js,
# regexp) are built without it: 26 KB less brotli, measured, nothing slower
# per row.
cold=""
for p in github.com/qalbhq/qalb/engine/report github.com/qalbhq/qalb/engine/message \
  github.com/qalbhq/qalb/engine/profile fmt encoding/json github.com/qalbhq/qalb/wasm/engine \
  syscall/js 'regexp/...'; do
  cold="$cold -gcflags=$p=-l"
done
# shellcheck disable=SC2086 # one flag per word
gobuild_wasm "$CACHE/engine.wasm" ./wasm/engine $cold
ENGINE=$(fingerprint engine.wasm "$CACHE/engine.wasm")
TEXT=$(cd engine/text/data && ls *.txt | sed 's/.*/"&"/' | paste -sd, -)
sed -e "s|const ENGINE_WASM = \"engine.wasm\";|const ENGINE_WASM = \"$ENGINE\";|" \
  -e "s|const TEXT_RESOURCES = \[\];|const TEXT_RESOURCES = [$TEXT];|" site/worker.js >"$CACHE/worker.js"
grep -q "const TEXT_RESOURCES = \[\"" "$CACHE/worker.js" || { say "site/worker.js has no TEXT_RESOURCES line"; exit 1; }
grep -q "\"$ENGINE\"" "$CACHE/worker.js" || { say "site/worker.js has no ENGINE_WASM line to point at $ENGINE"; exit 1; }
put "$CACHE/worker.js" worker.js
put site/reader.js reader.js
put "$(go env GOROOT)/lib/wasm/wasm_exec.js" wasm_exec.js

# 3. The UI.
APP=""
if [ "$SKIP_UI" = 1 ]; then
  # Keep the UI of an earlier build, if any, and keep pointing at it.
  APP=$(cd "$DIST" && ls -t app.*.wasm 2>/dev/null | head -1 || true)
  say "skipping app.wasm (QALB_SKIP_UI=1)${APP:+; keeping $APP}"
elif [ "$(GOOS=js GOARCH=wasm go list -f '{{.Name}}' ./site 2>/dev/null || true)" = main ]; then
  say "building app.wasm (./site)"
  # The interface is built without inlining: it renders pages and waits on
  # the engine, so speed matters less there than its download, which this
  # makes 17 % smaller (1.42 → 1.19 MB brotli, measured). The engine keeps
  # inlining: its row loops are the analysis' speed.
  gobuild_wasm "$CACHE/app.wasm" ./site -gcflags=all=-l
  APP=$(fingerprint app.wasm "$CACHE/app.wasm")
else
  say "skipping app.wasm: ./site is not a main package yet"
fi

# 4. The UI's static files. References to "app.wasm" in .html and .js files
#    are pointed at the hashed name (in the dist copies only).
#    index.html first gets the landing page pre-rendered into it (English,
#    and Arabic in a template), so the page is drawn before the wasm runs.
refs=0
if [ -d site/static ]; then
  go run ./site prerender site/static/index.html "$CACHE/index.prerendered.html"
  while IFS= read -r -d '' f; do
    rel=${f#site/static/}
    [ "$rel" = index.html ] && f="$CACHE/index.prerendered.html"
    case "$rel" in
      *.html|*.js|*.mjs)
        if [ -n "$APP" ] && grep -q 'app\.wasm' "$f"; then
          mkdir -p "$CACHE/static/$(dirname "$rel")"
          sed -E "s,(^|[\"'/])app\.wasm([\"'?#]|\$),\1$APP\2,g" "$f" >"$CACHE/static/$rel"
          put "$CACHE/static/$rel" "$rel"
          refs=$((refs + 1))
          continue
        fi ;;
    esac
    put "$f" "$rel"
  done < <(find site/static -type f ! -name '.*' ! -name '*~' -print0)
fi
if [ -n "$APP" ] && [ "$refs" -eq 0 ]; then
  say "note: nothing in site/static refers to app.wasm; also installing it as app.wasm"
  put "$CACHE/app.wasm" app.wasm
fi

# 4b. The text analysis' data files (lexicons, models: engine/text/data/README.md),
#     fetched by the engine Worker as text/<name> (worker.js qalbTextResource).
for f in engine/text/data/*.txt; do
  put "$f" "text/$(basename "$f")"
done

# 5. Charts: vega, vega-lite, vega-embed (UMD) and vega-interpreter.
NM=node_modules
[ -d "$NM/vega" ] || { say "node_modules is missing: run npm ci"; exit 1; }
strip_map() { sed -E '/^\/\/# sourceMappingURL=/d; s#//\# sourceMappingURL=[^ ]*$##' "$1" >"$2"; }
strip_map "$NM/vega/build/vega.min.js" "$CACHE/vega.min.js"
strip_map "$NM/vega-lite/build/vega-lite.min.js" "$CACHE/vega-lite.min.js"
strip_map "$NM/vega-embed/build/vega-embed.min.js" "$CACHE/vega-embed.min.js"
put "$CACHE/vega.min.js" vendor/vega.min.js
put "$CACHE/vega-lite.min.js" vendor/vega-lite.min.js
put "$CACHE/vega-embed.min.js" vendor/vega-embed.min.js
{
  # vega-interpreter ships only as an ES module importing vega-util; the
  # vega UMD bundle re-exports vega-util, so a classic script can take it
  # from the global. (Lets charts render under a CSP without 'unsafe-eval'.)
  {
    printf '/* vega-interpreter %s, classic script: needs vega.min.js first; sets vegaInterpreter.expressionInterpreter */\n' \
      "$(node -p "require('./$NM/vega-interpreter/package.json').version")"
    printf '(function () {\n"use strict";\n'
    sed -E \
      -e "s#^import \\{([^}]*)\\} from 'vega-util';#const {\\1} = globalThis.vega;#" \
      -e 's#^export \{ expression as expressionInterpreter \};#globalThis.vegaInterpreter = { expressionInterpreter: expression };#' \
      -e '/^\/\/# sourceMappingURL=/d' \
      "$NM/vega-interpreter/build/vega-interpreter.js"
    printf '})();\n'
  } >"$CACHE/vega-interpreter.js"
  if grep -qE '^(import|export) ' "$CACHE/vega-interpreter.js"; then
    say "vega-interpreter: unexpected module syntax left; check $CACHE/vega-interpreter.js"; exit 1
  fi
  put "$CACHE/vega-interpreter.js" vendor/vega-interpreter.js
}

# 6. The Arabic font: weights 400 and 600, arabic and latin subsets, woff2.
FONT="$ROOT/$NM/@fontsource/ibm-plex-sans-arabic"
node - "$FONT" "$CACHE/ibm-plex-sans-arabic.css" <<'EOF'
const fs = require("fs");
const [dir, out] = process.argv.slice(2);
let css = `/* IBM Plex Sans Arabic (SIL OFL 1.1), from @fontsource/ibm-plex-sans-arabic ${require(dir + "/package.json").version} */\n`;
for (const w of [400, 600]) {
  const src = fs.readFileSync(`${dir}/${w}.css`, "utf8");
  for (const block of src.split(/(?=\/\* ibm-plex-sans-arabic-)/)) {
    const m = block.match(/^\/\* ibm-plex-sans-arabic-(arabic|latin)-\d+-normal \*\//);
    if (!m) continue;
    css += block
      .replace(/src: url\(\.\/files\/([^)]+\.woff2)\) format\('woff2'\)[^;]*;/, "src: url(./$1) format('woff2');")
      .trim() + "\n\n";
  }
}
if ((css.match(/@font-face/g) || []).length !== 4) throw new Error("expected 4 @font-face rules:\n" + css);
fs.writeFileSync(out, css);
EOF
put "$CACHE/ibm-plex-sans-arabic.css" fonts/ibm-plex-sans-arabic.css
for w in 400 600; do
  for s in arabic latin; do
    f=ibm-plex-sans-arabic-$s-$w-normal.woff2
    put "$FONT/files/$f" "fonts/$f"
  done
done
[ -f "$FONT/LICENSE" ] && put "$FONT/LICENSE" fonts/LICENSE-ibm-plex-sans-arabic.txt

# 7. Demo data, and an index of it for the UI's "try the demo" button
#    (FACTS.json is the generator's answer sheet for tests, not an export).
if [ -d fixtures/demo ]; then
  while IFS= read -r -d '' f; do
    put "$f" "demo/${f#fixtures/demo/}"
  done < <(find fixtures/demo -maxdepth 1 -type f \( -name '*.csv' -o -name '*.ndjson' -o -name '*.json' -o -name '*.xlsx' \) \
    ! -name 'index.json' ! -name 'FACTS.json' -print0)
fi
node - "$DIST" "$MANIFEST" "$CACHE/demo-index.json" <<'EOF'
const fs = require("fs"), path = require("path");
const [dist, manifest, out] = process.argv.slice(2);
const files = fs.readFileSync(manifest, "utf8").split("\n")
  .filter((f) => f.startsWith("demo/")).sort()
  .map((f) => ({ name: path.basename(f), path: f, bytes: fs.statSync(path.join(dist, f)).size }));
fs.writeFileSync(out, JSON.stringify({ version: 1, files }, null, 1) + "\n");
EOF
put "$CACHE/demo-index.json" demo/index.json
[ -n "$(find fixtures/demo -maxdepth 1 -type f 2>/dev/null | head -1)" ] || say "note: fixtures/demo has no files yet; demo/index.json is empty"

# The hosted site (Workers static assets) gets the same security headers as
# `qalb serve`, from the same Go constants, as a Cloudflare _headers file.
go run ./cmd/qalb headers >"$CACHE/_headers"
put "$CACHE/_headers" _headers

# 8. Remove what an earlier build left that this one did not produce
#    (old hashed binaries, deleted static files) with their siblings; not
#    with QALB_SKIP_UI=1, which leaves the UI's files as they are.
sort -u -o "$MANIFEST" "$MANIFEST"
[ "$SKIP_UI" = 1 ] || while IFS= read -r -d '' f; do
  rel=${f#"$DIST"/}
  base=${rel%.br}; base=${base%.gz}
  if ! grep -qxF "$base" "$MANIFEST"; then rm -f "$f"; fi
done < <(find "$DIST" -type f -print0)
if [ "$SKIP_UI" = 1 ]; then
  for f in "$DIST"/engine.*.wasm*; do
    base=${f#"$DIST"/}; base=${base%.br}; base=${base%.gz}
    if [ -e "$f" ] && ! grep -qxF "$base" "$MANIFEST"; then rm -f "$f"; fi
  done
fi
find "$DIST" -mindepth 1 -type d -empty -delete

# 9. Precompress text and wasm: brotli -q 11 and gzip -9, only when stale.
HAVE_BROTLI=1
if ! command -v brotli >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing brotli (apt-get)"
    (apt-get install -y brotli >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y brotli >/dev/null 2>&1; }) || true
  fi
  command -v brotli >/dev/null || { HAVE_BROTLI=0; say "WARNING: brotli not found (apt-get install brotli): gzip only, wasm transfer will be larger"; }
fi
stale() { [ ! -e "$2" ] || [ "$2" -ot "$1" ]; }
n=0
while IFS= read -r rel; do
  f=$DIST/$rel
  case "$rel" in
    *.html|*.css|*.js|*.mjs|*.json|*.wasm|*.svg|*.csv|*.ndjson|*.txt|*.map|*.webmanifest|*.xml) ;;
    *) continue ;;
  esac
  size=$(stat -c %s "$f")
  if [ "$size" -lt 256 ]; then rm -f "$f.br" "$f.gz"; continue; fi
  if [ "$HAVE_BROTLI" = 1 ] && stale "$f" "$f.br"; then
    brotli -q 11 -f -o "$f.br" "$f"; touch -r "$f" "$f.br"; n=$((n + 1))
  fi
  if stale "$f" "$f.gz"; then
    gzip -9 -n -c "$f" >"$f.gz"; touch -r "$f" "$f.gz"; n=$((n + 1))
  fi
done <"$MANIFEST"
say "compressed $n file(s)"

# 10. Sizes.
total_raw=0; total_br=0
printf '\n%-28s %12s %12s\n' "wasm" "raw" "brotli"
for w in "$DIST"/*.wasm; do
  [ -e "$w" ] || continue
  raw=$(stat -c %s "$w")
  br=$( [ -e "$w.br" ] && stat -c %s "$w.br" || echo 0 )
  [ "$br" = 0 ] && br=$(stat -c %s "$w.gz")
  printf '%-28s %12s %12s\n' "$(basename "$w")" "$raw" "$br"
  total_raw=$((total_raw + raw)); total_br=$((total_br + br))
done
status=OK; [ "$total_br" -gt "$BUDGET" ] && status="OVER BUDGET"
printf '%-28s %12s %12s   budget %s (3.0 MB): %s, %d%%\n' "total" "$total_raw" "$total_br" "$BUDGET" "$status" $((total_br * 100 / BUDGET))
printf 'site built in %s (%s files)\n' "$DIST" "$(wc -l <"$MANIFEST")"
if [ "$status" != OK ]; then
  echo "site-build: the wasm binaries are over DESIGN.md's budget of $BUDGET bytes brotli" >&2
  exit 1
fi
