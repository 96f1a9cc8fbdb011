/* Common Agenda session evaluation: keep one person's answers in this browser and hand them over
   as a CSV file, or, on a shared device, keep each person's response as one row until the
   facilitator downloads them all. No dependencies; nothing is sent anywhere.
   Loaded on the evaluation page only, and safe to load twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window: a page element with id or name "caEvaluation" is also
     reachable as window.caEvaluation, but through the window's prototype, never as its own property. */
  if (Object.prototype.hasOwnProperty.call(window, "caEvaluation")) { window.caEvaluation.init(); return; }

  var KEY = "common-agenda:evaluation";  /* the draft on screen: {v: 1, answers: {itemId: "text"}, response?: id} */
  /* The facilitator's setting and the kept responses:
     {v: 1, session: "", shared: false, responses: [{response, date, session, answers: {itemId: "text"}}],
      unread?: [anything]}: `unread` holds what could not be read, as it was, until the facilitator
     downloads or deletes it. */
  var DEVICE = "common-agenda:evaluation-device";
  var MAX_SESSION = 80;

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  /* Saved data is read by own properties only, into maps with no prototype: an item id such as
     "constructor" or "__proto__" is just an id. */
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isMap(o) { return !!o && typeof o === "object" && !Array.isArray(o); }
  function isText(o, k) { return own(o, k) && typeof o[k] === "string"; }

  /* A map of item id to answer with no prototype, or null when it is not {id: text}. */
  function answerMap(data) {
    if (!isMap(data)) return null;
    var answers = Object.assign(Object.create(null), data);
    return Object.keys(answers).every(function (id) { return typeof answers[id] === "string"; }) ? answers : null;
  }
  /* The saved draft, or null when it is not {v: 1, answers: {id: text}} (with an optional response id). */
  function draftOf(data) {
    if (!isMap(data) || !own(data, "v") || data.v !== 1 || !own(data, "answers")) return null;
    var answers = answerMap(data.answers);
    if (!answers || (own(data, "response") && typeof data.response !== "string")) return null;
    return { answers: answers, response: own(data, "response") ? data.response : "" };
  }
  function responseOf(data) {
    if (!isMap(data) || !isText(data, "response") || !isText(data, "date") || !isText(data, "session") || !own(data, "answers")) return null;
    var answers = answerMap(data.answers);
    return answers && { response: data.response, date: data.date, session: data.session, answers: answers };
  }
  /* The device's setting and kept responses. Nothing is ever dropped here, because these may be a
     whole session's answers: a response that is not as written above goes into `unread` as its JSON
     text, and a value that is not ours at all (not JSON, not {v: 1, responses: [...]}) goes there
     whole, as its text. They are written back with the rest until the facilitator downloads or deletes them.
     `raw` is the stored text as read; `whole` says nothing of it could be read. */
  function readDevice() {
    var device = { session: "", shared: false, responses: [], unread: [], raw: "", whole: false, problem: "" };
    var raw, data;
    try { raw = localStorage.getItem(DEVICE); } catch (e) { device.problem = "blocked"; return device; }
    if (raw === null) return device;
    device.raw = raw;
    try { data = JSON.parse(raw); } catch (e) { data = undefined; }
    if (!isMap(data) || !own(data, "v") || data.v !== 1 || !own(data, "responses") || !Array.isArray(data.responses)) {
      device.unread = [raw];
      device.whole = true;
      return device;
    }
    if (isText(data, "session")) device.session = data.session.slice(0, MAX_SESSION);
    if (own(data, "shared") && typeof data.shared === "boolean") device.shared = data.shared;
    data.responses.forEach(function (entry) {
      var response = responseOf(entry);
      if (response) device.responses.push(response);
      else device.unread.push(entry);
    });
    if (own(data, "unread")) device.unread = device.unread.concat(Array.isArray(data.unread) ? data.unread : [data.unread]);
    return device;
  }

  /* The draft stored under key, read by `check`; a bad draft is removed so the form always works
     (it is one person's half-filled form, still on screen to fill in again).
     Returns {value, problem}: problem is "blocked" when storage cannot be used, "unreadable" when
     what was stored was not ours to read. */
  function read(key, check) {
    var raw;
    try { raw = localStorage.getItem(key); } catch (e) { return { value: null, problem: "blocked" }; }
    if (raw === null) return { value: null, problem: "" };
    try { var value = check(JSON.parse(raw)); if (value) return { value: value, problem: "" }; } catch (e) { /* reset below */ }
    try { localStorage.removeItem(key); } catch (e) { /* nothing to remove */ }
    return { value: null, problem: "unreadable" };
  }
  function write(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); return true; } catch (e) { return false; }
  }
  function forget(key) { try { localStorage.removeItem(key); } catch (e) { /* nothing saved */ } }

  function answerOf(item) {
    var field = item.querySelector("textarea, input:checked");
    return field ? field.value : "";
  }

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

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /* The date on this device's calendar, which is the session's date where the session is held. */
  function today() { var d = new Date(); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }
  /* A random id per response: the merge page tells one response exported twice (same id) from two
     people who happened to give the same answers (different ids). */
  function newId() {
    var bytes = new Uint8Array(8);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(bytes);
    else for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }
  /* A file name any system accepts: letters without accents, digits and hyphens. */
  function slug(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+/, "").slice(0, 60).replace(/-+$/, "");
  }
  /* `response` (one person's file) adds the first 4 hex digits of its id, so it never takes the name
     of the shared device's export of the same day and session, in the same downloads folder. */
  function fileName(date, session, response) {
    var name = slug(session);
    return "evaluation-" + date + (name ? "-" + name : "") + (response ? "-response-" + response.slice(0, 4) : "") + ".csv";
  }
  /* One row per response in the form's column order (see evaluation.py): date, session, the
     questions, response id. Rows go in the order of their random ids, so the order in which
     people handed the device on does not tell who wrote what. */
  function responsesCsv(columns, responses) {
    var rows = responses.slice().sort(function (a, b) { return a.response < b.response ? -1 : a.response > b.response ? 1 : 0; })
      .map(function (r) {
        return columns.map(function (column) {
          if (column === "date" || column === "session" || column === "response") return r[column];
          return own(r.answers, column) ? r.answers[column] : "";
        });
      });
    return csvText([columns].concat(rows));
  }
  function download(text, name, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type || "text/csv;charset=utf-8" }));
    var link = document.createElement("a");  /* never in the page, so instant navigation ignores it */
    link.href = url;
    link.download = name;
    link.click();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function setup(form, panel) {
    form.setAttribute("data-ca-ready", "");
    var columns = (form.getAttribute("data-ca-columns") || "").split(" ").filter(Boolean);
    var items = all(form, "[data-ca-item]");
    var notice = form.querySelector(".ca-eval__notice");
    var handover = form.querySelector(".ca-eval__handover");
    var status = form.querySelector(".ca-eval__status");
    var confirmBox = form.querySelector(".ca-eval__confirm");
    var clear = form.querySelector(".ca-eval__clear");
    var submit = form.querySelector(".ca-eval__submit");
    var mine = form.querySelector(".ca-eval__download");
    var notices = [];
    var draftId = "";
    var thanked = false;
    var device;

    function tell(node, text) { node.textContent = text; node.hidden = !text; }
    function note(text) { if (text && notices.indexOf(text) < 0) notices.push(text); tell(notice, notices.join(" ")); }
    function current() {
      var answers = Object.create(null);
      items.forEach(function (item) { var a = answerOf(item); if (a) answers[item.getAttribute("data-ca-item")] = a; });
      return answers;
    }
    function save() {
      status.textContent = "";
      if (thanked) { thanked = false; showMode(); }  /* the next person has started: back to the plain hint */
      var draft = { v: 1, answers: current() };
      if (draftId) draft.response = draftId;
      if (!write(KEY, draft)) note("Your answers could not be saved in this browser. Download them before you leave this page.");
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
    function empty() {
      form.reset();
      draftId = "";
      forget(KEY);
    }
    function keepDevice() {
      var data = { v: 1, session: device.session, shared: device.shared, responses: device.responses };
      if (device.unread.length) data.unread = device.unread;
      return write(DEVICE, data);
    }

    /* Single-person mode: this person's answers as one row, with the same columns as a shared device's file. */
    function downloadOwn() {
      if (!draftId) { draftId = newId(); save(); }
      var name = fileName(today(), device.session, draftId);
      download(responsesCsv(columns, [{ response: draftId, date: today(), session: device.session, answers: current() }]), name);
      status.textContent = "Your answers were downloaded as " + name + ".";
    }
    /* Shared-device mode: keep the response, empty the form and say so without repeating a word of it. */
    function submitShared() {
      var answers = current();
      if (!Object.keys(answers).length) { status.textContent = "Answer at least one question before you submit."; return; }
      device.responses.push({ response: newId(), date: today(), session: device.session, answers: answers });
      if (!keepDevice()) {
        device.responses.pop();
        status.textContent = "Your answers could not be kept: this browser does not allow saving. Please tell the facilitator; your answers are still on the form.";
        return;
      }
      empty();
      status.textContent = "";
      thanked = true;
      tell(handover, "Thank you: your answers are kept on this device and the form is empty again. Please hand the device to the next person. (" + plural(device.responses.length, "response", "responses") + " kept on this device.)");
      if (panel) { panel.refresh(); panel.close(); }
      handover.focus();
      if (handover.scrollIntoView) handover.scrollIntoView({ block: "start" });
    }
    function showMode() {
      submit.hidden = !device.shared;
      mine.hidden = device.shared;
      if (!device.shared) tell(handover, "");
      else if (!thanked) tell(handover, "This device is shared. When you have answered, press “Submit and hand to the next person” at the end of the form.");
    }

    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    mine.addEventListener("click", downloadOwn);
    submit.addEventListener("click", submitShared);
    clear.addEventListener("click", function () {
      confirmBox.hidden = false;
      form.querySelector(".ca-eval__yes").focus();
    });
    form.querySelector(".ca-eval__no").addEventListener("click", function () {
      confirmBox.hidden = true;
      clear.focus();
    });
    form.querySelector(".ca-eval__yes").addEventListener("click", function () {
      empty();
      confirmBox.hidden = true;
      notices = [];
      tell(notice, "");
      status.textContent = "Your answers have been cleared.";
      clear.focus();
    });

    var saved = read(KEY, draftOf);
    if (saved.value) { restore(saved.value.answers); draftId = saved.value.response; }
    if (saved.problem === "blocked") note("This browser does not allow saving, so your answers will be lost when you leave this page. Download them before you go.");
    if (saved.problem === "unreadable") note("Your saved answers could not be read, so they were cleared. The form is ready to fill in again.");
    device = readDevice();
    if (device.unread.length) note(unreadText(device) + " They are left as they were: the facilitator can download or delete them under “For the facilitator”.");
    var asked = new URLSearchParams(window.location.search).get("session");
    if (asked !== null && asked.trim()) { device.session = asked.trim().slice(0, MAX_SESSION); keepDevice(); }
    form.querySelector(".ca-eval__actions").hidden = false;
    if (panel) panel = setupPanel(panel, device, keepDevice, showMode, columns);
    showMode();
  }

  function unreadText(device) {
    return device.whole ? "The data kept on this device for the evaluation could not be read."
      : plural(device.unread.length, "kept response", "kept responses") + " could not be read.";
  }

  /* The facilitator's panel: session name, shared-device switch, count, export and delete. */
  function setupPanel(panel, device, keepDevice, showMode, columns) {
    panel.setAttribute("data-ca-ready", "");
    var session = panel.querySelector(".ca-eval-device__session");
    var shared = panel.querySelector("#ca-eval-shared");
    var count = panel.querySelector(".ca-eval-device__count");
    var status = panel.querySelector(".ca-eval-device__status");
    var remove = panel.querySelector(".ca-eval-device__clear");
    var confirmBox = panel.querySelector(".ca-eval-device__confirm");
    var yes = panel.querySelector(".ca-eval-device__yes");
    var unread = panel.querySelector(".ca-eval-device__unread");
    var unreadClear = panel.querySelector(".ca-eval-device__unread-clear");
    var pending = null;  /* what "Yes" does: delete the kept responses, or the data that could not be read */

    function refresh() {
      var n = device.responses.length;
      count.textContent = n ? "Responses kept on this device: " + n + "." : "No responses are kept on this device.";
      unread.hidden = !device.unread.length;
      panel.querySelector(".ca-eval-device__unread-text").textContent = device.unread.length ? unreadText(device)
        + " They are left on this device as they were. Download them as text to keep them, then delete them." : "";
    }
    /* Closed while the device goes round, so the next person does not find the delete buttons open. */
    function close() { panel.open = false; confirmBox.hidden = true; }
    function ask(question, button, action, from) {
      panel.querySelector(".ca-eval-device__question").textContent = question;
      yes.textContent = button;
      pending = { action: action, from: from };
      confirmBox.hidden = false;
      yes.focus();
    }
    session.value = device.session;
    shared.checked = device.shared;
    session.addEventListener("input", function () {
      device.session = session.value.trim().slice(0, MAX_SESSION);
      keepDevice();
    });
    shared.addEventListener("change", function () {
      device.shared = shared.checked;
      keepDevice();
      status.textContent = shared.checked ? "Shared device is on: the form now ends with “Submit and hand to the next person”." : "Shared device is off: the form ends with “Download my answers”.";
      showMode();
      if (shared.checked) { close(); panel.querySelector("summary").focus(); }
    });
    panel.querySelector(".ca-eval-device__export").addEventListener("click", function () {
      var n = device.responses.length;
      if (!n) { status.textContent = "There are no responses to download yet."; return; }
      var first = device.responses.map(function (r) { return r.date; }).sort()[0];
      var name = fileName(first, device.session);
      download(responsesCsv(columns, device.responses), name);
      status.textContent = plural(n, "response was", "responses were") + " downloaded as " + name + ". They are still kept on this device until you delete them.";
    });
    remove.addEventListener("click", function () {
      var n = device.responses.length;
      if (!n) { status.textContent = "There are no kept responses to delete."; return; }
      ask("Delete the " + plural(n, "response", "responses") + " kept on this device? Download them first: this cannot be undone.",
          "Yes, delete them", function () {
            device.responses = [];
            keepDevice();
            status.textContent = "The kept responses have been deleted from this device.";
          }, remove);
    });
    panel.querySelector(".ca-eval-device__unread-download").addEventListener("click", function () {
      var text;
      try { text = localStorage.getItem(DEVICE); } catch (e) { text = null; }
      var name = "evaluation-device-data-" + today() + ".txt";
      download(text === null ? device.raw : text, name, "text/plain;charset=utf-8");
      status.textContent = "The data kept on this device was downloaded as it is stored, as " + name + ".";
    });
    unreadClear.addEventListener("click", function () {
      ask("Delete the data that could not be read? Download it first: this cannot be undone. The responses that could be read are kept.",
          "Yes, delete the unreadable data", function () {
            device.unread = [];
            device.whole = false;
            keepDevice();
            status.textContent = "The data that could not be read has been deleted from this device.";
          }, unreadClear);
    });
    panel.querySelector(".ca-eval-device__no").addEventListener("click", function () {
      confirmBox.hidden = true;
      if (pending && !pending.from.hidden) pending.from.focus();
      pending = null;
    });
    yes.addEventListener("click", function () {
      if (pending) pending.action();
      pending = null;
      confirmBox.hidden = true;
      refresh();
      remove.focus();
    });
    refresh();
    panel.hidden = false;
    return { refresh: refresh, close: close };
  }

  function init() {
    all(document, "form[data-ca-evaluation]:not([data-ca-ready])").forEach(function (form) {
      /* A print pack holds the form to print blank: no saved answers, no buttons. */
      if (form.closest(".ca-print-section")) return;
      setup(form, document.querySelector("[data-ca-eval-device]:not([data-ca-ready])"));
    });
  }

  window.caEvaluation = { init: init, csvText: csvText, fileName: fileName };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
