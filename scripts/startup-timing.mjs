// Where the time goes from opening Qalb to the demo's Overview, in headless
// Chromium on the built site (site/dist) served by `qalb serve`:
//
//   node scripts/startup-timing.mjs [--dist site/dist] [--qalb bin/qalb] [--runs 2] [--file F] [--pointer MS] [--queries]
//
// Per run, in a fresh browser, milliseconds since navigation start:
//   ui        the interface (app.wasm) has drawn its first page
//   ready     the engine Worker posted "ready"
// then, from the click on "Try the demo" (or from choosing --file F):
//   fetched   the demo files have arrived (last response end)
//   posted    the analyze message went to the engine Worker
// (with --pointer MS the pointer rests on the button MS before the click,
// as a person's does: the page fetches and analyses the demo from then on,
// so these two are negative)
//   overview  the worker's early "overview" message, and the Overview page shown
//   result    the whole report arrived, and the page is no longer busy
// and the longest main-thread task of the run (PerformanceObserver longtask);
// with --queries, then the time to show the customers list, its next page
// and one customer, and the long tasks meanwhile.
// Measurements, not a test: the numbers go into reports and `make bench`.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { launchOptions, startServer } from "../site/e2e/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function parseArgs(argv) {
  const o = { dist: path.join(root, "site/dist"), qalb: "", runs: 2, file: "" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dist") o.dist = path.resolve(argv[++i]);
    else if (a === "--qalb") o.qalb = path.resolve(argv[++i]);
    else if (a === "--runs") o.runs = Number(argv[++i]);
    else if (a === "--file") o.file = path.resolve(argv[++i]);
    else if (a === "--queries") o.queries = true;
    else if (a === "--pointer") o.pointer = Number(argv[++i]);
    else throw new Error("unknown argument " + a);
  }
  return o;
}

// Runs in the page before its scripts: timestamps the worker's messages
// (whoever creates the Worker), page changes and long tasks.
function instrument() {
  const t = (window.__qalbT = { msgs: {}, pages: {}, longest: 0, longtasks: [] });
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      if (t.workerAt === undefined) t.workerAt = performance.now();
      const post = this.postMessage;
      this.postMessage = (msg, ...rest) => {
        if (msg && msg.type === "analyze") t.postedAt = performance.now();
        return post.call(this, msg, ...rest);
      };
      this.addEventListener("message", (e) => {
        const type = e.data && e.data.type;
        if (type && type !== "progress") (t.msgs[type] ||= []).push(performance.now());
      });
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      t.longtasks.push({ at: Math.round(e.startTime), ms: Math.round(e.duration) });
      t.longest = Math.max(t.longest, e.duration);
    }
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver(() => {
    const app = document.querySelector(".app[data-page]");
    if (!app) return;
    const p = app.getAttribute("data-page");
    if (!(p in t.pages)) t.pages[p] = performance.now();
    if (t.ui === undefined) t.ui = performance.now();
    if (app.hasAttribute("data-engine-ready") && t.readyShown === undefined) t.readyShown = performance.now();
    if (t.clickAt !== undefined && !app.hasAttribute("data-busy") && p === "overview" && t.idle === undefined) t.idle = performance.now();
  }).observe(document, { attributes: true, childList: true, subtree: true });
}

