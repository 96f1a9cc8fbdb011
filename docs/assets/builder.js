/* Common Agenda session builder and its print pack. The session lives in the page's address:
     ?blocks=activity:pre-check,module:shared-goals,module:confidentiality@provider&start=13:30&length=90
   so it can be bookmarked and shared. Every block's data is in the page itself (data-ca-block
   entries written by the build), so nothing is fetched or sent; only the last start time set here or on
   a plan is kept in this browser (localStorage), for an address that names none. What the address says is
   checked: unknown blocks are left out and bad times or lengths fall back, each with a visible
   note; its text reaches the page only through textContent. Safe to load twice (instant navigation). */
(function () {
  "use strict";
  var own = function (object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
  if (own(window, "caBuilder")) { window.caBuilder.init(); return; }

  /* Times as plan.js writes them: the 24-hour clock in the page's language. */
  function parseTime(text) {
    var match = /^\s*([01]?\d|2[0-3])\s*[:.h]?\s*([0-5]\d)\s*$/.exec(String(text || ""));
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  }
  function hhmm(minutes) {
    var total = ((minutes % 1440) + 1440) % 1440;
    return ("0" + Math.floor(total / 60)).slice(-2) + ":" + ("0" + (total % 60)).slice(-2);
  }
  function formatTime(minutes) {
    var plain = hhmm(minutes);
    try {
      var parts = plain.split(":");
      return new Intl.DateTimeFormat(document.documentElement.lang || "en",
        { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })
        .format(new Date(Date.UTC(2000, 0, 1, Number(parts[0]), Number(parts[1]))));
    } catch (e) { return plain; }
  }
  /* As plan.js keeps it: the start time last set on a plan or here, used when the address names none. */
  var LAST = "ca-last-start";
  function lastStart() {
    try { return parseTime(window.localStorage.getItem(LAST)); } catch (e) { return null; }
  }
  function rememberStart(minutes) {
    try { window.localStorage.setItem(LAST, hhmm(minutes)); } catch (e) { /* not remembered, still used */ }
  }
  function duration(minutes) {
    var hours = Math.floor(minutes / 60), rest = minutes % 60;
    if (!hours) return rest + " min";
    return rest ? hours + " h " + rest + " min" : hours + " h";
  }
  function parseLength(text) {
    if (!/^\s*\d{1,4}\s*$/.test(String(text || ""))) return null;
    var n = Number(text);
    return n >= 15 && n <= 720 ? n : null;
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function words(value) { return (value || "").split(" ").filter(Boolean); }

  /* The build's catalogue: token -> entry. Tokens are compared as strings, never put in a selector. */
  function catalogue(root) {
    var entries = {}, leads = {};
    root.querySelectorAll("[data-ca-block]").forEach(function (item) {
      entries[item.getAttribute("data-ca-block")] = {
        token: item.getAttribute("data-ca-block"), item: item, kind: item.getAttribute("data-kind") || "",
        minutes: Number(item.getAttribute("data-minutes")) || 0,
        lead: item.getAttribute("data-lead"), label: item.getAttribute("data-label"),
        title: item.getAttribute("data-title"), handouts: words(item.getAttribute("data-handouts")),
        modules: words(item.getAttribute("data-modules")),
        checks: Number(item.getAttribute("data-check-count")) || 0
      };
    });
    root.querySelectorAll("[data-ca-lead]").forEach(function (item) {
      leads[item.getAttribute("data-ca-lead")] = item.textContent;
    });
    return { entries: entries, leads: leads };
  }

  /* The address -> a session and the notes on what was left out or replaced. */
  function readAddress(search, data, defaults) {
    var params = new URLSearchParams(search), notes = [], blocks = [];
    var raw = params.get("blocks");
    var tokens = raw ? raw.split(",").filter(Boolean) : [];
    if (tokens.length > defaults.max) {
      notes.push("The address names " + tokens.length + " blocks; only the first " + defaults.max + " are used.");
      tokens = tokens.slice(0, defaults.max);
    }
    var unknown = [];
    tokens.forEach(function (token) {
      var at = token.indexOf("@"), name = at < 0 ? token : token.slice(0, at), lead = at < 0 ? null : token.slice(at + 1);
      if (!own(data.entries, name)) { unknown.push(token); return; }
      var entry = data.entries[name];
      if (lead !== null && !own(data.leads, lead)) {
        notes.push("Unknown lead \u201c" + lead.slice(0, 30) + "\u201d for " + entry.title + ": its own lead, "
          + (own(data.leads, entry.lead) ? data.leads[entry.lead] : entry.lead) + ", is used.");
        lead = null;
      }
      blocks.push({ entry: entry, lead: lead || entry.lead });
    });
    if (unknown.length) {
      notes.push("Left out, as no block in this kit has that name: " + unknown.map(function (t) {
        return "\u201c" + t.slice(0, 60) + "\u201d"; }).join(", ") + ".");
    }
    var start = defaults.start, length = defaults.length;
    if (params.has("start")) {
      var time = parseTime(params.get("start"));
      if (time === null) notes.push("The start time in the address is not a time on the 24-hour clock, so "
        + formatTime(defaults.start) + " is used.");
      else start = time;
    }
    if (params.has("length")) {
      var minutes = parseLength(params.get("length"));
      if (minutes === null) notes.push("The target length in the address is not a number of minutes from 15 to 720, so "
        + defaults.length + " is used.");
      else length = minutes;
    }
    var edition = params.get("edition") || "participant";
    if (edition !== "participant" && edition !== "facilitator") {
      notes.push("The address asks for an edition this pack does not have, so it shows the participant edition.");
      edition = "participant";
    }
    return { blocks: blocks, start: start, length: length, notes: notes, edition: edition };
  }

  function query(session) {
    return "?blocks=" + session.blocks.map(function (b) {
      return b.entry.token + (b.lead === b.entry.lead ? "" : "@" + b.lead);
    }).join(",") + "&start=" + hhmm(session.start) + "&length=" + session.length;
  }
  function withQuery(link, session, extra) {
    if (!link) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    link.setAttribute("href", url.pathname + query(session) + (extra || ""));
  }
  function showNotes(box, notes) {
    if (!box) return;
    box.textContent = "";
    notes.forEach(function (text) { box.appendChild(el("p", "ca-builder__note", text)); });
  }

  /* Offsets, the modules taught and the pack sections needed, in the order the session reaches them. */
  function plan(session) {
    var at = 0, modules = [], sections = ["handout:first-meeting"], scripts = [], starts = {};
    var rows = session.blocks.map(function (b) {
      var row = { block: b, from: at, to: at + b.entry.minutes };
      at = row.to;
      if (!own(starts, b.entry.token)) { starts[b.entry.token] = row.from; scripts.push("script:" + b.entry.token); }
      b.entry.modules.forEach(function (m) { if (modules.indexOf(m) < 0) modules.push(m); });
      var needs = b.entry.token.indexOf("module:") === 0 ? [b.entry.token] : b.entry.handouts;
      needs.forEach(function (s) { if (sections.indexOf(s) < 0) sections.push(s); });
      return row;
    });
    if (session.edition === "facilitator") sections = scripts.concat(sections);
    /* As checked_modules in training.py: a session of at most 90 minutes checks only its module
       blocks, so the check fits the ten minutes such a session gives checks and forms. */
    var checked = at <= 90 ? modules.filter(function (m) {
      return session.blocks.some(function (b) { return b.entry.token === "module:" + m; });
    }) : modules;
    return { rows: rows, total: at, modules: modules, checked: checked, sections: sections, starts: starts };
  }
  /* [when it runs, how it compares with the target]: the pack's participants get only the first in print. */
  function summaryParts(session, built) {
    var gap = built.total - session.length;
    var against = gap === 0 ? "on target" : gap > 0 ? duration(gap) + " over" : duration(-gap) + " under";
    return ["Starts " + formatTime(session.start) + ", ends " + formatTime(session.start + built.total) + ".",
      " Total " + duration(built.total) + " of a " + duration(session.length) + " target (" + against + ")."];
  }
  function summary(session, built) { return summaryParts(session, built).join(""); }
  function timeRange(row, start) {
    var span = el("span", "ca-builder__when");
    [row.from, row.to].forEach(function (offset, i) {
      var t = el("time", "ca-agenda__time", formatTime(start + offset));
      t.setAttribute("datetime", hhmm(start + offset));
      if (i) span.appendChild(document.createTextNode("\u2013"));
      span.appendChild(t);
    });
    return span;
  }
  function what(entry) {
    var span = el("span", "ca-builder__what");
    span.appendChild(el("strong", "", entry.label + ": "));
    span.appendChild(document.createTextNode(entry.title));
    return span;
  }

  function setUpBuilder(root, data) {
    var startBox = root.querySelector("#ca-builder-start"), lengthBox = root.querySelector("#ca-builder-length");
    var list = root.querySelector(".ca-builder__agenda"), total = root.querySelector(".ca-builder__total");
    var empty = root.querySelector(".ca-builder__empty");
    var said = el("p", "ca-builder__said");  // what a move or a removal did, for those who cannot see it
    said.setAttribute("role", "status");
    list.parentNode.insertBefore(said, list.nextSibling);
    var out = document.querySelector("[data-ca-builder-out]");
    var last = lastStart();
    var defaults = { start: last !== null ? last : parseTime(root.getAttribute("data-default-start")) || 540,
      length: parseLength(root.getAttribute("data-default-length")) || 90,
      max: Number(root.getAttribute("data-max-blocks")) || 40 };
    var session = readAddress(window.location.search, data, defaults);
    showNotes(root.querySelector(".ca-builder__notes"), session.notes);

    function save() {
      try { window.history.replaceState(window.history.state, "", window.location.pathname + query(session)); }
      catch (e) { /* a file: page may refuse; the links below still carry the session */ }
    }
    function button(text, label, action) {
      var b = el("button", "md-button ca-builder__button", text);
      b.type = "button";
      b.setAttribute("aria-label", label);
      b.setAttribute("data-ca-action", action);
      return b;
    }
    function render(focus) {
      var built = plan(session);
      list.textContent = "";
      built.rows.forEach(function (row, index) {
        var b = row.block, li = el("li", "ca-builder__row");
        li.appendChild(timeRange(row, session.start));
        li.appendChild(what(b.entry));
        li.appendChild(el("span", "ca-builder__mins", b.entry.minutes + " min"));
        var label = el("label", "ca-builder__lead", "Who leads ");
        var select = el("select");
        select.setAttribute("data-ca-action", "lead");
        Object.keys(data.leads).forEach(function (key) {
          var option = el("option", "", data.leads[key]);
          option.value = key;
          option.selected = key === b.lead;
          select.appendChild(option);
        });
        label.appendChild(select);
        li.appendChild(label);
        var moves = el("span", "ca-builder__moves");
        moves.appendChild(button("Up", "Move up: " + b.entry.title, "up"));
        moves.appendChild(button("Down", "Move down: " + b.entry.title, "down"));
        moves.appendChild(button("Remove", "Remove: " + b.entry.title, "remove"));
        li.appendChild(moves);
        li.setAttribute("data-index", String(index));
        list.appendChild(li);
      });
      empty.hidden = built.rows.length > 0;
      total.textContent = summary(session, built);
      if (out) {
        withQuery(out.querySelector("a.ca-builder__pack"), session);
        withQuery(out.querySelector("a.ca-builder__pack-facilitator"), session, "&edition=facilitator");
        withQuery(out.querySelector("a.ca-builder__share"), session);
        var questions = 0, names = [];
        built.checked.forEach(function (m) {
          var entry = data.entries["module:" + m];
          if (entry && entry.checks) { questions += entry.checks; names.push(entry.title); }
        });
        out.querySelector(".ca-builder__check").textContent = questions
          ? questions + " questions, on " + names.join(", ") + "."
          : "none yet: the check asks about modules, and this session teaches none.";
      }
      if (focus) {
        var row = list.children[Math.min(focus.index, list.children.length - 1)];
        var target = row && row.querySelector("[data-ca-action='" + focus.action + "']");
        if (!target && row) target = row.querySelector("[data-ca-action='remove']");
        (target || startBox).focus();
      }
    }
    list.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-ca-action]");
      if (!b) return;
      var index = Number(b.closest("li").getAttribute("data-index")), action = b.getAttribute("data-ca-action");
      var blocks = session.blocks, to = action === "up" ? index - 1 : index + 1, title = blocks[index].entry.title;
      if (action === "remove") blocks.splice(index, 1);
      else if (to >= 0 && to < blocks.length) { var moved = blocks.splice(index, 1)[0]; blocks.splice(to, 0, moved); index = to; }
      save();
      render({ index: index, action: action });
      var built = plan(session), row = built.rows[index];
      said.textContent = action === "remove"
        ? "Removed " + title + ". The session now ends at " + formatTime(session.start + built.total) + "."
        : title + " is block " + (index + 1) + " of " + blocks.length + ", " + formatTime(session.start + row.from)
          + "\u2013" + formatTime(session.start + row.to) + ".";
    });
    list.addEventListener("change", function (event) {
      if (event.target.getAttribute("data-ca-action") !== "lead") return;
      var index = Number(event.target.closest("li").getAttribute("data-index"));
      if (own(data.leads, event.target.value)) session.blocks[index].lead = event.target.value;
      save();
      render();
    });
    Object.keys(data.entries).forEach(function (token) {
      var entry = data.entries[token];
      var add = button("Add", "Add " + entry.title + " (" + entry.minutes + " min)", "add");
      add.classList.add("ca-builder__add");
      var said = el("span", "ca-builder__added");
      said.setAttribute("role", "status");
      add.addEventListener("click", function () {
        if (session.blocks.length >= defaults.max) {
          said.textContent = "A session holds at most " + defaults.max + " blocks.";
          return;
        }
        /* A session that ends with its closing keeps it last: the new block goes just before it,
           so adding to a preset needs no string of Up presses. */
        var blocks = session.blocks, last = blocks[blocks.length - 1];
        var before = last && last.entry.kind === "closing" && entry.kind !== "closing";
        var at = before ? blocks.length - 1 : blocks.length;
        blocks.splice(at, 0, { entry: entry, lead: entry.lead });
        save();
        render();
        var built = plan(session);
        said.textContent = "Added as block " + (at + 1) + (before ? ", before the closing" : "") + ", "
          + formatTime(session.start + built.rows[at].from) + "\u2013" + formatTime(session.start + built.rows[at].to)
          + ": the session now ends at " + formatTime(session.start + built.total) + ".";
      });
      entry.item.appendChild(add);
      entry.item.appendChild(said);
    });
    startBox.value = formatTime(session.start);
    lengthBox.value = String(session.length);
    startBox.addEventListener("input", function () {
      var time = parseTime(startBox.value);
      if (time === null) { startBox.setAttribute("aria-invalid", "true"); return; }
      startBox.removeAttribute("aria-invalid");
      session.start = time;
      rememberStart(time);
      save();
      render();
    });
    startBox.addEventListener("change", function () {
      if (parseTime(startBox.value) !== null) startBox.value = formatTime(session.start);
    });
    lengthBox.addEventListener("input", function () {
      var minutes = parseLength(lengthBox.value);
      if (minutes === null) { lengthBox.setAttribute("aria-invalid", "true"); return; }
      lengthBox.removeAttribute("aria-invalid");
      session.length = minutes;
      save();
      render();
    });
    root.hidden = false;
    if (out) out.hidden = false;
    if (session.notes.length === 0 && !new URLSearchParams(window.location.search).has("blocks")) save();
    render();
  }

  function setUpPack(root, data) {
    var session = readAddress(window.location.search, data, { start: 540, length: 90, max: 40 });
    showNotes(root.querySelector(".ca-builder__notes"), session.notes);
    var built = plan(session);
    var body = root.querySelector("tbody");
    body.textContent = "";
    built.rows.forEach(function (row) {
      var tr = el("tr");
      var when = el("td");
      when.appendChild(timeRange(row, session.start));
      tr.appendChild(when);
      var block = el("td");
      block.appendChild(what(row.block.entry));
      tr.appendChild(block);
      tr.appendChild(el("td", "", data.leads[row.block.lead] || ""));
      tr.appendChild(el("td", "", String(row.block.entry.minutes)));
      body.appendChild(tr);
    });
    var caption = root.querySelector(".ca-builder-pack__caption"), parts = summaryParts(session, built);
    caption.textContent = parts[0];
    var target = el("span", "ca-builder-pack__target", parts[1]);
    caption.appendChild(target);
    document.querySelectorAll("a.ca-builder__back").forEach(function (a) { withQuery(a, session); });
    /* Only the chosen sections, moved into the order the session needs them. */
    var holder = document.querySelector(".ca-builder-pack__sections"), found = {};
    document.querySelectorAll("[data-ca-section]").forEach(function (section) {
      found[section.getAttribute("data-ca-section")] = section;
      section.hidden = true;
    });
    built.sections.forEach(function (token) {
      if (!own(found, token)) return;
      found[token].hidden = false;
      if (holder) holder.appendChild(found[token]);
    });
    /* A script's clock times count from its block's start: now that is known, they can be set. */
    Object.keys(built.starts).forEach(function (token) {
      if (!own(found, "script:" + token)) return;
      found["script:" + token].querySelectorAll("time.ca-agenda__time[data-offset]").forEach(function (t) {
        var at = session.start + built.starts[token] + Number(t.getAttribute("data-offset"));
        t.textContent = formatTime(at);
        t.setAttribute("datetime", hhmm(at));
      });
    });
    var edition = document.querySelector(".ca-builder-pack__edition");
    if (edition) {
      var facilitator = session.edition === "facilitator";
      edition.textContent = facilitator
        ? "Facilitator edition: the agenda, each block's script in order, then the participants' handouts. "
        : "Participant edition: the agenda and the handouts. ";
      var other = el("a", "", facilitator ? "Open the participant edition" : "Open the facilitator edition");
      other.setAttribute("href", window.location.pathname + query(session) + (facilitator ? "" : "&edition=facilitator"));
      edition.appendChild(other);
      edition.hidden = false;
    }
    /* What plans the session (the pack's title, the editions, the target, answer keys) stays on
       screen; the participants' printed copy leaves it out. */
    if (session.edition === "participant") {
      document.querySelectorAll(".ca-builder-pack__title, .ca-builder-pack__edition, .ca-builder-pack__target, "
        + ".ca-builder__key").forEach(function (node) { node.classList.add("ca-builder__planning"); });
    }
    var asked = 0;
    document.querySelectorAll("[data-ca-check]").forEach(function (part) {
      part.hidden = built.checked.indexOf(part.getAttribute("data-ca-check")) < 0;
      if (!part.hidden) asked += 1;
    });
    if (own(found, "handout:check") && !asked) found["handout:check"].hidden = true;
    root.hidden = false;
  }

  function init() {
    document.querySelectorAll("[data-ca-builder], [data-ca-builder-pack]").forEach(function (root) {
      if (root.hasAttribute("data-ca-ready")) return;
      root.setAttribute("data-ca-ready", "");
      var data = catalogue(document.querySelector(".md-content") || document);
      if (root.hasAttribute("data-ca-builder")) setUpBuilder(root, data);
      else setUpPack(root, data);
    });
  }
  window.caBuilder = { init: init };
  var material = own(window, "document$") && window.document$;  // an own property only: see plan.js
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
