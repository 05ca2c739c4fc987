// Browser test of the exports of the tools people use: every synthetic
// export in fixtures/exports goes to the engine Worker in headless Chromium
// as the page sends files, and the report that comes back must equal the
// CLI's report of the same files (one engine, two hosts): the same tools,
// kinds, confidences, row counts, aggregate tables and revenue.
//
//   node --test site/e2e/exports.test.mjs
//
// Needs what worker.test.mjs needs (see there); it uses site/dist when built,
// otherwise it builds the engine into a temporary directory.
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
const fixtures = path.join(root, "fixtures/exports");
let tmp, server, browser, page, bin;

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { cwd: root, stdio: ["ignore", "pipe", "inherit"], ...opts });
}

function siteDir() {
  const dist = process.env.QALB_DIST || path.join(root, "site/dist");
  const ok = (d) =>
    fs.existsSync(path.join(d, "worker.js")) &&
    fs.readdirSync(d).some((f) => /^engine(\.[0-9a-f]+)?\.wasm$/.test(f));
  if (ok(dist)) return dist;
  const out = path.join(tmp, "dist");
  run("bash", ["scripts/site-build.sh"], { env: { ...process.env, QALB_DIST: out, QALB_SKIP_UI: "1" }, stdio: "inherit" });
  return out;
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-exports-e2e-"));
  const stage = stageSite(root, siteDir(), path.join(tmp, "site"));
  bin = process.env.QALB_BIN || path.join(root, "bin/qalb");
  if (!fs.existsSync(bin)) {
    bin = path.join(tmp, "qalb");
    run("go", ["build", "-o", bin, "./cmd/qalb"], { stdio: "inherit" });
  }
  server = await startServer(bin, stage, ["-data", path.join(tmp, "data")]);
  browser = await chromium.launch(launchOptions());
  page = await (await browser.newContext()).newPage();
  await page.goto(server.url + "worker.html");
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.proc.kill("SIGTERM");
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// inWorker sends the files to a fresh engine Worker and returns its report.
async function inWorker(files) {
  const payload = files.map((f) => ({ name: f, data: fs.readFileSync(path.join(fixtures, f)).toString("base64") }));
  return page.evaluate(async (payload) => {
    const w = new Worker("worker.js");
    const files = payload.map((p) => new File([Uint8Array.from(atob(p.data), (c) => c.charCodeAt(0))], p.name));
    const report = await new Promise((resolve, reject) => {
      w.onerror = (e) => reject(new Error(e.message));
      w.onmessage = (e) => {
        const m = e.data;
        if (m.type === "ready") w.postMessage({ type: "analyze", id: 1, files });
        else if (m.type === "result") resolve(m.report);
        else if (m.type === "error") reject(new Error(m.message));
      };
    });
    w.terminate();
    return report;
  }, payload);
}

function withCLI(files) {
  const out = path.join(tmp, `cli-${Date.now()}.json`);
  run(bin, ["analyze", "-q", "-o", out, ...files.map((f) => path.join(fixtures, f))]);
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

test("every export fixture gives the browser the CLI's report", { timeout: 240000 }, async () => {
  const files = fs.readdirSync(fixtures).filter((f) => f !== "README.md").sort();
  assert.ok(files.length >= 50, `only ${files.length} fixtures`);
  const browserReport = JSON.parse(await inWorker(files));
  const cliReport = withCLI(files);
  assert.deepEqual(browserReport, cliReport);
  const byFile = Object.fromEntries(browserReport.sources.map((s) => [s.file, s]));
  // Spot checks of what the registry recognised.
  assert.equal(byFile["google_play_reviews.csv"].tool, "Google Play Console");
  assert.equal(byFile["google_play_reviews.csv"].encoding, "utf-16le");
  assert.equal(byFile["qualtrics.csv"].headerRows, 3);
  assert.equal(byFile["ga4_report.csv"].kind, "aggregates");
  assert.equal(byFile["ga4_report.csv"].aggregate.tables.length, 3);
  assert.equal(byFile["paypal_statement_es.csv"].tool, "PayPal");
  for (const s of browserReport.sources) assert.ok(!s.error, `${s.file}: ${s.error}`);
});
