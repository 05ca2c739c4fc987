// The order of events on the way from "Try the demo" to the Overview, in
// headless Chromium on the built site (site/dist) served by `qalb serve`:
//
//   scripts/site-build.sh && node --test site/e2e/demo.test.mjs
//
// Order, not time (timings are the benchmark's: scripts/startup-timing.mjs
// and `make bench`): a pointer over the button fetches the demo's files and
// starts their analysis before the click, which takes that run over; the
// Overview's tiles are drawn from the engine's early "overview" message,
// before its result, with no chart and no request; Vega is fetched only
// after the result. Without a pointer (a script's click) the files are
// fetched on the click, in the same order after it.
// Environment: QALB_DIST, CHROMIUM, QALB_BIN as in app.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { launchOptions, startServer } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.resolve(ROOT, process.env.QALB_DIST || "site/dist");
const TIMEOUT = 180_000; // an analysis in wasm on a busy 2-core machine
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-e2e-demo-"));

let server;
let base;
let bin; // the qalb CLI
let demoFiles; // the names demo/index.json lists

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  bin = process.env.QALB_BIN || path.join(ROOT, "bin/qalb");
  if (!fs.existsSync(bin)) {
    bin = path.join(TMP, "qalb");
    execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  }
  ({ proc: server, url: base } = await startServer(bin, DIST, ["-no-share"]));
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  demoFiles = index.files.map((f) => f.name);
  assert.ok(demoFiles.length > 0, "demo/index.json lists no files");
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

// Runs in the page before its scripts: one log, in the order things
// happened, of the page's requests (sent), what it posts to the engine
// Worker and what the Worker answers, the page shown, the Overview's tiles
// and the first chart drawn.
function instrument() {
  const log = (window.__demoLog = []);
  const add = (kind, what, extra) => log.push({ kind, what, ...extra });
  const nativeFetch = window.fetch;
  window.fetch = function (input, init) {
    add("request", new URL(typeof input === "string" ? input : input.url, location.href).pathname);
    return nativeFetch.call(this, input, init);
  };
  // Scripts the page adds later (Vega) are requests too.
  new MutationObserver((list) => {
    for (const m of list)
      for (const n of m.addedNodes) if (n.tagName === "SCRIPT" && n.src) add("request", new URL(n.src).pathname);
  }).observe(document, { childList: true, subtree: true });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const d = e.data || {};
        if (d.type === "progress") {
          if (d.stage === "analyse" && !log.some((x) => x.what === "progress analyse")) add("worker", "progress analyse");
          return;
        }
        add("worker", d.type);
      });
    }
    postMessage(msg, ...rest) {
      if (msg && msg.type) add("post", msg.type, { files: msg.files ? msg.files.length : 0 });
      return super.postMessage(msg, ...rest);
    }
  };
  new MutationObserver(() => {
    const app = document.querySelector(".app[data-page]");
    if (!app) return;
    const page = app.getAttribute("data-page");
    if (!log.some((x) => x.kind === "page" && x.what === page)) add("page", page);
    if (!log.some((x) => x.what === "tiles") && document.querySelector("[data-testid=overview] [data-testid^=kpi-]")) {
      add("tiles", "tiles", {
        busy: app.hasAttribute("data-busy"),
        early: !!document.querySelector("[data-testid=overview-early]"),
        charts: [...document.querySelectorAll("qalb-chart")].filter((c) => c.getAttribute("data-spec")).length,
      });
    }
    if (!log.some((x) => x.what === "chart") && document.querySelector("qalb-chart svg")) add("chart", "chart");
  }).observe(document, { attributes: true, childList: true, subtree: true });
}

async function open(t) {
  const browser = await chromium.launch(launchOptions());
  t.after(() => browser.close());
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("console", (m) => m.type() === "error" && problems.push("console error: " + m.text()));
  await page.addInitScript(instrument);
  await page.goto(base);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  await page.waitForSelector("[data-testid=demo]:not([disabled])", { timeout: 60_000 });
  return { page, problems };
}

const at = (log, pred, what) => {
  const i = log.findIndex(pred);
  assert.ok(i >= 0, `${what} never happened: ${JSON.stringify(log.map((x) => x.kind + " " + x.what))}`);
  return i;
};
const isDemoFile = (x, name) => x.kind === "request" && decodeURIComponent(x.what) === "/demo/" + name;
const isVega = (x) => x.kind === "request" && x.what.startsWith("/vendor/vega");

// The order of one demo run, whether it started on the click or before it
// (analyze: where it was posted): analyze → overview → tiles (after the
// click; the page busy, the early note, no chart) → analyses → result →
// Vega → a chart; one analysis, and no request from the analyze to the
// result.
function checkRun(log, analyze, click) {
  assert.equal(log[analyze].files, demoFiles.length, "every demo file is analysed");
  assert.equal(log.filter((x) => x.kind === "post" && x.what === "analyze").length, 1, "one analysis");
  const overview = at(log, (x, i) => i > analyze && x.kind === "worker" && x.what === "overview", "the overview message");
  const tiles = at(log, (x) => x.what === "tiles", "the Overview's tiles");
  assert.ok(tiles > click, "the tiles are drawn after the click");
  const analyses = at(log, (x, i) => i > analyze && x.what === "progress analyse", "the analyses' progress");
  const result = at(log, (x, i) => i > analyze && x.kind === "worker" && x.what === "result", "the result");
  const vega = at(log, isVega, "Vega's request");
  const chart = at(log, (x) => x.what === "chart", "the first chart");
  assert.ok(overview < tiles, "the tiles come from the overview message");
  assert.ok(overview < analyses, "the overview message comes before the analyses");
  if (result > click) {
    // the result came after the click: the tiles were drawn before it
    assert.ok(tiles < result, "the tiles are drawn before the result");
    assert.deepEqual(
      { busy: log[tiles].busy, early: log[tiles].early, charts: log[tiles].charts },
      { busy: true, early: true, charts: 0 },
      "the tiles are the early overview's: the page still busy, no chart yet",
    );
  }
  assert.ok(result < vega && vega < chart, "Vega is fetched after the result, and the charts drawn after it");
  const during = log.slice(analyze, result).filter((x) => x.kind === "request").map((x) => x.what);
  assert.deepEqual(during, [], "requests while the demo is analysed");
}

