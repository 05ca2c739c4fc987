// Qalb engine worker (classic Worker: new Worker("worker.js")).
//
// Loads the Go runtime glue, fetches and instantiates engine.wasm once and
// the text resources (qalbTextResource) — the only requests this worker ever
// makes, all before any analysis — and runs the engine, which then
// answers the page's messages (protocol v1, docs/protocol.md). Messages that
// arrive while engine.wasm is loading are queued and handed over in order.
//
// It also starts, with the engine, the part Workers: this same script,
// named "qalb-part", handed the compiled engine module by message (so they
// fetch and compile nothing), which read parts of large files for the
// engine (wasm/engine/parts.go) through qalbParts below.
"use strict";

importScripts("wasm_exec.js");

// scripts/site-build.sh rewrites this name to the content-hashed file.
const ENGINE_WASM = "engine.wasm";
// The text resources' names (engine/text/data/*.txt); scripts/site-build.sh
// writes them here, so they are fetched while engine.wasm downloads.
const TEXT_RESOURCES = [];

const PART = self.name === "qalb-part"; // a part Worker of an engine Worker
const MAX_WORKERS = 8; // the engine Worker and its part Workers at most

const queue = [];
let handler = null; // the engine's message handler, once it runs
let stopped = null; // why the engine is not running any more

function fatal(message, id) {
  stopped = message;
  self.postMessage({ type: "error", id: id === undefined ? null : id, code: "engine-stopped", message, fatal: true });
}

