/*
 * The error summary at the top of a form sent back: the page opens on it (autofocus in the
 * template does the same without this script), and each link puts the focus in its field
 * with the field's label in view, which a bare #anchor does not do on every browser.
 */
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    if (document.activeElement !== summary) {
      summary.focus();
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) {
        return;
      }
      event.preventDefault();
      var container = target.closest(".field, fieldset") || target;
      container.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  });
})();
