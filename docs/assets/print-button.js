/* Common Agenda printable pages: the Print button prints the page. A script file of our own, as the
   site's CSP allows no inline handlers; the button stays hidden until this runs, so it never sits
   there doing nothing. Safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window (an element with id "caPrint" is reachable through the
     window's prototype, never as its own property). */
  if (Object.prototype.hasOwnProperty.call(window, "caPrint")) { window.caPrint.init(); return; }
  /* The title in each printed page's footer (print.css, @page @bottom-left). Chromium cannot copy
     the heading there with string-set, so it goes in as a custom property, which the page inherits
     from the root; set through the CSSOM, which the CSP allows. Cleared on a page with no Print
     button, as instant navigation keeps the root element from page to page. */
  function footerTitle() {
    var root = document.documentElement.style;
    var heading = document.querySelector("article h1");
    if (!heading || !document.querySelector("button[data-ca-print]")) {
      root.removeProperty("--ca-print-title");
      return;
    }
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .ca-term__def").forEach(function (extra) { extra.remove(); });
    var text = copy.textContent.replace(/\s+/g, " ").trim();
    /* The day it was printed, written as the page's language writes dates, so a stack of copies
       says which is current. */
    var day = "";
    try {
      day = new Date().toLocaleDateString(document.documentElement.lang || "en",
                                          { year: "numeric", month: "long", day: "numeric" });
    } catch (e) { day = new Date().toISOString().slice(0, 10); }
    text += " \u00b7 printed " + day;
    root.setProperty("--ca-print-title", '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"');
  }
  function init() {
    footerTitle();
    document.querySelectorAll("button[data-ca-print]").forEach(function (button) {
      if (button.hasAttribute("data-ca-ready")) return;
      button.setAttribute("data-ca-ready", "");
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  window.caPrint = { init: init };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
