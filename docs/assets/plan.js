/* Common Agenda session plans: change the start time and every clock time follows, on screen and
   in print. The start time comes from the address (?start=13:30, as the plan's links carry it to
   its print pack), else from this browser's storage for that plan, else the plan's own; it is kept
   in this browser only (localStorage), never sent. One time format throughout: the 24-hour clock,
   written as the page's language writes it (<html lang>), in the box and in the agenda alike.
   No dependencies. Safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caPlan" is also
     reachable as window.caPlan, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caPlan")) { window.caPlan.init(); return; }
  var KEY = "ca-plan-start";
  /* The start time last set on any plan or in the builder: the builder opens with it when its
     address names none, so a facilitator who set 13:30 on a plan does not find 09:00 there. */
  var LAST = "ca-last-start";
  var own = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };

  /* "13:30", "1330", "13.30", "9:05" -> minutes after midnight; anything else -> null. */
  function parse(text) {
    var match = /^\s*([01]?\d|2[0-3])\s*[:.h]?\s*([0-5]\d)\s*$/.exec(String(text || ""));
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  }
  function hhmm(minutes) {
    var total = ((minutes % 1440) + 1440) % 1440;
    return ("0" + Math.floor(total / 60)).slice(-2) + ":" + ("0" + (total % 60)).slice(-2);
  }
  var formatter = null;
  /* The page's language decides the separator (13:30, 13.30); the clock is always 24-hour, so the
     box, the agenda and the printed page agree whatever the browser's own locale is. */
  function format(minutes) {
    var plain = hhmm(minutes);
    try {
      if (!formatter) formatter = new Intl.DateTimeFormat(document.documentElement.lang || "en",
        { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
      var parts = plain.split(":");
      return formatter.format(new Date(Date.UTC(2000, 0, 1, Number(parts[0]), Number(parts[1]))));
    } catch (e) { return plain; }
  }

  function saved() {
    try {
      var all = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return all && typeof all === "object" && !Array.isArray(all) ? all : {};
    } catch (e) { return {}; }
  }
  function remember(plan, minutes) {
    try {
      var all = saved();
      all[plan] = hhmm(minutes);
      window.localStorage.setItem(KEY, JSON.stringify(all));
      window.localStorage.setItem(LAST, hhmm(minutes));
    } catch (e) { /* storage off or full: the time still shows, it is only not remembered */ }
  }

  /* The raw query with `name` set to `value` (or appended), leaving every other parameter as written. */
  function withParam(search, name, value) {
    var kept = search.replace(/^\?/, "").split("&").filter(function (pair) {
      return pair && pair.split("=")[0] !== name;
    });
    kept.push(name + "=" + value);
    return "?" + kept.join("&");
  }
  /* Pages that show this plan's times: its page, its print pack, and the session builder. */
  var CARRIES = /\/training\/(plans\/[^/]+|builder|builder-pack)(\/|\.html)?$/;
  function carry(minutes) {
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var url;
      try { url = new URL(a.getAttribute("href"), window.location.href); } catch (e) { return; }
      if (url.origin !== window.location.origin || !CARRIES.test(url.pathname)) return;
      a.setAttribute("href", url.pathname + withParam(url.search, "start", hhmm(minutes)) + url.hash);
    });
  }

  function update(minutes) {
    document.querySelectorAll("time.ca-agenda__time[data-offset]").forEach(function (t) {
      var at = minutes + Number(t.getAttribute("data-offset"));
      t.textContent = format(at);
      t.setAttribute("datetime", hhmm(at));
    });
    carry(minutes);
  }

  function note(box, text) {
    var line = box.querySelector(".ca-plan-start__note");
    if (!line) {
      line = document.createElement("p");
      line.className = "ca-plan-start__note";
      line.setAttribute("role", "status");
      box.appendChild(line);
    }
    line.textContent = text;
    line.hidden = !text;
  }

  function setUp(input) {
    var box = input.closest(".ca-plan-start");
    if (!box || box.hasAttribute("data-ca-ready")) return;
    box.setAttribute("data-ca-ready", "");
    box.hidden = false;
    var plan = input.getAttribute("data-ca-plan");
    var fallback = parse(input.value);
    if (fallback === null) fallback = 9 * 60;
    var start = fallback;
    var asked = new URLSearchParams(window.location.search).get("start");
    var mine = saved();
    if (asked !== null) {
      var fromAddress = parse(asked);
      if (fromAddress === null) {
        note(box, "The start time in this page's address is not a time on the 24-hour clock, so the plan's own start, "
          + format(fallback) + ", is used.");
      } else {
        start = fromAddress;
        remember(plan, start);
      }
    } else if (own(mine, plan) && parse(mine[plan]) !== null) {
      start = parse(mine[plan]);
    }
    input.value = format(start);
    update(start);
    input.addEventListener("input", function () {
      var minutes = parse(input.value);
      if (minutes === null) { input.setAttribute("aria-invalid", "true"); return; }
      input.removeAttribute("aria-invalid");
      note(box, "");
      update(minutes);
      remember(plan, minutes);
      try {
        window.history.replaceState(window.history.state, "",
          window.location.pathname + withParam(window.location.search, "start", hhmm(minutes)) + window.location.hash);
      } catch (e) { /* a file: page may refuse; the links still carry the time */ }
    });
    input.addEventListener("change", function () {
      var minutes = parse(input.value);
      if (minutes === null) note(box, "Write the start time on the 24-hour clock, for example " + format(13 * 60 + 30) + ".");
      else input.value = format(minutes);
    });
  }

  function init() {
    /* Found by its data-ca-plan input, which author text cannot carry (html_allowlist refuses data-*
       there): a paragraph an author classed .ca-plan-start has no input and stopped this loop. */
    document.querySelectorAll("input[data-ca-plan]").forEach(setUp);
  }
  window.caPlan = { init: init, parse: parse, format: format };
  var material = own(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
