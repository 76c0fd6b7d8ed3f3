/* The menu and page-contents buttons work whichever of them is visible.
 * pydata-sphinx-theme 0.17.1 (and sphinx-book-theme 1.3's desktop collapse) bind their click
 * handlers to the first .primary-toggle / .secondary-toggle in the page only, and the first
 * is hidden at some widths (upstream pydata/pydata-sphinx-theme#2451): tapping the visible
 * one did nothing. A click on any other such button is handed to the first.
 *
 * Also: a target's "copy link" (publication.Chapter.copy_link), a link to the target's own
 * anchor that works without scripts, copies the full address and says so in its status; the
 * footer's "how to cite" (footer.citation_html) gets the page's address (unless plan.yaml
 * gives the site's) and today's date as the date accessed. */
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

  function copyLinks() {
    var links = document.querySelectorAll("a.pcm-copy-link");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", function (event) {
        var link = event.currentTarget;
        var status = link.parentNode.querySelector(".pcm-copy-status");
        var address = link.href;  // absolute: this page's address and the target's anchor
        if (!navigator.clipboard || !window.isSecureContext) { return; }  // follow the link: the address bar shows it
        event.preventDefault();
        navigator.clipboard.writeText(address).then(function () {
          if (status) { status.textContent = link.getAttribute("data-copied"); }
          history.replaceState(null, "", link.getAttribute("href"));
        }, function () { location.hash = link.getAttribute("href"); });
      });
    }
  }

  function citation() {
    var addresses = document.querySelectorAll(".pcm-cite-address");
    for (var i = 0; i < addresses.length; i++) {
      if (!addresses[i].getAttribute("data-pcm-address")) {
        addresses[i].textContent = location.origin + location.pathname;
      }
    }
    var now = new Date();
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"];
    var accessed = document.querySelectorAll(".pcm-cite-accessed");
    for (var j = 0; j < accessed.length; j++) {
      var inChinese = accessed[j].closest("[lang]").getAttribute("lang").indexOf("zh") === 0;
      accessed[j].textContent = inChinese
        ? now.getFullYear() + "年" + (now.getMonth() + 1) + "月" + now.getDate() + "日"
        : now.getDate() + " " + months[now.getMonth()] + " " + now.getFullYear();
    }
  }

  function install() {
    forward("button.primary-toggle");
    forward("button.secondary-toggle");
    copyLinks();
    citation();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", install); } else { install(); }
})();
