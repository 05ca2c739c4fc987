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
import { stageSite, startServer } from "../site/e2e/harness.mjs";
import { benchLanding, benchQalb } from "./bench-lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
      rows.push(await benchQalb(base, f));
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
