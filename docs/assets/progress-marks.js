/* Common Agenda: mark passed quizzes in the nav, from this browser's saved progress only.
   Tiny on purpose: it runs on every page. Only a link to a quiz page itself is marked, never a
   table-of-contents entry (the same page plus #section). Saved progress is checked exactly as
   quiz.js checks it (parse and entryOk there): a record quiz.js would reset counts as nothing
   passed, whatever its other entries say. Ids are looked up as own properties only, in a map with
   no prototype, so a quiz id such as "constructor" is just an id. */
(function () {
  "use strict";
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function at(o, k) { return own(o, k) ? o[k] : undefined; }
  function isMap(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  /* As quiz.js: a score from 0 to 100, passed true or false, and a date that exists, as YYYY-MM-DD
     (a date that does not exist, such as 9999-99-99 or 2026-02-30, reads back as another day). */
  function entryOk(e) {
    var best = isMap(e) && at(e, "best"), date = isMap(e) && at(e, "date");
    return typeof best === "number" && best >= 0 && best <= 100 && typeof at(e, "passed") === "boolean" &&
      typeof date === "string" && new Date(Date.parse(date) || 0).toISOString().slice(0, 10) === date;
  }
  function passed() {
    var out = Object.create(null), quizzes;
    try {
      var data = JSON.parse(localStorage.getItem("common-agenda:progress"));
      if (!isMap(data) || at(data, "v") !== 1 || !isMap(at(data, "quizzes"))) return out;
      quizzes = Object.assign(Object.create(null), data.quizzes);
    } catch (e) {
      return out;
    }
    var ids = Object.keys(quizzes);
    if (!ids.every(function (id) { return entryOk(quizzes[id]); })) return out;
    ids.forEach(function (id) { if (quizzes[id].passed) out[id] = true; });
    return out;
  }
  function mark() {
    var done = passed();
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var m = !link.hash && !link.closest(".md-nav--secondary") &&
        /\/quizzes\/([a-z0-9-]+)(?:\/|\.html)?$/.exec(link.pathname);
      var on = !!m && own(done, m[1]);
      var has = link.querySelector(".ca-nav-passed");
      if (on && !has) {
        var tag = document.createElement("span");
        tag.className = "ca-nav-passed";
        tag.textContent = " \u2713 passed";
        (link.querySelector(".md-ellipsis") || link).appendChild(tag);
      } else if (has && !on) {
        has.remove();
      }
    });
  }
  window.caMarkPassed = mark;
  /* Material's document$ only as an own property of window: an element with id "document$" is
     reachable as window.document$ too, but never as its own property. */
  var material = own(window, "document$") && window.document$;
  if (material && typeof material.subscribe === "function") material.subscribe(mark);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
