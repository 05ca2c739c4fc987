// Harness for the engine Worker, driven by site/e2e/worker.test.mjs and
// scripts/bench-browser.mjs through window.qalbTest. It speaks protocol v1
// (docs/protocol.md) exactly as the UI does: File/Blob objects go to the
// Worker, JSON strings come back.
"use strict";

(() => {
  const longTasks = [];
  const violations = [];
  const requests = [];
  let worker = null;
  let ready = null;
  const waiting = new Map(); // id → { resolve, progress, onProgress }
  const stray = []; // messages nobody waited for

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    /* no longtask support */
  }
  document.addEventListener("securitypolicyviolation", (e) => {
    violations.push(`${e.violatedDirective} ${e.blockedURI}`);
  });

  const status = (text) => {
    document.getElementById("status").textContent = text;
  };

  function start(url = "worker.js") {
    worker = new Worker(url);
    ready = new Promise((resolve, reject) => {
      worker.onerror = (e) => reject(new Error("worker error: " + e.message));
      worker.onmessage = (e) => {
        const m = e.data;
        m.at = performance.now();
        if (m.type === "ready") {
          status("ready");
          resolve(m);
          return;
        }
        const w = waiting.get(m.id);
        if (!w) {
          stray.push(m);
          return;
        }
        if (m.type === "progress") {
          w.progress.push(m);
          if (w.onProgress) w.onProgress(m);
          return;
        }
        if (m.type === "overview") {
          // the early summary (docs/protocol.md); the result follows
          w.overviews = (w.overviews || []).concat(m);
          return;
        }
        waiting.delete(m.id);
        w.resolve({ final: m, progress: w.progress, overviews: w.overviews || [] });
      };
    });
    return ready;
  }

  // request posts msg and resolves with its final message and the progress
  // messages before it.
  function request(msg, onProgress) {
    return new Promise((resolve) => {
      waiting.set(msg.id, { resolve, progress: [], onProgress, sent: performance.now() });
      worker.postMessage(msg);
    });
  }

  // contactsCSV builds a CSV of n contacts in pieces (never one huge string).
  function contactsCSV(n, name = "contacts.csv") {
    const parts = ["Email,First Name,Last Name,Phone,Country,City\n"];
    const countries = ["DE", "SA", "AE", "EG", "US", "GB"];
    let chunk = [];
    for (let i = 0; i < n; i++) {
      chunk.push(`c${i}@example.com,Name${i},Family${i % 997},+4915${String(i).padStart(8, "0")},${countries[i % 6]},City${i % 50}\n`);
      if (chunk.length === 10000) {
        parts.push(chunk.join(""));
        chunk = [];
      }
    }
    parts.push(chunk.join(""));
    return new File(parts, name, { type: "text/csv" });
  }

  // summarise reduces a run to what a test needs (the report stays here).
  function summarise(run, t0, extra = {}) {
    const m = run.final;
    const out = { type: m.type, code: m.code, message: m.message, file: m.file, line: m.line, ...extra };
    out.progress = run.progress.length;
    out.stages = [...new Set(run.progress.map((p) => p.stage))];
    const times = [t0, ...run.progress.map((p) => p.at), m.at];
    const labels = [...run.progress.map((p) => `before ${p.stage} progress at ${p.elapsedMs.toFixed(0)} ms`), `before ${m.type}`];
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    out.maxGapMs = Math.max(...gaps);
    out.maxGapAt = labels[gaps.indexOf(out.maxGapMs)];
    out.wallMs = m.at - t0;
    out.startAt = t0;
    out.endAt = m.at;
    out.lastProgress = run.progress.length ? run.progress[run.progress.length - 1] : null;
    out.overviews = run.overviews.length;
    if (run.overviews.length) {
      const o = run.overviews[0];
      out.overviewAt = o.at;
      out.overviewBytes = o.overview.length;
      out.progressAfterOverview = run.progress.filter((p) => p.at > o.at).length;
    }
    if (m.type === "result") {
      out.reportBytes = m.report.length;
      const rep = JSON.parse(m.report);
      if (run.overviews.length) {
        // the overview must be the result's report without the analyses' sections
        const summary = { ...rep };
        for (const k of ["feedback", "sentiment", "segments", "predictions", "behaviour"]) delete summary[k];
        out.overviewIsSummary = JSON.stringify(JSON.parse(run.overviews[0].overview)) === JSON.stringify(summary);
        out.hasSections = ["feedback", "sentiment", "segments", "predictions", "behaviour"].filter((k) => rep[k]);
      }
      out.rows = rep.rows;
      out.sources = (rep.sources || []).map((s) => ({ file: s.file, rows: s.rows, kind: s.kind, error: s.error || "" }));
      out.customers = rep.customers ? rep.customers.total : undefined;
      out.elapsedMs = m.elapsedMs;
      out.heapBytes = m.heapBytes;
      out.parts = m.parts;
      out.tasks = m.tasks;
      out.stageMs = m.stages;
      out.taskKinds = m.taskKinds;
      if (extra.keepReport) out.report = m.report;
      // the read stage: until the first progress of a later stage
      const after = run.progress.find((p) => p.stage !== "read");
      out.readMs = (after ? after.at : m.at) - t0;
    }
    return out;
  }

  let nextID = 1;
  async function analyze(files, options = {}) {
    const id = options.id || nextID++;
    const t0 = performance.now();
    const msg = { type: "analyze", id, files };
    if (options.names) msg.names = options.names;
    if (options.mapping) msg.mapping = options.mapping;
    if (options.parts !== undefined) msg.parts = options.parts;
    let cancelAt = null;
    const onProgress = options.cancelAfterProgress
      ? (p) => {
          if (cancelAt === null && p.rows > 0) {
            cancelAt = performance.now();
            worker.postMessage({ type: "cancel", id });
          }
        }
      : undefined;
    const run = await request(msg, onProgress);
    const out = summarise(run, t0, { id, keepReport: options.keepReport });
    delete out.keepReport;
    if (cancelAt !== null) out.cancelLatencyMs = run.final.at - cancelAt;
    status(`${out.type} ${id}`);
    return out;
  }

  async function query(query, id = "q" + nextID++) {
    const { final } = await request({ type: "query", id, query });
    if (final.type === "answer") return { type: "answer", what: final.what, result: JSON.parse(final.result) };
    return { type: final.type, code: final.code, message: final.message };
  }

  window.qalbTest = {
    start,
    analyze,
    query,
    contactsCSV,
    pickedFiles: () => Array.from(document.getElementById("file").files),
    longTasks,
    violations,
    requests,
    stray,
    blob: (text, type = "text/plain") => new Blob([text], { type }),
  };
})();
