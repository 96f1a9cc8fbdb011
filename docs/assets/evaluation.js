/* Common Agenda session evaluation: keep the answers in this browser, bring them back on the
   next visit, and hand them over as a CSV file. No dependencies; nothing is sent anywhere.
   Loaded on the evaluation page only, and safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caEvaluation" is also
     reachable as window.caEvaluation, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caEvaluation")) { window.caEvaluation.init(); return; }

  var KEY = "common-agenda:evaluation";  /* {v: 1, answers: {itemId: "text"}} */

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  /* Saved data is read by own properties only, into maps with no prototype: an item id such as
     "constructor" or "__proto__" is just an id. */
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isMap(o) { return !!o && typeof o === "object" && !Array.isArray(o); }

  /* The saved answers in a map with no prototype, or null when they are not {v: 1, answers: {id: text}}. */
  function answersOf(data) {
    if (!isMap(data) || !own(data, "v") || data.v !== 1 || !own(data, "answers") || !isMap(data.answers)) return null;
    var answers = Object.assign(Object.create(null), data.answers);
    return Object.keys(answers).every(function (id) { return typeof answers[id] === "string"; }) ? answers : null;
  }
  /* Saved answers plus a notice for the reader; bad data is dropped so the form always works. */
  function load() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) {
      return { answers: Object.create(null), notice: "This browser does not allow saving, so your answers will be lost when you leave this page. Download them before you go." };
    }
    if (raw === null) return { answers: Object.create(null), notice: "" };
    try { var answers = answersOf(JSON.parse(raw)); if (answers) return { answers: answers, notice: "" }; } catch (e) { /* reset below */ }
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing to remove */ }
    return { answers: Object.create(null), notice: "Your saved answers could not be read, so they were cleared. The form is ready to fill in again." };
  }

  function answerOf(item) {
    var field = item.querySelector("textarea, input:checked");
    return field ? field.value : "";
  }
  function questionOf(item) { return item.querySelector("legend, label").textContent.trim(); }

  /* RFC 4180, for spreadsheets set to either separator: a field holding a comma, a semicolon, a
     quote or a line break is quoted, its quotes doubled. A field starting with = + - @, a tab or a
     carriage return would be run as a formula, so (as OWASP advises for CSV injection) it gets a '
     in front and is quoted too: "'=1+1" shows as the text =1+1. */
  function csvField(text) {
    var formula = /^[=+\-@\t\r]/.test(text);
    if (formula) text = "'" + text;
    return formula || /[",;\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  /* The whole file: a byte-order mark (so spreadsheets read UTF-8), comma-separated rows, CRLF. */
  function csvText(rows) {
    return "\uFEFF" + rows.map(function (row) { return row.map(csvField).join(","); }).join("\r\n") + "\r\n";
  }

  function setup(form) {
    form.setAttribute("data-ca-ready", "");
    var items = all(form, "[data-ca-item]");
    var notice = form.querySelector(".ca-eval__notice");
    var status = form.querySelector(".ca-eval__status");
    var confirmBox = form.querySelector(".ca-eval__confirm");
    var clear = form.querySelector(".ca-eval__clear");

    function tell(node, text) { node.textContent = text; node.hidden = !text; }
    function save() {
      var answers = Object.create(null);
      status.textContent = "";
      items.forEach(function (item) { var a = answerOf(item); if (a) answers[item.getAttribute("data-ca-item")] = a; });
      try { localStorage.setItem(KEY, JSON.stringify({ v: 1, answers: answers })); } catch (e) {
        tell(notice, "Your answers could not be saved in this browser. Download them before you leave this page.");
      }
    }
    function restore(answers) {
      items.forEach(function (item) {
        var id = item.getAttribute("data-ca-item"), answer = own(answers, id) ? answers[id] : undefined;
        if (typeof answer !== "string") return;
        var area = item.querySelector("textarea");
        if (area) area.value = answer;
        else all(item, "input").forEach(function (radio) { radio.checked = radio.value === answer; });
      });
    }
    function csv() {
      var rows = [["section", "item", "question", "answer"]].concat(items.map(function (item) {
        var section = item.closest(".ca-eval__section").querySelector("legend").textContent.trim();
        return [section, item.getAttribute("data-ca-item"), questionOf(item), answerOf(item)];
      }));
      return csvText(rows);
    }
    function download() {
      var url = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
      var link = document.createElement("a");  /* never in the page, so instant navigation ignores it */
      link.href = url;
      link.download = "common-agenda-evaluation.csv";
      link.click();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      status.textContent = "Your answers were downloaded as common-agenda-evaluation.csv.";
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.querySelector(".ca-eval__download").addEventListener("click", download);
    clear.addEventListener("click", function () {
      confirmBox.hidden = false;
      form.querySelector(".ca-eval__yes").focus();
    });
    form.querySelector(".ca-eval__no").addEventListener("click", function () {
      confirmBox.hidden = true;
      clear.focus();
    });
    form.querySelector(".ca-eval__yes").addEventListener("click", function () {
      form.reset();
      try { localStorage.removeItem(KEY); } catch (e) { /* nothing saved */ }
      confirmBox.hidden = true;
      tell(notice, "");
      status.textContent = "Your answers have been cleared.";
      clear.focus();
    });

    var saved = load();
    restore(saved.answers);
    tell(notice, saved.notice);
    form.querySelector(".ca-eval__actions").hidden = false;
  }

  function init() { all(document, "form[data-ca-evaluation]:not([data-ca-ready])").forEach(setup); }

  window.caEvaluation = { init: init, csvText: csvText };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
