// The sentiment page on the demo, in headless Chromium: its figures equal
// `qalb analyze` on the same files (one engine, two hosts), the text
// resources are fetched from the site before any analysis (no request while
// analysing), a pain point drills down to its texts and customers through the
// worker, driver words are highlighted as text (hostile text stays text), and
// the page works in Arabic with Arabic-Indic digits.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, startServer } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.resolve(ROOT, process.env.QALB_DIST || "site/dist");
const TIMEOUT = 180_000;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-senti-"));

let server, baseURL, bin, demoFiles, cliReport;

before(async () => {
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing`);
  bin = process.env.QALB_BIN || path.join(ROOT, "bin/qalb");
  if (!fs.existsSync(bin)) {
    bin = path.join(TMP, "qalb");
    execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  }
  for (const f of ["en-lexicon.txt", "en-model.txt", "ar-lexicon.txt", "ar-model.txt", "topics.txt"]) {
    assert.ok(fs.existsSync(path.join(DIST, "text", f)), `site/dist/text/${f} missing: run scripts/site-build.sh`);
  }
  ({ proc: server, url: baseURL } = await startServer(bin, DIST, ["-no-share"]));
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  demoFiles = index.files.map((f) => path.join(DIST, f.path));
  const out = path.join(TMP, "report.json");
  execFileSync(bin, ["analyze", "-o", out, ...demoFiles], { stdio: ["ignore", "ignore", "ignore"] });
  cliReport = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.ok(cliReport.sentiment, "the CLI's report has a sentiment section");
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function open(t, lang) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  t.after(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === "ar" ? "ar-SA" : "en-GB" });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (m) => m.type() === "error" && problems.push("console error: " + m.text()));
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", (d) => {
    problems.push("dialog: " + d.message());
    d.dismiss().catch(() => {});
  });
  context.on("request", (r) => {
    requests.push({ url: r.url(), at: Date.now() });
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push("request to another origin: " + r.url());
  });
  context.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  await page.addInitScript((l) => localStorage.setItem("qalb.lang", l), lang);
  await page.goto(baseURL);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  return { page, requests, problems };
}

async function runDemo(page) {
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });
  await page.click("[data-testid=nav-sentiment]");
  await page.waitForSelector("[data-testid=sentiment]");
}

test("the demo's sentiment page shows the CLI's figures and drills down", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, requests, problems } = await open(t, "en");
  // The resources come from the site, once, before any analysis.
  await page.waitForFunction(() => true);
  const textRequests = () => requests.filter((r) => new URL(r.url).pathname.startsWith("/text/"));
  await page.waitForTimeout(500);
  assert.equal(textRequests().length, 5, "the five text resources fetched when the engine starts");
  const before = requests.length;
  await runDemo(page);
  assert.equal(textRequests().length, 5, "no resource fetched again for the analysis");
  assert.ok(requests.slice(before).every((r) => new URL(r.url).pathname.startsWith("/demo/") || /vendor|charts\.js/.test(r.url)),
    "only the demo files and the chart scripts after the engine started");

  const s = cliReport.sentiment;
  const kpi = async (id) => page.getAttribute(`[data-testid=senti-kpi-${id}]`, "data-value");
  assert.equal(Number(await kpi("texts")), s.texts, "texts");
  assert.equal(Number(await kpi("positive")), s.positive, "positive");
  assert.equal(Number(await kpi("negative")), s.negative, "negative");
  assert.equal(Number(await kpi("mean")), s.mean, "mean");
  const rows = await page.$$eval("[data-testid=pain-row]", (els) =>
    els.map((e) => ({ topic: e.dataset.topic, customers: Number(e.dataset.customers), hurt: Number(e.dataset.negative) })));
  assert.deepEqual(rows, s.painPoints.map((p) => ({ topic: p.topic, customers: p.customers, hurt: p.negative + p.mixed })), "pain points");
  assert.ok((await page.$$("[data-testid=pain-spike]")).length > 0, "spikes flagged");
  const langs = await page.$$eval("[data-testid=senti-lang]", (els) => els.map((e) => [e.dataset.lang, Number(e.dataset.texts)]));
  assert.deepEqual(langs, s.languages.map((l) => [l.name, l.texts]), "languages");

  // Drill into the first pain point: its negative and mixed texts and customers.
  const first = s.painPoints[0];
  await page.click("[data-testid=pain-row] >> nth=0 >> [data-testid=pain-open]");
  await page.waitForSelector("[data-testid=senti-drill-total]", { timeout: 30_000 });
  assert.equal(Number(await page.getAttribute("[data-testid=senti-drill-total]", "data-value")), first.negative + first.mixed);
  assert.equal((await page.$$("[data-testid=drill-text]")).length, Math.min(20, first.negative + first.mixed));
  assert.ok((await page.$$("[data-testid=drill-text] .drv-neg")).length > 0, "negative words highlighted");
  // Highlights are text nodes inside spans, never markup from the data.
  const html = await page.$eval("[data-testid=drill-text]", (e) => e.querySelector(".verbatim-text").innerHTML);
  assert.doesNotMatch(html, /<(?!\/?span)[a-z]/i, "only spans inside a verbatim");
  const custs = await page.$$("[data-testid=drill-customer]");
  assert.equal(custs.length, Math.min(50, first.customers));
  await custs[0].click();
  await page.waitForSelector("[data-testid=customer]", { timeout: 30_000 });
  await page.goBack();
  await page.waitForSelector("[data-testid=sentiment]");
  fs.mkdirSync(path.join(ROOT, "site/e2e/screenshots"), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, "site/e2e/screenshots/sentiment-en.png"), fullPage: true });
  assert.deepEqual(problems, [], "the page reported problems");
});

test("the sentiment page in Arabic", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, problems } = await open(t, "ar");
  await runDemo(page);
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  const texts = await page.textContent("[data-testid=senti-kpi-texts] .kpi-value");
  assert.match(texts, /^[٠-٩٬]+$/, "Arabic-Indic digits");
  assert.match(await page.textContent("[data-testid=senti-pain]"), /التوصيل/, "themes named in Arabic");
  await page.screenshot({ path: path.join(ROOT, "site/e2e/screenshots/sentiment-ar.png"), fullPage: true });
  assert.deepEqual(problems, [], "the page reported problems");
});
