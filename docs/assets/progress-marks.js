/* Common Agenda: mark passed quizzes in the nav, from this browser's saved progress only.
   Tiny on purpose: it runs on every page. Bad or foreign data is ignored here; quiz pages
   reset it with a notice. */
(function () {
  "use strict";
  function passed() {
    try {
      var data = JSON.parse(localStorage.getItem("common-agenda:progress"));
      var out = {};
      Object.keys(data.quizzes).forEach(function (id) {
        if (data.quizzes[id] && data.quizzes[id].passed === true) out[id] = true;
      });
      return out;
    } catch (e) {
      return {};
    }
  }
  function mark() {
    var done = passed();
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var m = /\/quizzes\/([a-z0-9-]+)(?:\/|\.html)?$/.exec(link.pathname);
      var has = link.querySelector(".ca-nav-passed");
      if (m && done[m[1]] && !has) {
        var tag = document.createElement("span");
        tag.className = "ca-nav-passed";
        tag.textContent = " \u2713 passed";
        (link.querySelector(".md-ellipsis") || link).appendChild(tag);
      } else if (has && !(m && done[m[1]])) {
        has.remove();
      }
    });
  }
  window.caMarkPassed = mark;
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mark);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
