/* Common Agenda: the header's menu and search buttons work from the keyboard.

   Material draws them as <label for="__drawer"> and <label for="__search">, which take no focus.
   While closed, the drawer and the search are now out of the tab order (phone.css), so these two
   buttons are the keyboard's way in: each gets a real button, with a name and aria-expanded,
   that opens on Enter or Space as on a tap. Escape closes the drawer and returns to
   its button. The header outlives instant navigation, so this runs once. */
(function () {
  "use strict";
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  if (own(window, "caHeaderButtons")) return;
  window.caHeaderButtons = true;

  var NAMES = { __drawer: "Menu", __search: "Search" };

  function setUp() {
    Object.keys(NAMES).forEach(function (id) {
      var toggle = document.getElementById(id);
      var label = document.querySelector('.md-header label.md-header__button[for="' + id + '"]');
      if (!toggle || !label || label.querySelector(".ca-header-toggle")) return;
      /* A real button inside Material's label (a label may take no button role): it gets the
         focus, Enter and Space, and the label's own click does nothing when it lands on it. */
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ca-header-toggle";
      button.setAttribute("aria-label", NAMES[id]);
      while (label.firstChild) button.appendChild(label.firstChild);
      label.appendChild(button);
      function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
      sync();
      toggle.addEventListener("change", function () {
        sync();
        /* Material's Escape closes the search and leaves the focus nowhere: back to its button. */
        if (!toggle.checked && document.activeElement === document.body) button.focus();
      });
      button.addEventListener("focus", sync);  // Material may have closed it without a change event
      button.addEventListener("click", function () { toggle.click(); });
    });
    document.addEventListener("keydown", function (event) {
      var drawer = document.getElementById("__drawer");
      if (event.key !== "Escape" || !drawer || !drawer.checked) return;
      drawer.click();
      var button = document.querySelector('.md-header label[for="__drawer"] .ca-header-toggle');
      if (button) button.focus();
    });
  }

  /* A drawer section that has its own index page is labelled by an empty <label> (its title is
     the link beside it), so several nav landmarks had no name, all alike (axe landmark-unique,
     seen once the drawer is visible). The label takes the title of its section link as its
     aria-label, which names both the label (the section's open/close control) and the nav it
     labels. The nav keeps its aria-labelledby: Material finds the nav by it on every click of the
     label, and threw (leaving aria-expanded stale) when it was gone. The drawer is redrawn by
     instant navigation, so this follows document$. */
  function nameSections() {
    document.querySelectorAll(".md-nav--primary nav[aria-labelledby]").forEach(function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      if (!label || label.textContent.trim() || label.hasAttribute("aria-label")) return;
      var link = label.parentNode && label.parentNode.querySelector("a.md-nav__link");
      var title = link && link.textContent.replace(/\s+/g, " ").trim();
      if (title) label.setAttribute("aria-label", title);
    });
  }

  /* Material's colour toggle is a pair of radio inputs with none checked, each followed by the label
     shown while its palette is the one in use. Tab enters an unchecked group at its first input, so on
     a page that opened dark the keyboard reached the light palette's input: named "Switch to dark mode"
     and followed by a hidden label, so no focus ring either. The input of the palette in use is checked
     (no change event, so Material does not switch), and Tab reaches the toggle that is shown. */
  function checkPaletteInUse() {
    document.querySelectorAll('form[data-md-component="palette"] input.md-option').forEach(function (input) {
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL" && !label.hidden) input.checked = true;
    });
  }

  function onEveryPage() { nameSections(); checkPaletteInUse(); }
  function start() { setUp(); onEveryPage(); }
  var material = own(window, "document$") && window.document$;
  if (material && typeof material.subscribe === "function") material.subscribe(onEveryPage);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
