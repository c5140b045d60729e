// Search in either script: every paragraph that holds every word of the query, and only those.
// The index and the character fold load only when a search starts, as scripts, so search works
// from any sub-path and from file://. site_src/site/search.py says why this is a scan, and
// documents the index's format.
//
// What a query is:
//   words     高质量 发展        every word must be in the paragraph (its heading or its text)
//   a phrase  “高质量发展”       in quotes (“” 「」 "" ‘’ 『』): one word, spaces and all
//   anything between the characters of a word that is punctuation or space is skipped, in the
//   query and in the text: 解难题办实事 finds 解难题、办实事
//   case, full width and script do not count: ＧＤＰ gdp GDP, ２３３５ 2335, 陶瓷產業 陶瓷产业
//   a number is a whole number: 6% is not found in 56% or 6.6%
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  if (!box) return;
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var root = box.getAttribute("data-root");
  // Skipped between the characters of a word: punctuation and spaces, except what belongs to a
  // number (6.6%, 5‰).
  var SKIP = "(?:(?![%.‰])[\\p{P}\\p{Z}\\s])*";
  var SKIPPED = /^(?:(?![%.‰])[\p{P}\p{Z}\s])$/u;
  var DIGIT = /[0-9]/;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  // The one way to the index. Today it is one file per variant; a sharded index would load here
  // only the shards that can hold the words (the argument), in the same format.
  var loading = null;
  function loadIndex(words) {  // eslint-disable-line no-unused-vars
    if (!loading) {
      loading = Promise.all([loadScript(box.getAttribute("data-index")), loadScript(box.getAttribute("data-fold"))])
        .then(function () { return prepare(window.REPORT_SEARCH_INDEX, window.REPORT_SEARCH_FOLD); });
    }
    return loading;
  }

  // One character at a time, so that a hit in the folded text is at the same place in the text.
  function folder(map) {
    return function (text) {
      var out = "";
      for (var i = 0; i < text.length; i++) {
        var c = text[i], code = text.charCodeAt(i);
        if (code >= 0xff01 && code <= 0xff5e) c = String.fromCharCode(code - 0xfee0);  // ＧＤＰ２ -> GDP2
        else if (code === 0x3000) c = " ";
        if (c >= "A" && c <= "Z") c = c.toLowerCase();
        out += map[c] || c;
      }
      return out;
    };
  }

  function prepare(index, map) {
    index.fold = folder(map);
    index.folded = index.entries.map(function (e) { return [index.fold(e[2]), index.fold(e[3])]; });
    return index;
  }

  // The words of a query, as typed (for the status line) and as patterns over folded text.
  function parse(query, fold) {
    var folded = fold(query), words = [], rest = "", i = 0;
    var close = { "“": "”", "\"": "\"", "‘": "’" };  // 「」『』 fold to “” ‘’
    while (i < folded.length) {
      var end = close[folded[i]] ? folded.indexOf(close[folded[i]], i + 1) : -1;
      if (end > i) {
        words.push(query.slice(i + 1, end));
        rest += " ";
        i = end + 1;
      } else {
        rest += query[i];
        i += 1;
      }
    }
    words = words.concat(rest.split(/[\s\u3000]+/));
    return words.map(function (typed) {
      var chars = Array.from(fold(typed)).filter(function (c) { return !SKIPPED.test(c); });
      if (!chars.length) return null;
      var body = chars.map(function (c) { return c.replace(/[\^$\\.*+?()[\]{}|/]/g, "\\$&"); }).join(SKIP);
      if (DIGIT.test(chars[0])) body = "(?<![0-9])(?<![0-9]\\.)" + body;
      if (DIGIT.test(chars[chars.length - 1])) body += "(?![0-9])(?!\\.[0-9])";
      return { typed: typed.trim(), pattern: new RegExp(body, "gu") };
    }).filter(Boolean);
  }

  function hits(text, word) {
    var found = [], match;
    word.pattern.lastIndex = 0;
    while ((match = word.pattern.exec(text)) !== null) {
      found.push([match.index, match[0].length]);
      if (!match[0].length) word.pattern.lastIndex += 1;
    }
    return found;
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The text around the first hit, every hit in it marked; the text is the variant's own, the
  // hits are found in the folded copy, which has the same length.
  function snippet(text, found) {
    if (!found.length) return escape(text.slice(0, 80)) + (text.length > 80 ? "…" : "");
    found = found.slice().sort(function (a, b) { return a[0] - b[0]; });
    var start = Math.max(0, found[0][0] - 40), end = Math.min(text.length, found[0][0] + found[0][1] + 60);
    var out = start > 0 ? "…" : "", at = start;
    found.forEach(function (hit) {
      if (hit[0] < at || hit[0] + hit[1] > end) return;
      out += escape(text.slice(at, hit[0])) + "<mark>" + escape(text.slice(hit[0], hit[0] + hit[1])) + "</mark>";
      at = hit[0] + hit[1];
    });
    return out + escape(text.slice(at, end)) + (end < text.length ? "…" : "");
  }

  function search(index, words) {
    var groups = {}, order = [];
    index.entries.forEach(function (entry, n) {
      var inHeading = [], inText = [], score = 0;
      for (var w = 0; w < words.length; w++) {
        var h = hits(index.folded[n][0], words[w]), t = hits(index.folded[n][1], words[w]);
        if (!h.length && !t.length) return;
        inHeading = inHeading.concat(h);
        inText = inText.concat(t);
        score += (h.length ? 1000 : 0) + t.length;
      }
      var page = entry[0];
      if (!(page in groups)) { groups[page] = { page: page, best: 0, first: n, hits: [] }; order.push(page); }
      groups[page].best = Math.max(groups[page].best, score);
      groups[page].hits.push({ entry: entry, n: n, score: score, heading: inHeading, text: inText });
    });
    var list = order.map(function (p) { return groups[p]; });
    list.sort(function (a, b) { return b.best - a.best || a.first - b.first; });
    list.forEach(function (g) { g.hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; }); });
    return list;
  }

  function render(index, words, groups) {
    var several = index.reports.length > 1, total = 0, html = "";
    groups.forEach(function (group) {
      var page = index.pages[group.page], where = [];
      if (several) where.push(index.reports[page[3]]);
      if (page[2]) where.push(page[2]);
      html += '<section class="result-group' + (page[4] ? " summary" : "") + '">' +
        (where.length ? '<p class="result-where">' + escape(where.join(" › ")) + "</p>" : "") +
        '<h2><a href="' + escape(root + page[0]) + '">' + escape(page[1]) + "</a></h2><ol>";
      group.hits.forEach(function (hit) {
        total += 1;
        var e = hit.entry, heading = e[2] ? snippet(e[2], hit.heading) : "";
        html += '<li><a href="' + escape(root + page[0] + (e[1] ? "#" + e[1] : "")) + '">' +
          (heading ? "<strong>" + heading + "</strong> " : "") + (e[3] ? snippet(e[3], hit.text) : "") + "</a></li>";
      });
      html += "</ol></section>";
    });
    box.innerHTML = html;
    var shown = words.map(function (w) { return status.getAttribute("data-term").replace("{term}", w.typed); }).join(" ");
    var key = total ? (several ? "data-found" : "data-found-in") : "data-none";
    status.textContent = status.getAttribute(key).replace("{count}", String(total))
      .replace("{query}", shown).replace("{report}", index.reports[0] || "");
  }

  function run(query) {
    if (!query.trim()) { box.innerHTML = ""; status.textContent = ""; input.focus(); return; }
    loadIndex(query).then(function (index) {
      var words = parse(query, index.fold);
      render(index, words, words.length ? search(index, words) : []);
    });
  }

  var initial = new URLSearchParams(location.search).get("q") || "";
  input.value = initial;
  run(initial);
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    try {  // keep the search linkable; file:// pages may refuse a changed URL
      var url = new URL(location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url.href);
    } catch (error) { /* the results still show */ }
    run(input.value);
  });
})();
