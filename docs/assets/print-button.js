/* Common Agenda printable pages: the Print button prints the page. A script file of our own, as the
   site's CSP allows no inline handlers; the button stays hidden until this runs, so it never sits
   there doing nothing. Safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window (an element with id "caPrint" is reachable through the
     window's prototype, never as its own property). */
  if (Object.prototype.hasOwnProperty.call(window, "caPrint")) { window.caPrint.init(); return; }
  function init() {
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
