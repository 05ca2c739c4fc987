// Browser tests of the Qalb interface: the real site (site/dist, built by
// scripts/site-build.sh) served by `qalb serve` with its Content-Security-
// Policy, the real engine in its Web Worker, headless Debian Chromium.
//
//   scripts/site-build.sh && node --test site/e2e/
//
// Every test fails on a console error, an uncaught page error, a CSP
// violation, a JavaScript dialog, or a request to another origin.
// Environment: QALB_DIST (default site/dist), CHROMIUM (default
// /usr/bin/chromium), QALB_BIN (a prebuilt qalb; default bin/qalb if
// present, else one built from ./cmd/qalb into a temporary directory).

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.resolve(ROOT, process.env.QALB_DIST || "site/dist");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = path.join(ROOT, "site/e2e/screenshots");
const DOC_SHOTS = path.join(ROOT, "docs/screenshots");
const TIMEOUT = 180_000; // an analysis in wasm on a busy 2-core machine
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-e2e-"));

let server; // the qalb serve child process
let baseURL;
let qalbCmd; // [command, ...args] to run the CLI
let demo; // { files: [{name, file}], report } — the demo and the CLI's report of it

// ---------- server and CLI ----------

function cli() {
  const bin = process.env.QALB_BIN || path.join(ROOT, "bin/qalb");
  if (fs.existsSync(bin)) return [bin];
  // build once: faster than `go run` for every call
  const out = path.join(TMP, "qalb");
  execFileSync("go", ["build", "-o", out, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  return [out];
}

function startServer() {
  return new Promise((resolve, reject) => {
    const [cmd, ...args] = qalbCmd;
    const child = spawn(cmd, [...args, "serve", "-addr", "127.0.0.1:0", "-dir", DIST, "-no-share"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error("qalb serve did not start:\n" + out)), 60_000);
    const onData = (b) => {
      out += b;
      const m = out.match(/https?:\/\/127\.0\.0\.1:\d+\/?/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[0].endsWith("/") ? m[0] : m[0] + "/" });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`qalb serve exited (${code}):\n${out}`)));
  });
}

