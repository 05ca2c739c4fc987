// Qalb engine worker (classic Worker: new Worker("worker.js")).
//
// Loads the Go runtime glue, fetches and instantiates engine.wasm once and
// the text resources (qalbTextResource) — the only requests this worker ever
// makes, all before any analysis — and runs the engine, which then
// answers the page's messages (protocol v1, docs/protocol.md). Messages that
// arrive while engine.wasm is loading are queued and handed over in order.
"use strict";

importScripts("wasm_exec.js");

// scripts/site-build.sh rewrites this name to the content-hashed file.
const ENGINE_WASM = "engine.wasm";
// The text resources' names (engine/text/data/*.txt); scripts/site-build.sh
// writes them here, so they are fetched while engine.wasm downloads.
const TEXT_RESOURCES = [];

const queue = [];
let handler = null; // the engine's message handler, once it runs
let stopped = null; // why the engine is not running any more

function fatal(message, id) {
  stopped = message;
  self.postMessage({ type: "error", id: id === undefined ? null : id, code: "engine-stopped", message, fatal: true });
}

self.onmessage = (event) => {
  const msg = event.data;
  if (stopped) {
    fatal(stopped, msg && msg.id);
    return;
  }
  if (!handler) {
    queue.push(msg);
    return;
  }
  try {
    handler(msg);
  } catch (err) {
    fatal("the engine stopped: " + err, msg && msg.id);
  }
};

// Called by the engine (wasm/engine) when it is ready for messages.
self.qalbEngineStarted = (fn) => {
  handler = fn;
  while (queue.length > 0 && !stopped) handler(queue.shift());
};

// qalbReader reads file slices for the engine (wasm/engine/blob.go) in a
// Worker of its own (reader.js), which keeps the next slice ready while the
// engine computes. Started with the engine, so an analysis makes no request.
// Without nested Workers, the engine reads slices itself.
function startReader() {
  if (typeof Worker !== "function") return;
  let reader;
  try {
    reader = new Worker("reader.js");
  } catch (err) {
    return;
  }
  const waiting = new Map(); // key → [onOK, onNo] of its one request in flight
  let broken = null;
  reader.onmessage = (event) => {
    const m = event.data;
    const cb = waiting.get(m.key);
    if (!cb) return; // the engine stopped reading that file
    waiting.delete(m.key);
    if (m.error !== undefined) cb[1](new Error(m.error));
    else cb[0](m.buf);
  };
  reader.onerror = (event) => {
    event.preventDefault();
    broken = "the file reader stopped: " + (event.message || "reader.js");
    for (const cb of waiting.values()) cb[1](new Error(broken));
    waiting.clear();
  };
  self.qalbReader = {
    read(key, blob, offset, end, onOK, onNo) {
      if (broken) {
        onNo(new Error(broken));
        return;
      }
      waiting.set(key, [onOK, onNo]);
      reader.postMessage({ type: "read", key, blob, offset, end });
    },
    forget(key) {
      const cb = waiting.get(key);
      if (cb) {
        waiting.delete(key);
        cb[1](new Error("closed")); // the engine awaits it to release its callbacks
      }
      reader.postMessage({ type: "forget", key });
    },
  };
}

// qalbTextResource fetches one of the text analysis' data files (lexicons
// and models, engine/text/data/README.md) from the site's text/ folder, once
// per Worker; wasm/engine/resources.go asks for them all as soon as the
// engine runs, so they are here before an analysis needs them and an
// analysis makes no request. A failed fetch is tried again when needed.
const textResources = new Map(); // name → Promise<ArrayBuffer>
self.qalbTextResource = (name) => {
  let p = textResources.get(name);
  if (!p) {
    p = fetch("text/" + encodeURIComponent(name), { credentials: "same-origin" }).then((r) => {
      if (!r.ok) throw new Error(`text/${name}: HTTP ${r.status}`);
      return r.arrayBuffer();
    });
    p.catch(() => textResources.delete(name));
    textResources.set(name, p);
  }
  return p;
};

async function start() {
  // Asked for first, beside engine.wasm: they have arrived (and an analysis
  // makes no request) long before the engine says ready, which does not
  // wait for them.
  for (const name of TEXT_RESOURCES) self.qalbTextResource(name).catch(() => {});
  startReader();
  const go = new Go();
  let exitCode = 0;
  const exit = go.exit;
  go.exit = (code) => {
    exitCode = code;
    exit.call(go, code);
  };
  const response = await fetch(ENGINE_WASM, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${ENGINE_WASM}: HTTP ${response.status}`);
  let instance;
  if ((response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
    ({ instance } = await WebAssembly.instantiateStreaming(response, go.importObject));
  } else {
    // A server without the wasm MIME type: same bytes, no streaming compile.
    ({ instance } = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject));
  }
  await go.run(instance); // settles only when the Go program exits
  return exitCode;
}

start().then(
  (code) => fatal(`the engine exited (code ${code})`),
  (err) => fatal("the engine could not start: " + (err && err.message ? err.message : err)),
);
