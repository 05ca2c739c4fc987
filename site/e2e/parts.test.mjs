// Browser test of the parallel read (docs/protocol.md, analyze's parts): a
// large CSV read by the engine Worker and its part Workers gives the report
// one Worker gives, byte for byte, and the CLI's (the part Worker also
// fits some of the currencies' lifetime-value models and of the clusters'
// candidate k's); cancel during a parallel
// read answers cancelled and leaves the Workers working.
//
//   node --test site/e2e/parts.test.mjs
//
// Needs what worker.test.mjs needs, and a browser with 2 or more cores
// (navigator.hardwareConcurrency). Environment: QALB_DIST, QALB_BIN, CHROMIUM.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { launchOptions, stageSite, startServer } from "./harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let tmp, server, browser, page, bin, csv;
const requests = [];
const consoleLines = [];

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], ...opts });
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-parts-"));
  let dist = process.env.QALB_DIST || path.join(root, "site/dist");
  if (!fs.existsSync(path.join(dist, "worker.js"))) {
    dist = path.join(tmp, "dist");
    run("bash", ["scripts/site-build.sh"], { env: { ...process.env, QALB_DIST: dist, QALB_SKIP_UI: "1" }, stdio: "inherit" });
  }
  const stage = stageSite(root, dist, path.join(tmp, "site"));
  bin = process.env.QALB_BIN || path.join(root, "bin/qalb");
  if (!fs.existsSync(bin)) {
    bin = path.join(tmp, "qalb");
    run("go", ["build", "-o", bin, "./cmd/qalb"], { stdio: "inherit" });
  }
  // 400k narrow orders, about 46 MB: two parts of more than 16 MB each.
  const gen = path.join(tmp, "gen");
  run("go", ["run", "./fixtures/gen", "-rows", "400000", "-kind", "narrow", "-out", gen], { stdio: "inherit" });
  csv = path.join(gen, fs.readdirSync(gen).find((f) => f.endsWith(".csv")));
  assert.ok(fs.statSync(csv).size > 32 << 20, `${csv} is too small for two parts`);

  server = await startServer(bin, stage, ["-no-share"]);
  browser = await chromium.launch(launchOptions());
  const context = await browser.newContext();
  page = await context.newPage();
  const onConsole = (where) => (msg) => consoleLines.push(`${where} ${msg.type()}: ${msg.text()}`);
  page.on("console", onConsole("page"));
  page.on("worker", (w) => w.on("console", onConsole("worker")));
  page.on("pageerror", (err) => consoleLines.push(`page error: ${err.message}`));
  context.on("request", (r) => requests.push({ url: r.url(), at: Date.now() }));
  await page.goto(server.url + "worker.html");
  const ready = await page.evaluate(() => window.qalbTest.start());
  assert.equal(ready.type, "ready");
  await page.setInputFiles("#file", csv);
  // The part Workers start with the engine: wait until they have fetched
  // what they need (worker.js, reader.js) before any analysis.
  await page.waitForTimeout(2000);
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.proc.kill("SIGTERM");
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const requestsBetween = (a, b) => requests.filter((r) => r.at >= a && r.at <= b).map((r) => r.url);
const analyze = (options) =>
  page.evaluate((options) => window.qalbTest.analyze(window.qalbTest.pickedFiles(), options), options);

test("two Workers read a large CSV into the report one Worker and the CLI give", { timeout: 600000 }, async () => {
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.ok(cores >= 2, `the browser has ${cores} core(s): nothing to read in parallel`);
  const t0 = Date.now();
  const one = await analyze({ parts: 1, keepReport: true });
  assert.equal(one.type, "result", JSON.stringify({ ...one, report: undefined }));
  assert.equal(one.parts, 1);
  const two = await analyze({ parts: 2, keepReport: true });
  assert.equal(two.type, "result", JSON.stringify({ ...two, report: undefined }));
  assert.equal(two.parts, 2, "the file was read in two parts");
  assert.equal(one.tasks, 0, "one Worker fits every model itself");
  assert.ok(two.tasks > 0, "the part Worker fitted some of the currencies' models");
  // and some of the clusters' candidate k's (their report is the CLI's below)
  assert.ok(two.taskKinds["kmeans-k"] > 0, JSON.stringify(two.taskKinds));
  assert.ok(JSON.parse(two.report).segments.clusters.tried.length >= 2, "clusters chosen among several k");
  assert.deepEqual(requestsBetween(t0, Date.now()), [], "no network request during the analyses");
  assert.equal(two.rows.read, 400000);
  assert.ok(two.report === one.report, "the report of two Workers is byte for byte the report of one");
  // progress counted both parts: the last read progress is the whole file
  const out = path.join(tmp, "cli.json");
  run(bin, ["analyze", "-q", "-o", out, csv]);
  assert.deepEqual(JSON.parse(two.report), JSON.parse(fs.readFileSync(out, "utf8")), "the browser's report is the CLI's");
  console.error(`# ${path.basename(csv)}: one Worker ${one.wallMs.toFixed(0)} ms (read ${one.readMs.toFixed(0)} ms), ` +
    `two ${two.wallMs.toFixed(0)} ms (read ${two.readMs.toFixed(0)} ms)`);
});

