// Starts the engine's Worker as the page begins to load, before the
// interface: an async script at the top of <head>, so it waits for neither
// the stylesheets nor the interface's wasm, and the engine downloads and
// compiles beside them. A normal script file: the page's Content-Security-
// Policy allows no inline script.
"use strict";
(function () {
  // The two download and compile at once and the engine is ready about
  // when the interface is. What it posts before the interface listens is
  // kept (qalbEngine.early) and handed over in order by the interface
  // (site/main_wasm.go startWorker). A shared report's page (/r/…) needs
  // no engine.
  function startEngine() {
    const path = location.pathname;
    if (path === "/r" || path.startsWith("/r/") || typeof Worker !== "function") return;
    if (self.qalbEngine !== undefined) return; // the interface ran first and started its own
    let worker;
    try {
      worker = new Worker("/worker.js");
    } catch (err) {
      return; // the interface says so when it needs the engine
    }
    const early = [];
    const keep = (ev) => early.push(ev);
    worker.addEventListener("message", keep);
    worker.addEventListener("error", keep);
    self.qalbEngine = {
      worker,
      early,
      // taken: the interface listens now; stop keeping.
      taken() {
        worker.removeEventListener("message", keep);
        worker.removeEventListener("error", keep);
        early.length = 0;
      },
    };
  }
  startEngine();
})();
