// Browser test of the Behaviour page: the demo analysed in the page, the
// page's numbers equal to `qalb analyze` on the same files (with the same
// funnel given by --funnel), a funnel built in the page and computed by the
// engine Worker, the customers who dropped at a step, the charts drawn, a
// customer's journey across channels, and Arabic.
//
//   scripts/site-build.sh && node --test site/e2e/behaviour.test.mjs
//
// Fails on a console error, a page error, a CSP violation, a dialog or a
// request to another origin. Environment as app.test.mjs: QALB_DIST,
// CHROMIUM, QALB_BIN.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM, launchOptions, startServer } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.resolve(ROOT, process.env.QALB_DIST || "site/dist");
const TIMEOUT = 180_000;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-bh-"));
const SHOTS = path.join(ROOT, "site/e2e/screenshots");

// The funnel the test builds in the page, and gives the CLI.
const FUNNEL = { steps: ["product_view", "add_to_cart", "checkout_started", "order_completed"], window: "1d" };

let server, baseURL, report;

function cli() {
  const bin = process.env.QALB_BIN || path.join(ROOT, "bin/qalb");
  if (fs.existsSync(bin)) return bin;
  const out = path.join(TMP, "qalb");
  execFileSync("go", ["build", "-o", out, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  return out;
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  const bin = cli();
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  const files = index.files.map((f) => path.join(DIST, f.path));
  const funnelFile = path.join(TMP, "funnel.json");
  const steps = FUNNEL.steps.map((event) => ({ event }));
  const sar = steps.map((s, i) => (i === steps.length - 1 ? { ...s, property: "properties.currency", op: "=", value: "SAR" } : s));
  fs.writeFileSync(funnelFile, JSON.stringify([
    { name: "test", steps, window: FUNNEL.window },
    { name: "test-sar", steps: sar, window: FUNNEL.window },
  ]));
  const out = path.join(TMP, "report.json");
  execFileSync(bin, ["analyze", "-q", "-o", out, "--funnel", funnelFile, ...files], { cwd: ROOT });
  report = JSON.parse(fs.readFileSync(out, "utf8"));
  assert.ok(report.behaviour, "the demo report has no behaviour section");
  ({ proc: server, url: baseURL } = await startServer(bin, DIST, ["-no-share"]));
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

async function open(t) {
  const browser = await chromium.launch(launchOptions());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (m) => m.type() === "error" && problems.push("console error: " + m.text()));
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", (d) => {
    problems.push("dialog: " + d.message());
    d.dismiss().catch(() => {});
  });
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push("request to another origin: " + r.url());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  t.after(() => browser.close());
  await page.goto(baseURL);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  return { page, check: () => assert.deepEqual(problems, [], "the page reported problems") };
}

async function chartsDrawn(page) {
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=behaviour] qalb-chart")].every((c) => c.querySelector("svg")), null, { timeout: 60_000 });
}

const rowValues = (page) => page.$$eval("[data-testid=funnel-row]", (rows) => rows.map((r) => Number(r.getAttribute("data-value"))));

