// Starts the interface: Go's wasm_exec.js runtime and app.wasm (the vugu UI).
// The engine's Worker was started before, by engine-start.js.
// A normal script file, because the page's Content-Security-Policy allows no
// inline script.
"use strict";
(function () {
  // scripts/site-build.sh may rewrite this name to a content-hashed file.
  // Absolute, as every URL of the page: it is also served at /r/<id>.
  const APP_WASM = "/app.wasm";

  function failed(err) {
    const app = document.getElementById("app"); // the loading mark or the pre-rendered landing page
    if (app) {
      const el = document.createElement("div");
      el.className = "boot boot-failed";
      el.textContent = "Qalb could not start in this browser. · تعذّر تشغيل قلب في هذا المتصفح.";
      app.replaceChildren(el);
    }
    console.warn("qalb: the interface could not start:", err);
  }

  async function start() {
    if (typeof WebAssembly !== "object" || typeof Go !== "function") {
      throw new Error("WebAssembly or wasm_exec.js is missing");
    }
    const go = new Go();
    const response = await fetch(APP_WASM, { credentials: "same-origin" });
    if (!response.ok) throw new Error(APP_WASM + ": HTTP " + response.status);
    let result;
    if ((response.headers.get("Content-Type") || "").startsWith("application/wasm")) {
      result = await WebAssembly.instantiateStreaming(response, go.importObject);
    } else {
      result = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
    }
    go.run(result.instance);
  }

  // Load every face of the interface font now, so that no font is fetched
  // later, in the middle of an analysis (the privacy test counts requests).
  if (document.fonts && document.fonts.load) {
    for (const weight of ["400", "600"]) {
      document.fonts.load(weight + " 16px 'IBM Plex Sans Arabic'", "Qalb \u0642\u0644\u0628").catch(() => {});
    }
  }

  start().catch(failed);
})();
