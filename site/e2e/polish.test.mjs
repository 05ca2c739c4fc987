// Browser tests of a report a user trusts at first glance (issue 21): the
// overview says when a file gave little or nothing; names that are not
// names, and values that mean the same thing, are cleaned up; Arabic pages
// carry no Latin interface word, no Western digit and no middle dot; plurals
// in both languages; whole-number ticks on count axes; a new page starts at
// its top; the customers table fits a 1440-px screen; Analyse stays in view.
//
//   scripts/site-build.sh && node --test site/e2e/polish.test.mjs
//
// Screenshots go to site/e2e/screenshots/polish-*.png (git-ignored).

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
const SHOTS = path.join(ROOT, "site/e2e/screenshots");
const TIMEOUT = 180_000;
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-polish-"));

let server, baseURL, qalb;

function cli() {
  const bin = process.env.QALB_BIN || path.join(ROOT, "bin/qalb");
  if (fs.existsSync(bin)) return bin;
  const out = path.join(TMP, "qalb");
  execFileSync("go", ["build", "-o", out, "./cmd/qalb"], { cwd: ROOT, stdio: "inherit" });
  return out;
}

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, "index.html")), `${DIST} is not built: run scripts/site-build.sh`);
  qalb = cli();
  ({ proc: server, url: baseURL } = await startServer(qalb, DIST, ["-no-share"]));
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(() => {
  if (server) server.kill();
  fs.rmSync(TMP, { recursive: true, force: true });
});

// open starts a fresh browser on the site, failing the test on any console
// error, page error or request to another origin.
async function open(t, { lang = "en", viewport = { width: 1440, height: 900 } } = {}) {
  const browser = await chromium.launch(launchOptions());
  const context = await browser.newContext({ viewport, locale: lang === "ar" ? "ar" : "en-GB" });
  const page = await context.newPage();
  const problems = [];
  const origin = new URL(baseURL).origin;
  page.on("console", (m) => m.type() === "error" && problems.push("console error: " + m.text()));
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  context.on("request", (r) => {
    const u = new URL(r.url());
    if (!["data:", "blob:"].includes(u.protocol) && u.origin !== origin) problems.push("request to another origin: " + r.url());
  });
  t.after(() => browser.close());
  await page.goto(baseURL);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.click("[data-testid=lang-switch]");
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  return { page, check: () => assert.deepEqual(problems, [], "the page reported problems") };
}

async function waitForOverview(page) {
  await page.waitForSelector("[data-testid=overview]", { timeout: TIMEOUT });
  await page.waitForFunction(() => !document.querySelector(".app[data-busy]"), null, { timeout: TIMEOUT });
}

function writeFile(name, body) {
  const f = path.join(TMP, name);
  fs.writeFileSync(f, body);
  return f;
}

async function analyse(page, files) {
  await page.setInputFiles("[data-testid=file-input]", files);
  await page.click("[data-testid=analyze]");
  await waitForOverview(page);
}

async function demo(page) {
  await page.click("[data-testid=demo]");
  await waitForOverview(page);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `polish-${name}.png`), fullPage: true });
}

// A contact list whose 5 rows all have more fields than its header.
const allRejected = "Name,Email,Phone\n" + [1, 2, 3, 4, 5].map((i) => `Person ${i},p${i}@example.com,+96650000000${i},extra,more`).join("\n") + "\n";

// A survey export whose "Survey Name" column names the survey, not the
// respondent; languages, channels and devices written several ways.
function surveyCSV() {
  const langs = ["English", "en", "Arabic", "ar", "العربية", "EN-US"];
  const chans = ["email", "Mail", "E-mail", "294517", "WhatsApp", "واتساب"];
  const devs = ["iPhone", "Mobile", "PC"];
  let s = "Respondent ID,Email,Survey Name,Language,Channel,Device,Date,Score\n";
  for (let i = 0; i < 24; i++) {
    s += `R${i},p${i}@example.com,Customer Survey Q${(i % 2) + 1},${langs[i % 6]},${chans[i % 6]},${devs[i % 3]},2024-0${(i % 3) + 1}-${String(i + 1).padStart(2, "0")},${i % 11}\n`;
  }
  return s;
}

