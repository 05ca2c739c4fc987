// Browser tests of shared reports: the share dialog and the read-only viewer
// at /r/<id>#<key>, against `qalb serve` with its share API (embedded store
// in a temporary directory) and headless Chromium.
//
//   scripts/site-build.sh && node --test site/e2e/share.test.mjs
//
// The sharer's page loads the demo, shares it and reads the link; the bytes
// the browser POSTs, and the bytes the server stores, must be ciphertext
// with none of the demo's customers in it; the link opens in a fresh
// browser context (no shared storage) with the same overview numbers; a
// wrong key, an altered ciphertext, a missing key and a deleted link each
// give their message. Every page fails the test on a console error, an
// uncaught error, a CSP violation, a JavaScript dialog or a request to
// another origin. Environment as app.test.mjs: QALB_DIST, QALB_BIN, CHROMIUM.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { webcrypto } from "node:crypto";
import { chromium } from "playwright-core";
import { CHROMIUM, launchOptions, startServer } from "./harness.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIST = path.resolve(ROOT, process.env.QALB_DIST || "site/dist");
const SHOTS = path.join(ROOT, "site/e2e/screenshots");
const TIMEOUT = 180_000; // an analysis in wasm on a busy 2-core machine
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-share-e2e-"));

// Strings of the demo's customers that must never reach the server.
const SECRETS = ["Sara", "sara.alqahtani@example.com", "AlQahtani", "Nakhla", "القحطاني", "سارة"];

let server, baseURL, origin, browser;

