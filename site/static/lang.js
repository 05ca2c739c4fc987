// Runs before the first paint (a blocking script at the end of <body>):
// picks the page's language — the one chosen before, else the browser's —
// and shows the pre-rendered landing page in it, so the page is drawn in
// its final form while the interface's wasm is still loading. The
// interface reads the choice from <html lang> and takes the page over.
// A normal script file: the Content-Security-Policy allows no inline script.
"use strict";
(function () {
  let lang = "en";
  try {
    lang = localStorage.getItem("qalb.lang") || "";
  } catch (e) {
    lang = ""; // storage disabled
  }
  if (lang !== "ar" && lang !== "en") {
    lang = (navigator.language || "").startsWith("ar") ? "ar" : "en";
  }
  const root = document.documentElement;
  root.setAttribute("lang", lang);
  root.setAttribute("dir", lang === "ar" ? "rtl" : "ltr");

  const app = document.getElementById("app");
  if (!app || !app.hasAttribute("data-prerendered")) return;
  if (location.pathname.startsWith("/r/")) {
    // a shared report's viewer: not the landing page
    const boot = document.createElement("div");
    boot.id = "app";
    boot.innerHTML = '<div class="boot" aria-busy="true"><span class="boot-mark"></span></div>';
    app.replaceWith(boot);
    return;
  }
  const other = document.getElementById("landing-" + lang);
  if (other) app.replaceWith(other.content.firstElementChild);
})();
