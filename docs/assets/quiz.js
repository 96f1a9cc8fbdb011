/* Common Agenda quizzes: check answers, explain them, keep the score and save progress.
   No dependencies. Progress lives in localStorage only; nothing is sent anywhere.
   Loaded on quiz pages and the quiz index only, and safe to load twice (instant navigation). */
(function () {
  "use strict";
  if (window.caQuiz) { window.caQuiz.init(); return; }

  var KEY = "common-agenda:progress";
  var notice = "";

  /* ---- Saved progress: {v: 1, quizzes: {id: {best, passed, date}}} ---- */
  function valid(data) {
    if (!data || data.v !== 1 || typeof data.quizzes !== "object" || !data.quizzes || Array.isArray(data.quizzes)) return false;
    return Object.keys(data.quizzes).every(function (id) {
      var e = data.quizzes[id];
      return e && typeof e.best === "number" && e.best >= 0 && e.best <= 100 &&
        typeof e.passed === "boolean" && typeof e.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(e.date);
    });
  }
  function load() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) { notice = "This browser does not allow saving, so your results will not be kept."; return { v: 1, quizzes: {} }; }
    if (raw === null) return { v: 1, quizzes: {} };
    try { var data = JSON.parse(raw); if (valid(data)) return data; } catch (e) { /* reset below */ }
    notice = "Your saved quiz progress could not be read, so it was reset.";
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing to do */ }
    return { v: 1, quizzes: {} };
  }
  function save(data) {
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { notice = "Your result could not be saved in this browser."; }
    if (window.caMarkPassed) window.caMarkPassed();
  }
  function statusText(entry) {
    if (!entry) return "Not taken yet";
    return (entry.passed ? "Passed" : "Not passed yet") + " \u2014 best score " + entry.best + "% (" + entry.date + ")";
  }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  /* ---- Small DOM helpers ---- */
  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text) n.textContent = text;
    return n;
  }
  function show(node, on) { if (node) node.hidden = !on; }
  function shuffle(list) {
    all(list, ":scope > .ca-option").map(function (n) { return [Math.random(), n]; })
      .sort(function (a, b) { return a[0] - b[0]; })
      .forEach(function (pair) { list.appendChild(pair[1]); });
  }

  /* ---- One quiz ---- */
  function setupQuiz(form) {
    form.setAttribute("data-ca-ready", "");
    var id = form.getAttribute("data-ca-quiz");
    var passMark = Number(form.getAttribute("data-pass-mark"));
    var doShuffle = form.getAttribute("data-shuffle") === "true";
    var questions = all(form, "section.ca-q");
    var live = form.querySelector(".ca-quiz__live");
    var end = form.querySelector(".ca-quiz__end");
    var score = form.querySelector(".ca-quiz__score");
    var summary = form.querySelector(".ca-quiz__summary");
    var saved = document.querySelector(".ca-quiz-saved");
    var results = {};

    form.classList.add("ca-quiz--live");
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    function announce(text) { live.textContent = ""; window.setTimeout(function () { live.textContent = text; }, 50); }
    function right() { return Object.keys(results).filter(function (k) { return results[k]; }).length; }
    function done() { return Object.keys(results).length; }
    function showSaved(progress) {
      var entry = progress.quizzes[id];
      var text = notice || (entry ? "Your best so far: " + statusText(entry) + "." : "");
      if (saved) { saved.textContent = text; show(saved, !!text); }
    }
    function updateScore() {
      score.textContent = "Score: " + right() + " right out of " + done() + " checked, " + questions.length + " questions in all.";
      show(end, done() > 0);
    }

    function check(q) {
      var chosen = all(q, "input:checked").map(function (i) { return i.value; });
      var result = q.querySelector(".ca-q__result");
      result.textContent = "";
      show(result, true);
      if (!chosen.length) {
        result.appendChild(el("p", "ca-q__verdict", "Choose an answer first."));
        announce("Choose an answer first.");
        return;
      }
      var answers = {};
      all(q, ".ca-answer__option").forEach(function (a) { answers[a.getAttribute("data-option")] = a; });
      var correct = Object.keys(answers).filter(function (k) { return answers[k].getAttribute("data-correct") === "true"; });
      var ok = chosen.length === correct.length && chosen.every(function (c) { return correct.indexOf(c) >= 0; });
      var verdict = ok ? "\u2714 Correct." : "\u2718 Not quite.";
      if (!ok && q.getAttribute("data-type") === "multiple") {
        var hits = chosen.filter(function (c) { return correct.indexOf(c) >= 0; }).length;
        verdict = "\u2718 Not quite: you chose " + hits + " of the " + correct.length + " right options" +
          (chosen.length > hits ? " and " + (chosen.length - hits) + " that " + (chosen.length - hits === 1 ? "is" : "are") + " not right." : ".");
      }
      result.appendChild(el("p", "ca-q__verdict ca-q__verdict--" + (ok ? "right" : "wrong"), verdict));
      chosen.forEach(function (c) {
        var isRight = correct.indexOf(c) >= 0;
        var option = q.querySelector('.ca-option[data-option="' + c + '"]');
        option.classList.add(isRight ? "is-right" : "is-wrong");
        option.appendChild(el("span", "ca-mark", isRight ? "\u2714 Right choice" : "\u2718 Not right"));
        var block = el("div", "ca-q__feedback");
        block.appendChild(el("p", "ca-q__feedback-label", (isRight ? "\u2714 " : "\u2718 ") + option.querySelector("label").textContent));
        all(answers[c], ":scope > *").forEach(function (n) {
          var copy = n.cloneNode(true);
          var verdictLabel = copy.querySelector(".ca-answer__verdict");
          if (verdictLabel) verdictLabel.remove();  // the line above already says right or not
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
      results[q.getAttribute("data-ca-question")] = ok;
      updateScore();
      result.focus();
      var finished = done() === questions.length;
      announce(verdict + " " + score.textContent + (finished ? " " + finish() : ""));
    }

    function finish() {
      var pct = Math.round(100 * right() / questions.length);
      var passed = pct >= passMark;
      var text = "You got " + right() + " of " + questions.length + " (" + pct + "%). The pass mark is " + passMark + "%: " +
        (passed ? "you passed. Well done." : "not passed this time. Read the explanations, then start again when you are ready.");
      summary.textContent = "";
      summary.appendChild(el("p", "ca-quiz__verdict ca-quiz__verdict--" + (passed ? "pass" : "fail"), (passed ? "\u2714 " : "\u2718 ") + text));
      var progress = load();
      var before = progress.quizzes[id];
      progress.quizzes[id] = {
        best: Math.max(pct, before ? before.best : 0),
        passed: passed || !!(before && before.passed),
        date: today()
      };
      save(progress);
      showSaved(progress);
      return text;
    }

    function reset() {
      results = {};
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
      updateScore();
      var first = form.querySelector("input");
      if (first) first.focus();
      announce("The quiz has been reset. " + questions.length + " questions to answer.");
    }

    questions.forEach(function (q) {
      show(q.querySelector(".ca-q__actions"), true);
      q.querySelector(".ca-q__check").addEventListener("click", function () { check(q); });
      if (doShuffle) shuffle(q.querySelector(".ca-q__options"));
    });
    form.querySelector(".ca-quiz__retry").addEventListener("click", reset);
    showSaved(load());
    updateScore();
  }

  /* ---- The quiz index ---- */
  function setupIndex(index) {
    index.setAttribute("data-ca-ready", "");
    var tools = document.querySelector(".ca-progress-tools");
    var confirmBox = tools && tools.querySelector(".ca-progress-tools__confirm");
    var message = tools && tools.querySelector(".ca-progress-tools__notice");
    function refresh() {
      var progress = load();
      all(index, "[data-ca-status]").forEach(function (cell) {
        var entry = progress.quizzes[cell.getAttribute("data-ca-status")];
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
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing saved */ }
      notice = "";
      refresh();
      if (window.caMarkPassed) window.caMarkPassed();
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
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
