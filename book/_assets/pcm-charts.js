/* Draw every <div class="pcm-chart"> written by webchart.py, and work the chart / table tabs
 * of every figure (publication.py's chart_block: WAI-ARIA tabs, arrows, Home and End).
 * Only a page with such a box loads the vega bundle (window.vegaEmbed): vega-bundle.js,
 * next to this script in _static (same site, no CDN).
 * Each chart is drawn independently: one bad spec shows a message in its own
 * box and does not stop the others.
 * The box's lang attribute ("zh-CN" or "en"; Chinese when missing) chooses the
 * number / date formats handed to Vega and the language of the messages. */
(function () {
  "use strict";

  var LOCALES = {
    // from vl_convert.get_format_locale / get_time_format_locale("zh-CN")
    zh: {
      format: {decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""]},
      time: {
        dateTime: "%x %A %X", date: "%Y年%-m月%-d日", time: "%H:%M:%S", periods: ["上午", "下午"],
        days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
        shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
        months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
        shortMonths: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"]
      },
      text: {
        failed: function (m) { return "图表无法显示（" + m + "）。"; },
        noData: "缺少图表数据", badData: "图表数据无法解析", noLibrary: "图表库 vega-bundle.js 未加载"
      }
    },
    // from vl_convert.get_format_locale / get_time_format_locale("en-US")
    en: {
      format: {decimal: ".", thousands: ",", grouping: [3], currency: ["$", ""]},
      time: {
        dateTime: "%x, %X", date: "%-m/%-d/%Y", time: "%-I:%M:%S %p", periods: ["AM", "PM"],
        days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        shortDays: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                 "October", "November", "December"],
        shortMonths: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
      },
      text: {
        failed: function (m) { return "The chart cannot be shown (" + m + ")."; },
        noData: "chart data missing", badData: "chart data cannot be read",
        noLibrary: "chart library vega-bundle.js not loaded"
      }
    }
  };

  function localeOf(box) {
    var lang = (box.getAttribute("lang") || "zh").toLowerCase();
    return lang.indexOf("en") === 0 ? LOCALES.en : LOCALES.zh;
  }

  function showError(box, message, err) {
    var p = document.createElement("p");
    p.className = "pcm-chart-error";
    p.setAttribute("role", "alert");
    p.style.cssText = "border:1px solid #c00;color:#900;background:#fff5f5;padding:.5em;";
    p.textContent = localeOf(box).text.failed(message);
    box.appendChild(p);
    box.setAttribute("data-pcm-state", "error");
    if (window.console) console.error("pcm-chart " + box.id + ": " + message, err || "");
  }

  function draw(box) {
    if (box.getAttribute("data-pcm-state")) return;  // already drawn or failed
    box.setAttribute("data-pcm-state", "drawing");
    var locale = localeOf(box);
    var source = box.querySelector('script[type="application/json"]');
    var spec;
    try {
      if (!source) throw new Error(locale.text.noData);
      spec = JSON.parse(source.textContent);
    } catch (err) {
      showError(box, source ? locale.text.badData : locale.text.noData, err);
      return;
    }
    if (typeof window.vegaEmbed !== "function") {
      showError(box, locale.text.noLibrary, null);
      return;
    }
    // vega-embed empties the element it is given, so draw into a child and
    // keep the JSON (and the <noscript>) in place.
    var view = document.createElement("div");
    view.className = "pcm-chart-view";
    view.style.display = "block";  // vega-embed's CSS says inline-block,
    view.style.width = "100%";     // which breaks width: "container"
    box.appendChild(view);
    var result;
    try {
      result = window.vegaEmbed(view, spec, {
        renderer: "svg",
        actions: false,
        formatLocale: locale.format,
        timeFormatLocale: locale.time
      });
    } catch (err) {
      showError(box, String((err && err.message) || err), err);
      return;
    }
    Promise.resolve(result).then(function (drawn) {
      box.pcmView = drawn && drawn.view;  // the drawn data, for the browser tests
      box.setAttribute("data-pcm-state", "done");
    }, function (err) {
      view.remove();
      showError(box, String((err && err.message) || err), err);
    });
  }

  // A figure's tabs: one is selected and shows its panel; arrows move along the tabs.
  function select(tabs, chosen, focus) {
    tabs.forEach(function (tab) {
      var on = tab === chosen;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(tab.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) chosen.focus();
  }

  function tabsOf(list) {
    var tabs = Array.prototype.slice.call(list.querySelectorAll('[role="tab"]'));
    list.addEventListener("click", function (event) {
      var tab = event.target.closest('[role="tab"]');
      if (tab) select(tabs, tab, false);
    });
    list.addEventListener("keydown", function (event) {
      var at = tabs.indexOf(document.activeElement), to = null;
      if (at < 0) return;
      if (event.key === "ArrowRight" || event.key === "ArrowDown") to = (at + 1) % tabs.length;
      else if (event.key === "ArrowLeft" || event.key === "ArrowUp") to = (at - 1 + tabs.length) % tabs.length;
      else if (event.key === "Home") to = 0;
      else if (event.key === "End") to = tabs.length - 1;
      if (to === null) return;
      event.preventDefault();
      select(tabs, tabs[to], true);
    });
  }

  function drawAll(boxes) {
    for (var i = 0; i < boxes.length; i++) draw(boxes[i]);
  }

  // The bundle's address: this script's own, with vega-bundle.js for its file name.
  var here = document.currentScript && document.currentScript.src;

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('.pcm-figure [role="tablist"]'), tabsOf);
    var boxes = document.querySelectorAll("div.pcm-chart");
    if (!boxes.length) return;
    if (typeof window.vegaEmbed === "function" || !here) { drawAll(boxes); return; }
    var bundle = document.createElement("script");
    bundle.src = here.replace(/[^\/?#]*([?#].*)?$/, "vega-bundle.js");
    bundle.onload = bundle.onerror = function () { drawAll(boxes); };  // no library: each box says so
    document.head.appendChild(bundle);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
