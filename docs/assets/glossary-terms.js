/* Common Agenda: glossary terms open their definition on tap, click, Enter or Space, and on keyboard
   focus or mouse hover; a second tap, Escape, or a tap elsewhere closes it.

   The build marks the first use of each term as <abbr title="definition" tabindex="0">. A title
   alone never opens on touch, and a CSS pop-up cannot know where the screen ends (near the right
   edge one widened a 390 px page to 640 px). So each term becomes a disclosure button whose
   definition sits in a sibling element, is named by aria-describedby (read with the term, open or
   not) and is moved left, when open, until it fits the viewport. The text is set as text, never
   as HTML. Safe to load twice and re-run after Material's instant navigation (document$). */
(function () {
  "use strict";
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  /* Ours only as an own property of window (a page element with this id is not). */
  if (own(window, "caTerms")) { window.caTerms.init(); return; }

  var GAP = 8;  // px kept free between a definition and the viewport's edge
  var count = 0;
  var current = null;  // the open term's wrapper, or null

  function parts(wrapper) {
    return { term: wrapper.querySelector("abbr"), def: wrapper.querySelector(".ca-term__def") };
  }

  /* Moves the definition left (or right) until all of it is inside the viewport. In a table,
     which clips what overflows it (Material gives tables overflow: hidden), it is placed in the
     viewport itself (position: fixed) under the term, and follows it on scroll. */
  function place(wrapper) {
    var p = parts(wrapper);
    var fixed = !!wrapper.closest("table");
    var width = document.documentElement.clientWidth;
    p.def.classList.toggle("ca-term__def--fixed", fixed);
    if (fixed) {
      var term = p.term.getBoundingClientRect();
      p.def.style.top = Math.round(term.bottom + 6) + "px";
      p.def.style.left = Math.round(term.left) + "px";
    } else {
      p.def.style.top = "";
      p.def.style.left = "0px";
    }
    var box = p.def.getBoundingClientRect();
    var shift = 0;
    if (box.right > width - GAP) shift = width - GAP - box.right;
    if (box.left + shift < GAP) shift = GAP - box.left;
    p.def.style.left = (parseFloat(p.def.style.left) + shift) + "px";
  }

  /* how: "open" stays until closed; "hover" closes when the mouse leaves. */
  function open(wrapper, how) {
    if (current && current !== wrapper) close(current);
    var p = parts(wrapper);
    p.def.hidden = false;
    p.term.setAttribute("aria-expanded", "true");
    wrapper.setAttribute("data-ca-open", how);
    current = wrapper;
    place(wrapper);
  }

  function close(wrapper) {
    var p = parts(wrapper);
    p.def.hidden = true;
    p.term.setAttribute("aria-expanded", "false");
    wrapper.removeAttribute("data-ca-open");
    if (current === wrapper) current = null;
  }

  function toggle(wrapper) {
    if (wrapper.getAttribute("data-ca-open") === "open") close(wrapper);
    else open(wrapper, "open");
  }

  function wrap(term) {
    var definition = term.getAttribute("title");
    if (!definition || term.closest(".ca-term")) return;
    var wrapper = document.createElement("span");
    wrapper.className = "ca-term";
    var def = document.createElement("span");
    def.className = "ca-term__def";
    def.id = "ca-term-" + (++count);
    def.setAttribute("role", "tooltip");
    def.textContent = definition;
    def.hidden = true;
    term.parentNode.insertBefore(wrapper, term);
    wrapper.appendChild(term);
    wrapper.appendChild(def);
    /* The definition is now the term's description; a title too would pop up the browser's own
       tooltip over ours on hover. */
    term.removeAttribute("title");
    term.setAttribute("role", "button");
    term.setAttribute("aria-expanded", "false");
    term.setAttribute("aria-describedby", def.id);
    term.addEventListener("click", function (event) {
      /* In a quiz option's label a tap on the term reads its definition; it picks no answer. */
      if (term.closest("label")) event.preventDefault();
      toggle(wrapper);
    });
    term.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(wrapper); }
    });
    term.addEventListener("focus", function () {
      if (term.matches(":focus-visible")) open(wrapper, "open");  // the keyboard, not a tap
    });
    wrapper.addEventListener("focusout", function (event) {
      if (!wrapper.contains(event.relatedTarget)) close(wrapper);
    });
    /* Mouse hover shows it and may move onto the definition (WCAG 1.4.13); a tap is no hover. */
    wrapper.addEventListener("pointerenter", function (event) {
      if (event.pointerType === "mouse" && !wrapper.hasAttribute("data-ca-open")) open(wrapper, "hover");
    });
    wrapper.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && wrapper.getAttribute("data-ca-open") === "hover") close(wrapper);
    });
  }

  function init() {
    if (current && !current.isConnected) current = null;  // the page was swapped by instant navigation
    document.querySelectorAll(".md-typeset abbr[title][tabindex]").forEach(wrap);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) close(current);
  });
  document.addEventListener("pointerdown", function (event) {
    if (current && !current.contains(event.target)) close(current);
  });
  window.addEventListener("resize", function () { if (current) place(current); });
  document.addEventListener("scroll", function () {
    if (current && current.closest("table")) place(current);
  }, { capture: true, passive: true });

  window.caTerms = { init: init };
  var material = own(window, "document$") && window.document$;  // as above
  if (material && typeof material.subscribe === "function") material.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
