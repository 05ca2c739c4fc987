// The side-by-side benchmark of `make bench` (issue 22): one narrow orders
// export, each contender cold in its own fresh headless Chromium, served from
// one origin by `qalb serve` under the site's Content-Security-Policy:
//
//   - DuckDB-WASM (scripts/bench/duckdb.html + duckdb.mjs): init, register
//     the picked File, read_csv into a table, RFM per customer with NTILE(5)
//     scores and a country group-by;
//   - Qalb's engine through the Worker test page with 1 and with N Workers
//     (the analyze message's `parts`; the result says how many it used);
//   - "Try the demo" on the landing page until the overview's tiles show;
//   - natively: `qalb bench` and the naive encoding/csv program
//     (scripts/naivebench).
//
// It prints one table, the ratios against the targets and an Amdahl
// projection from the serial fraction measured with 1 and N Workers.
//
//   node scripts/bench-sidebyside.mjs --duckdb DIR [--dist site/dist]
//        [--qalb BIN] [--naive BIN] [--workers N] FILE
//
// DIR is the node_modules directory holding @duckdb/duckdb-wasm and
// apache-arrow (scripts/bench-sidebyside.sh installs them; `make test` never does).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { launchOptions, stageSite, startServer } from "../site/e2e/harness.mjs";
import { ANALYSIS_TIMEOUT, DEMO_POINTER_MS, benchDemo, benchQalb, watchRenderer, withTimeout } from "./bench-lib.mjs";
import { amdahlTime, ratio, serialFraction, verdict } from "./bench-ratios.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const o = { dist: path.join(root, "site/dist"), qalb: "", naive: "", duckdb: "", workers: Math.max(2, os.cpus().length), file: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dist") o.dist = path.resolve(argv[++i]);
    else if (a === "--qalb") o.qalb = path.resolve(argv[++i]);
    else if (a === "--naive") o.naive = path.resolve(argv[++i]);
    else if (a === "--duckdb") o.duckdb = path.resolve(argv[++i]);
    else if (a === "--workers") o.workers = Number(argv[++i]);
    else if (a.startsWith("--")) throw new Error("unknown flag " + a);
    else if (o.file) throw new Error("one file only");
    else o.file = path.resolve(a);
  }
  if (!o.file || !o.duckdb) throw new Error("usage: bench-sidebyside.mjs --duckdb DIR [--qalb BIN] [--naive BIN] [--workers N] FILE");
  return o;
}

