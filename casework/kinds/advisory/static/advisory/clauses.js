// Copy buttons beside the issued clauses: a progressive enhancement (the text is selectable
// without it). A button stays hidden where the browser has no clipboard API.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    if (!navigator.clipboard) { return; }
    document.querySelectorAll("button.clause-copy").forEach(function (button) {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) { return; }
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(target.textContent).then(function () {
          button.textContent = button.getAttribute("data-copied-label");
          window.setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  });
})();