function analyzeWithCLI(files) {
  const out = path.join(TMP, `report-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  try {
    execFileSync(qalbCmd[0], [...qalbCmd.slice(1), "analyze", "-o", out, ...files], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  } catch (err) {
    throw new Error(`qalb analyze failed: ${err.message}\n${err.stderr || ""}`);
  }
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
  qalbCmd = cli();
  ({ child: server, url: baseURL } = await startServer());
  // The demo as the page loads it (demo/index.json), and the CLI's report
  // of exactly those files: one engine, two hosts, the same numbers.
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  const files = (index.files || []).map((f) => ({ name: f.name, file: path.join(DIST, f.path) }));
  assert.ok(files.length > 0, "demo/index.json lists no files (fixtures/demo is empty?)");
  demo = { files, report: analyzeWithCLI(files.map((f) => f.file)) };
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

// ---------- browser ----------

// open starts a fresh Chromium (own profile) on the site and watches it.
async function open(t, { viewport = { width: 1440, height: 900 } } = {}) {
  const profile = fs.mkdtempSync(path.join(TMP, "profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  const requests = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (m) => {
    if (m.type() === "error") problems.push("console error: " + m.text());
  });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  context.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog opened (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  context.on("request", (r) => {
    requests.push({ url: r.url(), at: Date.now() });
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push("request to another origin: " + r.url());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
    // when each page of the app was shown (the overview appears on the result)
    window.__qalbPages = [];
    new MutationObserver((list) => {
      for (const m of list) {
        const p = m.target.getAttribute && m.target.getAttribute("data-page");
        if (p && m.target.classList.contains("app")) window.__qalbPages.push({ page: p, at: Date.now() });
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-page"] });
    // the engine's messages, in order (boot.js creates the Worker), and the
    // overview's figures as first drawn while the analysis still ran
    window.__qalbMsgs = [];
    window.__qalbEarly = null;
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(...args) {
        super(...args);
        this.addEventListener("message", (e) => {
          if (e.data && e.data.type !== "progress") window.__qalbMsgs.push({ type: e.data.type, id: e.data.id });
        });
      }
    };
    new MutationObserver(() => {
      const early = document.querySelector("[data-testid=overview-early]");
      if (!early || window.__qalbEarly) return;
      const kpis = {};
      for (const el of document.querySelectorAll("[data-testid^=kpi-]")) kpis[el.getAttribute("data-testid")] = el.getAttribute("data-value");
      window.__qalbEarly = { kpis, busy: !!document.querySelector(".app[data-busy]"), msgs: window.__qalbMsgs.map((m) => m.type) };
    }).observe(document, { childList: true, subtree: true });
  });
  t.after(async () => {
    await context.close();
  });
  await page.goto(baseURL);
  await page.waitForSelector("[data-testid=landing]", { timeout: 60_000 });
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  return {
    page,
    requests,
    check() {
      assert.deepEqual(problems, [], "the page reported problems");
    },
  };
}

// waitForOverview waits for the result of an analysis and returns when the
// overview was shown (browser clock, ms since the epoch).
async function waitForOverview(page, since = 0) {
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });
  const at = await page.evaluate((t) => (window.__qalbPages.find((p) => p.page === "overview" && p.at >= t) || {}).at, since);
  return at || Date.now();
}

async function chartsDrawn(page) {
  await page.waitForFunction(
    () => [...document.querySelectorAll("qalb-chart")].every((c) => c.querySelector("svg")),
    null,
    { timeout: 30_000 },
  );
}

const attr = (page, sel, name) => page.getAttribute(sel, name, { timeout: 10_000 });

async function overviewNumbers(page) {
  const num = async (id) => attr(page, `[data-testid=kpi-${id}]`, "data-value");
  const revenue = {};
  for (const el of await page.$$("[data-testid^=kpi-revenue-]")) {
    const id = await el.getAttribute("data-testid");
    revenue[id.slice("kpi-revenue-".length)] = Number(await el.getAttribute("data-value"));
  }
  return {
    customers: Number(await num("customers")),
    orders: (await page.$("[data-testid=kpi-orders]")) ? Number(await num("orders")) : 0,
    revenue,
    period: await num("period"),
  };
}

function reportNumbers(r) {
  const revenue = {};
  for (const m of r.orders.revenue || []) revenue[m.currency] = m.amount;
  return { customers: r.customers.total, orders: r.orders.orders, revenue, period: `${r.period.from || ""}/${r.period.to || ""}` };
}

function sameNumbers(actual, expected) {
  assert.equal(actual.customers, expected.customers, "customers");
  assert.equal(actual.orders, expected.orders, "orders");
  assert.deepEqual(Object.keys(actual.revenue).sort(), Object.keys(expected.revenue).sort(), "currencies");
  for (const [cur, amount] of Object.entries(expected.revenue)) {
    assert.ok(Math.abs(actual.revenue[cur] - amount) < 1e-6 * Math.max(1, Math.abs(amount)), `revenue ${cur}: ${actual.revenue[cur]} ≠ ${amount}`);
  }
  assert.equal(actual.period, expected.period, "period");
}

async function chooseFiles(page, files) {
  await page.setInputFiles("[data-testid=file-input]", files);
}

// a tiny CSV reader (quotes, doubled quotes, CRLF) for picking test values
function parseCSV(text) {
  const rows = [];
  let row = [], field = "", q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field.replace(/\r$/, "")); rows.push(row); row = []; field = ""; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// ---------- tests ----------

test("the overview is shown from the early message, before the result, with the final numbers", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, requests, check } = await open(t);
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=progress]", { timeout: 60_000 });
  const demoFetched = Date.now();
  const done = await waitForOverview(page, demoFetched);
  const early = await page.evaluate(() => window.__qalbEarly);
  const msgs = await page.evaluate(() => window.__qalbMsgs.map((m) => m.type));
  assert.ok(early, "the overview was drawn while the analysis ran (no early overview seen)");
  assert.equal(early.busy, true, "the early overview was drawn while the page was busy");
  assert.ok(early.msgs.includes("overview") && !early.msgs.includes("result"), `drawn after the overview message and before the result: ${early.msgs}`);
  const oi = msgs.indexOf("overview"), ri = msgs.indexOf("result");
  assert.ok(oi >= 0 && ri > oi, `the overview message came before the result: ${msgs}`);
  assert.equal(msgs.filter((m) => m === "overview").length, 1, "one overview message");
  // the early figures are the CLI's, and the ones shown at the end
  const num = (id) => Number(early.kpis["kpi-" + id]);
  const revenue = {};
  for (const [k, v] of Object.entries(early.kpis)) if (k.startsWith("kpi-revenue-")) revenue[k.slice("kpi-revenue-".length)] = Number(v);
  const earlyNumbers = { customers: num("customers"), orders: early.kpis["kpi-orders"] ? num("orders") : 0, revenue, period: early.kpis["kpi-period"] };
  sameNumbers(earlyNumbers, reportNumbers(demo.report));
  const finalNumbers = await overviewNumbers(page);
  sameNumbers(finalNumbers, earlyNumbers);
  assert.equal(await page.$("[data-testid=overview-early]"), null, "the early note is gone after the result");
  assert.deepEqual(requests.filter((r) => r.at > demoFetched + 50 && r.at < done).map((r) => r.url), [], "requests during the analysis");
  check();
});

test("the demo loads and the overview shows the CLI's numbers", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, requests, check } = await open(t);
  assert.match(await page.textContent("[data-testid=privacy]"), /Nothing is uploaded/);
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=progress], [data-testid=overview]", { timeout: TIMEOUT });
  const demoFetched = Date.now();
  const done = await waitForOverview(page, demoFetched);
  sameNumbers(await overviewNumbers(page), reportNumbers(demo.report));
  // the demo files were fetched before the analysis; nothing after, until the result
  const late = requests.filter((r) => r.at > demoFetched + 50 && r.at < done && !r.url.startsWith("data:"));
  assert.deepEqual(late.map((r) => r.url), [], "requests during the analysis");
  for (const f of demo.files) {
    assert.ok(requests.some((r) => decodeURIComponent(new URL(r.url).pathname).endsWith("/" + f.name)), `demo file ${f.name} fetched`);
  }
  await chartsDrawn(page);
  // every chart: an aria-label, SVG and PNG downloads, a table alternative
  for (const chart of await page.$$("[data-testid^=chart-]")) {
    assert.ok(await chart.$eval("qalb-chart", (c) => c.getAttribute("aria-label").length > 10));
    assert.ok(await chart.$("a[download$='.svg']"), "SVG download");
    assert.ok(await chart.$("a[download$='.png']"), "PNG download");
    assert.ok((await chart.$$("details table tbody tr")).length > 0, "table alternative");
  }
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, "overview-en-full.png"), fullPage: true });
  check();
});

test("uploaded files are recognised; a mapping change re-runs the analysis", { timeout: TIMEOUT * 3 }, async (t) => {
  const { page, requests, check } = await open(t);
  const files = demo.files.map((f) => f.file);
  // one file first, the rest added later
  await chooseFiles(page, files.slice(0, 1));
  await chooseFiles(page, files.slice(1));
  assert.equal((await page.$$("[data-testid=file-item]")).length, files.length);
  const pressed = Date.now();
  await page.click("[data-testid=analyze]");
  const done = await waitForOverview(page, pressed);
  assert.deepEqual(requests.filter((r) => r.at >= pressed && r.at <= done).map((r) => r.url), [], "no request between Analyse and the result");
  sameNumbers(await overviewNumbers(page), reportNumbers(demo.report));

  await page.click("[data-testid=nav-sources]");
  await page.waitForSelector("[data-testid=sources]");
  for (const s of demo.report.sources) {
    const sel = `[data-testid=source][data-file="${s.file}"]`;
    assert.equal(await attr(page, sel, "data-kind"), s.kind, `kind of ${s.file}`);
    if (s.export) assert.equal(await page.textContent(`${sel} [data-testid=source-export]`), s.export);
  }

  // Ignore the amount column of the orders file (or else the email column of
  // any file) and re-run: the numbers change.
  const src = demo.report.sources.find((s) => s.kind === "orders" && s.columns.some((c) => c.role === "amount")) ||
    demo.report.sources.find((s) => s.columns.some((c) => c.role === "email"));
  assert.ok(src, "a source with an amount or email column");
  const col = src.columns.find((c) => c.role === "amount") || src.columns.find((c) => c.role === "email");
  const before = await overviewNumbersAfterNav(page);
  const row = `[data-testid=source][data-file="${src.file}"] [data-testid=column-row][data-column="${col.name}"]`;
  await page.selectOption(`${row} [data-testid=role-select]`, "ignore");
  await page.click("[data-testid=rerun]");
  await waitForOverview(page);
  const after = await overviewNumbers(page);
  assert.notDeepEqual(after, before, "the re-run changed the overview");
  await page.click("[data-testid=nav-sources]");
  await page.waitForSelector(`${row} [data-testid=role-select]`);
  assert.equal(await page.$eval(`${row} [data-testid=role-select]`, (s) => s.value), "ignore");
  check();

  async function overviewNumbersAfterNav(p) {
    await p.click("[data-testid=nav-overview]");
    await p.waitForSelector("[data-testid=overview]");
    const n = await overviewNumbers(p);
    await p.click("[data-testid=nav-sources]");
    await p.waitForSelector("[data-testid=sources]");
    return n;
  }
});

test("customer search finds a known customer; their page shows the timeline", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  // a known customer: the first email of a contacts (else any) file of the demo
  const src = demo.report.sources.find((s) => s.kind === "contacts" && s.columns.some((c) => c.role === "email")) ||
    demo.report.sources.find((s) => s.columns.some((c) => c.role === "email"));
  assert.ok(src, "a demo file with an email column");
  const emailCol = src.columns.find((c) => c.role === "email").name;
  const rows = parseCSV(fs.readFileSync(demo.files.find((f) => f.name === src.file).file, "utf8"));
  const hi = rows[0].indexOf(emailCol);
  const email = rows.slice(1).map((r) => (r[hi] || "").trim()).find((v) => /^[^@\s]+@[^@\s]+$/.test(v));
  assert.ok(email, "an email in " + src.file);

  await page.click("[data-testid=demo]");
  await waitForOverview(page);
  await page.click("[data-testid=nav-customers]");
  await page.waitForSelector("[data-testid=customer-row]", { timeout: 30_000 });
  await page.fill("[data-testid=customer-search]", email.toUpperCase());
  await page.waitForFunction(
    (e) => {
      const r = [...document.querySelectorAll("[data-testid=customer-row]")];
      return r.length > 0 && r.every((x) => x.textContent.toLowerCase().includes(e));
    },
    email.toLowerCase(),
    { timeout: 30_000 },
  );
  assert.match(await page.textContent("[data-testid=page-range]"), /^1–\d+ of \d+$/);
  await page.click("[data-testid=customer-row] a");
  await page.waitForSelector("[data-testid=customer-name]", { timeout: 30_000 });
  assert.match(page.url(), /#\/customer\/\d+$/);
  assert.ok((await page.$$("[data-testid=touchpoint]")).length > 0, "timeline has touchpoints");
  assert.match(await page.textContent("[data-testid=section-identities]"), new RegExp(email.replace(/[.+]/g, "\\$&"), "i"));
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, "customer-en.png"), fullPage: true });
  // back to the list and forward again through the browser history
  await page.goBack();
  await page.waitForSelector("[data-testid=customers]");
  await page.goForward();
  await page.waitForSelector("[data-testid=customer-name]");
  check();
});

test("cancelling an analysis returns to a usable state", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  // a large generated export (about 60 MB)
  const big = path.join(TMP, "big-contacts.csv");
  const fd = fs.openSync(big, "w");
  fs.writeSync(fd, "Customer ID,Email,Name,Country,Signed up\n");
  let chunk = "";
  for (let i = 0; i < 1_000_000; i++) {
    chunk += `C${i},person${i}@example.com,Person ${i},SA,2024-0${(i % 9) + 1}-1${i % 10}\n`;
    if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ""; }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);

  await chooseFiles(page, [big]);
  await page.click("[data-testid=analyze]");
  await page.waitForSelector("[data-testid=progress]", { timeout: 30_000 });
  await page.waitForFunction(() => Number(document.querySelector("[data-testid=progress-bar]")?.getAttribute("value")) > 0, null, { timeout: 60_000 });
  assert.match(await page.textContent("[data-testid=progress-file]"), /big-contacts\.csv/);
  await page.click("[data-testid=cancel]");
  await page.waitForSelector("[data-testid=landing]", { timeout: 60_000 });
  assert.match(await page.textContent("[data-testid=notice]"), /cancelled/);
  // usable: the big file can be removed and a small one analysed
  await page.click("[data-testid=file-item] .icon-button");
  assert.equal((await page.$$("[data-testid=file-item]")).length, 0);
  await chooseFiles(page, demo.files.map((f) => f.file));
  await page.click("[data-testid=analyze]");
  await waitForOverview(page);
  sameNumbers(await overviewNumbers(page), reportNumbers(demo.report));
  check();
});

test("hostile content is shown as text and never runs", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  const payloads = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=2\">",
    "\"><svg onload=window.__xss=3>",
    "<iframe src=javascript:window.__xss=4>",
    "=HYPERLINK(\"http://evil.example\",\"x\")",
  ];
  const own = path.join(TMP, "hostile.csv");
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  fs.writeFileSync(own, [
    `Email,Name,Company,City,${q("Comment <b>header</b>")}`,
    ...payloads.map((p, i) => [`h${i}@example.com`, q(p), q(p), q(p), q(p)].join(",")),
  ].join("\n") + "\n");
  const files = [own];
  const hostileDir = path.join(ROOT, "fixtures/hostile");
  if (fs.existsSync(hostileDir)) {
    for (const f of fs.readdirSync(hostileDir)) {
      if (/\.(csv|json|ndjson|tsv|txt)$/.test(f)) files.push(path.join(hostileDir, f));
    }
  }
  await chooseFiles(page, files);
  await page.click("[data-testid=analyze]");
  await waitForOverview(page);
  for (const nav of ["customers", "sources", "quality", "overview"]) {
    await page.click(`[data-testid=nav-${nav}]`);
    await page.waitForSelector(`[data-testid=${nav}]`);
    await page.waitForTimeout(300);
  }
  await page.click("[data-testid=nav-customers]");
  await page.fill("[data-testid=customer-search]", "h1@example.com");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=customer-row]").length === 1, null, { timeout: 30_000 });
  const listText = await page.textContent("[data-testid=customers-table]");
  assert.ok(listText.includes(payloads[1]), "the payload is shown literally in the list");
  await page.click("[data-testid=customer-row] a");
  await page.waitForSelector("[data-testid=customer-name]");
  assert.equal(await page.textContent("[data-testid=customer-name]"), payloads[1]);
  await page.click("[data-testid=nav-sources]");
  await page.waitForSelector("[data-testid=sources]");
  assert.ok((await page.textContent("[data-testid=sources]")).includes("Comment <b>header</b>"), "a hostile header shows literally");

  assert.equal(await page.evaluate(() => window.__xss), undefined, "no payload ran");
  assert.equal(await page.$$eval("img[src=x], iframe, #app script, svg[onload]", (els) => els.length), 0, "no element was injected");

  // What the engine says about the broken files is said in Arabic too.
  if (files.length > 1) {
    await page.click("[data-testid=lang-switch]");
    await page.waitForFunction(() => document.documentElement.dir === "rtl");
    const sources = await page.textContent("[data-testid=sources]");
    for (const ar of ["الملف فارغ", "هذا ليس ملفًا نصيًا", "في الملف ترويسة بلا صفوف", "تنقص علامة اقتباس"]) {
      assert.ok(sources.includes(ar), `the Sources page says «${ar}»`);
    }
    for (const en of ["the file is empty", "this is not a text file", "the file has a header but no rows", "a quote is probably missing"]) {
      assert.ok(!sources.includes(en), `no English «${en}» in Arabic`);
    }
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "sources-hostile-ar.png"), fullPage: true });
    await page.click("[data-testid=lang-switch]");
    await page.waitForFunction(() => document.documentElement.dir === "ltr");
  }
  check();
});

test("Arabic: right-to-left layout, localised numbers, screenshots", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  await page.click("[data-testid=demo]");
  await waitForOverview(page);
  await chartsDrawn(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(DOC_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(DOC_SHOTS, "overview-en.png") });
  await page.screenshot({ path: path.join(SHOTS, "overview-en.png") });

  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "ar");
  assert.equal(await page.evaluate(() => localStorage.getItem("qalb.lang")), "ar");
  assert.equal((await page.textContent("[data-testid=nav-overview]")).trim(), "نظرة عامة");
  // Arabic-Indic digits, the same number
  const shown = await page.textContent("[data-testid=kpi-customers] .kpi-value");
  const western = shown.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)).replace(/٬/g, "");
  assert.equal(Number(western), demo.report.customers.total);
  assert.match(shown, /^[٠-٩٬]+$/);
  await page.waitForTimeout(300);
  await chartsDrawn(page);
  // the sidebar is on the right
  const nav = await page.$eval(".sidebar", (e) => e.getBoundingClientRect().left);
  const main = await page.$eval(".content", (e) => e.getBoundingClientRect().left);
  assert.ok(nav > main, "sidebar mirrored to the right");
  await page.screenshot({ path: path.join(DOC_SHOTS, "overview-ar.png") });
  await page.screenshot({ path: path.join(SHOTS, "overview-ar-full.png"), fullPage: true });

  await page.click("[data-testid=nav-customers]");
  await page.waitForSelector("[data-testid=customer-row]", { timeout: 30_000 });
  await page.click("[data-testid=customer-row] a");
  await page.waitForSelector("[data-testid=customer-name]", { timeout: 30_000 });
  await page.screenshot({ path: path.join(SHOTS, "customer-ar.png"), fullPage: true });
  for (const p of ["sources", "quality"]) {
    await page.click(`[data-testid=nav-${p}]`);
    await page.waitForSelector(`[data-testid=${p}]`);
    await page.screenshot({ path: path.join(SHOTS, `${p}-ar.png`), fullPage: true });
  }

  // the choice is remembered
  await page.reload();
  await page.waitForSelector("[data-testid=landing]");
  assert.equal(await page.evaluate(() => document.documentElement.dir), "rtl");
  check();
});

test("the landing page is drawn before the interface's wasm runs, in the user's language, then taken over", { timeout: TIMEOUT }, async (t) => {
  for (const [locale, heading, dir] of [["en-GB", "Understand your customers", "ltr"], ["ar-EG", "افهم عملاءك", "rtl"]]) {
    const profile = fs.mkdtempSync(path.join(TMP, "profile-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, locale,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    t.after(() => context.close());
    const page = context.pages()[0] || (await context.newPage());
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(e.message));
    // hold the interface's wasm back until the pre-rendered page has been looked at
    let release;
    const held = new Promise((r) => (release = r));
    await page.route(/\/app\.[0-9a-f]+\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(baseURL, { waitUntil: "domcontentloaded" });
    await page.waitForSelector("[data-testid=landing]", { state: "visible", timeout: 10_000 });
    assert.equal(await page.getAttribute("html", "dir"), dir, `${locale}: dir before the wasm`);
    assert.match(await page.textContent("h1"), new RegExp(heading), `${locale}: pre-rendered heading`);
    assert.equal(await page.$$eval(".app[inert][data-prerendered]", (els) => els.length), 1, `${locale}: inert until taken over`);
    const before = await page.textContent(".app");
    release();
    await page.waitForSelector(".app:not([data-prerendered]):not([inert])", { timeout: 60_000 });
    assert.equal(await page.$$eval("#app, [data-prerendered]", (els) => els.length), 0, "the wasm's first render drops the pre-render's attributes");
    assert.equal(await page.textContent(".app"), before, `${locale}: the interface renders the same page it was pre-rendered as`);
    assert.equal(await page.getAttribute("html", "dir"), dir, `${locale}: dir after the wasm`);
    await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
    await page.click("[data-testid=demo]");
    await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
    assert.deepEqual(errors, [], `${locale}: console errors`);
  }
});
