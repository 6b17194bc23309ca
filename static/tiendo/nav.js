// The main menu folds behind a "Menu" button on narrow screens. Without JavaScript the menu simply stays open:
// the header gets the "collapsible" class (which hides the menu on phones) only once this script runs.
(function () {
  "use strict";
  function setUp() {
    var button = document.querySelector(".nav-toggle");
    var header = button && button.closest(".topbar");
    if (!header) return;
    header.classList.add("collapsible");
    button.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
