/* Common Agenda: mark passed quizzes in the nav, from this browser's saved progress only.
   Tiny on purpose: it runs on every page. Only a link to a quiz page itself is marked, never a
   table-of-contents entry (the same page plus #section). Data that quiz.js would not accept counts
   as nothing passed (quiz pages reset it with a notice); ids are looked up as own properties only. */
(function () {
  "use strict";
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function passed() {
    var out = Object.create(null);
    try {
      var data = JSON.parse(localStorage.getItem("common-agenda:progress"));
      var quizzes = own(data, "v") && data.v === 1 && own(data, "quizzes") && data.quizzes;
      if (!quizzes || typeof quizzes !== "object" || Array.isArray(quizzes)) return out;
      var ok = Object.keys(quizzes).every(function (id) {
        var e = quizzes[id];
        if (!e || typeof e !== "object" || !own(e, "passed") || !own(e, "best") || !own(e, "date")) return false;
        if (e.passed === true) out[id] = true;
        return typeof e.passed === "boolean" && typeof e.best === "number" && e.best >= 0 && e.best <= 100 &&
          typeof e.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(e.date);
      });
      return ok ? out : Object.create(null);
    } catch (e) {
      return out;
    }
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
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mark);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
