// What the browser benchmarks share (scripts/bench-browser.mjs and
// scripts/bench-sidebyside.mjs): each run in a fresh headless Chromium, the
// renderer's memory read from /proc while it runs, the engine driven through
// the Worker test page (site/e2e/worker.html) with a file picked through its
// <input type=file>, and the landing page timed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { chromium } from "playwright-core";
import { launchOptions } from "../site/e2e/harness.mjs";

export const ANALYSIS_TIMEOUT = 10 * 60 * 1000;

export function rssOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const get = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, "m")) || [0, 0])[1]) * 1024;
    return { rss: get("VmRSS"), hwm: get("VmHWM") };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

// CLK_TCK: the unit of the CPU times in /proc/<pid>/stat.
let ticksPerSecond = 0;
function clockTicks() {
  if (!ticksPerSecond) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

// cpuOf is the CPU time (user + system, all threads) a process has used, in
// milliseconds; NaN when it cannot be read.
export function cpuOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (in parentheses, which may hold spaces):
    // utime and stime are the 14th and 15th fields of the line.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(f[11]) + Number(f[12])) * 1000) / clockTicks();
  } catch {
    return NaN;
  }
}

async function rendererPids(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  await cdp.detach();
  return processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
}

// watchRenderer samples the resident memory of the browser's renderer
// processes every 100 ms, and the page's JS heap, until stop(). The page and
// its Workers live in one renderer process; Chromium keeps others around
// (spare renderers), so it follows each and reports the one that grew the
// most: its RSS before, its sampled peak, its VmHWM (the kernel's high-water
// mark, which catches what sampling misses) and peak = the larger of the two,
// and the CPU time that process used meanwhile (all its threads: the page,
// its Workers, the compilers), a steadier figure than wall time on a busy
// machine.
export async function watchRenderer(browser, page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const pids = await rendererPids(browser);
  const before = Object.fromEntries(pids.map((p) => [p, rssOf(p).rss]));
  const peak = { ...before };
  const cpu0 = Object.fromEntries(pids.map((p) => [p, cpuOf(p)]));
  let peakJS = 0;
  const sample = async () => {
    for (const p of pids) peak[p] = Math.max(peak[p], rssOf(p).rss);
    try {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const m = metrics.find((x) => x.name === "JSHeapUsedSize");
      if (m) peakJS = Math.max(peakJS, m.value);
    } catch {
      /* page busy or gone */
    }
  };
  const timer = setInterval(sample, 100);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      const pid = pids.reduce((a, b) => (peak[b] - before[b] > peak[a] - before[a] ? b : a), pids[0]);
      const hwm = rssOf(pid).hwm;
      const cpuMs = cpuOf(pid) - cpu0[pid];
      return { pid, baseline: before[pid], peakRSS: peak[pid], hwm, peak: Math.max(hwm, peak[pid]), peakJS, cpuMs };
    },
  };
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(what + " timed out")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// benchQalb analyses file in a fresh browser through the Worker test page:
// the engine's start-up (new Worker → ready), the analysis' wall time, the
// longest main-thread task while it ran, the renderer's memory. parts, when
// given, is sent with the analyze message (the most Workers reading the file
// in parallel); res.parts is what the result reports (undefined from an
// engine that reads with one Worker only).
export async function benchQalb(base, file, { parts } = {}) {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base + "worker.html");
    const mem = await watchRenderer(browser, page);
    const ready = await page.evaluate(async () => {
      const t0 = performance.now();
      const r = await window.qalbTest.start();
      return { protocol: r.protocol, engine: r.engine, readyMs: performance.now() - t0 };
    });
    if (ready.protocol !== 1) throw new Error("protocol " + ready.protocol);
    await page.setInputFiles("#file", file);
    const res = await withTimeout(
      page.evaluate((parts) => window.qalbTest.analyze(window.qalbTest.pickedFiles(), parts ? { parts } : {}), parts || 0),
      ANALYSIS_TIMEOUT,
      "analysis",
    );
    const m = await mem.stop();
    // Long tasks between posting the files and receiving the result (the
    // harness's own JSON.parse of the report comes after and is left out).
    const longest = await page.evaluate(
      ([a, b]) => Math.max(0, ...window.qalbTest.longTasks.filter((t) => t.start >= a && t.start < b).map((t) => t.duration)),
      [res.startAt, res.endAt],
    );
    if (res.type !== "result") throw new Error(`${file}: ${res.type} ${res.code || ""} ${res.message || ""}`);
    return { file, res, ready, size: fs.statSync(file).size, ...m, longest, errors };
  } finally {
    await browser.close();
  }
}

