/* The menu and page-contents buttons work whichever of them is visible.
 * pydata-sphinx-theme 0.17.1 (and sphinx-book-theme 1.3's desktop collapse) bind their click
 * handlers to the first .primary-toggle / .secondary-toggle in the page only, and the first
 * is hidden at some widths (upstream pydata/pydata-sphinx-theme#2451): tapping the visible
 * one did nothing. A click on any other such button is handed to the first. */
(function () {
  "use strict";

  function forward(selector) {
    var buttons = document.querySelectorAll(selector);
    for (var i = 1; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        buttons[0].click();
      });
    }
  }

  function install() {
    forward("button.primary-toggle");
    forward("button.secondary-toggle");
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", install); } else { install(); }
})();
