// The browser half of `make bench`: the engine in headless Chromium, on real
// files picked through an <input type=file> (Playwright's setInputFiles, by
// path: nothing is copied through the test driver).
//
//   node scripts/bench-browser.mjs [--dist site/dist] [--qalb BIN]
//        [--native FILE=SECONDS[:PEAK_MB]]... FILE...
//
// scripts/bench-browser.sh generates the files, times the native engine and
// calls this. For each file, in a fresh browser: wall time of the analysis
// in the Worker, rows/s and MB/s, the longest main-thread task while it ran
// (PerformanceObserver longtask), peak memory of the renderer process
// (VmHWM and sampled VmRSS from /proc; the Worker lives in it) and the
// main thread's JS heap (CDP Performance.getMetrics). Then the landing page:
// first paint, app ready, and the transfer size of every wasm file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { launchOptions, stageSite, startServer } from "../site/e2e/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ANALYSIS_TIMEOUT = 10 * 60 * 1000;

function parseArgs(argv) {
  const o = { dist: path.join(root, "site/dist"), qalb: "", native: {}, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dist") o.dist = path.resolve(argv[++i]);
    else if (a === "--qalb") o.qalb = path.resolve(argv[++i]);
    else if (a === "--native") {
      const [file, v] = argv[++i].split("=");
      const [secs, peak] = v.split(":");
      o.native[path.basename(file)] = { secs: Number(secs), peakMB: peak ? Number(peak) : NaN };
    } else if (a.startsWith("--")) throw new Error("unknown flag " + a);
    else o.files.push(path.resolve(a));
  }
  return o;
}

const mb = (b) => (b / 1e6).toFixed(1);
const kib = (b) => (b / 1024).toFixed(0);

function rssOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const get = (k) => Number((s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, "m")) || [0, 0])[1]) * 1024;
    return { rss: get("VmRSS"), hwm: get("VmHWM") };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

async function rendererPids(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  await cdp.detach();
  return processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
}

async function benchFile(base, file) {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(base + "worker.html");
    const ready = await page.evaluate(() => window.qalbTest.start());
    if (ready.protocol !== 1) throw new Error("protocol " + ready.protocol);
    await page.setInputFiles("#file", file);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    // The page and its Worker live in one renderer process; Chromium keeps
    // others around (spare renderers), so follow each and report the one
    // that grew the most.
    const pids = await rendererPids(browser);
    const before = Object.fromEntries(pids.map((p) => [p, rssOf(p).rss]));
    const peak = { ...before };
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
    const sampler = setInterval(sample, 100);
    const res = await Promise.race([
      page.evaluate(() => window.qalbTest.analyze(window.qalbTest.pickedFiles())),
      new Promise((_, rej) => setTimeout(() => rej(new Error("analysis timed out")), ANALYSIS_TIMEOUT)),
    ]);
    clearInterval(sampler);
    await sample();
    const pid = pids.reduce((a, b) => (peak[b] - before[b] > peak[a] - before[a] ? b : a), pids[0]);
    const hwm = rssOf(pid).hwm;
    const baseline = before[pid];
    const peakRSS = peak[pid];
    // Long tasks between posting the files and receiving the result (the
    // harness's own JSON.parse of the report comes after and is left out).
    const longest = await page.evaluate(
      ([a, b]) => Math.max(0, ...window.qalbTest.longTasks.filter((t) => t.start >= a && t.start < b).map((t) => t.duration)),
      [res.startAt, res.endAt],
    );
    if (res.type !== "result") throw new Error(`${path.basename(file)}: ${res.type} ${res.code || ""} ${res.message || ""}`);
    return { file, res, size: fs.statSync(file).size, peakRSS, hwm, baseline, peakJS, longest, errors };
  } finally {
    await browser.close();
  }
}

async function benchLanding(base) {
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
        name: path.basename(new URL(req.url()).pathname),
        encoding: (resp && resp.headers()["content-encoding"]) || "identity",
        body: sizes.responseBodySize,
        ms: req.timing().responseEnd,
      });
    });
    const t0 = Date.now();
    const resp = await page.goto(base, { waitUntil: "load" });
    const loadMs = Date.now() - t0;
    // The landing page is in the HTML (pre-rendered, inert); the interface
    // is live when its wasm has taken the page over (its first render drops
    // data-prerendered), and the engine when its Worker reported ready.
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