// benchLanding loads the landing page in a fresh browser: load, first paint,
// the interface live, the engine ready, and the transfer size of every wasm.
export async function benchLanding(base) {
  const browser = await chromium.launch(launchOptions());
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const wasm = [];
    const violations = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    context.on("requestfinished", async (req) => {
      if (!/\.wasm(\?|$)/.test(req.url()) || wasm.some((w) => w.url === req.url())) return;
      const resp = await req.response();
      const sizes = await req.sizes();
      wasm.push({
        url: req.url(),
        name: new URL(req.url()).pathname.split("/").pop(),
        encoding: (resp && resp.headers()["content-encoding"]) || "identity",
        body: sizes.responseBodySize,
        ms: req.timing().responseEnd,
      });
    });
    const t0 = Date.now();
    const resp = await page.goto(base, { waitUntil: "load" });
    const loadMs = Date.now() - t0;
    const { appMs, engineMs } = await landingReady(page);
    const paint = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType("paint").map((e) => [e.name, e.startTime])),
    );
    // The engine is fetched by its Worker when the UI starts one; start one
    // here, from the test page, to weigh it the same way.
    const worker = await context.newPage();
    await worker.goto(base + "worker.html");
    await worker.evaluate(() => window.qalbTest.start());
    await worker.waitForTimeout(300);
    return { status: resp ? resp.status() : 0, loadMs, appMs, engineMs, fcp: paint["first-contentful-paint"], wasm, violations };
  } finally {
    await browser.close();
  }
}

// landingReady waits for the landing page (pre-rendered, inert) to be taken
// over by the interface's wasm (its first render drops data-prerendered) and
// for the engine Worker to report ready; both as performance.now() of the
// page, NaN when they do not come within 30 s.
async function landingReady(page) {
  const when = async (fn) => {
    try {
      const h = await page.waitForFunction(fn, null, { timeout: 30000, polling: 10 });
      return await h.jsonValue();
    } catch {
      return NaN;
    }
  };
  const appMs = await when(() => document.querySelector(".app:not([data-prerendered])") && performance.now());
  const engineMs = await when(() => document.querySelector(".app[data-engine-ready]") && performance.now());
  return { appMs, engineMs };
}

// DEMO_POINTER_MS is how long the pointer rests on "Try the demo" before
// the click in the second demo run: a person's pointer reaches the button
// before the finger presses it, and the page fetches and analyses the demo
// from that moment (site/main_wasm.go PrepareDemo).
export const DEMO_POINTER_MS = 300;

// benchDemo times "Try the demo" in fresh browsers: once the interface and
// its engine are ready (a visitor reads the landing page first), from the
// click on the demo button until the overview's tiles are in the page, and
// the longest main-thread task meanwhile. Twice: a script's click with no
// pointer before it (demoMs: the files are fetched on the click), and a
// click DEMO_POINTER_MS after the pointer came over the button (pointerMs).
export async function benchDemo(base) {
  const cold = await demoRun(base, 0);
  const warm = await demoRun(base, DEMO_POINTER_MS);
  return {
    appMs: cold.appMs,
    engineMs: cold.engineMs,
    demoMs: cold.tilesMs,
    demoLongest: cold.longest,
    pointerMs: warm.tilesMs,
    pointerLongest: warm.longest,
    errors: [...cold.errors, ...warm.errors],
  };
}

async function demoRun(base, pointerMs) {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.addInitScript(() => {
      window.__benchTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__benchTasks.push({ at: e.startTime, ms: e.duration });
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(base, { waitUntil: "load" });
    const { appMs, engineMs } = await landingReady(page);
    await page.waitForSelector("[data-testid=demo]:not([disabled])", { timeout: 30000 });
    if (pointerMs > 0) {
      await page.hover("[data-testid=demo]");
      await page.waitForTimeout(pointerMs);
    }
    await page.evaluate(() => {
      window.__benchDemoClick = performance.now();
      document.querySelector("[data-testid=demo]").click();
    });
    const h = await page.waitForFunction(
      () => document.querySelector("[data-testid=overview] [data-testid^=kpi-]") && performance.now() - window.__benchDemoClick,
      null,
      { timeout: 120000, polling: 10 },
    );
    const tilesMs = await h.jsonValue();
    await page.waitForTimeout(100); // the task that drew the tiles is over and observed
    const longest = await page.evaluate((end) => {
      const c = window.__benchDemoClick;
      return Math.max(0, ...window.__benchTasks.filter((t) => t.at + t.ms >= c && t.at <= c + end).map((t) => t.ms));
    }, tilesMs);
    return { appMs, engineMs, tilesMs, longest, errors };
  } finally {
    await browser.close();
  }
}