// stageDuckDB puts the benchmark page and the DuckDB-WASM files it needs into
// the staged site. DuckDB's browser module imports "apache-arrow" by name:
// the copy imports ./apache-arrow.mjs instead (see that file).
function stageDuckDB(nodeModules, stage) {
  const pkg = path.join(nodeModules, "@duckdb/duckdb-wasm");
  const dist = path.join(pkg, "dist");
  const out = path.join(stage, "duckdb");
  fs.mkdirSync(out, { recursive: true });
  for (const f of ["duckdb-browser-eh.worker.js", "duckdb-browser-mvp.worker.js", "duckdb-eh.wasm", "duckdb-mvp.wasm"]) {
    fs.copyFileSync(path.join(dist, f), path.join(out, f));
  }
  const mod = fs.readFileSync(path.join(dist, "duckdb-browser.mjs"), "utf8");
  const rewritten = mod.replace(/from\s*"apache-arrow"/g, 'from"./apache-arrow.mjs"').replace(/\/\/# sourceMappingURL=.*$/m, "");
  if (/(from|import)\s*["']apache-arrow["']/.test(rewritten)) throw new Error("duckdb-browser.mjs: an import of apache-arrow left unrewritten");
  fs.writeFileSync(path.join(out, "duckdb-browser.mjs"), rewritten);
  const arrow = fs.readFileSync(path.join(nodeModules, "apache-arrow/Arrow.esnext.min.js"), "utf8");
  fs.writeFileSync(path.join(out, "Arrow.esnext.min.js"), arrow.replace(/\/\/# sourceMappingURL=.*$/m, ""));
  fs.copyFileSync(path.join(root, "scripts/bench/apache-arrow.mjs"), path.join(out, "apache-arrow.mjs"));
  for (const f of ["duckdb.html", "duckdb.mjs"]) fs.copyFileSync(path.join(root, "scripts/bench", f), path.join(stage, f));
  return JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).version;
}

async function benchDuckDB(base, file) {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    await page.goto(base + "duckdb.html");
    await page.waitForFunction(() => window.duckBench, null, { timeout: 30000 });
    await page.setInputFiles("#file", file);
    const mem = await watchRenderer(browser, page);
    const res = await withTimeout(page.evaluate(() => window.duckBench.run()), ANALYSIS_TIMEOUT, "DuckDB-WASM");
    return { ...res, ...(await mem.stop()), problems };
  } finally {
    await browser.close();
  }
}

function runNative(bin, args) {
  return execFileSync(bin, args, { encoding: "utf8", timeout: 600000, stdio: ["ignore", "pipe", "inherit"] });
}

// The lines `qalb bench` and naivebench print: "… 1.234 s … peak RSS 242.1 MB …".
function parseNative(line) {
  const secs = Number((line.match(/ ([0-9]+\.[0-9]+) s /) || [])[1]);
  const peakMB = Number((line.match(/peak RSS +([0-9.]+) MB/) || [])[1]);
  const customers = Number((line.match(/(\d+) customers|customers (\d+)/) || []).slice(1).find(Boolean));
  // CPU seconds: qalb bench prints them per stage, naivebench once.
  const cpuSecs = [...line.matchAll(/\(cpu ([0-9.]+)[,)]/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  return { secs, cpuSecs, peakMB, customers, line: line.trim() };
}

const s2 = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) + " s" : "-");
const mb = (b) => (Number.isFinite(b) ? (b / 1e6).toFixed(0) + " MB" : "-");
const x = (v) => (Number.isFinite(v) ? v.toFixed(2) + "×" : "-");
const task = (ms) => (ms > 0 ? ms.toFixed(0) + " ms" : "< 50 ms");
const pad = (s, n) => String(s).padEnd(n);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(o.dist, "worker.js"))) throw new Error(`${o.dist} is not built: run scripts/site-build.sh`);
  const size = fs.statSync(o.file).size;
  const name = path.basename(o.file);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-sidebyside-"));
  let server;
  try {
    const stage = stageSite(root, o.dist, path.join(tmp, "site"));
    const duckVersion = stageDuckDB(o.duckdb, stage);
    let bin = o.qalb;
    if (!bin) {
      bin = path.join(tmp, "qalb");
      execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: root, stdio: "inherit" });
    }
    let naiveBin = o.naive;
    if (!naiveBin) {
      naiveBin = path.join(tmp, "naivebench");
      execFileSync("go", ["build", "-o", naiveBin, "./scripts/naivebench"], { cwd: root, stdio: "inherit" });
    }

    process.stderr.write(`native: qalb bench and naivebench on ${name}…\n`);
    const native = parseNative(runNative(bin, ["bench", o.file]));
    const naive = parseNative(runNative(naiveBin, [o.file]));

    server = await startServer(bin, stage, ["-no-share"]);
    const base = server.url;
    process.stderr.write(`DuckDB-WASM ${duckVersion} in Chromium…\n`);
    const duck = await benchDuckDB(base, o.file);
    process.stderr.write("Qalb, 1 Worker…\n");
    const q1 = await benchQalb(base, o.file, { parts: 1 });
    process.stderr.write(`Qalb, ${o.workers} Workers…\n`);
    const qn = await benchQalb(base, o.file, { parts: o.workers });
    process.stderr.write('"Try the demo"…\n');
    const demo = await benchDemo(base);

    // Every contender must have read the same file to the same answer.
    const customers = { duckdb: duck.customers, "qalb 1": q1.res.customers, "qalb N": qn.res.customers, native: native.customers, naive: naive.customers };
    const rows = { duckdb: duck.rows, "qalb 1": q1.res.rows.read, "qalb N": qn.res.rows.read };
    const same = (m) => new Set(Object.values(m)).size === 1;

    const usedN = qn.res.parts || 1;
    const duckWork = duck.readMs + duck.analyseMs;
    const t1 = q1.res.wallMs, tn = qn.res.wallMs;

    console.log(`\nSide by side on ${name} (${(size / 1e6).toFixed(1)} MB, ${rows.duckdb} rows), ${os.cpus().length} cores, one fresh headless Chromium per browser row`);
    const head = ["", "ready / init", "read", "RFM+country", "total", "CPU", "peak memory", "longest main-thread task"];
    const w = [38, 13, 8, 12, 9, 9, 36, 24];
    const line = (cells) => console.log(cells.map((c, i) => pad(c, w[i])).join(" ").trimEnd());
    line(head);
    line([`DuckDB-WASM ${duckVersion} (${duck.bundle})`, s2(duck.initMs), s2(duck.readMs), s2(duck.analyseMs), s2(duck.totalMs), s2(duck.cpuMs), `renderer ${mb(duck.peak)}`, task(duck.longest)]);
    for (const [label, q] of [[`Qalb, 1 Worker (parts ${q1.res.parts || 1})`, q1], [`Qalb, ${o.workers} Workers (parts ${usedN})`, qn]]) {
      line([label, s2(q.ready.readyMs), s2(q.res.readMs), s2(q.res.readMs !== undefined ? q.res.wallMs - q.res.readMs : NaN), s2(q.res.wallMs), s2(q.cpuMs), `renderer ${mb(q.peak)} (wasm heap ${mb(q.res.heapBytes)})`, task(q.longest)]);
    }
    line(["Qalb native (qalb bench)", "", "", "", s2(native.secs * 1000), s2(native.cpuSecs * 1000), `RSS ${native.peakMB.toFixed(0)} MB (${x(native.peakMB * 1e6 / size)} file)`, ""]);
    line(["naive Go (encoding/csv + maps)", "", "", "", s2(naive.secs * 1000), s2(naive.cpuSecs * 1000), `RSS ${naive.peakMB.toFixed(0)} MB`, ""]);
    for (const [label, q] of [["Qalb 1 Worker", q1], [`Qalb ${o.workers} Workers`, qn]]) {
      if (!q.res.stageMs) continue;
      const stages = q.res.stageMs.filter((st) => st.ms >= 5).map((st) => `${st.stage.replace(/^analyse:/, "")} ${s2(st.ms)}`);
      console.log(`  ${label}, each stage's wall time: ${stages.join(", ")}; tasks on part Workers ${JSON.stringify(q.res.taskKinds || {})}`);
    }
    console.log(`  DuckDB total = init + read + RFM + country; Qalb total = the whole analysis in the Worker (report with every section), after the engine is ready;`);
    console.log(`  Qalb's read = until its first progress past the read stage, RFM+country column = the rest of its analysis (every section).`);
    console.log(`  CPU = CPU time of the renderer process (page and Workers, init included) or of the native process: steadier than wall time on a busy machine.`);
    console.log(`  Same answers: customers ${JSON.stringify(customers)} ${same(customers) ? "(equal)" : "(DIFFER)"}; rows ${same(rows) ? "equal" : "DIFFER " + JSON.stringify(rows)}.`);
    console.log(`  "Try the demo": interface live ${s2(demo.appMs)}, engine ready ${s2(demo.engineMs)} after navigation; click → overview tiles ${s2(demo.demoMs)}`
      + ` (a script's click, no pointer before it; longest main-thread task meanwhile ${task(demo.demoLongest)}),`
      + ` ${s2(demo.pointerMs)} when the pointer rested ${DEMO_POINTER_MS} ms on the button before the click (longest task ${task(demo.pointerLongest)}).`);
    for (const [who, errs] of [["DuckDB page", duck.problems], ["Qalb 1", q1.errors], ["Qalb N", qn.errors], ["demo", demo.errors]]) {
      if (errs.length) console.log(`  ${who}: ${errs.join("; ")}`);
    }

    const targets = [
      [`browser: Qalb ${o.workers} Workers / DuckDB-WASM read+RFM+country`, ratio(tn, duckWork), "<=", 1.0],
      [`browser: Qalb 1 Worker / Qalb ${o.workers} Workers`, ratio(t1, tn), ">=", 1.6],
      [`browser: renderer peak Qalb ${o.workers} Workers / DuckDB-WASM`, ratio(qn.peak, duck.peak), "<=", 0.6],
      ["native: qalb bench / naive encoding/csv", ratio(native.secs, naive.secs), "<=", 0.5],
      ["native: peak RSS / file size", ratio(native.peakMB * 1e6, size), "<=", 1.0],
      ["startup: engine ready / DuckDB-WASM init", ratio(qn.ready.readyMs, duck.initMs), "<=", 1.0],
    ];
    console.log("\nRatios (issue 22's targets, same run)");
    targets[3][0] += ` (CPU time: ${x(ratio(native.cpuSecs, naive.cpuSecs))})`;
    for (const [i, [label, v, op, t]] of targets.entries()) {
      // With one part in both runs their ratio is noise, not a speed-up.
      const judged = i === 1 && usedN < 2 ? `not measured: the ${o.workers}-Worker run used 1 part` : verdict(v, op, t);
      console.log(`  ${pad(label, 62)} ${pad(x(v), 8)} target ${op === "<=" ? "≤" : "≥"} ${t.toFixed(1)}×  ${judged}`);
    }
    const abs = [
      ['startup: "Try the demo" click → overview tiles', demo.demoMs / 1000, "<=", 1.0, "s"],
      [`startup: the same, pointer on the button ${DEMO_POINTER_MS} ms before the click`, demo.pointerMs / 1000, "<=", 1.0, "s"],
      ['main thread: longest task, click → overview tiles', Math.max(demo.demoLongest, demo.pointerLongest), "<", 100, "ms"],
      [`main thread: longest task, Qalb ${o.workers} Workers`, Math.max(qn.longest, 0), "<", 100, "ms"],
    ];
    for (const [label, v, op, t, unit] of abs) {
      const shown = unit === "s" ? v.toFixed(2) + " s" : v > 0 ? v.toFixed(0) + " ms" : "< 50 ms";
      const ok = op === "<" ? (v < t ? "met" : "not met") : verdict(v, op, t);
      console.log(`  ${pad(label, 62)} ${pad(shown, 8)} target ${op === "<=" ? "≤" : "<"} ${t} ${unit}  ${ok}`);
    }

    const s = serialFraction(t1, tn, usedN);
    console.log("\nProjection (Amdahl's law, NOT measured)");
    if (Number.isNaN(s)) {
      console.log(`  not possible: the ${o.workers}-Worker run used ${usedN} part (this engine reads with one Worker).`);
    } else {
      console.log(`  serial fraction s = (N·T_N/T_1 − 1)/(N − 1) = ${s.toFixed(3)} from T_1 = ${s2(t1)}, T_${usedN} = ${s2(tn)}`);
      for (const p of [4, 8, 16]) {
        const tp = amdahlTime(t1, s, p);
        console.log(`  ${String(p).padStart(2)} cores: ${s2(tp)} (${x(t1 / tp)} of 1 Worker, ${x(ratio(tp, duckWork))} DuckDB-WASM's read+RFM+country here)`);
      }
    }
    console.log(`\n  native: ${native.line}\n  naive:  ${naive.line}`);
  } finally {
    if (server) server.proc.kill("SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e.stack || String(e));
    process.exit(1);
  },
);
