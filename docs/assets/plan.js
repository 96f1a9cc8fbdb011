/* Common Agenda session plans: change the start time and every clock time follows, on screen and
   in print. No dependencies; nothing is stored or sent. Safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caPlan" is also
     reachable as window.caPlan, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caPlan")) { window.caPlan.init(); return; }
  function clock(start, offset) {
    var parts = start.split(":");
    var total = ((Number(parts[0]) * 60 + Number(parts[1]) + offset) % 1440 + 1440) % 1440;
    return ("0" + Math.floor(total / 60)).slice(-2) + ":" + ("0" + (total % 60)).slice(-2);
  }
  function update(input) {
    if (!/^\d{2}:\d{2}/.test(input.value)) return;
    var start = input.value.slice(0, 5);
    document.querySelectorAll("time.ca-agenda__time[data-offset]").forEach(function (t) {
      var text = clock(start, Number(t.getAttribute("data-offset")));
      t.textContent = text;
      t.setAttribute("datetime", text);
    });
  }
  function init() {
    /* Found by its data-ca-plan input, which author text cannot carry (html_allowlist refuses data-*
       there): a paragraph an author classed .ca-plan-start has no input and stopped this loop. */
    document.querySelectorAll("input[data-ca-plan]").forEach(function (input) {
      var box = input.closest(".ca-plan-start");
      if (!box || box.hasAttribute("data-ca-ready")) return;
      box.setAttribute("data-ca-ready", "");
      box.hidden = false;
      input.addEventListener("input", function () { update(input); });
      input.addEventListener("change", function () { update(input); });
      update(input);
    });
  }
  window.caPlan = { init: init };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