test("1: a file whose rows were all rejected is named at the top of the overview, with the reason and a link to the fix", { timeout: TIMEOUT }, async (t) => {
  for (const lang of ["en", "ar"]) {
    const { page, check } = await open(t, { lang });
    await analyse(page, [writeFile("contacts.csv", allRejected)]);
    const alert = `[data-testid=alert][data-kind=rejected][data-file="contacts.csv"]`;
    await page.waitForSelector(alert);
    const text = await page.textContent(alert);
    if (lang === "en") {
      assert.match(text, /5 of its 5 rows were rejected/);
      assert.match(text, /the row has 5 fields but the header has 3/);
      assert.ok(await page.$("[data-testid=alert][data-kind=nocustomers-all]"), "says no customers were found");
    } else {
      assert.match(text, /رُفض ٥ من ٥ صفوف/);
    }
    assert.equal(await page.getAttribute(`${alert} [data-testid=alert-fix]`, "href"), "#/sources");
    await shot(page, `alerts-${lang}`);
    await page.click(`${alert} [data-testid=alert-fix]`);
    await page.waitForSelector("[data-testid=sources]");
    check();
  }
});

test("2, 3: a survey's name is not the customers' name; languages, channels and devices are counted together", { timeout: TIMEOUT }, async (t) => {
  const { page, check } = await open(t);
  await analyse(page, [writeFile("survey.csv", surveyCSV())]);
  const items = async (id) => page.$$eval(`[data-testid=top-${id}] li`, (lis) => lis.map((li) => [li.querySelector(".ranked-label").textContent, li.querySelector(".ranked-count").textContent]));
  assert.deepEqual(await items("languages"), [["Arabic", "12"], ["English", "12"]]);
  assert.deepEqual(await items("channels"), [["Email", "12"], ["WhatsApp", "8"]]);
  assert.deepEqual(await items("devices"), [["Desktop", "8"], ["iOS", "8"], ["Mobile", "8"]]);
  await shot(page, "vocab-en");
  await page.click("[data-testid=nav-customers]");
  await page.waitForSelector("[data-testid=customer-row]");
  const rows = await page.$$eval("[data-testid=customer-row]", (rs) => rs.map((r) => [r.querySelector(".name-cell a").textContent, r.querySelector("[data-testid=name-from]")?.getAttribute("data-value")]));
  assert.equal(rows.length, 24);
  for (const [name, from] of rows) {
    assert.match(name, /^p\d+@example\.com$/, "shown by the email");
    assert.equal(from, "email", "labelled as an email");
  }
  await shot(page, "names-en");
  check();
});

// interfaceText is the page's own words: every text node except those of
// values from the data (marked dir=auto or dir=ltr, bdi), words marked as
// another language (the language switch says "English"), charts' SVG
// (checked through their tables), and hidden elements.
async function interfaceText(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector(".app"), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("[dir=auto], [dir=ltr], bdi, svg, script, style, .visually-hidden, [hidden], template")) continue;
      if (el.closest("[lang]") !== document.documentElement) continue; // a word in its own language: the language switch
      if (!el.getClientRects().length) continue;
      const s = n.textContent.trim();
      if (s) out.push(s);
    }
    return out;
  });
}

