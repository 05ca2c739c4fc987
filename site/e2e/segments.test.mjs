// Browser tests of the segments page: the demo analysed by the real engine in
// its Worker; RFM segment sizes equal the CLI's report (one engine, two
// hosts), the rule builder's live count equals `qalb segment` with the same
// rule, drill-down to members and a customer, the CSV export is a download
// (a Blob in the page, never a request) that is formula-safe with a BOM, and
// the page in Arabic.
//
//   scripts/site-build.sh && node --test site/e2e/segments.test.mjs

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
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-seg-e2e-"));

let server, baseURL, bin, demoFiles, report;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  bin = process.env.QALB_BIN || path.join(TMP, "qalb");
  if (!process.env.QALB_BIN) execFileSync("go", ["build", "-o", bin, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  ({ proc: server, url: baseURL } = await startServer(bin, DIST, ["-no-share"]));
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  demoFiles = index.files.map((f) => path.join(DIST, f.path));
  const out = path.join(TMP, "report.json");
  execFileSync(bin, ["analyze", "-q", "-o", out, ...demoFiles], { cwd: ROOT });
  report = JSON.parse(fs.readFileSync(out, "utf8"));
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

// cliSegment runs `qalb segment` with a rule and returns the CSV's records.
function cliSegment(rule) {
  const rules = path.join(TMP, `rule-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(rules, JSON.stringify(rule));
  const out = path.join(TMP, "out.csv");
  execFileSync(bin, ["segment", "-rules", rules, "-o", out, ...demoFiles], { cwd: ROOT, stdio: ["ignore", "ignore", "ignore"] });
  return fs.readFileSync(out, "utf8").trim().split("\r\n");
}

async function open(t) {
  const profile = fs.mkdtempSync(path.join(TMP, "profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions(), viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (m) => m.type() === "error" && problems.push("console error: " + m.text()));
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  const posts = [];
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push("request to another origin: " + r.url());
    if (r.method() !== "GET") posts.push(r.url());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  t.after(() => context.close());
  await page.goto(baseURL);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  return { page, posts, check: () => assert.deepEqual(problems, [], "the page reported problems") };
}

async function countShown(page) {
  await page.waitForFunction(() => document.querySelector("[data-testid=seg-count]")?.dataset.count, null, { timeout: 30_000 });
  return Number(await page.getAttribute("[data-testid=seg-count]", "data-count"));
}

// waitCount waits until the live count equals want.
async function waitCount(page, want) {
  await page.waitForFunction((w) => document.querySelector("[data-testid=seg-count]")?.dataset.count === String(w), want, { timeout: 30_000 });
}

test("segments page: RFM, rule builder, drill-down, export, Arabic", { timeout: 2 * TIMEOUT }, async (t) => {
  const { page, posts, check } = await open(t);
  await page.click("[data-testid=nav-segments]");
  await page.waitForSelector("[data-testid=rfm]");

  // RFM sizes: the CLI's numbers, adding up to the customers with orders.
  const rfm = report.segments.rfm;
  const sizes = await page.$$eval("[data-testid=rfm-row]", (rows) => rows.map((r) => [r.dataset.segment, r.querySelector("[data-testid=rfm-size]").textContent]));
  assert.equal(sizes.length, 11);
  let total = 0;
  for (const [key, text] of sizes) {
    const want = rfm.segments.find((s) => s.key === key).size;
    assert.equal(Number(text.replace(/,/g, "")), want, `segment ${key}`);
    total += want;
  }
  assert.equal(total, report.customers.buyers);
  await page.waitForSelector("[data-testid=chart-rfm-grid] svg", { timeout: 30_000 });

  // The empty rule holds everyone.
  assert.equal(await countShown(page), report.customers.total);

  // Build "country is SA and spend ≥ 500": the count equals the CLI's.
  await page.click("[data-testid=seg-add]");
  await page.waitForSelector("[data-testid=seg-value]");
  await page.fill("[data-testid=seg-value]", "SA");
  await page.dispatchEvent("[data-testid=seg-value]", "change");
  const saOnly = cliSegment({ op: "and", rules: [{ field: "country", op: "equals", value: "SA" }] }).length - 1;
  await waitCount(page, saOnly);
  await page.click("[data-testid=seg-add]");
  const fields = await page.$$("[data-testid=seg-field]");
  await fields[1].selectOption("spend");
  await page.waitForSelector("[data-testid=seg-min]");
  await page.fill("[data-testid=seg-min]", "500");
  await page.dispatchEvent("[data-testid=seg-min]", "change");
  const both = cliSegment({ op: "and", rules: [{ field: "country", op: "equals", value: "SA" }, { field: "spend", op: "range", min: 500 }] }).length - 1;
  assert.ok(both < saOnly && both > 0, `SA ${saOnly}, SA with spend ≥ 500 ${both}`);
  await waitCount(page, both);

  // Drill down: the champions, then one of them.
  const champions = rfm.segments.find((s) => s.key === "champions").size;
  await page.click("[data-testid=show-rfm-champions]");
  await waitCount(page, champions);
  await page.waitForSelector("[data-testid=seg-member]");
  assert.equal((await page.$$("[data-testid=seg-member]")).length, Math.min(champions, 50));
  await page.waitForSelector("[data-testid=seg-members-list] qalb-chart svg", { timeout: 30_000 });

  // Export the champions: a download made in the page, with the BOM.
  await page.check("[data-testid=seg-bom]");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-testid=seg-export]")]);
  assert.equal(download.suggestedFilename(), "qalb-segment.csv");
  const file = path.join(TMP, "export.csv");
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "starts with the UTF-8 BOM");
  const lines = bytes.toString("utf8").slice(1).trim().split("\r\n");
  assert.equal(lines.length, champions + 1);
  assert.match(lines[0], /^id,email,phone,name,/);
  const cli = cliSegment({ field: "rfm", op: "equals", value: "champions" });
  assert.deepEqual(lines, cli, "the page's export equals the CLI's");
  assert.deepEqual(posts, [], "nothing was sent anywhere");

  // The segment as a filter on the customers page.
  await page.click("[data-testid=seg-filter-customers]");
  await page.waitForSelector("[data-testid=segment-filter]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=customer-row]").length === n, Math.min(champions, 50), { timeout: 30_000 });
  await page.click("[data-testid=segment-filter-clear]");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=customer-row]").length === n, Math.min(report.customers.total, 50), { timeout: 30_000 });
  await page.click("[data-testid=nav-segments]");
  await page.waitForSelector("[data-testid=seg-member]");

  // A member's page.
  await page.click("[data-testid=seg-member] a");
  await page.waitForSelector("[data-testid=customer]", { timeout: 30_000 });

  // Clusters and personas, in Arabic.
  await page.click("[data-testid=nav-segments]");
  await page.waitForSelector("[data-testid=persona]");
  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  const title = await page.textContent("[data-testid=segments] h1");
  assert.equal(title.trim(), "الشرائح");
  const names = await page.$$eval("[data-testid=rfm-row] td:first-child", (tds) => tds.map((td) => td.textContent));
  assert.ok(names.includes("الأبطال") && names.includes("مفقودون"), names.join(", "));
  const persona = await page.textContent("[data-testid=persona] [data-testid=persona-traits]");
  assert.match(persona, /[\u0600-\u06FF]/, "persona traits in Arabic: " + persona);
  check();
});
