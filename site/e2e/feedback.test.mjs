// Browser test of the Feedback page: the demo analysed in the page shows
// the same NPS, CSAT and CES (and n) as `qalb analyze` of the same files,
// in English and in Arabic, and the customers list filters by NPS category.
//
//   make build && node --test site/e2e/feedback.test.mjs

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
const TIMEOUT = 180_000;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-fb-e2e-"));

let server, baseURL, report;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run make build`);
  const bin = path.join(TMP, "qalb");
  execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  const files = index.files.map((f) => path.join(DIST, f.path));
  const out = path.join(TMP, "report.json");
  execFileSync(bin, ["analyze", "-o", out, ...files], { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  report = JSON.parse(fs.readFileSync(out, "utf8"));
  ({ proc: server, url: baseURL } = await startServer(bin, DIST, ["-no-share"]));
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function openDemo(t) {
  const browser = await chromium.launch(launchOptions());
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(baseURL);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });
  return { page, problems };
}

test("the demo's Feedback page shows the CLI's NPS, CSAT and CES", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, problems } = await openDemo(t);
  const surveys = report.feedback.surveys;
  assert.ok(surveys.length >= 3, "the demo has NPS, CSAT and CES surveys");
  await page.click("[data-testid=nav-feedback]");
  await page.waitForSelector("[data-testid=feedback]");
  for (const s of surveys) {
    const tile = page.locator(`[data-testid=fb-tile-${s.metric}]`).first();
    assert.equal(await tile.getAttribute("data-value"), s.headline.value.toFixed(1), `${s.metric} headline`);
    assert.equal(Number(await tile.getAttribute("data-n")), s.n, `${s.metric} n`);
  }
  // The NPS tile's text: the CLI's score with one decimal and its split.
  const nps = surveys.find((s) => s.metric === "nps");
  const text = await page.locator("[data-testid=fb-tile-nps]").innerText();
  assert.ok(text.includes(nps.nps.score.toFixed(1)), `NPS ${nps.nps.score.toFixed(1)} in ${text}`);
  assert.ok(text.includes(`${nps.nps.top} promoters`) && text.includes(`${nps.nps.bottom} detractors`), text);
  // Charts: split, trend, drivers, each with the overview's table alternative.
  for (const id of [`fb-split-${nps.id}`, `fb-trend-${nps.id}`, `fb-drivers-${nps.id}`]) {
    await page.waitForSelector(`[data-testid=chart-${id}] svg`, { timeout: 30_000 });
    assert.ok((await page.locator(`[data-testid=chart-${id}] details table tbody tr`).count()) > 0, `${id} table`);
  }
  // The trend's table has as many months as the report.
  const months = nps.trends.find((x) => x.period === "month").points.length;
  assert.equal(await page.locator(`[data-testid=chart-fb-trend-${nps.id}] details table tbody tr`).count(), months);
  // Segment rows: the most significant segments of the report, at most 15.
  const segs = nps.segments.reduce((n, g) => n + g.segments.length, 0);
  assert.equal(await page.locator("[data-testid=fb-segments] tbody tr").count(), Math.min(15, segs));
  // Choosing the CSAT tile shows its details.
  await page.click("[data-testid=fb-tile-csat]");
  await page.waitForSelector("[data-testid=fb-detail-csat]");
  assert.deepEqual(problems, []);
});

// The comments come from the Worker, not the report: the detractors'
// comments are exactly the delighted_nps.csv rows scored 0–6 with a
// comment, counted here from the file itself.
test("the Feedback page's comments filter by category", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, problems } = await openDemo(t);
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  const file = index.files.find((f) => f.name === "delighted_nps.csv");
  const text = fs.readFileSync(path.join(DIST, file.path), "utf8");
  const rows = parseCSV(text);
  const head = rows[0];
  const score = head.indexOf("Score"), comment = head.indexOf("Comment");
  const detractors = rows.slice(1).filter((r) => r.length > comment && r[score] !== "" && Number(r[score]) <= 6 && r[comment].trim() !== "").length;
  assert.ok(detractors > 0);
  await page.click("[data-testid=nav-feedback]");
  await page.click("[data-testid=fb-tile-nps]");
  await page.waitForSelector("[data-testid=fb-verbatims] .fb-quote");
  await page.click("[data-testid=fb-cat-detractor]");
  await page.waitForFunction(() => {
    const q = [...document.querySelectorAll("[data-testid=fb-verbatims] .fb-quote")];
    return q.length > 0 && q.every((e) => e.dataset.category === "detractor");
  }, null, { timeout: 30_000 });
  const range = await page.locator("[data-testid=fb-verbatims] .card-head .kpi-sub").innerText();
  assert.ok(range.endsWith(`of ${detractors}`), `${range} ends with of ${detractors}`);
  // Arabic: the same page in the other language, with Arabic-Indic digits.
  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  const ar = await page.locator("[data-testid=fb-tile-nps]").innerText();
  assert.match(ar, /[٠-٩]/, ar);
  assert.match(ar, /المروّجون|مروّجون/, ar);
  assert.deepEqual(problems, []);
});

// parseCSV reads RFC 4180 CSV (quoted fields with commas, quotes and newlines).
function parseCSV(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}

test("the customers list filters by NPS category", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, problems } = await openDemo(t);
  await page.click("[data-testid=nav-customers]");
  await page.waitForSelector("[data-testid=filter-nps]");
  await page.selectOption("[data-testid=filter-nps]", "detractor");
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"));
  await page.waitForTimeout(300);
  const rows = await page.locator("[data-testid=customers] tbody tr").count();
  assert.ok(rows > 0, "some detractors");
  const nps = report.feedback.surveys.find((s) => s.metric === "nps");
  assert.ok(rows <= nps.nps.bottom, `${rows} detractor customers of ${nps.nps.bottom} detractor answers`);
  assert.deepEqual(problems, []);
});