test("6: Arabic pages say everything in Arabic, with Arabic-Indic digits and no middle dot", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t, { lang: "ar" });
  await demo(page);
  const allowed = /^(?:[A-Z]{3}|NPS|CES|CSAT)$/; // ISO currency codes and the scores' standard names
  const visit = async (name) => {
    const texts = await interfaceText(page);
    const latin = texts.flatMap((s) => s.match(/[A-Za-z][A-Za-z-]+/g) || []).filter((w) => !allowed.test(w));
    assert.deepEqual([...new Set(latin)], [], `${name}: Latin interface words`);
    const western = texts.filter((s) => /[0-9]/.test(s));
    assert.deepEqual(western, [], `${name}: Western digits in interface text`);
    const dots = texts.filter((s) => s.includes("·"));
    assert.deepEqual(dots, [], `${name}: a middle dot, read as the Arabic zero`);
    await shot(page, `${name}-ar`);
  };
  await page.waitForFunction(() => [...document.querySelectorAll("qalb-chart")].every((c) => c.querySelector("svg")), null, { timeout: 30_000 });
  await visit("overview");
  // The analyses' pages: numbers in Arabic-Indic digits and no middle dot
  // (their data values — event names, regions — may be Latin).
  for (const p of ["feedback", "sentiment", "segments", "predictions", "behaviour"]) {
    await page.click(`[data-testid=nav-${p}]`);
    await page.waitForSelector(`[data-testid=${p}]`);
    const texts = await interfaceText(page);
    const western = texts.filter((s) => /[0-9]/.test(s.replace(/B2B/g, "")));
    assert.deepEqual(western, [], `${p}: Western digits in interface text`);
    assert.deepEqual(texts.filter((s) => s.includes("·")), [], `${p}: a middle dot, read as the Arabic zero`);
  }
  await page.click("[data-testid=nav-overview]");
  await page.waitForSelector("[data-testid=overview]");
  for (const p of ["sources", "quality", "customers"]) {
    await page.click(`[data-testid=nav-${p}]`);
    await page.waitForSelector(`[data-testid=${p}]`);
    if (p === "customers") await page.waitForSelector("[data-testid=customer-row]");
    await visit(p);
    if (p === "quality") {
      // 4: the conflicts listed with their ids, files and lines; the two counts explained
      const rows = await page.$$("[data-testid=conflict-record]");
      assert.ok(rows.length >= 2, "conflict rows");
      assert.match(await rows[0].textContent(), /\.(csv|ndjson):\d+/, "a conflict's file and line");
      assert.match(await page.textContent("[data-testid=identity-counts]"), /٢١٧ عميلًا في ملفين أو أكثر/);
      await page.locator("[data-testid=conflicts]").screenshot({ path: path.join(SHOTS, "polish-conflicts-ar.png") });
    }
  }
  // a customer with orders: the timeline's amounts in Arabic digits
  await page.click("[data-testid=customer-row] .name-cell a");
  await page.waitForSelector("[data-testid=timeline]");
  await visit("customer");
  const summaries = await page.$$eval(".tp-summary", (ps) => ps.map((p) => p.textContent));
  assert.ok(summaries.some((s) => /[٠-٩]٫[٠-٩]{2} [A-Z]{3}/.test(s)), "an amount written as money, in Arabic-Indic digits: " + summaries.slice(0, 3).join(" | "));
  check();
});

test("7: plurals by CLDR rules in English and Arabic", { timeout: TIMEOUT }, async (t) => {
  const one = writeFile("one.csv", "Email\na@example.com\n");
  const two = writeFile("two.csv", "Email\nb@example.com\n");
  const { page, check } = await open(t);
  await page.setInputFiles("[data-testid=file-input]", [one]);
  assert.match(await page.textContent(".file-list .card-title"), /^1 file · /);
  await page.setInputFiles("[data-testid=file-input]", [two]);
  assert.match(await page.textContent(".file-list .card-title"), /^2 files · /);
  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.lang === "ar");
  assert.match(await page.textContent(".file-list .card-title"), /^ملفان، /);
  assert.equal(await page.textContent("[data-testid=analyze]"), "تحليل ملفان");
  await page.click("[data-testid=analyze]");
  await waitForOverview(page);
  // two sources, two rows (no dates, so no "as of")
  assert.equal(await page.textContent(".overview .page-sub"), "مصدران، صفان");
  await page.click("[data-testid=lang-switch]");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(await page.textContent(".overview .page-sub"), "2 sources · 2 rows");
  check();
});

test("7: count axes have whole-number ticks", { timeout: TIMEOUT }, async (t) => {
  const { page, check } = await open(t);
  // two customers in one month, one in the next: a naive axis ticks at 0.5
  await analyse(page, [writeFile("few.csv", "Email,Signup Date\na@example.com,2024-01-03\nb@example.com,2024-01-09\nc@example.com,2024-02-01\n")]);
  await page.waitForSelector("[data-testid=chart-new-customers] qalb-chart svg", { timeout: 30_000 });
  const labels = await page.$$eval("[data-testid=chart-new-customers] .role-axis-label text", (ts) => ts.map((t) => t.textContent));
  const numbers = labels.filter((l) => /^[0-9.,]+$/.test(l));
  assert.ok(numbers.length >= 2, "value axis labels: " + labels.join(" "));
  assert.deepEqual(numbers.filter((l) => l.includes(".")), [], "fractional ticks");
  check();
});

