/* Common Agenda evaluation results: read the CSV files the evaluation form exported, merge them
   into one table, sum up each question and write the merged file again. The files are read with
   FileReader in this browser; nothing is sent anywhere and nothing is kept after the page closes.
   Loaded on the results page only, after evaluation.js (which writes the CSV), and safe to load
   twice (instant navigation). */
(function () {
  "use strict";
  /* Ours only as an own property of window (see evaluation.js). */
  if (Object.prototype.hasOwnProperty.call(window, "caEvaluationMerge")) { window.caEvaluationMerge.init(); return; }

  var MAX_BYTES = 5 * 1024 * 1024;
  /* A session's files hold tens or hundreds of responses. These limits keep a wrong or huge file
     from freezing the page (85,000 rows or 20,000 columns took over a minute): read at most
     MAX_ROWS responses in all and MAX_COLUMNS columns per file, and put at most SHOWN rows (and
     written answers per question) in the page; the summary counts and the download hold them all. */
  var MAX_ROWS = 5000;
  var MAX_COLUMNS = 200;
  var SHOWN = 200;
  var ROLE = "role";  /* the question asking people's role (see evaluation.py): rating means per role */
  var META = ["date", "session", "response", "file"];
  var OLD_HEADER = "section,item,question,answer";  /* the one-person file of earlier versions */
  var SPREADSHEETS = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

  function all(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() { var d = new Date(); return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  /* RFC 4180 with either separator a spreadsheet may have saved (comma, or semicolon where the
     comma is the decimal mark). Returns {rows: [{line, cells}], more} or {error}. Blank lines are
     skipped. Stops after maxRows rows (when given), with more: true if the text goes on. */
  function parseCsv(text, maxRows) {
    var firstLine = text.split(/\r\n|\n|\r/, 1)[0].replace(/"[^"]*"/g, "");
    var sep = (firstLine.match(/;/g) || []).length > (firstLine.match(/,/g) || []).length ? ";" : ",";
    var rows = [], cells = [], cell = "", quoted = false, line = 1, rowLine = 1, quoteLine = 0, i = 0;
    function endRow() {
      cells.push(cell);
      if (!(cells.length === 1 && cells[0] === "")) rows.push({ line: rowLine, cells: cells });
      cells = []; cell = ""; rowLine = line;
    }
    while (i < text.length) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i++; continue; }
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
        cell += c; i++; continue;
      }
      if (c === '"' && cell === "") { quoted = true; quoteLine = line; i++; continue; }
      if (c === sep) { cells.push(cell); cell = ""; i++; continue; }
      if (c === "\r" || c === "\n") {
        i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
        line++;
        endRow();
        if (maxRows && rows.length >= maxRows) return { rows: rows, more: /\S/.test(text.slice(i)) };
        continue;
      }
      cell += c; i++;
    }
    if (quoted) return { error: "a quoted value that starts on line " + quoteLine + " is never closed" };
    if (cell !== "" || cells.length) endRow();
    return { rows: rows, more: false };
  }

  /* The form's own export puts a ' before a value that a spreadsheet would run as a formula; it is
     taken off here and put back on export, so a file merged again does not gain a second one. */
  function plain(value) { return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value; }

  /* One file's text read into {responses: [map column -> value], columns, notes} or {error}. */
  function readCsv(name, text, form) {
    if (text.charCodeAt(0) === 0xFEFF) text = text.slice(1);
    if (!text.trim()) return { error: "the file is empty" };
    if (/\u0000/.test(text)) return { error: "it is not a CSV file but binary data. Export the responses from the evaluation form again" };
    var parsed = parseCsv(text, MAX_ROWS + 1);
    if (parsed.error) return { error: "it is not a valid CSV file: " + parsed.error };
    var header = parsed.rows[0].cells.map(function (h) { return h.trim(); });
    if (header.length > MAX_COLUMNS) {
      return { error: "it has " + header.length + " columns, and this page reads at most " + MAX_COLUMNS
        + " columns per file. Use the file the evaluation form downloaded" };
    }
    var body = parsed.rows.slice(1);
    if (header.join(",").toLowerCase() === OLD_HEADER) return readOld(body, form);
    var blank = header.indexOf("");
    if (blank >= 0) return { error: "column " + (blank + 1) + " of the first line has no name" };
    var named = Object.create(null);
    for (var h = 0; h < header.length; h++) {
      if (named[header[h]]) return { error: "the first line names the column '" + header[h] + "' twice" };
      named[header[h]] = true;
    }
    var known = header.filter(function (c) { return own(form.byId, c); });
    if (!known.length && !(header.indexOf("date") >= 0 && header.indexOf("session") >= 0)) {
      return { error: "its columns (" + header.slice(0, 6).join(", ") + (header.length > 6 ? ", …" : "")
        + ") are not those of this evaluation form, which has " + form.columns.slice(0, 5).join(", ") + " and more" };
    }
    if (!body.length) return { error: "it has the column names but no responses" };
    var responses = [];
    for (var r = 0; r < body.length; r++) {
      var cells = body[r].cells;
      if (cells.length > header.length) {
        return { error: "line " + body[r].line + " has " + cells.length + " values but the first line names " + header.length + " columns" };
      }
      var response = Object.create(null);
      header.forEach(function (column, index) { response[column] = index < cells.length ? plain(cells[index]) : ""; });
      responses.push(response);
    }
    var extra = header.filter(function (c) { return !own(form.byId, c) && META.indexOf(c) < 0; });
    var notes = extra.length ? [plural(extra.length, "column", "columns") + " not on this form kept: " + extra.join(", ")] : [];
    /* A file saved as Latin-1 or Windows-1252 and read as UTF-8 has U+FFFD where its accents were. */
    if (/\uFFFD/.test(text)) notes.push("saved in another encoding, so some letters show as \uFFFD: save it as CSV UTF-8 and add it again");
    return { responses: responses, columns: header, notes: notes, more: parsed.more };
  }
  /* section,item,question,answer (one row per question) becomes one response with no date or session. */
  function readOld(body, form) {
    var response = Object.create(null);
    body.forEach(function (row) {
      var id = (row.cells[1] || "").trim();
      if (id && META.indexOf(id) < 0) response[id] = plain(row.cells[3] || "");
    });
    if (!Object.keys(response).some(function (id) { return own(form.byId, id); })) {
      return { error: "its rows name no question of this evaluation form" };
    }
    return { responses: [response], columns: Object.keys(response),
             notes: ["an older one-person file: read as one response without date or session"] };
  }

  /* The form as data, from the hidden list the page carries. */
  function formOf(root) {
    var items = all(root, ".ca-merge__form > li").map(function (li) {
      return { id: li.getAttribute("data-ca-item"), kind: li.getAttribute("data-kind"),
               label: li.firstChild ? li.firstChild.textContent.trim() : "",
               options: all(li, "li").map(function (o) { return o.textContent; }) };
    });
    var byId = Object.create(null);
    items.forEach(function (item) { byId[item.id] = item; });
    return { items: items, byId: byId, columns: (root.getAttribute("data-ca-columns") || "").split(" ").filter(Boolean) };
  }

  function setup(root) {
    root.setAttribute("data-ca-ready", "");
    var form = formOf(root);
    var pick = root.querySelector(".ca-merge__pick");
    var report = root.querySelector(".ca-merge__report");
    var result = root.querySelector(".ca-merge__result");
    var status = root.querySelector(".ca-merge__status");
    var files = [];   /* {name, count, dropped, notes, error} in the order read */
    var rows = [];    /* {values: map column -> value, file, note} */
    var extraColumns = [];
    var seenIds = Object.create(null), seenRows = Object.create(null);

    /* The file picker, made here (see the template): a label and a native input, so the keyboard
       and screen readers get the browser's own control. */
    var label = el("label", "ca-merge__label", "Evaluation files (CSV)");
    label.htmlFor = "ca-merge-files";
    var input = el("input", "ca-merge__input");
    input.type = "file";
    input.id = "ca-merge-files";
    input.multiple = true;
    input.accept = ".csv,text/csv";
    var reset = pick.querySelector(".ca-merge__reset");
    pick.insertBefore(label, reset);
    pick.insertBefore(input, reset);

    function columns() {
      return form.columns.concat(extraColumns).concat(["file"]);
    }
    function add(name, parsed) {
      var entry = { name: name, count: 0, dropped: 0, flagged: 0, capped: !!parsed.more, notes: parsed.notes || [], error: parsed.error || "" };
      files.push(entry);
      if (parsed.error) return;
      parsed.columns.forEach(function (c) {
        if (!own(form.byId, c) && META.indexOf(c) < 0 && extraColumns.indexOf(c) < 0) extraColumns.push(c);
      });
      parsed.responses.forEach(function (response) {
        if (rows.length >= MAX_ROWS) { entry.capped = true; return; }
        var id = own(response, "response") ? response.response.trim() : "";
        var from = own(response, "file") && response.file ? response.file : name;
        if (id && seenIds[id]) { entry.dropped++; return; }
        var note = "";
        if (!id) {
          var key = JSON.stringify(form.columns.concat(extraColumns).map(function (c) { return own(response, c) ? response[c] : ""; }));
          if (seenRows[key]) { note = "Same answers as a row from " + seenRows[key] + ": check it is not entered twice."; entry.flagged++; }
          else seenRows[key] = from;
        } else seenIds[id] = from;
        rows.push({ values: response, file: from, note: note });
        entry.count++;
      });
    }

    function showReport() {
      report.textContent = "";
      if (!files.length) return;
      var list = el("ul", "ca-merge__files");
      files.forEach(function (f) {
        var li = el("li", f.error ? "ca-merge__file ca-merge__file--bad" : "ca-merge__file");
        if (f.error) {
          li.appendChild(el("strong", "", "Not read: " + f.name));
          li.appendChild(document.createTextNode(" — " + f.error + "."));
        } else {
          var text = f.name + ": " + plural(f.count, "response", "responses") + " added";
          if (f.dropped) text += "; " + plural(f.dropped, "response was", "responses were") + " already read and left out";
          if (f.flagged) text += "; " + plural(f.flagged, "row matches", "rows match") + " another row exactly and " + (f.flagged === 1 ? "is" : "are") + " marked in the table";
          if (f.capped) {
            li.className += " ca-merge__file--bad";
            text += "; the rest of this file was not read: this page reads at most " + MAX_ROWS.toLocaleString("en")
              + " responses in all, so merge fewer files at a time";
          }
          li.textContent = text + (f.notes.length ? " (" + f.notes.join("; ") + ")" : "") + ".";
        }
        list.appendChild(li);
      });
      report.appendChild(list);
    }

    /* Counts per answer as a table: the numbers are text, the bars only draw them. */
    function countsTable(caption, entries, total) {
      var table = el("table", "ca-merge__counts");
      table.appendChild(el("caption", "ca-merge__caption", caption));
      var head = el("tr");
      ["Answer", "Responses", "Share"].forEach(function (t) { var th = el("th", "", t); th.scope = "col"; head.appendChild(th); });
      table.appendChild(el("thead")).appendChild(head);
      var tbody = table.appendChild(el("tbody"));
      entries.forEach(function (e) {
        var tr = el("tr");
        var th = el("th", "", e.answer); th.scope = "row"; tr.appendChild(th);
        tr.appendChild(el("td", "ca-merge__n", String(e.count)));
        var share = total ? Math.round(e.count / total * 100) : 0;
        var td = el("td", "ca-merge__share");
        var bar = el("span", "ca-merge__bar ca-merge__bar--" + Math.round(share / 5) * 5);
        bar.setAttribute("aria-hidden", "true");
        td.appendChild(bar);
        td.appendChild(el("span", "ca-merge__pct", share + "%"));
        tr.appendChild(td);
        tbody.appendChild(tr);
      });
      return table;
    }
    function answersFor(column) {
      return rows.map(function (r) { return own(r.values, column) ? r.values[column].trim() : ""; });
    }
    function tally(values, order) {
      var counts = Object.create(null), seen = [];
      values.forEach(function (v) { if (!v) return; if (!counts[v]) { counts[v] = 0; seen.push(v); } counts[v]++; });
      var keys = order.concat(seen.filter(function (v) { return order.indexOf(v) < 0; }).sort());
      return keys.map(function (k) { return { answer: k, count: counts[k] || 0 }; });
    }
    /* The mean of a rating per role (police officer, service provider, ...), the comparison a joint
       session is about, as text beside the overall mean. */
    function byRole(column) {
      var points = Object.create(null), seen = [];
      rows.forEach(function (r) {
        var v = own(r.values, column) ? r.values[column].trim() : "";
        if (!/^[1-5]$/.test(v)) return;
        var role = own(r.values, ROLE) ? r.values[ROLE].trim() : "";
        if (!points[role]) { points[role] = []; seen.push(role); }
        points[role].push(Number(v));
      });
      var order = form.byId[ROLE].options.slice();
      order = order.concat(seen.filter(function (r) { return r && order.indexOf(r) < 0; }).sort());
      if (points[""]) order.push("");
      var parts = order.map(function (role) {
        var name = role || "role not given";
        var p = points[role] || [];
        if (!p.length) return name + ": no answers";
        var mean = p.reduce(function (a, b) { return a + b; }, 0) / p.length;
        return name + ": mean " + (Math.round(mean * 10) / 10).toFixed(1) + " (" + plural(p.length, "answer", "answers") + ")";
      });
      return el("p", "ca-merge__by-role", "By role: " + parts.join("; ") + ".");
    }
    function questionSummary(heading, kind, column, options) {
      var box = el("section", "ca-merge__question");
      box.setAttribute("data-ca-item", column);
      box.appendChild(el("h3", "ca-merge__question-title", heading));
      var values = answersFor(column);
      var given = values.filter(Boolean);
      var missing = values.length - given.length;
      var line = el("p", "ca-merge__figures");
      box.appendChild(line);
      if (kind === "text") {
        line.textContent = plural(given.length, "written answer", "written answers") + (missing ? "; " + missing + " left blank" : "") + ".";
        if (given.length) {
          var list = el("ul", "ca-merge__texts");
          given.slice(0, SHOWN).forEach(function (v) { list.appendChild(el("li", "", v)); });
          box.appendChild(list);
          if (given.length > SHOWN) box.appendChild(el("p", "ca-merge__more", "Showing the first " + SHOWN + " of " + given.length + " written answers; the merged file has them all."));
        }
        return box;
      }
      var text = plural(given.length, "answer", "answers") + (missing ? "; " + missing + " left blank" : "");
      if (kind === "scale") {
        var points = given.filter(function (v) { return /^[1-5]$/.test(v); }).map(Number);
        if (points.length) {
          var mean = points.reduce(function (a, b) { return a + b; }, 0) / points.length;
          var mean1 = (Math.round(mean * 10) / 10).toFixed(1);
          text = "Mean " + mean1 + " out of 5 (1 strongly disagree, 5 strongly agree); " + text;
          box.setAttribute("data-mean", mean1);
        }
      }
      line.textContent = text + ".";
      if (kind === "scale" && column !== ROLE && own(form.byId, ROLE)) box.appendChild(byRole(column));
      var order = kind === "scale" ? ["1", "2", "3", "4", "5"] : options;
      box.appendChild(countsTable("Answers to: " + heading, tally(given, order), given.length));
      return box;
    }

    function showSummary() {
      var summary = root.querySelector(".ca-merge__summary");
      summary.textContent = "";
      var good = files.filter(function (f) { return !f.error; }).length;
      var sessions = tally(answersFor("session"), []).map(function (e) { return e.answer + " (" + e.count + ")"; });
      var dates = tally(answersFor("date"), []).map(function (e) { return e.answer; }).sort();
      root.querySelector(".ca-merge__overview").textContent = plural(rows.length, "response", "responses") + " from "
        + plural(good, "file", "files") + ". Sessions: " + (sessions.join(", ") || "none named")
        + ". Dates: " + (dates.join(", ") || "none given") + ".";
      form.items.forEach(function (item) {
        summary.appendChild(questionSummary(item.label, item.kind, item.id, item.options));
      });
      extraColumns.forEach(function (column) {
        summary.appendChild(questionSummary(column + " (not on this form)", "choice", column, []));
      });
    }

    function showTable() {
      var holder = root.querySelector(".ca-merge__table");
      holder.textContent = "";
      var table = el("table", "ca-merge__rows");
      var head = el("tr");
      ["note"].concat(columns()).forEach(function (c) { var th = el("th", "", c); th.scope = "col"; head.appendChild(th); });
      table.appendChild(el("thead")).appendChild(head);
      var tbody = table.appendChild(el("tbody"));
      var shown = root.querySelector(".ca-merge__shown");
      shown.textContent = rows.length > SHOWN ? "Showing the first " + SHOWN + " of " + rows.length.toLocaleString("en")
        + " rows; the merged file has them all." : "";
      shown.hidden = rows.length <= SHOWN;
      rows.slice(0, SHOWN).forEach(function (r) {
        var tr = el("tr", r.note ? "ca-merge__row--flagged" : "");
        tr.appendChild(el("td", "ca-merge__note", r.note));
        columns().forEach(function (c) {
          var short = own(form.byId, c) ? form.byId[c].kind !== "text" : META.indexOf(c) >= 0;
          tr.appendChild(el("td", short ? "ca-merge__short" : "", c === "file" ? r.file : own(r.values, c) ? r.values[c] : ""));
        });
        tbody.appendChild(tr);
      });
      holder.appendChild(table);
    }

    function show() {
      showReport();
      result.hidden = !rows.length;
      status.textContent = "";
      if (!rows.length) return;
      showSummary();
      showTable();
    }

    function readAll(list) {
      var chosen = Array.prototype.slice.call(list || []);
      if (!chosen.length) return;
      var done = 0, results = new Array(chosen.length);
      function finish(index, parsed) {
        results[index] = parsed;
        if (++done < chosen.length) return;
        chosen.forEach(function (file, i) { add(file.name, results[i]); });
        show();
      }
      chosen.forEach(function (file, index) {
        if (SPREADSHEETS.test(file.name)) return finish(index, { error: "it is a spreadsheet, not a CSV file. Save it from the spreadsheet as CSV, or use the file the evaluation form downloaded" });
        if (!/\.csv$/i.test(file.name)) return finish(index, { error: "it is not a CSV file (its name does not end in .csv). Use the file the evaluation form downloaded" });
        if (file.size > MAX_BYTES) return finish(index, { error: "it is too large for an evaluation file (" + (file.size / 1048576).toFixed(1) + " MB; at most 5 MB)" });
        var reader = new FileReader();
        reader.onload = function () { finish(index, readCsv(file.name, String(reader.result), form)); };
        reader.onerror = function () { finish(index, { error: "this browser could not read it" }); };
        reader.readAsText(file, "utf-8");
      });
    }

    input.addEventListener("change", function () { readAll(input.files); input.value = ""; });
    pick.addEventListener("dragover", function (e) { e.preventDefault(); pick.classList.add("ca-merge__pick--over"); });
    pick.addEventListener("dragleave", function () { pick.classList.remove("ca-merge__pick--over"); });
    pick.addEventListener("drop", function (e) {
      e.preventDefault();
      pick.classList.remove("ca-merge__pick--over");
      if (e.dataTransfer) readAll(e.dataTransfer.files);
    });
    reset.addEventListener("click", function () {
      files = []; rows = []; extraColumns = [];
      seenIds = Object.create(null); seenRows = Object.create(null);
      show();
      report.textContent = "The files were put aside. Choose or drop files to start again.";
      input.focus();
    });
    root.querySelector(".ca-merge__download").addEventListener("click", function () {
      var writer = Object.prototype.hasOwnProperty.call(window, "caEvaluation") && window.caEvaluation;
      if (!writer || typeof writer.csvText !== "function") { status.textContent = "The file could not be written: reload the page and try again."; return; }
      var cols = columns();
      var table = [cols].concat(rows.map(function (r) {
        return cols.map(function (c) { return c === "file" ? r.file : own(r.values, c) ? r.values[c] : ""; });
      }));
      var name = "evaluation-merged-" + today() + ".csv";
      var url = URL.createObjectURL(new Blob([writer.csvText(table)], { type: "text/csv;charset=utf-8" }));
      var link = document.createElement("a");  /* never in the page, so instant navigation ignores it */
      link.href = url;
      link.download = name;
      link.click();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
      status.textContent = plural(rows.length, "response was", "responses were") + " downloaded as " + name + ".";
    });

    root.querySelector(".ca-merge__needs-script").hidden = true;
    pick.hidden = false;
  }

  function init() { all(document, "[data-ca-merge]:not([data-ca-ready])").forEach(setup); }

  window.caEvaluationMerge = { init: init, parseCsv: parseCsv };
  var material = Object.prototype.hasOwnProperty.call(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
