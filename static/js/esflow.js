// esflow: small progressive enhancements; the site works without this file.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // An error summary takes focus so keyboard and screen-reader users hear it first.
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
