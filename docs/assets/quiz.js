/* Common Agenda quizzes: check and explain answers, keep the score, save each checked answer in
   localStorage only. Safe to load twice (instant navigation). Stored data is read by own
   properties only: "constructor" is just an id. */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caQuiz" is also
     reachable as window.caQuiz, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caQuiz")) { window.caQuiz.init(); return; }

  var KEY = "common-agenda:progress";   // quizzes: {id: {best, passed, date, passedOn?}}
  var TRIES = "common-agenda:attempts"; // quizzes: {id: {qid: [ids chosen], "#qid": [ids shown]}}
  var REFRESH_DAYS = 90;                // progress_page.REFRESH_AFTER_DAYS (a test keeps them equal)
  var notice = "", NOSAVE = "Your answers could not be saved in this browser.";

  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function at(o, k) { return own(o, k) ? o[k] : undefined; }
  function isMap(o) { return !!o && typeof o === "object" && !Array.isArray(o); }

  /* Storage: {v: 1, quizzes: {...}}, read into maps with no prototype. `date` is the last attempt;
     `passedOn`, added later, the last day the quiz was passed (refreshers count from it). It is
     optional, so progress saved before it existed still reads; sites that predate it ignore it. */
  function raw(key) {
    try { return localStorage.getItem(key); } catch (e) {
      notice = "This browser does not allow saving, so your results will not be kept.";
      return null;
    }
  }
  function parse(text) { // null: nothing saved; false: unreadable
    if (text === null) return null;
    try {
      var data = JSON.parse(text);
      return isMap(data) && at(data, "v") === 1 && isMap(at(data, "quizzes")) && Object.assign(Object.create(null), data.quizzes);
    } catch (e) { return false; }
  }
  function store(key, map) {
    try { localStorage.setItem(key, JSON.stringify({ v: 1, quizzes: map })); return true; } catch (e) { return false; }
  }
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
  function load() {
    var map = parse(raw(KEY));
    if (map && Object.keys(map).every(function (k) { return entryOk(map[k]); })) return map;
    if (map !== null) {
      notice = "Your saved quiz progress could not be read, so it was reset.";
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing to do */ }
    }
    return Object.create(null);
  }
  function save(map) {
    if (!store(KEY, map)) notice = NOSAVE;
    markPassed();
  }
  /* The nav marks (progress-marks.js), if that script has run: an own property, as caQuiz above. */
  function markPassed() { if (own(window, "caMarkPassed") && typeof window.caMarkPassed === "function") window.caMarkPassed(); }
  function tries() { return parse(raw(TRIES)) || Object.create(null); }
  /* On the quiz index row and the quiz page's saved line: the refresher flag My progress shows. */
  function statusText(entry) {
    if (!entry) return "Not taken yet";
    return (entry.passed ? "Passed" : "Not passed yet") + " \u2014 best score " + entry.best + "% (" + entry.date + ")" +
      (refresherDue(entry, REFRESH_DAYS) ? " \u2014 time for a refresher" : "");
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }
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

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }
  function show(node, on) { if (node) node.hidden = !on; }
  function link(text, href) { var a = el("a", "", text); a.href = href; return a; }
  function shuffle(list, order) {
    all(list, ":scope > .ca-option").map(function (n) { return [order ? order.indexOf(n.getAttribute("data-option")) : Math.random(), n]; })
      .sort(function (a, b) { return a[0] - b[0]; })
      .forEach(function (pair) { list.appendChild(pair[1]); });
  }

  function setupQuiz(form) {
    form.setAttribute("data-ca-ready", "");
    var id = form.getAttribute("data-ca-quiz");
    var passMark = Number(form.getAttribute("data-pass-mark"));
    var doShuffle = form.getAttribute("data-shuffle") === "true";
    var questions = all(form, "section.ca-q");
    var progressBar = form.querySelector(".ca-quiz__progress");
    var live = form.querySelector(".ca-quiz__live");
    var end = form.querySelector(".ca-quiz__end");
    var summary = form.querySelector(".ca-quiz__summary");
    var saved = document.querySelector(".ca-quiz-saved");
    var results = Object.create(null), answers = Object.create(null);

    form.classList.add("ca-quiz--live");
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    function count(wanted) { return Object.keys(results).filter(function (k) { return wanted === undefined || results[k] === wanted; }).length; }
    function showSaved() {
      var entry = at(load(), id);
      var text = notice || (entry ? "Your best so far: " + statusText(entry) + "." : "");
      if (saved) { saved.textContent = text; show(saved, !!text); }
    }
    function update(extra) {
      progressBar.textContent = count() + " of " + questions.length + " answered, " + count(true) + " right" + (extra ? ": " + extra : ".");
      if (extra) progressBar.append(" ", link("See your result", "#ca-quiz-end"));
      if (extra) progressBar.lastChild.onclick = function (e) { e.preventDefault(); e.stopPropagation(); summary.focus(); }; // Material would reload
      show(end, count() > 0);
    }
    function optionName(option) {
      var label = option.querySelector("label").cloneNode(true);
      if (doShuffle) all(label, ".ca-letter").forEach(function (n) { n.remove(); });
      return label.textContent.trim();
    }

    function check(q, restoring) {
      var qid = q.getAttribute("data-ca-question");
      var chosen = all(q, "input:checked").map(function (i) { return i.value; });
      var result = q.querySelector(".ca-q__result");
      result.textContent = "";
      show(result, true);
      if (!chosen.length) {
        result.appendChild(el("p", "ca-q__verdict", "Choose an answer first."));
        live.textContent = "";
        setTimeout(function () { live.textContent = "Choose an answer first."; }, 50);
        return;
      }
      var feedback = Object.create(null);
      all(q, ".ca-answer__option").forEach(function (a) { feedback[a.getAttribute("data-option")] = a; });
      var correct = Object.keys(feedback).filter(function (k) { return feedback[k].getAttribute("data-correct") === "true"; });
      var ok = chosen.length === correct.length && chosen.every(function (c) { return correct.indexOf(c) >= 0; });
      var verdict = ok ? "\u2714 Correct." : "\u2718 Not quite. The right answer is marked \u2714 below.";
      if (!ok && q.getAttribute("data-type") === "multiple") {
        var hits = chosen.filter(function (c) { return correct.indexOf(c) >= 0; }).length, extra = chosen.length - hits;
        verdict = "\u2718 Not quite: you chose " + hits + " of the " + correct.length + " right options" +
          (extra ? " and " + extra + " that " + (extra === 1 ? "is" : "are") + " not right." : ".");
      }
      result.appendChild(el("p", "ca-q__verdict ca-q__verdict--" + (ok ? "right" : "wrong"), verdict));
      all(q, ".ca-option").forEach(function (option) { // chosen and right options, in the order shown
        var c = option.getAttribute("data-option"), mine = chosen.indexOf(c) >= 0, isRight = correct.indexOf(c) >= 0;
        if (!mine && !isRight) return;
        var mark = mine ? (isRight ? "\u2714 Your choice: right" : "\u2718 Your choice: not right") : "\u2714 Right answer (not chosen)";
        option.classList.add(isRight ? "is-right" : "is-wrong");
        option.appendChild(el("span", "ca-mark", mark));
        var block = el("div", "ca-q__feedback");
        block.appendChild(el("p", "ca-q__feedback-label", mark + " \u2014 " + optionName(option)));
        all(feedback[c], ":scope > *").forEach(function (n) {
          var copy = n.cloneNode(true);
          all(copy, ".ca-answer__verdict").forEach(function (v) { v.remove(); });
          block.appendChild(copy);
        });
        result.appendChild(block);
      });
      var why = el("div", "ca-q__explanation");
      why.appendChild(el("p", "ca-q__feedback-label", "Why"));
      all(q, ".ca-answer__explanation > *").forEach(function (n) { why.appendChild(n.cloneNode(true)); });
      result.appendChild(why);
      all(q, "input").forEach(function (i) { i.disabled = true; });
      show(q.querySelector(".ca-q__actions"), false);
      results[qid] = ok;
      answers[qid] = chosen;
      if (doShuffle) answers["#" + qid] = all(q, ".ca-option").map(function (o) { return o.getAttribute("data-option"); });
      if (!restoring) {
        var kept = tries();
        kept[id] = answers;
        if (!store(TRIES, kept)) { notice = NOSAVE; showSaved(); }
        result.focus();
      }
      update(count() === questions.length ? finish(restoring) : "");
    }

    function finish(restoring) {
      var n = questions.length, pct = Math.floor(100 * count(true) / n), passed = pct >= passMark;
      var text = "You got " + count(true) + " of " + n + " (" + pct + "%). The pass mark is " + passMark + "%: " +
        (passed ? "you passed. Well done." : "not passed this time. Read the explanations, then start again when you are ready.");
      summary.textContent = "";
      summary.appendChild(el("p", "ca-quiz__verdict ca-quiz__verdict--" + (passed ? "pass" : "fail"), (passed ? "\u2714 " : "\u2718 ") + text));
      var missed = questions.filter(function (q) { return !results[q.getAttribute("data-ca-question")]; });
      if (missed.length) {
        summary.appendChild(el("p", "ca-quiz__review", "Read again for the questions you missed:"));
        var list = summary.appendChild(el("ul", "ca-quiz__missed"));
        missed.forEach(function (q) {
          var item = list.appendChild(el("li")), study = q.querySelector(".ca-answer__study a");
          item.appendChild(link("Question " + q.getAttribute("data-number"), "#q-" + q.getAttribute("data-ca-question")));
          if (study) { item.appendChild(document.createTextNode(": ")); item.appendChild(study.cloneNode(true)); }
        });
      }
      if (!restoring) {
        var progress = load(), before = at(progress, id);
        /* An entry saved before passedOn existed was passed on its `date` at the latest. */
        var passDay = passed ? today() : passedOn(before);
        progress[id] = { best: Math.max(pct, before ? before.best : 0), passed: passed || !!(before && before.passed), date: today() };
        if (passDay) progress[id].passedOn = passDay;
        save(progress);
      }
      showSaved();
      return pct + "%, " + (passed ? "passed." : "not passed (pass mark " + passMark + "%).");
    }

    function reset() {
      if (welcome) welcome.remove();
      results = Object.create(null);
      answers = Object.create(null);
      var kept = tries();
      delete kept[id];
      store(TRIES, kept);
      questions.forEach(function (q) {
        all(q, "input").forEach(function (i) { i.checked = false; i.disabled = false; });
        all(q, ".ca-mark").forEach(function (m) { m.remove(); });
        all(q, ".ca-option").forEach(function (o) { o.classList.remove("is-right", "is-wrong"); });
        var result = q.querySelector(".ca-q__result");
        result.textContent = "";
        show(result, false);
        show(q.querySelector(".ca-q__actions"), true);
        if (doShuffle) shuffle(q.querySelector(".ca-q__options"));
      });
      summary.textContent = "";
      update();
      var first = form.querySelector("input");
      if (first) first.focus();
    }

    /* A saved answer counts only where it fits the page; it keeps the order it was shown in. */
    var attempt = at(tries(), id), welcome, next;
    questions.forEach(function (q) {
      var qid = q.getAttribute("data-ca-question"), list = q.querySelector(".ca-q__options");
      show(q.querySelector(".ca-q__actions"), true);
      q.querySelector(".ca-q__check").addEventListener("click", function () { check(q); });
      var chosen = isMap(attempt) && at(attempt, qid), order = isMap(attempt) && at(attempt, "#" + qid);
      var inputs = all(q, "input");
      var fits = Array.isArray(chosen) && chosen.length > 0 && (chosen.length === 1 || inputs[0].type === "checkbox") &&
        chosen.every(function (c, i) { return chosen.indexOf(c) === i && inputs.some(function (n) { return n.value === c; }); });
      if (doShuffle) shuffle(list, fits && Array.isArray(order) && order);
      if (!fits) { next = next || q; return; }
      inputs.forEach(function (n) { n.checked = chosen.indexOf(n.value) >= 0; });
      check(q, true);
    });
    form.querySelector(".ca-quiz__retry").addEventListener("click", reset);
    show(progressBar, true);
    showSaved();
    if (!count()) update();
    else if (next) {
      welcome = el("p", "ca-quiz-back", "You have answered " + count() + " of " + questions.length + ". ");
      welcome.append(link("Continue at question " + next.getAttribute("data-number"), "#q-" + next.getAttribute("data-ca-question")), ".");
      form.before(welcome);
    }
  }

  function setupIndex(index) {
    index.setAttribute("data-ca-ready", "");
    var tools = document.querySelector(".ca-progress-tools");
    var confirmBox = tools && tools.querySelector(".ca-progress-tools__confirm");
    var message = tools && tools.querySelector(".ca-progress-tools__notice");
    function refresh() {
      var progress = load();
      all(index, "[data-ca-status]").forEach(function (cell) {
        var entry = at(progress, cell.getAttribute("data-ca-status"));
        cell.textContent = statusText(entry);
        cell.classList.toggle("is-passed", !!(entry && entry.passed));
      });
      if (message && notice) message.textContent = notice;
    }
    refresh();
    if (!tools) return;
    show(tools, true);
    tools.querySelector(".ca-progress-tools__reset").addEventListener("click", function () {
      show(confirmBox, true);
      tools.querySelector(".ca-progress-tools__yes").focus();
    });
    tools.querySelector(".ca-progress-tools__no").addEventListener("click", function () {
      show(confirmBox, false);
      tools.querySelector(".ca-progress-tools__reset").focus();
    });
    tools.querySelector(".ca-progress-tools__yes").addEventListener("click", function () {
      try { localStorage.removeItem(KEY); localStorage.removeItem(TRIES); } catch (e) { /* nothing saved */ }
      notice = "";
      refresh();
      markPassed();
      show(confirmBox, false);
      message.textContent = "Your progress has been cleared.";
      tools.querySelector(".ca-progress-tools__reset").focus();
    });
  }

  function init() {
    notice = "";
    all(document, "form.ca-quiz:not([data-ca-ready])").forEach(setupQuiz);
    all(document, "[data-ca-quiz-index]:not([data-ca-ready])").forEach(setupIndex);
  }

  window.caQuiz = { init: init };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