test("the behaviour page shows the CLI's numbers and builds funnels in the worker", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.click("[data-testid=nav-behaviour]");
  await page.waitForSelector("[data-testid=behaviour]");
  const b = report.behaviour;

  // Headline numbers and the automatic onboarding funnel, as the CLI says.
  assert.equal(Number(await page.getAttribute("[data-testid=kpi-events]", "data-value")), b.events);
  assert.equal(Number(await page.getAttribute("[data-testid=kpi-sessions]", "data-value")), b.sessions.sessions);
  assert.deepEqual(await rowValues(page), b.funnels[0].steps.map((s) => s.customers));
  assert.equal(await page.$$eval("[data-testid=friction-row]", (r) => r.length), b.friction.steps.length);
  assert.equal(await page.$$eval("[data-testid=adoption-row]", (r) => r.length), b.adoption.length);
  await chartsDrawn(page);
  for (const id of ["funnel", "journey", "cohorts"]) {
    assert.ok(await page.$(`[data-testid=chart-${id}] svg`), `chart ${id} drawn`);
  }

  // Build the funnel: four steps, a one-day window; the worker computes it.
  let steps = await page.$$("[data-testid=funnel-step]");
  while (steps.length > FUNNEL.steps.length) {
    await page.click("[data-testid=funnel-step] >> nth=-1 >> [data-testid=funnel-remove]");
    steps = await page.$$("[data-testid=funnel-step]");
  }
  while (steps.length < FUNNEL.steps.length) {
    await page.click("[data-testid=funnel-add]");
    steps = await page.$$("[data-testid=funnel-step]");
  }
  for (const [i, ev] of FUNNEL.steps.entries()) {
    await page.selectOption(`[data-testid=funnel-step] >> nth=${i} >> [data-testid=funnel-step-event]`, ev);
  }
  await page.selectOption("[data-testid=funnel-window]", FUNNEL.window);
  await page.click("[data-testid=funnel-run]");
  await page.waitForSelector("[data-testid=funnel-result][data-live]", { timeout: 30_000 });
  fs.mkdirSync(SHOTS, { recursive: true });
  await chartsDrawn(page);
  await page.screenshot({ path: path.join(SHOTS, "behaviour-en.png"), fullPage: true });
  const given = b.funnels.find((f) => f.name === "test");
  assert.deepEqual(await rowValues(page), given.steps.map((s) => s.customers), "the page's funnel equals the CLI's --funnel");

  // The same with a property condition on the last step, as the CLI says.
  const lastStep = `[data-testid=funnel-step] >> nth=${FUNNEL.steps.length - 1}`;
  await page.selectOption(`${lastStep} >> [data-testid=funnel-step-property]`, "properties.currency");
  await page.selectOption(`${lastStep} >> [data-testid=funnel-step-op]`, "=");
  await page.fill(`${lastStep} >> [data-testid=funnel-step-value]`, "SAR");
  await page.click("[data-testid=funnel-run]");
  const sarFunnel = b.funnels.find((f) => f.name === "test-sar");
  const sarCounts = sarFunnel.steps.map((s) => s.customers);
  assert.ok(sarCounts.at(-1) < given.steps.at(-1).customers, "the condition narrows the last step");
  await page.waitForFunction((want) => {
    const rows = [...document.querySelectorAll("[data-testid=funnel-row]")].map((r) => Number(r.getAttribute("data-value")));
    return JSON.stringify(rows) === JSON.stringify(want);
  }, sarCounts, { timeout: 30_000 });
  await page.selectOption(`${lastStep} >> [data-testid=funnel-step-property]`, "");
  await page.click("[data-testid=funnel-run]");
  await page.waitForFunction((want) => {
    const rows = [...document.querySelectorAll("[data-testid=funnel-row]")].map((r) => Number(r.getAttribute("data-value")));
    return JSON.stringify(rows) === JSON.stringify(want);
  }, given.steps.map((s) => s.customers), { timeout: 30_000 });

  // The customers who dropped before the last step, one click away.
  const last = given.steps.length - 1;
  await page.click(`[data-testid=funnel-row] >> nth=${last} >> [data-testid=funnel-dropped]`);
  await page.waitForSelector("[data-testid=funnel-dropped-list]", { timeout: 30_000 });
  assert.equal(Number(await page.getAttribute("[data-testid=funnel-dropped-list]", "data-total")), given.steps[last].dropOff);
  // … and exportable: the CSV is made in the page (a data: URL), one line per customer.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=dropped-csv]")]);
  const csvText = fs.readFileSync(await download.path(), "utf8");
  assert.equal(csvText.trim().split("\n").length, 1 + given.steps[last].dropOff);
  assert.match(csvText, /^name,email,phone,company,country,city,orders,spend,currency\n/);

  // One of them: their page shows the journey across channels.
  await page.click("[data-testid=dropped-customer] >> nth=0");
  await page.waitForSelector("[data-testid=section-journey]", { timeout: 30_000 });
  check();
});

test("the behaviour page in Arabic", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  await page.click("[data-testid=lang-switch]");
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.click("[data-testid=nav-behaviour]");
  await page.waitForSelector("[data-testid=behaviour]");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal((await page.textContent("[data-testid=behaviour] h1")).trim(), "السلوك");
  const shown = (await page.textContent("[data-testid=kpi-events] .kpi-value")).trim();
  const western = shown.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/٬/g, "");
  assert.match(shown, /^[٠-٩٬]+$/);
  assert.equal(Number(western), report.behaviour.events);
  await chartsDrawn(page);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, "behaviour-ar.png"), fullPage: true });
  check();
});
