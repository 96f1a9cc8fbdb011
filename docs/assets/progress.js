/* Common Agenda "My progress": the modules marked read and the quizzes passed in this browser, with
   their dates and total time; the quizzes due for a refresher; a CSV copy to download; and a way
   to clear it all. It reads what quiz.js and progress-marks.js saved, checked exactly as they
   check it (own properties only, maps with no prototype), and writes nothing but the clearing.
   Nothing is sent anywhere. Loaded on the progress page only; safe to load twice (instant
   navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caProgress" is also
     reachable as window.caProgress, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caProgress")) { window.caProgress.init(); return; }

  var KEY = "common-agenda:progress", TRIES = "common-agenda:attempts", READ = "common-agenda:read";
  var DAY = 86400000;

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
  /* As quiz.js: {best 0-100, passed, date, passedOn (optional, on a passed entry)}. */
  function entryOk(e) {
    var best = isMap(e) && at(e, "best");
    return typeof best === "number" && best >= 0 && best <= 100 && typeof at(e, "passed") === "boolean" &&
      dayOk(at(e, "date")) && (!own(e, "passedOn") || (e.passed === true && dayOk(e.passedOn)));
  }
  function readOk(e) { return isMap(e) && dayOk(at(e, "date")); }
  /* {map, bad}: the map under `field` when every entry passes `ok`; an unreadable record counts as
     nothing and is left for the page that writes it to reset. */
  function record(key, field, ok) {
    var raw;
    try { raw = localStorage.getItem(key); } catch (e) { return { map: Object.create(null), blocked: true }; }
    if (raw === null) return { map: Object.create(null) };
    try {
      var data = JSON.parse(raw);
      if (isMap(data) && at(data, "v") === 1 && isMap(at(data, field))) {
        var map = Object.assign(Object.create(null), data[field]);
        if (Object.keys(map).every(function (id) { return ok(map[id]); })) return { map: map };
      }
    } catch (e) { /* below */ }
    return { map: Object.create(null), bad: true };
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function daysSince(date) { return Math.round((Date.parse(today()) - Date.parse(date)) / DAY); }
  /* The last day a quiz was passed: passedOn, or for progress saved before passedOn existed, the
     day of the last attempt (a passed quiz stays passed, so that is the latest it can have been). */
  function passedOn(entry) { return entry && entry.passed ? at(entry, "passedOn") || entry.date : ""; }
  /* A pass more than `days` days old is due for a refresher: knowledge fades within months. The
     same function in progress.js and quiz.js (a test keeps them identical), so My progress, the
     quiz index and the quiz page agree. */
  function refresherDue(entry, days) {
    var on = passedOn(entry);
    return !!on && Math.round((Date.parse(today()) - Date.parse(on)) / 86400000) > days;
  }
  function duration(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (!hours) return rest + " min";
    return rest ? hours + " h " + rest + " min" : hours + " h";
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }
  function time(date) { var t = el("time", "", date); t.dateTime = date; return t; }

  /* Everything the page shows and exports, one row per module in teaching order. */
  function rows(page, quizzes, reads, due) {
    return all(page, "[data-ca-read]").map(function (span) {
      var tr = span.closest("tr"), slug = span.getAttribute("data-ca-read");
      var quizSpan = tr.querySelector("[data-ca-passed]"), quizId = quizSpan ? quizSpan.getAttribute("data-ca-passed") : "";
      var links = all(tr, "a"), quiz = quizId ? at(quizzes, quizId) : undefined, read = at(reads, slug);
      var passed = passedOn(quiz);
      return {
        tr: tr, readSpan: span, quizSpan: quizSpan, slug: slug, quizId: quizId,
        title: links[0] ? links[0].textContent.trim() : slug, quizLink: quizId ? links[1] : null,
        minutes: Number(span.getAttribute("data-minutes")) || 0,
        readOn: read ? read.date : "", passedOn: passed, best: quiz ? quiz.best : "",
        due: refresherDue(quiz, due)
      };
    });
  }

  function refresh(page) {
    var due = Number(page.getAttribute("data-refresh-days")) || 90;
    var q = record(KEY, "quizzes", entryOk), r = record(READ, "modules", readOk);
    var notice = page.querySelector("[data-ca-progress-notice]");
    notice.textContent = q.blocked || r.blocked ? "This browser does not let the page read saved progress, so nothing shows here." :
      q.bad || r.bad ? "Some saved progress could not be read, so it is not counted here." : "";
    notice.hidden = !notice.textContent;

    var list = rows(page, q.map, r.map, due), minutes = 0, read = 0, passed = 0;
    var refreshers = page.querySelector("[data-ca-refreshers]");
    refreshers.textContent = "";
    list.forEach(function (row) {
      if (row.readOn) read += 1;
      if (row.passedOn) passed += 1;
      if (row.readOn || row.passedOn) minutes += row.minutes;
      row.readSpan.replaceChildren(row.readOn ? time(row.readOn) : "Not yet");
      row.tr.classList.toggle("is-done", !!(row.readOn || row.passedOn));
      if (row.quizSpan) {
        /* Tried but not passed shows its best score, as the quiz index and the CSV do. */
        row.quizSpan.replaceChildren(row.passedOn ? time(row.passedOn) : row.best !== "" ? "Tried \u2014 best " + row.best + "%" : "Not yet");
        if (row.due) row.quizSpan.append(" \u2014 ", el("strong", "ca-progress-due", "time for a refresher"));
      }
      if (row.due && row.quizLink) {
        var li = refreshers.appendChild(el("li"));
        li.append("Time for a refresher: ");
        var link = row.quizLink.cloneNode(true);
        link.removeAttribute("id");
        li.appendChild(link);
        li.append(" (passed on ", time(row.passedOn), ", " + plural(daysSince(row.passedOn), "day", "days") + " ago)");
      }
    });
    var quizzes = list.filter(function (row) { return row.quizId; }).length;
    page.querySelector("[data-ca-progress-summary]").textContent =
      "You have marked " + read + " of " + plural(list.length, "module", "modules") + " as read and passed " +
      passed + " of " + plural(quizzes, "quiz", "quizzes") + ": " + duration(minutes) + " of study in all.";
    page.querySelector("[data-ca-refreshers-none]").hidden = refreshers.children.length > 0;
    return list;
  }

  /* ---- Export: one CSV row per module, named with today's date ---- */
  function cell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet would run it as a formula
    return /[",;\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function csv(list) {
    var lines = [["module", "title", "minutes", "read_on", "quiz", "quiz_passed_on", "best_score", "refresher_due"]]
      .concat(list.map(function (row) {
        return [row.slug, row.title, row.minutes, row.readOn, row.quizId, row.passedOn,
          row.quizId && row.best !== "" ? row.best : "", row.due ? "yes" : ""];
      }));
    return lines.map(function (line) { return line.map(cell).join(","); }).join("\r\n") + "\r\n";
  }
  function download(page, status) {
    var name = "common-agenda-progress-" + today() + ".csv";
    var url = URL.createObjectURL(new Blob([csv(refresh(page))], { type: "text/csv;charset=utf-8" }));
    var link = document.createElement("a");  /* never in the page, so instant navigation ignores it */
    link.href = url;
    link.download = name;
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    status.textContent = "Your progress was downloaded as " + name + ".";
  }

  function setupPage(page) {
    page.setAttribute("data-ca-ready", "");
    page.querySelector("[data-ca-progress-nojs]").hidden = true;
    page.querySelector("[data-ca-progress-body]").hidden = false;
    var status = page.querySelector("[data-ca-progress-status]");
    var confirmBox = page.querySelector("[data-ca-progress-confirm]");
    var clear = page.querySelector("[data-ca-progress-clear]");
    page.querySelector("[data-ca-progress-download]").addEventListener("click", function () { download(page, status); });
    clear.addEventListener("click", function () {
      confirmBox.hidden = false;
      page.querySelector("[data-ca-progress-yes]").focus();
    });
    page.querySelector("[data-ca-progress-no]").addEventListener("click", function () {
      confirmBox.hidden = true;
      clear.focus();
    });
    page.querySelector("[data-ca-progress-yes]").addEventListener("click", function () {
      try { [KEY, TRIES, READ].forEach(function (k) { localStorage.removeItem(k); }); } catch (e) { /* nothing saved */ }
      confirmBox.hidden = true;
      refresh(page);
      if (own(window, "caMarkPassed") && typeof window.caMarkPassed === "function") window.caMarkPassed();
      status.textContent = "Your progress has been cleared.";
      clear.focus();
    });
    refresh(page);
  }

  function init() {
    all(document, "[data-ca-progress-page]:not([data-ca-ready])").forEach(setupPage);
  }

  window.caProgress = { init: init };
  /* A quiz passed or a module marked read in another tab updates an open progress page. */
  window.addEventListener("storage", function (e) {
    if (e.key === KEY || e.key === READ || e.key === null) all(document, "[data-ca-progress-page][data-ca-ready]").forEach(refresh);
  });
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
