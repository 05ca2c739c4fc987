// Browser test of the Predictions page on the demo: the real site (site/dist,
// built by scripts/site-build.sh) served by `qalb serve`, the real engine in
// its Web Worker, headless Chromium. The page must show the numbers of the
// CLI's report (one engine, two hosts), draw its charts, link the churn list
// to customer pages whose predictions card carries the reasons, and say the
// reasons in Arabic.
//
//   scripts/site-build.sh && node --test site/e2e/predictions.test.mjs

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
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-pred-"));

let server, baseURL, report;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  const bin = path.join(TMP, "qalb");
  execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  const files = index.files.map((f) => path.join(DIST, f.path));
  const out = path.join(TMP, "report.json");
  execFileSync(bin, ["analyze", "-q", "-o", out, ...files], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  report = JSON.parse(fs.readFileSync(out, "utf8"));
  ({ proc: server, url: baseURL } = await startServer(bin, DIST, ["-no-share"]));
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

test("the demo's Predictions page shows the CLI's models, charts and churn list; customer pages carry the reasons, in Arabic too", { timeout: TIMEOUT * 2 }, async (t) => {
  const profile = fs.mkdtempSync(path.join(TMP, "profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions(), viewport: { width: 1440, height: 900 } });
  t.after(() => context.close());
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (m) => m.type() === "error" && problems.push("console error: " + m.text()));
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push("request to another origin: " + r.url());
  });
  await page.goto(baseURL);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });

  const x = report.predictions;
  assert.ok(x && x.models.length > 0, "the CLI's report has predictions");
  await page.click("[data-testid=nav-predictions]");
  await page.waitForSelector("[data-testid=predictions]");
  // every model with the CLI's numbers
  for (const m of x.models) {
    const sel = `[data-testid="pred-model-${m.currency}"]`;
    assert.equal(Number(await page.getAttribute(`${sel} [data-testid=pred-total-clv]`, "data-value")), m.totalCLV, `total CLV ${m.currency}`);
    assert.equal(Number(await page.getAttribute(`${sel} [data-testid=pred-revenue-at-risk]`, "data-value")), m.revenueAtRisk, `revenue at risk ${m.currency}`);
    assert.equal((await page.$$(`${sel} [data-testid=pred-note]`)).length, (m.notes || []).length, `notes ${m.currency}`);
    if (m.converged) assert.match(await page.textContent(`${sel} [data-testid=pred-fit]`), new RegExp(`r ${Number(m.r.toFixed(3))}`));
  }
  assert.equal(Number(await page.getAttribute("[data-testid=pred-churn-scored]", "data-value")), x.churn.scored);
  assert.equal(Number(await page.getAttribute("[data-testid=pred-churn-high]", "data-value")), x.churn.high);
  const rows = await page.$$("[data-testid=churn-row]");
  assert.equal(rows.length, x.churn.top.length);
  // the charts are drawn (vega renders SVG)
  const charts = x.models.reduce((n, m) => n + (m.clvBins.length > 1 ? 1 : 0) + ((m.aliveByRecency || []).length > 1 ? 1 : 0) + (m.holdout ? 1 : 0), 0);
  assert.equal((await page.$$("[data-testid=predictions] qalb-chart")).length, charts);
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=predictions] qalb-chart")].every((c) => c.querySelector("svg")), null, { timeout: 60_000 });

  // the riskiest customer's page shows the same risk and reasons
  const top = x.churn.top[0];
  await page.click(`[data-testid=churn-row] a[href="#/customer/${top.customer}"]`);
  await page.waitForSelector("[data-testid=section-predictions]", { timeout: 60_000 });
  const card = await page.textContent("[data-testid=section-predictions]");
  assert.ok(card.includes(`${Math.round(top.risk)} / 100`), `risk ${top.risk} in ${card}`);
  for (const r of top.reasons) assert.ok(card.includes(r), `reason "${r}" in ${card}`);

  // in Arabic, the reasons are said in Arabic
  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.lang === "ar");
  await page.click("[data-testid=nav-predictions]");
  await page.waitForSelector("[data-testid=pred-churn-list]");
  const why = await page.textContent("[data-testid=pred-churn-list] .pred-why");
  assert.match(why, /[\u0600-\u06FF]/, `an Arabic reason: ${why}`);
  assert.doesNotMatch(why, /no order|one order|open support/, `no English left: ${why}`);
  assert.deepEqual(problems, [], "the page reported problems");
});
