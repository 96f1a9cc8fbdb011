/* Common Agenda: mark passed quizzes and read modules in the nav, and offer "Mark as read" at the
   end of a module page, from and into this browser's storage only. Small on purpose: it runs on
   every page. Only a link to a quiz or module page itself is marked, never a table-of-contents
   entry (the same page plus #section). Saved progress is checked exactly as quiz.js checks it
   (parse and entryOk there): a record quiz.js would reset counts as nothing passed, whatever its
   other entries say. Ids are looked up as own properties only, in maps with no prototype, so an id
   such as "constructor" is just an id.

   Reading is marked by the reader, with a button, not by scrolling to the end: a page skimmed on
   a phone, or scrolled past to reach its quiz, is not a page read, and the progress page and its
   minutes should say what the reader says they did. */
(function () {
  "use strict";
  var READ = "common-agenda:read";  // {v: 1, modules: {id: {date: "YYYY-MM-DD"}}}
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function at(o, k) { return own(o, k) ? o[k] : undefined; }
  function isMap(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  /* A date that exists, as YYYY-MM-DD, and not after tomorrow (one day for a clock or time zone a
     little ahead): a day still to come was never saved by this site, and would show as passed or
     read with no refresher due for years. The same function in quiz.js, progress-marks.js,
     progress.js and certificate.js (a test keeps them identical). */
  function dayOk(date) {
    var soon = new Date();
    soon.setDate(soon.getDate() + 1);
    var last = soon.getFullYear() + "-" + ("0" + (soon.getMonth() + 1)).slice(-2) + "-" + ("0" + soon.getDate()).slice(-2);
    return typeof date === "string" && new Date(Date.parse(date) || 0).toISOString().slice(0, 10) === date && date <= last;
  }
  /* As quiz.js: a score from 0 to 100, passed true or false, and a date (dayOk: 9999-99-99 or 2026-02-30
     reads back as another day, and 2099-12-31 is still to come);
     passedOn, when there, a date too, on a passed entry. */
  function entryOk(e) {
    var best = isMap(e) && at(e, "best");
    return typeof best === "number" && best >= 0 && best <= 100 && typeof at(e, "passed") === "boolean" &&
      dayOk(at(e, "date")) && (!own(e, "passedOn") || (e.passed === true && dayOk(e.passedOn)));
  }
  /* The map under `field` of the record at `key`, if every entry passes `ok`; else null. */
  function record(key, field, ok) {
    try {
      var data = JSON.parse(localStorage.getItem(key));
      if (!isMap(data) || at(data, "v") !== 1 || !isMap(at(data, field))) return null;
      var map = Object.assign(Object.create(null), data[field]);
      return Object.keys(map).every(function (id) { return ok(map[id]); }) ? map : null;
    } catch (e) {
      return null;
    }
  }
  function passed() {
    var out = Object.create(null), quizzes = record("common-agenda:progress", "quizzes", entryOk) || out;
    Object.keys(quizzes).forEach(function (id) { if (quizzes[id].passed) out[id] = true; });
    return out;
  }
  function readOk(e) { return isMap(e) && dayOk(at(e, "date")); }
  function reads() { return record(READ, "modules", readOk) || Object.create(null); }
  /* Saved, but not a record reads() accepts: said in the read box, as the progress page says it. */
  function readsBad() {
    try { return localStorage.getItem(READ) !== null && !record(READ, "modules", readOk); } catch (e) { return false; }
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  /* An unreadable record is started afresh by the next mark, as quiz.js does with quiz progress. */
  function setRead(id, on) {
    var map = reads();
    if (on) map[id] = { date: today() }; else delete map[id];
    try { localStorage.setItem(READ, JSON.stringify({ v: 1, modules: map })); return true; } catch (e) { return false; }
  }

  function tagLinks(pattern, done, cls, words) {
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var m = !link.hash && !link.closest(".md-nav--secondary") && pattern.exec(link.pathname);
      var on = !!m && own(done, m[1]);
      var has = link.querySelector("." + cls);
      if (on && !has) {
        var tag = document.createElement("span");
        tag.className = cls;
        tag.textContent = words;
        (link.querySelector(".md-ellipsis") || link).appendChild(tag);
      } else if (has && !on) {
        has.remove();
      }
    });
  }

  /* The box at the end of a module page, before its quiz: mark read, or take the mark back. */
  function readBox() {
    var meta = document.querySelector("article .ca-module-meta");
    var m = meta && /\/modules\/([a-z0-9-]+)\/?$/.exec(location.pathname);
    if (!m) return;
    var id = m[1], box = document.querySelector(".ca-read-mark");
    if (!box) {
      box = document.createElement("div");
      box.className = "admonition note ca-read-mark";  // set apart from the module's last section
      box.setAttribute("data-search-exclude", "");
      box.innerHTML = '<p class="admonition-title">Your reading</p><p class="ca-read-mark__text" role="status"></p>' +
        '<p><button type="button" class="md-button ca-read-mark__button"></button> ' +
        '<a class="ca-read-mark__link" href="../../progress/">See my progress</a></p>';
      var before = document.getElementById("check-yourself") || document.getElementById("sources-and-review");
      if (before && before.parentNode) before.parentNode.insertBefore(box, before);
      else meta.closest("article").appendChild(box);
      box.querySelector("button").addEventListener("click", function () {
        var ok = setRead(id, !own(reads(), id));
        mark();
        if (!ok) fill(box, id, " It could not be saved in this browser.");
      });
    }
    fill(box, id, "");
  }
  function fill(box, id, trouble) {
    var entry = at(reads(), id);
    box.querySelector(".ca-read-mark__text").textContent = (entry ?
      "\u2714 You marked this module as read on " + entry.date + "." :
      "Finished reading? Mark this module as read to keep track of it on your progress page. " +
      "It is saved in this browser only.") +
      (readsBad() ? " Your saved reading marks could not be read, so they are not shown; marking a module starts them afresh." : "") +
      trouble;
    box.querySelector("button").textContent = entry ? "Mark as not read" : "Mark as read";
  }

  function mark() {
    tagLinks(/\/quizzes\/([a-z0-9-]+)(?:\/|\.html)?$/, passed(), "ca-nav-passed", " \u2713 passed");
    tagLinks(/\/modules\/([a-z0-9-]+)(?:\/|\.html)?$/, reads(), "ca-nav-read", " \u2713 read");
    readBox();
  }
  window.caMarkPassed = mark;
  /* Nothing to press on paper: a printed module page leaves the box out. (Removed rather than
     hidden: Material gives admonitions a display value that beats the hidden attribute.) */
  window.addEventListener("beforeprint", function () {
    var box = document.querySelector(".ca-read-mark");
    if (box) box.remove();
  });
  window.addEventListener("afterprint", readBox);
  /* Material's document$ only as an own property of window: an element with id "document$" is
     reachable as window.document$ too, but never as its own property. Looked for once the page is
     parsed, when Material's deferred bundle has run even if this script was not deferred (it then
     still marks the page after each instant navigation). */
  function start() {
    var material = own(window, "document$") && window.document$;
    if (material && typeof material.subscribe === "function") material.subscribe(mark);
    else mark();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
