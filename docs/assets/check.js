/* Common Agenda training check: a "before the session" and an "after the session" mode, and the
   facilitator's tally sheet. No dependencies, no pass mark, nothing sent anywhere.
   Before: no answers, no verdict, no feedback; the score and date are saved in this browser.
   After: every question's result with the right answers and feedback, the score, and the change
   since the saved "before" score.
   Saved as "common-agenda:check" -> {v: 1, checks: {<check id>: {before: {score, total, date}, after: {...}}}}.
   Values are read by own properties only (objects made with Object.create(null)), so a check id
   such as "__proto__" or "constructor" can never reach anything but saved scores.
   Loaded on check and tally pages only, and safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caCheck" is also
     reachable as window.caCheck, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caCheck")) { window.caCheck.init(); return; }

  var KEY = "common-agenda:check";
  var own = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };

  /* ---- Saved scores ---- */
  function validRun(run) { /* own fields only; a date that exists (9999-99-99 reads back as another day) */
    return !!run && typeof run === "object" && own(run, "score") && own(run, "total") && own(run, "date") &&
      typeof run.score === "number" && typeof run.total === "number" &&
      run.total > 0 && run.score >= 0 && run.score <= run.total && Math.floor(run.score) === run.score &&
      typeof run.date === "string" && new Date(Date.parse(run.date) || 0).toISOString().slice(0, 10) === run.date;
  }
  /* Returns {checks, notice}: checks maps a check id to {before, after}, on a prototype-free object. */
  function load() {
    var checks = Object.create(null);
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) {
      return { checks: checks, notice: "This browser does not allow saving, so your before score cannot be kept." };
    }
    if (raw === null) return { checks: checks, notice: "" };
    var data = null;
    try { data = JSON.parse(raw); } catch (e) { data = null; }
    if (!data || typeof data !== "object" || !own(data, "v") || data.v !== 1 || !own(data, "checks") || !data.checks ||
        typeof data.checks !== "object" || Array.isArray(data.checks)) {
      return { checks: checks, notice: "Your saved check scores could not be read, so they were set aside." };
    }
    Object.keys(data.checks).forEach(function (id) {
      var entry = data.checks[id];
      if (!entry || typeof entry !== "object") return;
      var clean = Object.create(null);
      ["before", "after"].forEach(function (when) {
        if (own(entry, when) && validRun(entry[when])) {
          clean[when] = { score: entry[when].score, total: entry[when].total, date: entry[when].date };
        }
      });
      checks[id] = clean;
    });
    return { checks: checks, notice: "" };
  }
  function entryOf(checks, id) { return own(checks, id) ? checks[id] : Object.create(null); }
  function runOf(entry, when) { return own(entry, when) ? entry[when] : null; }
  function save(id, when, run) {
    var checks = load().checks;
    var entry = entryOf(checks, id);
    entry[when] = run;
    checks[id] = entry;
    var plain = Object.create(null);
    Object.keys(checks).forEach(function (key) {
      var e = checks[key];
      var out = {};
      if (runOf(e, "before")) out.before = e.before;
      if (runOf(e, "after")) out.after = e.after;
      plain[key] = out;
    });
    /* JSON.stringify writes "__proto__" as an own key from a prototype-free object, and JSON.parse reads it back as one. */
    try { localStorage.setItem(KEY, JSON.stringify({ v: 1, checks: plain })); return true; } catch (e) { return false; }
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
  function ofTotal(run) { return run.score + " of " + run.total; }
  /* "+3 since before the session", "1 fewer since ...": right answers, not a grade. */
  function changeText(before, after) {
    if (!before) return "No score from before the session is saved in this browser, so there is no change to show.";
    if (before.total !== after.total) {
      return "Before the session you had " + ofTotal(before) + " right (" + before.date + "), on a check of a different length.";
    }
    var diff = after.score - before.score;
    var sign = diff > 0 ? "+" + diff : diff < 0 ? "\u2212" + (-diff) : "No change";
    return sign + " since before the session (you had " + ofTotal(before) + " right on " + before.date + ").";
  }

  /* ---- Small DOM helpers ---- */
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function show(node, on) { if (node) node.hidden = !on; }

  /* ---- One check ---- */
  function setupCheck(form) {
    form.setAttribute("data-ca-ready", "");
    var id = form.getAttribute("data-ca-check");
    var questions = all(form, "section.ca-q");
    var modes = form.querySelector(".ca-check__modes");
    var help = form.querySelector(".ca-check__mode-help");
    var submit = form.querySelector(".ca-check__submit");
    var retry = form.querySelector(".ca-check__retry");
    var end = form.querySelector(".ca-check__end");
    var score = form.querySelector(".ca-check__score");
    var change = form.querySelector(".ca-check__change");
    var live = form.querySelector(".ca-check__live");
    var mode = "before";
    var nojs = document.querySelector("[data-ca-check-nojs]");
    show(nojs, false);

    function announce(text) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }
    function chosen(q) { return all(q, "input:checked").map(function (i) { return i.value; }).sort(); }
    function keys(q) {
      return all(q, ".ca-answer__option[data-correct='true']").map(function (n) { return n.getAttribute("data-option"); }).sort();
    }
    function isRight(q) { return chosen(q).join(" ") === keys(q).join(" "); }
    function letters(q, ids) {
      var options = all(q, ".ca-option");
      return ids.map(function (optionId) {
        var index = options.findIndex(function (o) { return o.getAttribute("data-option") === optionId; });
        return "ABCDEFGH".charAt(index);
      }).join(" and ");
    }

    /* Hide every result and answer; with `clear`, untick every box too. */
    function hideResults(clear) {
      questions.forEach(function (q) {
        all(q, "input").forEach(function (i) { i.disabled = false; if (clear) i.checked = false; });
        all(q, ".ca-option").forEach(function (o) { o.classList.remove("is-right", "is-wrong"); });
        all(q, ".ca-mark").forEach(function (m) { m.remove(); });
        var answer = q.querySelector(".ca-check__answer");
        answer.querySelector(".ca-check__verdict").textContent = "";
        show(answer, false);
      });
      score.textContent = "";
      change.textContent = "";
      show(end, false);
      form.classList.remove("is-showing-results");
    }

    function setMode(next, quiet) {
      var showing = form.classList.contains("is-showing-results");
      mode = next;
      all(modes, "input[type=radio]").forEach(function (r) { r.checked = r.value === mode; });
      hideResults(showing);  /* answers once seen are not carried into a fresh attempt */
      var entry = entryOf(load().checks, id), before = runOf(entry, "before"), after = runOf(entry, "after");
      if (mode === "before") {
        help.textContent = "Answer every question, then save. No answers or results are shown now: you will see " +
          "them after the session." + (before && !after ? " A before score from " + before.date + " is already saved; saving again replaces it." : "") +
          (after ? " " + afterNote(after) : "");
        submit.textContent = "Save my before score";
      } else {
        help.textContent = "Answer every question, then see your results, the right answers and the change since " +
          "before the session." + (before ? "" : " No before score is saved in this browser.");
        submit.textContent = "Show my results";
      }
      if (!quiet) announce((mode === "before" ? "Before the session" : "After the session") + " mode. " + help.textContent);
    }

    function countRight() { return questions.filter(isRight).length; }
    function unanswered() { return questions.filter(function (q) { return chosen(q).length === 0; }).length; }

    function afterNote(after) {
      return "An after score (" + ofTotal(after) + " right, " + after.date + ") is already saved in this browser. " +
        "Once the answers have been seen, a before score cannot show what the session added, so none is kept.";
    }

    function saveBefore() {
      var blank = unanswered();
      if (blank === questions.length) {  /* nothing answered: saving would record 0 right */
        score.textContent = "You have not answered any question yet, so nothing was saved. " +
          "Answer at least one question, then save.";
        show(end, true);
        end.focus();
        announce(score.textContent);
        return;
      }
      var after = runOf(entryOf(load().checks, id), "after");
      if (after) {  /* the answers have been seen here: a "before" now would measure nothing */
        score.textContent = afterNote(after) + " Nothing was saved.";
        show(end, true);
        end.focus();
        announce(score.textContent);
        return;
      }
      var run = { score: countRight(), total: questions.length, date: today() };
      var saved = save(id, "before", run);
      hideResults(true);
      var text = saved
        ? "Your before score is saved in this browser (" + run.date + "). Answers and results are not shown now. " +
          "At the end of the session, open this page again and choose \u201cAfter the session\u201d."
        : "Your before score could not be saved in this browser, so no change can be shown after the session.";
      if (blank) text = blank + (blank === 1 ? " question was" : " questions were") + " left blank. " + text;
      score.textContent = text;
      show(end, true);
      end.focus();
      announce(text);
    }

    function showResults() {
      var right = 0;
      questions.forEach(function (q) {
        var picked = chosen(q);
        var ok = isRight(q);
        if (ok) right += 1;
        all(q, ".ca-option").forEach(function (o) {
          var optionId = o.getAttribute("data-option");
          var key = keys(q).indexOf(optionId) >= 0;
          var mine = picked.indexOf(optionId) >= 0;
          if (key || mine) {
            o.classList.add(key ? "is-right" : "is-wrong");
            var mark = document.createElement("span");
            mark.className = "ca-mark";
            mark.textContent = key ? (mine ? "\u2714 Your choice: right" : "\u2714 Right answer") : "\u2716 Your choice: not right";
            o.appendChild(mark);
          }
        });
        all(q, "input").forEach(function (i) { i.disabled = true; });
        var answer = q.querySelector(".ca-check__answer");
        answer.querySelector(".ca-check__verdict").textContent = ok ? "You answered this one right."
          : picked.length ? "Not quite. The right answer: " + letters(q, keys(q)) + "."
          : "You left this one blank. The right answer: " + letters(q, keys(q)) + ".";
        show(answer, true);
      });
      var run = { score: right, total: questions.length, date: today() };
      var before = runOf(entryOf(load().checks, id), "before");
      var saved = save(id, "after", run);
      form.classList.add("is-showing-results");
      score.textContent = "After the session: " + ofTotal(run) + " right.";
      change.textContent = changeText(before, run) + (saved ? "" : " (This score could not be saved in this browser.)");
      show(end, true);
      end.focus();
      announce(score.textContent + " " + change.textContent + " Each question now shows the right answer and why.");
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    all(modes, "input[type=radio]").forEach(function (r) {
      r.addEventListener("change", function () { if (r.checked) setMode(r.value); });
    });
    submit.addEventListener("click", function () { if (mode === "before") saveBefore(); else showResults(); });
    retry.addEventListener("click", function () {
      hideResults(true);
      var first = form.querySelector(".ca-q input");
      if (first) first.focus();
      announce("Your answers have been cleared.");
    });
    show(modes, true);
    show(form.querySelector(".ca-check__actions"), true);
    var stored = load();
    var mine = entryOf(stored.checks, id);  /* once any score is saved, the session has begun */
    setMode(runOf(mine, "before") || runOf(mine, "after") ? "after" : "before", true);
    if (stored.notice) help.textContent = stored.notice + " " + help.textContent;
  }

  /* ---- The tally sheet: a room's before and after scores, averaged in the browser ---- */
  function parseLines(text, total) {
    var pairs = [];
    var skipped = [];
    text.split(/\r?\n/).forEach(function (line, index) {
      if (!line.trim()) return;
      var numbers = line.trim().split(/[\s,;]+/);
      var ok = numbers.length === 2 && numbers.every(function (n) {
        return /^\d+(\.\d+)?$/.test(n) && Number(n) <= total;
      });
      if (ok) pairs.push([Number(numbers[0]), Number(numbers[1])]);
      else skipped.push(index + 1);
    });
    return { pairs: pairs, skipped: skipped };
  }
  function round(n) { return Math.round(n * 10) / 10; }
  function signed(n) { return n > 0 ? "+" + n : n < 0 ? "\u2212" + (-n) : "0"; }

  function setupTally(form) {
    form.setAttribute("data-ca-ready", "");
    var total = Number(form.getAttribute("data-total"));
    var input = form.querySelector(".ca-tally__scores");
    var result = form.querySelector(".ca-tally__result");
    function workOut() {
      var parsed = parseLines(input.value, total);
      var n = parsed.pairs.length;
      var text;
      if (!n) {
        text = "No participant's scores yet: type a before and an after score on each line.";
      } else {
        var before = parsed.pairs.reduce(function (s, p) { return s + p[0]; }, 0) / n;
        var after = parsed.pairs.reduce(function (s, p) { return s + p[1]; }, 0) / n;
        text = n + (n === 1 ? " participant. " : " participants. ") +
          "Average before: " + round(before) + " of " + total + ". Average after: " + round(after) + " of " + total +
          ". Average change: " + signed(round(after - before)) + ".";
      }
      if (parsed.skipped.length) {
        text += " Skipped line" + (parsed.skipped.length === 1 ? " " : "s ") + parsed.skipped.join(", ") +
          ": each line needs two numbers from 0 to " + total + ".";
      }
      result.textContent = text;
      fillTable(parsed.pairs);
    }
    /* The printed table shows what was typed: one row per participant, then the averages. */
    function fillTable(pairs) {
      var body = document.querySelector(".ca-tally-table tbody");
      if (!body) return;
      var rows = all(body, "tr"), last = rows.pop();
      while (rows.length < pairs.length) {
        var row = rows[rows.length - 1].cloneNode(true);
        row.cells[0].textContent = String(rows.length + 1);
        last.before(row);
        rows.push(row);
      }
      rows.forEach(function (row, i) {
        var p = pairs[i];
        [1, 2, 3].forEach(function (c) { row.cells[c].textContent = p ? String(c === 3 ? signed(p[1] - p[0]) : p[c - 1]) : ""; });
      });
      var n = pairs.length, mean = function (k) { return pairs.reduce(function (sum, p) { return sum + p[k]; }, 0) / n; };
      [1, 2, 3].forEach(function (c) {
        last.cells[c].textContent = n ? String(c === 3 ? signed(round(mean(1) - mean(0))) : round(mean(c - 1))) : "";
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); workOut(); });
    form.querySelector(".ca-tally__work-out").addEventListener("click", workOut);
    show(form, true);
  }

  function init() {
    all(document, "form.ca-check:not([data-ca-ready])").forEach(setupCheck);
    all(document, "form.ca-tally:not([data-ca-ready])").forEach(setupTally);
  }

  window.caCheck = { init: init };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