test("7: a new page starts at its top; the customers table fits 1440 px; Analyse stays in view with many files", { timeout: TIMEOUT * 2 }, async (t) => {
  const { page, check } = await open(t);
  const many = Array.from({ length: 14 }, (_, i) => writeFile(`list-${String(i + 1).padStart(2, "0")}.csv`, `Email\nx${i}@example.com\n`));
  await page.setInputFiles("[data-testid=file-input]", many);
  const box = await page.locator("[data-testid=analyze]").boundingBox();
  assert.ok(box && box.y >= 0 && box.y + box.height <= 900, `Analyse in view: ${JSON.stringify(box)}`);
  await shot(page, "many-files-en");
  for (const f of many) await page.click(`[data-testid=file-item]:has-text("${path.basename(f)}") button`);
  await demo(page);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.ok((await page.evaluate(() => window.scrollY)) > 200, "the overview scrolls");
  await page.click("[data-testid=nav-customers]");
  await page.waitForSelector("[data-testid=customer-row]");
  assert.equal(await page.evaluate(() => window.scrollY), 0, "the customers page opens at its top");
  const fit = await page.$eval(".customers-table", (t) => ({ table: t.scrollWidth, wrap: t.closest(".table-wrap").clientWidth }));
  assert.ok(fit.table <= fit.wrap, `customers table ${fit.table}px in ${fit.wrap}px`);
  await shot(page, "customers-en");
  check();
});

function demoFiles() {
  const index = JSON.parse(fs.readFileSync(path.join(DIST, "demo/index.json"), "utf8"));
  return index.files.map((f) => path.join(DIST, f.path));
}

async function downloaded(page, testid) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`[data-testid=${testid}]`)]);
  const f = path.join(TMP, `dl-${Date.now()}-${dl.suggestedFilename()}`);
  await dl.saveAs(f);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(f) };
}

test("9: the report downloads as the CLI's JSON and as a self-contained HTML file; print preview", { timeout: TIMEOUT * 2 }, async (t) => {
  const files = demoFiles();
  const cliJSON = path.join(TMP, "cli.json");
  const cliHTML = { en: path.join(TMP, "cli-en.html"), ar: path.join(TMP, "cli-ar.html") };
  for (const lang of ["en", "ar"]) execFileSync(qalb, ["analyze", "-q", "-o", cliJSON, "--html", cliHTML[lang], "--lang", lang, ...files]);
  const { page, check } = await open(t);
  await demo(page);
  const json = await downloaded(page, "download-json");
  assert.equal(json.name, "qalb-report.json");
  assert.ok(json.bytes.equals(fs.readFileSync(cliJSON)), "the downloaded JSON is byte for byte `qalb analyze -o`");
  for (const lang of ["en", "ar"]) {
    if (lang === "ar") {
      await page.click("[data-testid=lang-switch]");
      await page.waitForFunction(() => document.documentElement.lang === "ar");
    }
    const h = await downloaded(page, "download-html");
    assert.equal(h.name, `qalb-report-${lang}.html`);
    assert.ok(h.bytes.equals(fs.readFileSync(cliHTML[lang])), `the downloaded HTML (${lang}) is byte for byte \`qalb analyze --html\``);
    const text = h.bytes.toString("utf8");
    assert.ok(!/<script|https?:|src=|href=/.test(text), "no script, no address");
    // opened offline, it asks for nothing and shows the charts
    const b = await chromium.launch(launchOptions());
    t.after(() => b.close());
    const offline = await (await b.newContext({ offline: true, viewport: { width: 1200, height: 900 } })).newPage();
    const requests = [];
    offline.on("request", (r) => requests.push(r.url()));
    fs.writeFileSync(path.join(TMP, `report-${lang}.html`), h.bytes);
    await offline.goto("file://" + path.join(TMP, `report-${lang}.html`));
    assert.deepEqual(requests.filter((u) => !u.startsWith("file:")), [], "the HTML report makes no request");
    assert.equal(await offline.evaluate(() => document.documentElement.dir), lang === "ar" ? "rtl" : "ltr");
    assert.ok((await offline.$$("svg[role=img]")).length >= 2, "charts as inline SVG");
    await offline.screenshot({ path: path.join(SHOTS, `polish-html-report-${lang}.png`), fullPage: false });
    await offline.emulateMedia({ media: "print" });
    await offline.screenshot({ path: path.join(SHOTS, `polish-html-print-${lang}.png`), fullPage: false });
  }
  // the app's own print layout: no navigation, buttons or menus
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(SHOTS, "polish-print-ar.png"), fullPage: false });
  for (const sel of [".sidebar", ".topbar", "[data-testid=download-json]"]) {
    assert.equal(await page.$eval(sel, (e) => getComputedStyle(e).display), "none", `${sel} hidden in print`);
  }
  check();
});