test("cancel during a parallel read answers cancelled; the next analysis works", { timeout: 600000 }, async () => {
  const t0 = Date.now();
  const cancelled = await analyze({ parts: 2, cancelAfterProgress: true });
  assert.equal(cancelled.type, "cancelled", JSON.stringify(cancelled));
  assert.ok(cancelled.cancelLatencyMs < 2000, `cancel took ${cancelled.cancelLatencyMs} ms`);
  const next = await analyze({ keepReport: true });
  assert.equal(next.type, "result", JSON.stringify({ ...next, report: undefined }));
  assert.equal(next.rows.read, 400000);
  // Once the cancelled part Worker has answered, it reads again.
  await page.waitForTimeout(1000);
  const again = await analyze({ parts: 2, keepReport: true });
  assert.equal(again.parts, 2);
  assert.ok(again.report === next.report, "the same report after a cancel");
  assert.deepEqual(requestsBetween(t0, Date.now()), [], "no network request during the analyses");
  const stray = await page.evaluate(() => window.qalbTest.stray.filter((m) => m.type !== "progress"));
  assert.deepEqual(stray, [], "nothing arrives after cancelled");
});

test("a wide Shopify export read in two parts: role-less columns' counts and estimates as one Worker and the CLI give", { timeout: 600000 }, async () => {
  // 95k rows of about 60 columns, most without a role, about 37 MB: two parts.
  const gen = path.join(tmp, "gen-wide");
  run("go", ["run", "./fixtures/gen", "-rows", "95000", "-kind", "orders", "-out", gen], { stdio: "inherit" });
  const wide = path.join(gen, fs.readdirSync(gen).find((f) => f.endsWith(".csv")));
  assert.ok(fs.statSync(wide).size > 32 << 20, `${wide} is too small for two parts`);
  await page.setInputFiles("#file", wide);
  const one = await analyze({ parts: 1, keepReport: true });
  assert.equal(one.type, "result", JSON.stringify({ ...one, report: undefined }));
  const two = await analyze({ parts: 2, keepReport: true });
  assert.equal(two.type, "result", JSON.stringify({ ...two, report: undefined }));
  assert.equal(two.parts, 2, "the file was read in two parts");
  assert.ok(two.report === one.report, "the report of two Workers is byte for byte the report of one");
  const out = path.join(tmp, "cli-wide.json");
  run(bin, ["analyze", "-q", "-o", out, wide]);
  // The whole report: on this file the lifetime-value fits once differed
  // in their last digits between wasm and native (BG/NBD's no-dropout
  // ridge; engine/predict TestNoDropoutFitIsOnePoint).
  assert.deepEqual(JSON.parse(two.report), JSON.parse(fs.readFileSync(out, "utf8")), "the browser's report is the CLI's");
  const cols = JSON.parse(two.report).sources[0].columns;
  const id = cols.find((c) => c.name === "Id");
  assert.equal(id.role, "ignore");
  assert.ok(id.distinctEstimated && id.distinctError === 0.0081 && id.distinct > 8192, JSON.stringify(id));
  const vendor = cols.find((c) => c.name === "Vendor");
  assert.ok(!vendor.distinctEstimated && vendor.distinct > 0 && vendor.examples.length > 0, JSON.stringify(vendor));
});

test("no error in the console", () => {
  const bad = consoleLines.filter((l) => /Content Security Policy|Refused to|error/i.test(l));
  assert.deepEqual(bad, []);
});
