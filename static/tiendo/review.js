// Review screen (assignments): text areas grow to fit long items (data-confirm buttons: site.js).
(function () {
  "use strict";
  function grow(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea.autogrow").forEach(grow);
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea.autogrow")) grow(event.target);
  });
})();