async function run(base, file, queries, pointer) {
  const browser = await chromium.launch(launchOptions());
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.addInitScript(instrument);
    await page.goto(base);
    await page.waitForSelector(".app[data-engine-ready]", { timeout: 120_000 });
    await page.waitForTimeout(300); // let the page settle, as a person would before clicking
    if (file) {
      await page.evaluate(() => (window.__qalbT.clickAt = performance.now()));
      await page.setInputFiles("[data-testid=file-input]", file);
      await page.evaluate(() => (window.__qalbT.clickAt = performance.now()));
      await page.click("[data-testid=analyze]");
    } else {
      if (pointer > 0) {
        await page.hover("[data-testid=demo]");
        await page.waitForTimeout(pointer);
      }
      await page.evaluate(() => {
        const b = document.querySelector("[data-testid=demo]");
        window.__qalbT.clickAt = performance.now();
        b.click();
      });
    }
    await page.waitForFunction(() => window.__qalbT.idle !== undefined, null, { timeout: 600_000 });
    await page.waitForTimeout(200);
    if (queries) {
      // the session's questions: customers list, its next page, one customer
      const q = {};
      const timed = async (name, act, ready, arg = null) => {
        const t0 = await page.evaluate(() => performance.now());
        await act();
        await page.waitForFunction(ready, arg, { timeout: 120_000 });
        q[name] = Math.round((await page.evaluate(() => performance.now())) - t0);
      };
      await page.evaluate(() => (window.__qalbT.queriesAt = performance.now()));
      await timed("customers", () => page.click("[data-testid=nav-customers]"), () => document.querySelectorAll("[data-testid=customer-row]").length > 0 && !document.querySelector("[aria-busy=true]"));
      const first = await page.getAttribute("[data-testid=customer-row]", "data-id");
      await timed("next page", () => page.click("[data-testid=page-next]"), (id) => {
        const r = document.querySelector("[data-testid=customer-row]");
        return r && r.getAttribute("data-id") !== id;
      }, first);
      await timed("customer", () => page.click("[data-testid=customer-row]"), () => !!document.querySelector("[data-testid=customer-name]"));
      await page.waitForTimeout(300);
      await page.evaluate((q) => (window.__qalbT.queries = q), q);
    }
    const t = await page.evaluate(() => {
      const T = window.__qalbT;
      const res = performance.getEntriesByType("resource");
      const demo = res.filter((r) => r.name.includes("/demo/")).map((r) => r.responseEnd);
      const wasm = Object.fromEntries(res.filter((r) => r.name.endsWith(".wasm")).map((r) => [r.name.replace(/.*\//, "").replace(/\..*/, ""), Math.round(r.responseEnd)]));
      return { ...T, fetchedAt: demo.length ? Math.max(...demo) : undefined, wasm };
    });
    if (errors.length) console.error("page errors:", errors);
    return t;
  } finally {
    await browser.close();
  }
}

const o = parseArgs(process.argv.slice(2));
let bin = o.qalb;
if (!bin) {
  bin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qalb-startup-")), "qalb");
  execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: root, stdio: "inherit" });
}
const { proc, url } = await startServer(bin, o.dist, ["-no-share"]);
try {
  const r = (v) => (v === undefined ? "–" : Math.round(v));
  const how = o.pointer > 0 ? `, the pointer on the button ${o.pointer} ms before the click` : "";
  console.log(`${o.file ? path.basename(o.file) : "demo"}: ms since navigation (ui, ready) and since the click (fetched, posted, overview, result)${how}`);
  console.log("run  ui     ready  | fetched posted overview(msg/page) result(msg/page) | longest task  wasm done (app/engine)");
  for (let i = 1; i <= o.runs; i++) {
    const t = await run(url, o.file, o.queries, o.pointer);
    const c = t.clickAt;
    const since = (v) => (v === undefined ? undefined : v - c);
    const ov = t.msgs.overview ? t.msgs.overview.at(-1) : undefined; // one run; with --pointer it may come before the click (held until it)
    const res = t.msgs.result ? t.msgs.result.at(-1) : undefined;
    console.log(
      `${i}    ${r(t.ui)}   ${r(t.msgs.ready && t.msgs.ready[0])}   | ${r(since(t.fetchedAt))}     ${r(since(t.postedAt))}    ${r(since(ov))}/${r(since(t.pages.overview))}     ${r(since(res))}/${r(since(t.idle))}     | ${r(t.longest)} ms       ${t.wasm.app}/${t.wasm.engine}`,
    );
    const late = t.longtasks.filter((x) => x.at >= c && x.ms >= 100);
    if (late.length) console.log("     long tasks after the click:", late.map((x) => `${x.ms} ms @${Math.round(x.at - c)}`).join(", "));
    if (t.queries) {
      const during = t.longtasks.filter((x) => x.at >= t.queriesAt && x.ms >= 100);
      console.log("     queries (ms until shown):", Object.entries(t.queries).map(([k, v]) => `${k} ${v}`).join(", "),
        "; long tasks meanwhile:", during.length ? during.map((x) => `${x.ms} ms`).join(", ") : "none");
    }
  }
} finally {
  proc.kill();
}
