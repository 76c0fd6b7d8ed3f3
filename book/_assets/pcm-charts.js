/* Draw every <div class="pcm-chart"> written by webchart.py.
 * Needs window.vegaEmbed from vega-bundle.js (same site, no CDN).
 * Each chart is drawn independently: one bad spec shows a message in its own
 * box and does not stop the others. */
(function () {
  "use strict";

  // Chinese number / date formats (from vl_convert.get_*_format_locale("zh-CN")).
  var FORMAT_LOCALE = {decimal: ".", thousands: ",", grouping: [3], currency: ["¥", ""]};
  var TIME_FORMAT_LOCALE = {
    dateTime: "%x %A %X", date: "%Y年%-m月%-d日", time: "%H:%M:%S", periods: ["上午", "下午"],
    days: ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
    shortDays: ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
    months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
    shortMonths: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"]
  };

  function showError(box, message, err) {
    var p = document.createElement("p");
    p.className = "pcm-chart-error";
    p.setAttribute("role", "alert");
    p.style.cssText = "border:1px solid #c00;color:#900;background:#fff5f5;padding:.5em;";
    p.textContent = "图表无法显示（" + message + "）。";
    box.appendChild(p);
    box.setAttribute("data-pcm-state", "error");
    if (window.console) console.error("pcm-chart " + box.id + ": " + message, err || "");
  }

  function draw(box) {
    if (box.getAttribute("data-pcm-state")) return;  // already drawn or failed
    box.setAttribute("data-pcm-state", "drawing");
    var source = box.querySelector('script[type="application/json"]');
    var spec;
    try {
      if (!source) throw new Error("缺少图表数据");
      spec = JSON.parse(source.textContent);
    } catch (err) {
      showError(box, "图表数据无法解析", err);
      return;
    }
    if (typeof window.vegaEmbed !== "function") {
      showError(box, "图表库 vega-bundle.js 未加载", null);
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
        formatLocale: FORMAT_LOCALE,
        timeFormatLocale: TIME_FORMAT_LOCALE
      });
    } catch (err) {
      showError(box, String((err && err.message) || err), err);
      return;
    }
    Promise.resolve(result).then(function () {
      box.setAttribute("data-pcm-state", "done");
    }, function (err) {
      view.remove();
      showError(box, String((err && err.message) || err), err);
    });
  }

  function drawAll() {
    var boxes = document.querySelectorAll("div.pcm-chart");
    for (var i = 0; i < boxes.length; i++) draw(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