function pad(s, n, right = false) {
  s = String(s);
  return right ? s.padEnd(n) : s.padStart(n);
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(o.dist, "worker.js"))) throw new Error(`${o.dist} is not built: run scripts/site-build.sh`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-bench-"));
  let server;
  try {
    const stage = stageSite(root, o.dist, path.join(tmp, "site"));
    let bin = o.qalb;
    if (!bin) {
      bin = path.join(tmp, "qalb");
      execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: root, stdio: "inherit" });
    }
    server = await startServer(bin, stage, ["-no-share"]);
    const base = server.url;

    const rows = [];
    for (const f of o.files) {
      process.stderr.write(`analysing ${path.basename(f)} in Chromium…\n`);
      rows.push(await benchFile(base, f));
    }

    console.log("\nEngine in headless Chromium (Web Worker, wasm) vs native");
    const head = ["file", "MB", "rows", "browser s", "rows/s", "MB/s", "native s", "×native", "longest task", "progress gap", "renderer peak", "wasm heap", "JS heap"];
    const w = [30, 7, 9, 10, 10, 7, 9, 8, 13, 13, 14, 10, 8];
    console.log(head.map((h, i) => pad(h, w[i], i === 0)).join(" "));
    for (const r of rows) {
      const name = path.basename(r.file);
      const secs = r.res.wallMs / 1000;
      const nat = o.native[name];
      const cells = [
        name,
        mb(r.size),
        r.res.rows.read,
        secs.toFixed(2),
        Math.round(r.res.rows.read / secs),
        (r.size / 1e6 / secs).toFixed(1),
        nat ? nat.secs.toFixed(2) : "-",
        nat ? (secs / nat.secs).toFixed(2) : "-",
        // The long-task observer only sees tasks of 50 ms or more.
        r.longest > 0 ? r.longest.toFixed(0) + " ms" : "< 50 ms",
        r.res.maxGapMs.toFixed(0) + " ms",
        mb(Math.max(r.hwm, r.peakRSS)) + " MB",
        mb(r.res.heapBytes) + " MB",
        mb(r.peakJS) + " MB",
      ];
      console.log(cells.map((c, i) => pad(c, w[i], i === 0)).join(" "));
    }
    for (const r of rows) {
      const nat = o.native[path.basename(r.file)];
      if (nat && !Number.isNaN(nat.peakMB)) console.log(`  ${path.basename(r.file)}: native peak RSS ${nat.peakMB.toFixed(1)} MB`);
      console.log(`  ${path.basename(r.file)}: renderer RSS before ${mb(r.baseline)} MB, sampled peak ${mb(r.peakRSS)} MB, VmHWM ${mb(r.hwm)} MB; longest progress gap ${r.res.maxGapMs.toFixed(0)} ms ${r.res.maxGapAt}; worker elapsed ${r.res.elapsedMs.toFixed(0)} ms`);
      if (r.errors.length) console.log(`  ${path.basename(r.file)}: page errors: ${r.errors.join("; ")}`);
    }
    console.log("  renderer peak = VmHWM of the renderer process (page + Worker + wasm memory), wasm heap = the engine's Go runtime (result.heapBytes)");

    const land = await benchLanding(base);
    const ms = (v) => (Number.isNaN(v) || v === undefined ? "-" : v.toFixed(0) + " ms");
    console.log(`\nLanding page on loopback: HTTP ${land.status}, load ${land.loadMs} ms, first render (landing drawn, first contentful paint) ${ms(land.fcp)}, interface live ${ms(land.appMs)}, engine ready ${ms(land.engineMs)}`);
    let total = 0;
    for (const x of land.wasm) {
      console.log(`  ${pad(x.name, 28, true)} ${pad(kib(x.body), 7)} KiB transferred (${x.encoding})`);
      total += x.body;
    }
    const onDisk = fs.readdirSync(o.dist).filter((f) => f.endsWith(".wasm.br")).reduce((s, f) => s + fs.statSync(path.join(o.dist, f)).size, 0);
    console.log(`  all wasm: ${kib(total)} KiB over the wire here; ${kib(onDisk)} KiB brotli on disk (budget 2560 KiB)`);
    if (land.violations.length) console.log("  CSP violations:\n    " + land.violations.join("\n    "));
  } finally {
    if (server) server.proc.kill("SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// Exit explicitly: a straggling child or socket must not keep `make bench`
// waiting after the table is printed.
main().then(
  () => process.exit(0),
  (e) => {
    console.error(e.stack || String(e));
    process.exit(1);
  },
);
