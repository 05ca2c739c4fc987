// Reading in parts in headless Chromium: the same file analysed with
// analyze.parts 1 and 2 (docs/protocol.md), each run in a fresh browser,
// printing the read stage and the whole analysis (wall time), each stage's
// wall time (the result's stages) with the CPU its two busiest threads
// spent in it, and the CPU
// time the renderer's busiest threads spent in the read stage (from
// /proc/<pid>/task/*/stat): on a loaded machine wall time measures the
// neighbours, CPU time what the Workers did.
//
//   node scripts/bench-parts.mjs FILE [ORDER]     ORDER e.g. 1,2,1,2 (default)
//
// Needs site/dist (scripts/site-build.sh; QALB_DIST names another) and bin/qalb.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { launchOptions, stageSite, startServer } from "../site/e2e/harness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const file = process.argv[2];
const order = (process.argv[3] || "1,2,1,2").split(",").map(Number);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "qalb-bp-"));
const stage = stageSite(root, process.env.QALB_DIST || path.join(root, "site/dist"), path.join(tmp, "site"));
const server = await startServer(path.join(root, "bin/qalb"), stage, ["-no-share"]);
const HZ = 100; // USER_HZ: /proc reports utime and stime in these ticks

// threads is the CPU seconds of each thread of process pid.
function threads(pid) {
  const out = {};
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const st = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
        const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
        out[tid] = (Number(f[11]) + Number(f[12])) / HZ;
      } catch {}
    }
  } catch {}
  return out;
}
for (const parts of order) {
  const browser = await chromium.launch(launchOptions());
  const page = await browser.newPage();
  await page.goto(server.url + "worker.html");
  await page.evaluate(() => window.qalbTest.start());
  await page.setInputFiles("#file", file);
  await page.waitForTimeout(1500);
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send("SystemInfo.getProcessInfo");
  const pids = processInfo.filter((p) => p.type === "renderer").map((p) => p.id);
  const others = processInfo.filter((p) => p.type !== "renderer").map((p) => p.id);
  const cpuOf = (ps) => ps.map(threads).map((o) => Object.values(o).reduce((a, b) => a + b, 0)).reduce((a, b) => a + b, 0);
  const other0 = cpuOf(others);
  const snaps = [];
  const t0 = Date.now();
  const timer = setInterval(() => snaps.push({ t: Date.now() - t0, th: Object.assign({}, ...pids.map(threads)) }), 100);
  snaps.push({ t: 0, th: Object.assign({}, ...pids.map(threads)) });
  const r = await page.evaluate((parts) => window.qalbTest.analyze(window.qalbTest.pickedFiles(), { parts }), parts);
  clearInterval(timer);
  const otherCPU = cpuOf(others) - other0;
  const at = snaps.reduce((a, b) => (Math.abs(b.t - r.readMs) < Math.abs(a.t - r.readMs) ? b : a));
  const d = Object.keys(at.th).map((tid) => at.th[tid] - (snaps[0].th[tid] || 0)).sort((a, b) => b - a);
  const end = snaps[snaps.length - 1];
  const dAll = Object.keys(end.th).map((tid) => end.th[tid] - (snaps[0].th[tid] || 0)).sort((a, b) => b - a);
  console.log(`parts:${parts} -> ${r.type} used ${r.parts} parts; read ${(r.readMs/1000).toFixed(2)} s (busiest threads' CPU in it: ${d.slice(0,3).map((x)=>x.toFixed(2)).join(", ")} s), total ${(r.wallMs/1000).toFixed(2)} s (renderer CPU ${dAll.reduce((a,b)=>a+b,0).toFixed(1)} s, browser+gpu+utility CPU ${otherCPU.toFixed(1)} s)`);
  if (r.stageMs) {
    // Each stage's wall time, and the CPU time the renderer's two busiest
    // threads spent in it (snapshots every 100 ms, so short stages blur).
    const snapAt = (t) => snaps.reduce((a, b) => (Math.abs(b.t - t) < Math.abs(a.t - t) ? b : a));
    let t = 0;
    const parts = r.stageMs.map((st) => {
      const a = snapAt(t);
      t += st.ms;
      const b = snapAt(t);
      const cpu = Object.keys(b.th).map((tid) => b.th[tid] - (a.th[tid] || 0)).sort((x, y) => y - x);
      return `${st.stage} ${(st.ms / 1000).toFixed(2)} (cpu ${cpu.slice(0, 2).map((x) => x.toFixed(2)).join("+")})`;
    });
    console.log(`  stages (tasks ${r.tasks} ${JSON.stringify(r.taskKinds || {})}): ` + parts.join(", "));
  }
  await browser.close();
}
server.proc.kill("SIGTERM");
fs.rmSync(tmp, { recursive: true, force: true });
