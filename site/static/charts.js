// Renders the charts the Go interface describes. Each chart is a
// <qalb-chart data-spec="…vega-lite JSON…"> element written by vugu;
// qalbCharts.sync() (called by the interface after every render) embeds
// the charts whose spec changed. Rendering is CSP-safe: SVG renderer, the
// expression interpreter instead of eval (ast: true), no injected <style>.
"use strict";
(function () {
  const arabicNumbers = {
    decimal: "\u066b",
    thousands: "\u066c",
    grouping: [3],
    currency: ["", ""],
    numerals: ["\u0660", "\u0661", "\u0662", "\u0663", "\u0664", "\u0665", "\u0666", "\u0667", "\u0668", "\u0669"],
    percent: "\u066a",
    minus: "\u2212",
  };
  const englishNumbers = { decimal: ".", thousands: ",", grouping: [3], currency: ["", ""] };

  function options(host) {
    const lang = host.getAttribute("data-lang") || "en";
    const interp = self.vegaInterpreter && self.vegaInterpreter.expressionInterpreter;
    if (!interp) throw new Error("vega-interpreter.js is not loaded");
    return {
      mode: "vega-lite",
      renderer: "svg",
      ast: true,
      expr: interp,
      defaultStyle: false,
      tooltip: { disableDefaultStyle: true, theme: "qalb" },
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: host.getAttribute("data-name") || "qalb-chart",
      formatLocale: lang === "ar" ? arabicNumbers : englishNumbers,
      i18n: {
        SVG_ACTION: host.getAttribute("data-svg") || "Save as SVG",
        PNG_ACTION: host.getAttribute("data-png") || "Save as PNG",
        CLICK_TO_VIEW_ACTIONS: host.getAttribute("data-menu") || "Download",
        COMPILED_ACTION: "",
        EDITOR_ACTION: "",
        SOURCE_ACTION: "",
      },
    };
  }

  async function render(host, specText) {
    const token = {};
    host.__qalbToken = token;
    if (host.__qalbResult) {
      host.__qalbResult.finalize();
      host.__qalbResult = null;
    }
    host.textContent = "";
    const target = document.createElement("div");
    target.className = "chart-canvas";
    host.appendChild(target);
    try {
      const result = await self.vegaEmbed(target, JSON.parse(specText), options(host));
      if (host.__qalbToken !== token) {
        result.finalize();
        return;
      }
      host.__qalbResult = result;
      // short visible labels ("SVG", "PNG"), full names for screen readers
      target.querySelectorAll(".vega-actions a").forEach((a) => {
        const full = a.textContent;
        const fmt = (a.getAttribute("download") || "").split(".").pop().toUpperCase();
        if (fmt) {
          a.setAttribute("aria-label", full);
          a.setAttribute("title", full);
          a.textContent = host.getAttribute("data-" + fmt.toLowerCase() + "-short") || fmt;
        }
      });
    } catch (err) {
      host.__qalbSpec = null;
      host.classList.add("chart-failed");
      console.warn("qalb: chart could not be drawn:", err);
    }
  }

  // Vega is a megabyte of script the landing page does not need: it is
  // loaded, in order, the first time the interface shows a chart — after an
  // analysis, never during one.
  const VEGA = ["/vendor/vega.min.js", "/vendor/vega-lite.min.js", "/vendor/vega-embed.min.js", "/vendor/vega-interpreter.js"];
  let loading = null;

  function loadVega() {
    if (!loading) {
      loading = Promise.all(
        VEGA.map(
          (src) =>
            new Promise((resolve, reject) => {
              const s = document.createElement("script");
              s.src = src;
              s.async = false; // run in insertion order
              s.onload = resolve;
              s.onerror = () => reject(new Error(src + " could not be loaded"));
              document.head.appendChild(s);
            }),
        ),
      ).then(sync, (err) => {
        loading = null;
        console.warn("qalb: charts unavailable:", err);
      });
    }
    return loading;
  }

  // Charts are drawn one after another, each in a task of its own (a
  // chart is tens of milliseconds of Vega), top of the page first: drawing
  // a page's charts together would hold the main thread for all of them.
  let drawing = Promise.resolve();
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  function sync() {
    if (typeof self.vegaEmbed !== "function") {
      // An empty spec is a chart of an analysis still running (the early
      // overview): Vega waits for the result, and the analysis makes no
      // request.
      if (document.querySelector('qalb-chart[data-spec]:not([data-spec=""])')) loadVega();
      return;
    }
    document.querySelectorAll("qalb-chart").forEach((host) => {
      const spec = host.getAttribute("data-spec");
      const key = spec + "\u0000" + (host.getAttribute("data-lang") || "");
      if (!spec || host.__qalbSpec === key) return;
      host.__qalbSpec = key;
      drawing = drawing
        .then(nextTask)
        .then(() => {
          // still wanted: on the page, and not replaced by a newer spec meanwhile
          if (host.isConnected && host.__qalbSpec === key) return render(host, spec);
        });
    });
  }

  self.qalbCharts = { sync };
  // The interface may render before this script's dependencies ran.
  document.addEventListener("DOMContentLoaded", sync);
})();