test("a pointer over the demo button fetches and analyses the files; the click takes the run over: tiles, result, then Vega", { timeout: TIMEOUT }, async (t) => {
  const { page, problems } = await open(t);
  const before = await page.evaluate(() => window.__demoLog.length);
  await page.hover("[data-testid=demo]");
  await page.waitForFunction(
    (names) => names.every((n) => window.__demoLog.some((x) => x.kind === "request" && decodeURIComponent(x.what) === "/demo/" + n)),
    demoFiles,
    { timeout: 60_000 },
  );
  // the fetched files are kept: wait for the responses before clicking
  await page.waitForFunction((n) => performance.getEntriesByType("resource").filter((r) => r.name.includes("/demo/") && r.responseEnd > 0).length >= n, demoFiles.length + 1);
  await page.evaluate(() => window.__demoLog.push({ kind: "click", what: "click" }));
  await page.click("[data-testid=demo]");
  await page.waitForSelector("qalb-chart svg", { timeout: TIMEOUT });
  const log = await page.evaluate(() => window.__demoLog);
  const click = log.findIndex((x) => x.kind === "click");
  for (const name of demoFiles) {
    const i = at(log, (x) => isDemoFile(x, name), `the request for ${name}`);
    assert.ok(i > before && i < click, `${name} is fetched on the pointer's intent, before the click`);
  }
  assert.deepEqual(log.slice(click).filter((x) => x.kind === "request" && x.what.startsWith("/demo/")), [], "no demo file fetched again on the click");
  const lastFile = Math.max(...demoFiles.map((n) => log.findIndex((x) => isDemoFile(x, n))));
  const analyze = at(log, (x, i) => i > lastFile && x.kind === "post" && x.what === "analyze", "the analysis ahead");
  assert.ok(analyze < click, "the analysis starts on the pointer's intent, before the click");
  assert.deepEqual(log.slice(click).filter((x) => x.kind === "post" && x.what !== "query"), [], "the click sends the engine nothing: it takes the run ahead over");
  checkRun(log, analyze, click);
  assert.deepEqual(problems, [], "the page reported problems");
});

test("a click with no pointer before it fetches the files, then shows the overview tiles before the result", { timeout: TIMEOUT }, async (t) => {
  const { page, problems } = await open(t);
  await page.evaluate(() => {
    window.__demoLog.push({ kind: "click", what: "click" });
    document.querySelector("[data-testid=demo]").click(); // no pointer, no focus: nothing fetched before
  });
  await page.waitForSelector("qalb-chart svg", { timeout: TIMEOUT });
  const log = await page.evaluate(() => window.__demoLog);
  const click = log.findIndex((x) => x.kind === "click");
  const analyze = at(log, (x, i) => i > click && x.kind === "post" && x.what === "analyze", "the analyze message");
  for (const name of demoFiles) {
    const i = at(log, (x) => isDemoFile(x, name), `the request for ${name}`);
    assert.ok(i > click && i < analyze, `${name} is fetched after the click, before the analysis`);
  }
  checkRun(log, analyze, click);
  assert.deepEqual(problems, [], "the page reported problems");
});

test("files of the visitor's own, chosen after the pointer started the demo ahead, stop that run; their analysis is the one shown", { timeout: TIMEOUT }, async (t) => {
  const { page, problems } = await open(t);
  await page.hover("[data-testid=demo]");
  await page.waitForFunction(() => window.__demoLog.some((x) => x.kind === "post" && x.what === "analyze"), null, { timeout: 60_000 });
  const own = path.join(DIST, "demo/hubspot_contacts.csv");
  await page.setInputFiles("[data-testid=file-input]", own);
  await page.waitForSelector("[data-testid=file-item]");
  await page.evaluate(() => window.__demoLog.push({ kind: "click", what: "click" }));
  await page.click("[data-testid=analyze]");
  await page.waitForSelector("[data-testid=overview] [data-testid=kpi-customers]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });
  const log = await page.evaluate(() => window.__demoLog);
  const click = log.findIndex((x) => x.kind === "click");
  const ahead = at(log, (x) => x.kind === "post" && x.what === "analyze", "the analysis ahead");
  const cancel = at(log, (x, i) => i > ahead && x.kind === "post" && x.what === "cancel", "the cancel of the run ahead");
  assert.ok(ahead < cancel && cancel < click, "the run ahead is stopped when the visitor's files are chosen");
  const mine = at(log, (x, i) => i > click && x.kind === "post" && x.what === "analyze", "the visitor's analysis");
  assert.equal(log[mine].files, 1, "the visitor's one file is analysed");
  assert.ok(at(log, (x) => x.what === "tiles", "the tiles") > click, "no overview of the run ahead was shown");
  const out = path.join(TMP, "own.json");
  execFileSync(bin, ["analyze", "-q", "-o", out, own]);
  const cli = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.equal(Number(await page.getAttribute("[data-testid=kpi-customers]", "data-value")), cli.customers.total, "the overview is the visitor's file's, as the CLI says");
  assert.deepEqual(problems, [], "the page reported problems");
});
