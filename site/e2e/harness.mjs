// Shared by the engine Worker's browser test (worker.test.mjs) and the
// browser benchmark (scripts/bench-browser.mjs): the browser to launch, the
// site staged with the Worker test page, and `qalb serve` on a free port.
// (Not a test file: node --test only runs *.test.mjs.)
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

// Playwright gives every launch a fresh temporary profile (--user-data-dir).
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const launchOptions = () => ({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });

// stageSite copies a built site into dir and adds the Worker test page
// (site/e2e/worker.html and worker-page.js), which is never deployed.
export function stageSite(root, dist, dir) {
  fs.cpSync(dist, dir, { recursive: true });
  for (const f of ["worker.html", "worker-page.js"]) fs.copyFileSync(path.join(root, "site/e2e", f), path.join(dir, f));
  return dir;
}

// startServer runs `bin serve -addr 127.0.0.1:0 -dir dir …` and resolves with
// {proc, url} once it prints its address.
export function startServer(bin, dir, extraArgs = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ["serve", "-addr", "127.0.0.1:0", "-dir", dir, ...extraArgs], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error("qalb serve did not start:\n" + out)), 30000);
    proc.stdout.on("data", (b) => {
      out += b;
      const m = out.match(/Qalb is running at (http:\/\/\S+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] });
      }
    });
    proc.stderr.on("data", (b) => (out += b));
    proc.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`qalb serve exited (${code}):\n${out}`));
    });
  });
}