function qalbBinary() {
  const bin = process.env.QALB_BIN || path.join(ROOT, "bin/qalb");
  if (fs.existsSync(bin)) return bin;
  const out = path.join(TMP, "qalb");
  execFileSync("go", ["build", "-o", out, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  return out;
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing (apt-get install chromium)`);
  ({ proc: server, url: baseURL } = await startServer(qalbBinary(), DIST, ["-data", path.join(TMP, "data")]));
  origin = new URL(baseURL).origin;
  browser = await chromium.launch(launchOptions());
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

// watch opens a page in a new browser context (its own storage, cache and
// cookies) and records its requests and problems. expect404 lists URLs whose
// 404 is the point of the test.
async function watch(t, { locale = "en-GB", permissions = [], expect404 = [] } = {}) {
  const context = await browser.newContext({ locale, permissions, viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  let failing = null; // a URL prefix whose failures are the point of a step
  const expected = (url) => expect404.some((u) => url === u);
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const loc = m.location() && m.location().url;
    if (/status of 404/.test(m.text()) && expected(loc)) return;
    if (/^Failed to load resource/.test(m.text()) && failing && (loc || "").startsWith(failing)) return;
    problems.push("console error: " + m.text() + (loc ? ` (${loc})` : ""));
  });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", (d) => {
    problems.push(`dialog opened (${d.type()}): ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  context.on("request", (r) => {
    requests.push({ url: r.url(), method: r.method(), headers: r.headers(), body: r.postDataBuffer(), at: Date.now() });
    const u = new URL(r.url());
    if (u.protocol !== "data:" && u.protocol !== "blob:" && u.origin !== origin) problems.push("request to another origin: " + r.url());
  });
  context.on("response", (r) => {
    if (r.status() >= 400 && !(r.status() === 404 && expected(r.url())) && !(failing && r.url().startsWith(failing))) {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  t.after(() => context.close());
  return {
    context,
    page,
    requests,
    since(i) {
      return requests.slice(i);
    },
    expectFailures(prefix) {
      failing = prefix;
    },
    check() {
      assert.deepEqual(problems, [], "the page reported problems");
    },
  };
}

const attr = (page, sel, name) => page.getAttribute(sel, name, { timeout: 10_000 });

async function overviewNumbers(page) {
  await page.waitForSelector("[data-testid=kpi-customers]", { timeout: TIMEOUT });
  const num = async (id) => attr(page, `[data-testid=kpi-${id}]`, "data-value");
  const revenue = {};
  for (const el of await page.$$("[data-testid^=kpi-revenue-]")) {
    const id = await el.getAttribute("data-testid");
    revenue[id.slice("kpi-revenue-".length)] = Number(await el.getAttribute("data-value"));
  }
  return {
    customers: Number(await num("customers")),
    orders: (await page.$("[data-testid=kpi-orders]")) ? Number(await num("orders")) : 0,
    buyers: (await page.$("[data-testid=kpi-buyers]")) ? Number(await num("buyers")) : 0,
    revenue,
    period: await num("period"),
  };
}

async function chartsDrawn(page) {
  await page.waitForFunction(
    () => [...document.querySelectorAll("qalb-chart")].every((c) => c.querySelector("svg") || c.classList.contains("chart-failed")),
    null,
    { timeout: 30_000 },
  );
}

function shot(page, name, opts = {}) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return page.screenshot({ path: path.join(SHOTS, name), ...opts });
}

// containsSecret searches bytes as UTF-8 and as Latin-1, in any case.
function secretsIn(buf) {
  const texts = [buf.toString("utf8").toLowerCase(), buf.toString("latin1").toLowerCase()];
  return SECRETS.filter((s) => texts.some((x) => x.includes(s.toLowerCase())));
}

function isJSON(buf) {
  try {
    JSON.parse(buf.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}

// decrypt opens a stored report as the viewer does: AES-GCM, IV first.
async function decrypt(bytes, keyText) {
  const raw = Buffer.from(keyText, "base64url");
  assert.equal(raw.length, 32, "a 256-bit key");
  const key = await webcrypto.subtle.importKey("raw", raw, "AES-GCM", false, ["decrypt"]);
  const plain = await webcrypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.subarray(0, 12) }, key, bytes.subarray(12));
  return Buffer.from(plain);
}

function flipChar(s, i) {
  const c = s[i] === "A" ? "B" : "A";
  return s.slice(0, i) + c + s.slice(i + 1);
}

async function openDialog(page) {
  await page.click("[data-testid=share-open]");
  await page.waitForSelector("[data-testid=share-dialog]");
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), "share-dialog", "focus moves into the dialog");
}

async function makeLink(w, { ttl, customers = false }) {
  const { page } = w;
  await page.waitForSelector("[data-testid=share-form]");
  if (customers) await page.check("[data-testid=share-customers]");
  await page.selectOption("[data-testid=share-ttl]", String(ttl));
  const first = w.requests.length;
  await page.click("[data-testid=share-create]");
  await page.waitForSelector("[data-testid=share-link]", { timeout: 60_000 });
  const link = await page.$eval("[data-testid=share-link]", (e) => e.value);
  const m = link.match(/^(https?:\/\/[^/]+)\/r\/([A-Za-z0-9_-]{22})#([A-Za-z0-9_-]{43})$/);
  assert.ok(m, "link format: " + link);
  assert.equal(m[1], origin);
  return { link, id: m[2], key: m[3], requests: w.since(first) };
}

async function serverBytes(id) {
  const r = await fetch(`${origin}/api/reports/${id}`);
  return { status: r.status, bytes: Buffer.from(await r.arrayBuffer()) };
}

// viewerRequestsOK: the viewer loads same-origin assets and makes one API
// request, the GET of its report; never the engine or the demo.
function viewerRequestsOK(requests, id, key) {
  const api = requests.filter((r) => new URL(r.url).pathname.startsWith("/api/"));
  assert.deepEqual(api.map((r) => `${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}`), [`GET /api/reports/${id}`], "the viewer's API requests");
  for (const r of requests) {
    const u = new URL(r.url);
    assert.equal(u.origin, origin, "same origin: " + r.url);
    assert.equal(r.method, "GET", "only GETs: " + r.url);
    assert.ok(!/worker\.js|engine\.[0-9a-f]+\.wasm|\/demo\//.test(u.pathname), "the viewer does not load the engine or the demo: " + r.url);
    assert.ok(!r.url.includes(key) && !JSON.stringify(r.headers).includes(key), "the key is never sent: " + r.url);
  }
}

test("share a report: ciphertext only, a link that opens read-only elsewhere, errors, delete", { timeout: TIMEOUT * 4 }, async (t) => {
  const sharer = await watch(t, { permissions: ["clipboard-read", "clipboard-write"] });
  const { page } = sharer;
  await page.goto(baseURL);
  await page.waitForSelector("[data-testid=landing]", { timeout: 60_000 });
  assert.equal(await page.$("[data-testid=share-open]"), null, "no Share button without a report");
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  await page.click("[data-testid=demo]");
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });
  const original = await overviewNumbers(page);
  assert.ok(original.customers > 0 && Object.keys(original.revenue).length > 0, "the demo has customers and revenue");

  // ---- the dialog ----
  const beforeDialog = sharer.requests.length;
  await openDialog(page);
  assert.equal(await page.isChecked("[data-testid=share-customers]"), false, "customer rows are opt-in");
  assert.equal(await page.$("[data-testid=share-warning]"), null);
  assert.equal(await page.$eval("[data-testid=share-ttl]", (s) => s.value), "604800", "7 days by default");
  assert.deepEqual(await page.$$eval("[data-testid=share-ttl] option", (os) => os.map((o) => o.value)), ["3600", "86400", "604800", "2592000"]);
  assert.equal(await page.getAttribute("header.topbar", "inert"), "inert", "the page behind the dialog is inert");
  await page.check("[data-testid=share-customers]");
  await page.waitForSelector("[data-testid=share-warning]");
  assert.match(await page.textContent("[data-testid=share-warning]"), /names, emails and phone numbers/);
  await shot(page, "share-dialog-en.png");
  await page.uncheck("[data-testid=share-customers]");

  // the server refuses, or cannot be reached: a clear message each time
  // (answers made up in the browser with page.route; nothing is stored)
  sharer.expectFailures(`${origin}/api/reports`);
  for (const [answer, key, text] of [
    [{ status: 413, json: { error: "report larger than 5242880 bytes" } }, "share.err.tooLarge", /too large/],
    [{ status: 429, json: { error: "too many requests" } }, "share.err.rate", /Wait a minute/],
    [null, "share.err.network", /could not be reached/],
  ]) {
    await page.route(`${origin}/api/reports?*`, (route) => (answer ? route.fulfill({ status: answer.status, contentType: "application/json", body: JSON.stringify(answer.json) }) : route.abort("failed")));
    await page.click("[data-testid=share-create]");
    await page.waitForSelector(`[data-testid=share-error][data-error="${key}"]`, { timeout: 30_000 });
    assert.match(await page.textContent("[data-testid=share-error]"), text);
    assert.equal(await page.$("[data-testid=share-link]"), null, "no link after a failure");
    if (answer && answer.status === 413) await shot(page, "share-error-en.png");
    await page.unroute(`${origin}/api/reports?*`);
  }
  sharer.expectFailures(null);

  const made = await makeLink(sharer, { ttl: 86400 });
  const { id, key, link } = made;
  // the network during sharing: one same-origin POST of an opaque body
  assert.deepEqual(made.requests.map((r) => `${r.method} ${r.url}`), [`POST ${origin}/api/reports?ttl=86400`], "requests while sharing");
  const post = made.requests[0];
  assert.equal(post.headers["content-type"], "application/octet-stream");
  assert.ok(post.body && post.body.length > 28, "a body");
  assert.ok(!isJSON(post.body), "the POST body is not JSON");
  assert.deepEqual(secretsIn(post.body), [], "customer data in the POST body");
  assert.ok(!post.body.toString("latin1").includes('"version"'), "no plaintext report in the body");
  for (const r of sharer.since(beforeDialog)) {
    assert.ok(!r.url.includes(key) && !JSON.stringify(r.headers).includes(key) && !(r.body && r.body.toString("latin1").includes(key)), "the key went to the server");
  }
  // expiry: one day from now
  const expires = Date.parse(await attr(page, "[data-testid=share-expires]", "data-value"));
  assert.ok(Math.abs(expires - (Date.now() + 86400_000)) < 5 * 60_000, "expires in a day: " + new Date(expires).toISOString());
  assert.match(await page.textContent("[data-testid=share-holds]"), /Aggregates only/);
  // copy
  await page.click("[data-testid=share-copy]");
  await page.waitForSelector("[data-testid=share-copy-status][data-state]:not([data-state=''])");
  const state = await attr(page, "[data-testid=share-copy-status]", "data-state");
  if (state === "copied") {
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, "the clipboard holds the link");
  } else {
    assert.equal(state, "selected");
    assert.equal(await page.evaluate(() => { const e = document.activeElement; return e.value.slice(e.selectionStart, e.selectionEnd); }), link, "the link is selected");
  }
  await shot(page, "share-link-en.png");

  // ---- what the server stores ----
  const stored = await serverBytes(id);
  assert.equal(stored.status, 200);
  assert.ok(stored.bytes.equals(post.body), "the server stores exactly the POSTed bytes");
  assert.ok(!isJSON(stored.bytes), "the stored bytes are not JSON");
  assert.deepEqual(secretsIn(stored.bytes), [], "customer data in the stored bytes");
  // and the link's key opens them: the payload is the aggregates-only view
  const plain = await decrypt(stored.bytes, key);
  const payload = JSON.parse(plain.toString("utf8"));
  assert.equal(payload.version, 1);
  assert.equal(payload.customers, undefined, "no customer rows unless asked for");
  assert.equal(payload.report.shared.minGroup, 5);
  assert.equal(payload.report.customers.total, original.customers);
  assert.deepEqual(secretsIn(plain), [], "customer data in the aggregates-only payload");
  assert.equal(plain.toString("utf8").match(/[\w.+-]+@[\w-]+\.[\w.-]+/), null, "an email in the aggregates-only payload");

  // ---- the viewer, in a new browser context ----
  await t.test("the link opens read-only in a new browser context", async (t) => {
    const v = await watch(t);
    await v.page.goto(link);
    await v.page.waitForSelector("[data-testid=viewer-banner]", { timeout: 60_000 });
    assert.deepEqual(await overviewNumbers(v.page), original, "the viewer's overview equals the sharer's");
    await chartsDrawn(v.page);
    assert.match(await v.page.textContent("[data-testid=viewer-banner]"), /Shared report — read only/);
    assert.match(await v.page.textContent("[data-testid=viewer-expires]"), /^expires \d{1,2} \w{3} \d{4} \d\d:\d\d$/);
    assert.equal(await v.page.$("[data-testid=share-open]"), null, "no Share button in the viewer");
    assert.equal(await v.page.$("[data-testid=new-analysis]"), null, "no New analysis in the viewer");
    assert.equal(await v.page.$("[data-testid=nav-customers]"), null, "no customers without rows");
    assert.equal(await v.page.evaluate(() => document.title), "Shared report · Qalb");
    await shot(v.page, "viewer-en.png");
    // the other pages, read-only; the key stays in the address bar
    await v.page.click("[data-testid=nav-sources]");
    await v.page.waitForSelector("[data-testid=sources]");
    assert.equal(new URL(v.page.url()).hash, `#${key}/sources`);
    assert.equal(await v.page.$("[data-testid=role-select]"), null, "no role editing");
    assert.equal(await v.page.$("[data-testid=rerun]"), null, "no re-run");
    assert.ok((await v.page.$$("[data-testid=role]")).length > 0, "roles shown as text");
    await shot(v.page, "viewer-sources-en.png");
    await v.page.click("[data-testid=nav-quality]");
    await v.page.waitForSelector("[data-testid=quality]");
    await v.page.goBack();
    await v.page.waitForSelector("[data-testid=sources]");
    await v.page.goBack();
    await v.page.waitForSelector("[data-testid=overview]");
    assert.equal(new URL(v.page.url()).hash, `#${key}`);
    viewerRequestsOK(v.requests, id, key);
    v.check();
  });

  await t.test("a wrong key, a missing key, an altered ciphertext: a clear message", async (t) => {
    const wrong = await watch(t);
    const bad = flipChar(key, 10);
    await wrong.page.goto(`${origin}/r/${id}#${bad}`);
    await wrong.page.waitForSelector("[data-testid=viewer-error]", { timeout: 60_000 });
    assert.equal(await attr(wrong.page, "[data-testid=viewer-error]", "data-reason"), "key");
    assert.match(await wrong.page.textContent("[data-testid=viewer-error]"), /does not open the report/);
    assert.equal(await wrong.page.$("[data-testid=overview]"), null);
    await shot(wrong.page, "viewer-wrong-key-en.png");
    viewerRequestsOK(wrong.requests, id, bad);
    wrong.check();

    const nokey = await watch(t);
    await nokey.page.goto(`${origin}/r/${id}`);
    await nokey.page.waitForSelector("[data-testid=viewer-error]", { timeout: 60_000 });
    assert.equal(await attr(nokey.page, "[data-testid=viewer-error]", "data-reason"), "nokey");
    assert.equal(nokey.requests.filter((r) => r.url.includes("/api/")).length, 0, "no request without a key");
    nokey.check();

    const tampered = await watch(t);
    let release;
    const held = new Promise((r) => (release = r));
    await tampered.page.route(`${origin}/api/reports/${id}`, async (route) => {
      await held; // long enough to see the loading state
      const resp = await route.fetch();
      const body = Buffer.from(await resp.body());
      body[Math.floor(body.length / 2)] ^= 0x01;
      await route.fulfill({ response: resp, body });
    });
    await tampered.page.goto(link);
    await tampered.page.waitForSelector("[data-testid=viewer-loading]", { timeout: 60_000 });
    await shot(tampered.page, "viewer-loading-en.png");
    release();
    await tampered.page.waitForSelector("[data-testid=viewer-error]", { timeout: 60_000 });
    assert.equal(await attr(tampered.page, "[data-testid=viewer-error]", "data-reason"), "key");
    assert.equal(await tampered.page.$("[data-testid=overview]"), null, "nothing of an altered report is shown");
    tampered.check();
  });

  // ---- delete ----
  const beforeDelete = sharer.requests.length;
  await page.click("[data-testid=share-delete]");
  await page.waitForSelector("[data-testid=share-deleted]", { timeout: 30_000 });
  const del = sharer.since(beforeDelete);
  assert.deepEqual(del.map((r) => `${r.method} ${r.url}`), [`DELETE ${origin}/api/reports/${id}`]);
  assert.match(del[0].headers.authorization || "", /^Bearer [A-Za-z0-9_-]{43}$/);
  assert.equal((await serverBytes(id)).status, 404, "the server no longer has it");
  // every request the sharing made was a same-origin call of the share API
  for (const r of sharer.since(beforeDialog)) {
    assert.ok(r.url.startsWith(`${origin}/api/reports`), "during sharing only the share API: " + r.url);
  }

  await t.test("a deleted link says so", async (t) => {
    const gone = await watch(t, { expect404: [`${origin}/api/reports/${id}`] });
    await gone.page.goto(link);
    await gone.page.waitForSelector("[data-testid=viewer-error]", { timeout: 60_000 });
    assert.equal(await attr(gone.page, "[data-testid=viewer-error]", "data-reason"), "gone");
    assert.match(await gone.page.textContent("[data-testid=viewer-error]"), /expired or was deleted/);
    await shot(gone.page, "viewer-gone-en.png");
    gone.check();
  });

  // ---- Arabic, with customer rows ----
  await page.click("[data-testid=share-new]");
  await page.click("[data-testid=share-cancel]");
  await page.waitForSelector("[data-testid=share-dialog]", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.getAttribute("data-testid")), "share-open", "focus returns to the Share button");
  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.dir === "rtl");
  await openDialog(page);
  await page.check("[data-testid=share-customers]");
  await page.waitForSelector("[data-testid=share-warning]");
  await shot(page, "share-dialog-ar.png");
  await page.uncheck("[data-testid=share-customers]");
  const rows = await makeLink(sharer, { ttl: 3600, customers: true });
  assert.equal(rows.requests.length, 1, "one request");
  assert.ok(!isJSON(rows.requests[0].body), "not JSON");
  assert.deepEqual(secretsIn(rows.requests[0].body), [], "customer data in the POST body (customer rows included)");
  const rowsPlain = JSON.parse((await decrypt((await serverBytes(rows.id)).bytes, rows.key)).toString("utf8"));
  assert.ok(rowsPlain.customers.length > 0 && rowsPlain.customers.length <= 500, "customer rows in the payload");
  assert.ok(rowsPlain.customers.every((c) => !("id" in c)), "no engine ids");
  await shot(page, "share-link-ar.png");

  await t.test("a link with customer rows, viewed in Arabic", async (t) => {
    const v = await watch(t, { locale: "ar-SA" });
    await v.page.goto(rows.link);
    await v.page.waitForSelector("[data-testid=viewer-banner]", { timeout: 60_000 });
    assert.equal(await v.page.evaluate(() => document.documentElement.dir), "rtl");
    const shown = await overviewNumbers(v.page);
    assert.deepEqual(shown, original, "the same numbers in Arabic");
    await chartsDrawn(v.page);
    await shot(v.page, "viewer-ar.png");
    await v.page.click("[data-testid=nav-customers]");
    await v.page.waitForSelector("[data-testid=shared-customer-row]");
    assert.equal((await v.page.$$("[data-testid=shared-customer-row]")).length, rowsPlain.customers.length);
    assert.ok((await v.page.textContent("[data-testid=shared-customers-table]")).includes(rowsPlain.customers[0].name));
    await shot(v.page, "viewer-customers-ar.png");
    viewerRequestsOK(v.requests, rows.id, rows.key);
    v.check();

    const bad = await watch(t, { locale: "ar-SA" });
    await bad.page.goto(`${origin}/r/${rows.id}#${flipChar(rows.key, 20)}`);
    await bad.page.waitForSelector("[data-testid=viewer-error]", { timeout: 60_000 });
    await shot(bad.page, "viewer-wrong-key-ar.png");
    bad.check();
  });

  await page.click("[data-testid=share-delete]");
  await page.waitForSelector("[data-testid=share-deleted]", { timeout: 30_000 });
  assert.equal((await serverBytes(rows.id)).status, 404);
  sharer.check();
});
