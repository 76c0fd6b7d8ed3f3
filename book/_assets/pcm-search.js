/* The reader's words, as the pages write them. Wraps Sphinx's splitQuery:
 * - Chinese queries without spaces: Sphinx splits a query only at spaces and punctuation, so
 *   "光伏装机" is one unknown word and finds nothing, although the index (segmented by jieba
 *   at build time) holds 光伏 and 装机. A run of Chinese that is not itself an index term is
 *   cut into the longest index terms it contains (forward maximum matching against the
 *   index's own vocabulary).
 * - English synonyms: words readers type for what the pages call otherwise (SYNONYMS) are
 *   searched as the pages' words ("solar" finds the photovoltaic targets), unless the pages
 *   use the reader's word itself (every word of it is an index term). */
(function () {
  "use strict";
  var CHINESE = /[\u3400-\u9fff]/;
  var LONGEST_TERM = 8;
  var SYNONYMS = [  // [what a reader may type, what the pages say]
    [/\b(solar|pv)\b/gi, "photovoltaic"],
    [/\benergy[\s-]+intensity\b/gi, "energy per unit GDP"],
    [/\bcarbon[\s-]+intensity\b/gi, "CO2 per unit GDP"],
    [/\b(ev|evs|electric vehicles?)\b/gi, "battery-electric"]
  ];

  function known(word) {
    var index = (typeof Search !== "undefined" && Search._index) || {};
    return (index.terms && index.terms.hasOwnProperty(word)) ||
           (index.titleterms && index.titleterms.hasOwnProperty(word));
  }

  function segment(run) {
    var words = [], i = 0;
    while (i < run.length) {
      var found = null;
      for (var size = Math.min(LONGEST_TERM, run.length - i); size >= 2; size--) {
        if (known(run.substr(i, size))) { found = run.substr(i, size); break; }
      }
      if (found) { words.push(found); i += found.length; } else { i += 1; }
    }
    return words.length ? words : [run];
  }

  function pagesWords(query) {
    if ((document.documentElement.lang || "").indexOf("en") !== 0) return query;
    return SYNONYMS.reduce(function (q, pair) {
      return q.replace(pair[0], function (typed) {
        return typed.toLowerCase().split(/[\s-]+/).every(known) ? typed : pair[1];
      });
    }, query);
  }

  function install() {
    if (typeof window.splitQuery !== "function" || window.splitQuery.pcmSegmenting) return;
    var split = window.splitQuery;
    window.splitQuery = function (query) {
      var out = [];
      split(pagesWords(query)).forEach(function (part) {
        if (CHINESE.test(part) && !known(part)) { out.push.apply(out, segment(part)); } else { out.push(part); }
      });
      return out;
    };
    window.splitQuery.pcmSegmenting = true;
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", install); } else { install(); }
})();
