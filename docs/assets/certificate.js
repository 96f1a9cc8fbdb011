/* Common Agenda certificate: one printable certificate that credits what was done (each module
   whose quiz is passed, with its time and the date passed, and the total), naming a role's core
   path only when every quiz of that path is passed and the full curriculum, not a role, when every
   quiz is; and per role, which quizzes of its core path remain. No dependencies.
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
    return entry.passed ? "\u2714 Passed (" + passedOn(entry) + ")" : "Not passed yet \u2014 best score " + entry.best + "%";
  }
  /* The last day a quiz was passed; progress saved before quiz.js kept it has the last attempt's. */
  function passedOn(entry) { return at(entry, "passedOn") || entry.date; }
  function timeOf(date) {
    var time = document.createElement("time");
    time.dateTime = date;
    time.textContent = date;
    return time;
  }

  /* ---- One role's path: statuses and what remains. Returns true when every quiz is passed. ---- */
  function refreshPath(section, quizzes) {
    var cells = all(section, "[data-ca-cert-quiz]");
    var progress = section.querySelector("[data-ca-cert-progress]");
    if (!cells.length || !progress) return false;
    var core = section.hasAttribute("data-ca-cert-core");
    var passed = [];
    var remaining = [];
    cells.forEach(function (cell) {
      var entry = entryOf(quizzes, cell.getAttribute("data-ca-cert-quiz"));
      cell.textContent = statusText(entry);
      cell.classList.toggle("is-passed", !!(entry && entry.passed));
      (entry && entry.passed ? passed : remaining).push({ cell: cell, entry: entry });
    });
    var done = remaining.length === 0;
    var count = progress.querySelector(".ca-cert-progress__count");
    var list = progress.querySelector(".ca-cert-progress__remaining");
    list.textContent = "";
    if (done) {
      count.textContent = "\u2714 You have passed every quiz of this " + (core ? "core " : "") + "path (" + cells.length +
        " of " + cells.length + ")." + (core ? " Your certificate names it." : "");
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
    list.hidden = done;
    progress.hidden = false;
    return done && core;
  }

  /* ---- The certificate: each module whose quiz is passed, its time and date, the total, and
     one line saying what that adds up to ---- */
  function duration(minutes) {
    var hours = Math.floor(minutes / 60);
    var rest = minutes % 60;
    if (!hours) return rest + " min";
    return rest ? hours + " h " + rest + " min" : hours + " h";
  }
  function claim(count, rows, paths) {
    if (count === rows) return "has completed the full Common Agenda curriculum, passing the quiz of every module below.";
    if (paths.length) {
      var named = paths.map(function (title) { return "the " + title.charAt(0).toLowerCase() + title.slice(1); });
      return "has completed " + named.join(" and ") + ", passing the " + (count === 1 ? "quiz of the module" : "quizzes of the modules") + " below.";
    }
    return "has passed the " + (count === 1 ? "quiz of the module" : "quizzes of the modules") + " below.";
  }
  function refreshRecord(page, quizzes, paths) {
    var record = page.querySelector("[data-ca-record]");
    if (!record) return false;
    var minutes = 0;
    var count = 0;
    var rows = all(record, "[data-ca-record-quiz]");
    rows.forEach(function (row) {
      var entry = entryOf(quizzes, row.getAttribute("data-ca-record-quiz"));
      var passed = !!(entry && entry.passed === true);
      var cell = row.querySelector("[data-ca-record-date]");
      if (passed) {
        cell.replaceChildren(timeOf(passedOn(entry)));
        minutes += Number(row.getAttribute("data-minutes")) || 0;
        count += 1;
      } else {
        cell.replaceChildren();
      }
      show(row, passed);
    });
    record.querySelector("[data-ca-record-total]").textContent = duration(minutes);
    record.querySelector("[data-ca-record-count]").textContent = count + (count === 1 ? " module" : " modules");
    record.querySelector("[data-ca-cert-claim]").textContent = count ? claim(count, rows.length, paths) : "";
    show(record.querySelector("[data-ca-record-empty]"), count === 0);
    show(record.querySelector("[data-ca-record-body]"), count > 0);
    record.querySelector(".ca-cert").classList.toggle("is-chosen", count > 0);
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

  /* The path closest to done first: the largest share of its quizzes passed (a tester on the
     provider path found the police path above theirs). Ties keep the page's own order. */
  function orderPaths(page) {
    var sections = all(page, "[data-ca-cert-path]"), parent = sections.length > 1 && sections[0].parentNode;
    if (!parent || sections.some(function (s) { return s.parentNode !== parent; })) return;
    var after = sections[sections.length - 1].nextSibling;
    function share(section) {
      var cells = all(section, "[data-ca-cert-quiz]");
      return cells.length ? all(section, "[data-ca-cert-quiz].is-passed").length / cells.length : -1;
    }
    sections.map(function (section) { return [share(section), Number(section.getAttribute("data-ca-cert-order")), section]; })
      .sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; })
      .forEach(function (item) { parent.insertBefore(item[2], after); });
  }

  function refresh(page) {
    var progress = read();
    var notice = page.querySelector("[data-ca-cert-notice]");
    notice.textContent = progress.notice;
    show(notice, !!progress.notice);
    var done = all(page, "[data-ca-cert-path]").filter(function (section) {
      return refreshPath(section, progress.quizzes);
    }).map(function (section) { return section.getAttribute("data-ca-cert-title"); });
    orderPaths(page);
    show(page.querySelector("[data-ca-cert-name-box]"), refreshRecord(page, progress.quizzes, done));
    showName(page);
  }

  function setupPage(page) {
    page.setAttribute("data-ca-ready", "");
    all(page, "[data-ca-cert-path]").forEach(function (section, i) { section.setAttribute("data-ca-cert-order", i); });
    show(page.querySelector("[data-ca-cert-nojs]"), false);
    var input = page.querySelector("#ca-cert-name");
    if (input) input.addEventListener("input", function () { showName(page); });
    all(page, "[data-ca-cert-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
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