test("5: a shared report shows small months as suppressed on a continuous axis and says what it left out", { timeout: TIMEOUT * 2 }, async (t) => {
  // 30 customers: January 10, February 2, no one in March, April 10, May 8;
  // one company of 10, the others of 1 or 2.
  let csv = "Email,Company,Signup Date\n";
  const months = [["2024-01", 10], ["2024-02", 2], ["2024-04", 10], ["2024-05", 8]];
  let i = 0;
  for (const [m, n] of months) {
    for (let k = 0; k < n; k++, i++) csv += `c${i}@example.com,${i < 10 ? "Big Co" : "Small " + (i % 12)},${m}-${String(k + 1).padStart(2, "0")}\n`;
  }
  const file = writeFile("shared-contacts.csv", csv);
  const share = await startServer(qalb, DIST, ["-data", path.join(TMP, "share-data")]);
  t.after(() => share.proc.kill());
  const b = await chromium.launch(launchOptions());
  t.after(() => b.close());
  const page = await (await b.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(share.url);
  await page.waitForSelector(".app[data-engine-ready]", { timeout: 60_000 });
  await analyse(page, [file]);
  await page.click("[data-testid=share-open]");
  await page.waitForSelector("[data-testid=share-form]");
  await page.click("[data-testid=share-create]");
  await page.waitForSelector("[data-testid=share-link]", { timeout: 60_000 });
  const link = await page.$eval("[data-testid=share-link]", (e) => e.value);

  for (const lang of ["en", "ar"]) {
    const viewer = await (await b.newContext({ viewport: { width: 1440, height: 900 }, locale: lang === "ar" ? "ar" : "en-GB" })).newPage();
    await viewer.goto(link);
    await viewer.waitForSelector("[data-testid=overview]", { timeout: 60_000 });
    if ((await viewer.evaluate(() => document.documentElement.lang)) !== lang) await viewer.click("[data-testid=lang-switch]");
    await viewer.waitForFunction((l) => document.documentElement.lang === l, lang);
    // every month from January to May is on the axis; February is suppressed, March is empty
    const rows = await viewer.$$eval("[data-testid=chart-new-customers] details tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    if (lang === "en") {
      assert.deepEqual(rows, [["Jan 2024", "10"], ["Feb 2024", "fewer than 5 customers"], ["Mar 2024", "0"], ["Apr 2024", "10"], ["May 2024", "8"]]);
      assert.match(await viewer.textContent("[data-testid=top-companies]"), /Big Co[\s\S]*with fewer than 5 customers each are not shown/);
      assert.match(await viewer.textContent("[data-testid=shared-notes]"), /never shows a group of fewer than 5/);
      await viewer.waitForSelector("[data-testid=chart-new-customers] qalb-chart svg", { timeout: 30_000 });
      assert.match(await viewer.textContent("[data-testid=chart-new-customers] qalb-chart svg"), /<5/, "the hidden month is marked where its bar would be");
    } else {
      assert.equal(rows.length, 5, "five months, none left out");
      assert.equal(rows[1][1], "أقل من ٥ عملاء");
    }
    await viewer.waitForFunction(() => [...document.querySelectorAll("qalb-chart")].every((c) => c.querySelector("svg")), null, { timeout: 30_000 });
    await shot(viewer, `shared-${lang}`);
  }
});

test("8: the customer search finds a name written in the other script, both ways", { timeout: TIMEOUT }, async (t) => {
  const { page, check } = await open(t);
  await analyse(page, [writeFile("names.csv", "Customer ID,Full Name,Email\nC1,Ahmed Al-Qahtani,a@example.com\nC2,محمد الشمري,m@example.com\nC3,Sara Smith,s@example.com\n")]);
  await page.click("[data-testid=nav-customers]");
  await page.waitForSelector("[data-testid=customer-row]");
  const names = () => page.$$eval("[data-testid=customer-row] .name-cell a", (as) => as.map((a) => a.textContent));
  for (const [q, want] of [["أحمد", "Ahmed Al-Qahtani"], ["القحطاني", "Ahmed Al-Qahtani"], ["Mohammed", "محمد الشمري"], ["Muhammad Shammari", "محمد الشمري"], ["سارة", "Sara Smith"]]) {
    await page.fill("[data-testid=customer-search]", q);
    await page.waitForFunction((w) => {
      const r = [...document.querySelectorAll("[data-testid=customer-row] .name-cell a")].map((a) => a.textContent);
      return r.length === 1 && r[0] === w;
    }, want, { timeout: 30_000 }).catch(() => {});
    assert.deepEqual(await names(), [want], `search ${q}`);
  }
  check();
});