self.onmessage = (event) => {
  const msg = event.data;
  if (PART && msg && msg.type === "part-module") {
    run(msg.module).then(
      (code) => fatal(`the part Worker exited (code ${code})`),
      (err) => fatal("the part Worker could not start: " + (err && err.message ? err.message : err)),
    );
    return;
  }
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

// startParts starts the part Workers, one fewer than the cores (at most
// MAX_WORKERS in all), and defines qalbParts, through which the engine
// (wasm/engine/parts.go) hands them parts to read. They start before the
// engine is fetched, so their own requests (this script, wasm_exec.js,
// reader.js) are over before it is ready and an analysis makes none, and
// wait for the compiled module, which the returned function hands them.
// One that fails is started again only when the engine calls heal, after
// the analysis.
function startParts() {
  let module = null;
  if (typeof Worker !== "function") return () => {};
  const n = Math.min(navigator.hardwareConcurrency || 1, MAX_WORKERS) - 1;
  const pool = []; // {worker, ready, dead, busy: key of the part it reads, or 0}
  const reads = new Map(); // key → {member (once handed out), msg, transfer, onProgress, onDone, onFail}
  const queue = []; // keys of parts and tasks waiting for a free part Worker, in order
  let nextKey = 1;
  const live = () => pool.filter((m) => m.ready && !m.dead);
  const dispatch = () => {
    for (const member of live()) {
      if (member.busy || queue.length === 0) continue;
      const key = queue.shift();
      const r = reads.get(key);
      r.member = member;
      member.busy = key;
      member.worker.postMessage(r.msg, r.transfer);
    }
    if (live().length === 0) {
      // no part Worker left: the engine reads the parts itself
      for (const key of queue.splice(0)) {
        const r = reads.get(key);
        reads.delete(key);
        r.onFail("no part Worker");
      }
    }
  };
  const fail = (member, message) => {
    member.dead = true;
    member.ready = false;
    member.busy = 0;
    try {
      member.worker.terminate();
    } catch (err) {
      /* already gone */
    }
    for (const [key, r] of reads) {
      if (r.member === member) {
        reads.delete(key);
        r.onFail(message);
      }
    }
    dispatch();
  };
  const spawn = (member) => {
    member.ready = false;
    member.dead = false;
    member.busy = 0;
    try {
      member.worker = new Worker("worker.js", { name: "qalb-part" });
    } catch (err) {
      member.dead = true;
      return;
    }
    member.worker.onmessage = (event) => {
      const m = event.data;
      if (m.type === "part-ready") {
        member.ready = true;
        dispatch();
        return;
      }
      if (m.type === "error" && m.fatal) {
        fail(member, "a part Worker stopped: " + m.message);
        return;
      }
      const r = reads.get(m.key);
      if (m.type === "part-progress") {
        if (r) r.onProgress(m.rows, m.bytes);
        return;
      }
      if (m.type === "task-done" || m.type === "task-error") {
        if (member.busy === m.key) member.busy = 0;
        if (r) {
          reads.delete(m.key);
          if (m.type === "task-done") r.onDone(m.output);
          else r.onFail(m.message);
        }
        dispatch();
        return;
      }
      if (m.type !== "part-done" && m.type !== "part-error") return;
      if (member.busy === m.key) member.busy = 0;
      if (r) {
        reads.delete(m.key);
        if (m.type === "part-done") r.onDone(m.segs, pool.indexOf(member));
        else r.onFail(m.message);
      } // else cancelled: the engine is no longer waiting
      dispatch();
    };
    member.worker.onerror = (event) => {
      event.preventDefault();
      fail(member, "a part Worker stopped: " + (event.message || "error"));
    };
    if (module) member.worker.postMessage({ type: "part-module", module });
  };
  for (let i = 0; i < n; i++) {
    const member = {};
    pool.push(member);
    spawn(member);
  }
  self.qalbParts = {
    // workers is how many part Workers are running.
    workers: () => live().length,
    // read queues a part (its spec, a Uint8Array, transferred) for the
    // next free part Worker; 0 when there is none.
    read(blob, start, spec, onProgress, onDone, onFail) {
      if (live().length === 0) return 0;
      const key = nextKey++;
      reads.set(key, { member: null, msg: { type: "part", key, blob, start, spec }, transfer: [spec.buffer], onProgress, onDone, onFail });
      queue.push(key);
      dispatch();
      return key;
    },
    // task queues a task of the analysis (engine.Tasks: its kind and
    // input, a Uint8Array, transferred) for the next free part Worker,
    // which answers with its output; 0 when there is none.
    task(kind, input, onDone, onFail) {
      if (live().length === 0) return 0;
      const key = nextKey++;
      const msg = { type: "task", key, kind, input };
      reads.set(key, { member: null, msg, transfer: [input.buffer], onProgress: () => {}, onDone, onFail });
      queue.push(key);
      dispatch();
      return key;
    },
    // cancel stops a part's reading; its Worker is free again once it
    // has answered.
    cancel(key) {
      const r = reads.get(key);
      if (!r) return;
      reads.delete(key);
      const i = queue.indexOf(key);
      if (i >= 0) queue.splice(i, 1);
      else r.member.worker.postMessage({ type: "part-cancel", key });
    },
    heal() {
      for (const member of pool) if (member.dead) spawn(member);
    },
  };
  return (compiled) => {
    module = compiled;
    for (const member of pool) if (!member.dead) member.worker.postMessage({ type: "part-module", module });
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

// run runs the engine: the compiled module when a part Worker is handed
// one, else engine.wasm, fetched and compiled here.
async function run(module) {
  if (!module) {
    // Asked for first, beside engine.wasm: they have arrived (and an
    // analysis makes no request) long before the engine says ready, which
    // does not wait for them. Part Workers need none.
    for (const name of TEXT_RESOURCES) self.qalbTextResource(name).catch(() => {});
  }
  const handParts = module ? null : startParts();
  if (!module) startReader(); // a part Worker started its reader at once
  const go = new Go();
  let exitCode = 0;
  const exit = go.exit;
  go.exit = (code) => {
    exitCode = code;
    exit.call(go, code);
  };
  let instance;
  if (module) {
    self.qalbPartWorker = true;
    instance = await WebAssembly.instantiate(module, go.importObject);
  } else {
    const response = await fetch(ENGINE_WASM, { credentials: "same-origin" });
    if (!response.ok) throw new Error(`${ENGINE_WASM}: HTTP ${response.status}`);
    if ((response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
      ({ module, instance } = await WebAssembly.instantiateStreaming(response, go.importObject));
    } else {
      // A server without the wasm MIME type: same bytes, no streaming compile.
      ({ module, instance } = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject));
    }
    handParts(module);
  }
  await go.run(instance); // settles only when the Go program exits
  return exitCode;
}

if (PART) {
  startReader();
} else {
  run().then(
    (code) => fatal(`the engine exited (code ${code})`),
    (err) => fatal("the engine could not start: " + (err && err.message ? err.message : err)),
  );
}
