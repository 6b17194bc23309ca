// Tiến Độ: the little JavaScript the pages need, in one static file (the CSP forbids inline scripts,
// inline handlers and style="" attributes). Works again on content htmx swaps in.
(function () {
  "use strict";

  function percent(value) {
    var number = parseFloat(value);
    if (isNaN(number)) return "0%";
    return Math.max(0, Math.min(100, number)) + "%";
  }

  // Bars: <span data-width="42"> and target marks <i data-left="80"> (percentages).
  function layout(root) {
    root.querySelectorAll("[data-width]").forEach(function (el) { el.style.width = percent(el.dataset.width); });
    root.querySelectorAll("[data-left]").forEach(function (el) { el.style.left = percent(el.dataset.left); });
  }

  // A button with data-confirm="…" (a step that cannot be undone, its consequences in the text) asks first.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  // <select data-autosubmit> submits its form when changed (the language chooser).
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-autosubmit]");
    if (select && select.form) select.form.submit();
  });

  // Directive review: a suggested unit name replaces the unmatched one in its box.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.suggest");
    if (!button) return;
    var box = document.getElementById(button.dataset.field);
    if (!box) return;
    box.value = box.value.split("\n").map(function (line) {
      return line.trim() === button.dataset.from ? button.dataset.to : line;
    }).join("\n");
    var badge = button.closest("span").previousElementSibling;
    if (badge && badge.classList.contains("unmatched")) {
      badge.classList.remove("bad");
      badge.textContent = "→ " + button.dataset.to;
    }
  });

  document.addEventListener("DOMContentLoaded", function () { layout(document); });
  document.addEventListener("htmx:afterSettle", function (event) { layout(event.target); });
})();
