/* Common Agenda certificate: show, per role path, which quizzes are passed, and a printable
   certificate once every quiz of the path is passed; and a printable record of each module whose
   quiz is passed (title, time, date passed, total time), before any path is finished. No dependencies.
   Saved progress is read into a prototype-free map and looked up by own properties only.
   It only READS the saved progress (quiz.js writes it). The learner's name lives in the page
   while it is open: it is never written to any storage or cookie, and never sent anywhere.
   Loaded on the certificate page only, and safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caCertificate" is also
     reachable as window.caCertificate, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caCertificate")) { window.caCertificate.init(); return; }

  var KEY = "common-agenda:progress";

  /* ---- Saved progress, read-only: {v: 1, quizzes: {id: {best, passed, date}}} ----
     Checked exactly as quiz.js and progress-marks.js check it: own properties only, a score from
     0 to 100, passed true or false, and a date that exists, as YYYY-MM-DD. */
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function at(o, k) { return own(o, k) ? o[k] : undefined; }
  function isMap(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  function dayOk(date) {
    return typeof date === "string" && new Date(Date.parse(date) || 0).toISOString().slice(0, 10) === date;
  }
  function entryOk(e) {
    var best = isMap(e) && at(e, "best");
    return typeof best === "number" && best >= 0 && best <= 100 && typeof at(e, "passed") === "boolean" &&
      dayOk(at(e, "date")) && (!own(e, "passedOn") || (e.passed === true && dayOk(e.passedOn)));
  }
  /* The saved quizzes in a map with no prototype, or null when the record is not one quiz.js accepts. */
  function quizzesOf(data) {
    if (!isMap(data) || at(data, "v") !== 1 || !isMap(at(data, "quizzes"))) return null;
    var quizzes = Object.assign(Object.create(null), data.quizzes);
    return Object.keys(quizzes).every(function (id) { return entryOk(quizzes[id]); }) ? quizzes : null;
  }
  /* The saved entry of one quiz, or undefined: never something inherited, whatever the id. */
  function entryOf(quizzes, id) {
    return own(quizzes, id) ? quizzes[id] : undefined;
  }
  /* Returns {quizzes, notice}. Bad data counts as no progress; unlike quiz.js it is left as it
     is, since this page never writes: the next quiz taken resets it. */
  function read() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) {
      return { quizzes: Object.create(null), notice: "This browser does not let the page read saved progress, so no quiz counts as passed here." };
    }
    if (raw === null) return { quizzes: Object.create(null), notice: "" };
    try { var quizzes = quizzesOf(JSON.parse(raw)); if (quizzes) return { quizzes: quizzes, notice: "" }; } catch (e) { /* below */ }
    return { quizzes: Object.create(null), notice: "Your saved quiz progress could not be read, so no quiz counts as passed here. " +
      "Take a quiz again to save fresh progress." };
  }

  /* ---- Small DOM helpers ---- */
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function show(node, on) { if (node) node.hidden = !on; }
  function statusText(entry) {
    if (!entry) return "Not taken yet";
    return entry.passed ? "\u2714 Passed (" + entry.date + ")" : "Not passed yet \u2014 best score " + entry.best + "%";
  }

  /* ---- One role path: statuses, what remains, and the certificate when earned ---- */
  function refreshPath(section, quizzes) {
    var cells = all(section, "[data-ca-cert-quiz]");
    var progress = section.querySelector("[data-ca-cert-progress]");
    var earnedBox = section.querySelector("[data-ca-cert-earned]");
    if (!cells.length || !progress || !earnedBox) return false;
    var passed = [];
    var remaining = [];
    cells.forEach(function (cell) {
      var entry = entryOf(quizzes, cell.getAttribute("data-ca-cert-quiz"));
      cell.textContent = statusText(entry);
      cell.classList.toggle("is-passed", !!(entry && entry.passed));
      (entry && entry.passed ? passed : remaining).push({ cell: cell, entry: entry });
    });
    var earned = remaining.length === 0;
    var count = progress.querySelector(".ca-cert-progress__count");
    var list = progress.querySelector(".ca-cert-progress__remaining");
    list.textContent = "";
    if (earned) {
      count.textContent = "\u2714 You have passed every quiz of this path (" + cells.length + " of " + cells.length +
        "). Your certificate is below.";
    } else {
      count.textContent = "You have passed " + passed.length + " of " + cells.length +
        (cells.length === 1 ? " quiz" : " quizzes") + " in this path. Still to pass:";
      remaining.forEach(function (item) {
        var source = item.cell.closest("tr");
        var link = source && source.querySelector("a[href*='quizzes/']");
        var li = document.createElement("li");
        if (link) {
          var copy = link.cloneNode(true);
          copy.removeAttribute("id");
          li.appendChild(copy);
        } else {
          li.textContent = item.cell.getAttribute("data-ca-cert-quiz");
        }
        list.appendChild(li);
      });
    }
    show(list, !earned);
    show(progress, true);

    var cert = earnedBox.querySelector(".ca-cert");
    /* The date is a <time> made here: an empty one in the page would be invalid HTML. */
    var date = earnedBox.querySelector("[data-ca-cert-date]");
    if (earned) {
      var latest = passed.map(function (item) { return item.entry.date; }).sort().pop();
      var time = document.createElement("time");
      time.dateTime = latest;
      time.textContent = latest;
      date.replaceChildren(time);
    } else {
      date.replaceChildren();
      cert.classList.remove("is-chosen");
    }
    show(earnedBox, earned);
    return earned;
  }

  /* ---- The record: each module whose quiz is passed, with its time and date, and the total ---- */
  function duration(minutes) {
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    if (!hours) return rest + " min";
    return rest ? hours + " h " + rest + " min" : hours + " h";
  }
  function refreshRecord(page, quizzes) {
    var record = page.querySelector("[data-ca-record]");
    if (!record) return false;
    var minutes = 0;
    var count = 0;
    all(record, "[data-ca-record-quiz]").forEach(function (row) {
      var entry = entryOf(quizzes, row.getAttribute("data-ca-record-quiz"));
      var passed = !!(entry && entry.passed === true);
      var cell = row.querySelector("[data-ca-record-date]");
      if (passed) {
        var time = document.createElement("time");
        time.dateTime = entry.date;
        time.textContent = entry.date;
        cell.replaceChildren(time);
        minutes += Number(row.getAttribute("data-minutes")) || 0;
        count += 1;
      } else {
        cell.replaceChildren();
      }
      show(row, passed);
    });
    record.querySelector("[data-ca-record-total]").textContent = duration(minutes);
    record.querySelector("[data-ca-record-count]").textContent = count + (count === 1 ? " module" : " modules");
    show(record.querySelector("[data-ca-record-empty]"), count === 0);
    show(record.querySelector("[data-ca-record-body]"), count > 0);
    if (!count) record.querySelector(".ca-cert").classList.remove("is-chosen");
    return count > 0;
  }

  /* ---- The name: copied into the certificates, nowhere else ---- */
  function showName(page) {
    var input = page.querySelector("#ca-cert-name");
    var name = input ? input.value.trim() : "";
    all(page, "[data-ca-cert-name]").forEach(function (span) {
      span.textContent = name;
      span.closest(".ca-cert__name").classList.toggle("is-blank", !name);
    });
  }

  /* Print CSS prints only the chosen certificate: the one whose button was pressed last, or
     the first earned one when the learner prints from the browser's menu (else the record). */
  function choose(page, audience) {
    all(page, ".ca-cert").forEach(function (cert) {
      cert.classList.toggle("is-chosen", cert.getAttribute("data-ca-cert") === audience);
    });
  }
  function keepAChoice(page) {
    if (page.querySelector(".ca-cert.is-chosen")) return;
    var shown = function (box) { return !box.hidden; };
    var first = all(page, "[data-ca-cert-earned]").filter(shown)[0] || all(page, "[data-ca-record-body]").filter(shown)[0];
    if (first) first.querySelector(".ca-cert").classList.add("is-chosen");
  }

  function refresh(page) {
    var progress = read();
    var notice = page.querySelector("[data-ca-cert-notice]");
    notice.textContent = progress.notice;
    show(notice, !!progress.notice);
    var anyEarned = false;
    all(page, "[data-ca-cert-path]").forEach(function (section) {
      if (refreshPath(section, progress.quizzes)) anyEarned = true;
    });
    var anyRecorded = refreshRecord(page, progress.quizzes);
    show(page.querySelector("[data-ca-cert-name-box]"), anyEarned || anyRecorded);
    keepAChoice(page);
    showName(page);
  }

  function setupPage(page) {
    page.setAttribute("data-ca-ready", "");
    show(page.querySelector("[data-ca-cert-nojs]"), false);
    var input = page.querySelector("#ca-cert-name");
    if (input) input.addEventListener("input", function () { showName(page); });
    all(page, "[data-ca-cert-print]").forEach(function (button) {
      button.addEventListener("click", function () {
        choose(page, button.getAttribute("data-ca-cert-print"));
        window.print();
      });
    });
    refresh(page);
  }

  function init() {
    all(document, "[data-ca-cert-page]:not([data-ca-ready])").forEach(setupPage);
  }

  window.caCertificate = { init: init };
  /* A quiz passed in another tab updates an open certificate page. */
  window.addEventListener("storage", function (e) {
    if (e.key === KEY || e.key === null) all(document, "[data-ca-cert-page][data-ca-ready]").forEach(refresh);
  });
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
