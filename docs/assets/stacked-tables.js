/* Common Agenda: tables of three or more columns become stacked rows on a phone (phone.css), each
   cell led by its column's header.

   Author HTML cannot carry data-* attributes, so this script copies each header into the cells'
   data-label, which phone.css shows before the cell. A table shown as blocks loses its table
   semantics in some browsers, so the same script gives every part its ARIA table role: a screen
   reader still reads rows, columns and headers. Tables that other scripts draw later (a plan's
   agenda, the progress tables) are labelled when they appear. Safe to load twice and re-run after
   Material's instant navigation (document$). */
(function () {
  "use strict";
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  /* Ours only as an own property of window (a page element with this id is not). */
  if (own(window, "caStackTables")) { window.caStackTables.init(); return; }

  var MIN_COLUMNS = 3;

  function text(cell) { return (cell.textContent || "").replace(/\s+/g, " ").trim(); }

  /* The header row's texts, one per column (a header spanning two columns names both). */
  function headers(table) {
    var row = table.tHead && table.tHead.rows[0];
    var out = [];
    if (!row) return out;
    Array.prototype.forEach.call(row.cells, function (cell) {
      for (var i = 0; i < (cell.colSpan || 1); i++) out.push(text(cell));
    });
    return out;
  }

  function role(element, name) {
    if (!element.hasAttribute("role")) element.setAttribute("role", name);
  }

  function label(table) {
    var names = headers(table);
    if (names.length < MIN_COLUMNS) return;
    table.setAttribute("data-ca-stack", "");
    role(table, "table");
    Array.prototype.forEach.call(table.querySelectorAll(":scope > thead, :scope > tbody, :scope > tfoot"),
      function (group) { role(group, "rowgroup"); });
    Array.prototype.forEach.call(table.rows, function (row) {
      role(row, "row");
      var column = 0;
      var inHead = row.parentNode === table.tHead;
      Array.prototype.forEach.call(row.cells, function (cell) {
        if (inHead) role(cell, "columnheader");
        else role(cell, cell.tagName === "TH" ? "rowheader" : "cell");
        if (!inHead) {
          var name = names[column] || "";
          if (name && name !== text(cell)) cell.setAttribute("data-label", name);
          else cell.removeAttribute("data-label");
        }
        column += cell.colSpan || 1;
      });
    });
  }

  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll(".md-typeset table").forEach(label);
  }

  /* Tables drawn or redrawn by a page script: relabel once per frame at most. */
  var pending = false;
  var observer = new MutationObserver(function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; init(); });
  });
  function watch() {
    var content = document.querySelector(".md-content");
    observer.disconnect();
    if (content) observer.observe(content, { childList: true, subtree: true });
  }

  function start() { init(); watch(); }
  window.caStackTables = { init: start };
  var material = own(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(start);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
