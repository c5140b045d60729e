// Search in either script: every paragraph that contains the query, and only those.
// The index and the character fold load only when a search starts, as scripts, so search works
// from any sub-path and from file://. See site_src/search.py for why this is a substring scan.
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  if (!box) return;
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var root = box.getAttribute("data-root");
  var loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  function ready() {
    if (!loading) {
      loading = Promise.all([load(box.getAttribute("data-index")), load(box.getAttribute("data-fold"))])
        .then(function () {
          var fold = window.REPORT_SEARCH_FOLD, index = window.REPORT_SEARCH_INDEX;
          index.fold = function (text) {
            var out = "";
            for (var i = 0; i < text.length; i++) { var c = text[i]; out += fold[c] || c; }
            return out;
          };
          index.folded = index.entries.map(function (e) { return [index.fold(e[2]), index.fold(e[3])]; });
          return index;
        });
    }
    return loading;
  }

  function positions(haystack, needle) {
    var found = [], at = haystack.indexOf(needle);
    while (at !== -1) { found.push(at); at = haystack.indexOf(needle, at + needle.length); }
    return found;
  }

  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The text around the first hits, each hit marked; the text is the variant's own, the hits are
  // found in the folded copy, which has the same length.
  function snippet(text, hits, length) {
    if (!hits.length) return escape(text.slice(0, 80)) + (text.length > 80 ? "…" : "");
    var start = Math.max(0, hits[0] - 40), end = Math.min(text.length, hits[0] + length + 60);
    var out = start > 0 ? "…" : "", at = start;
    hits.forEach(function (hit) {
      if (hit < at || hit + length > end) return;
      out += escape(text.slice(at, hit)) + "<mark>" + escape(text.slice(hit, hit + length)) + "</mark>";
      at = hit + length;
    });
    return out + escape(text.slice(at, end)) + (end < text.length ? "…" : "");
  }

  function search(index, query) {
    var q = index.fold(query.trim());
    if (!q) return [];
    var groups = {}, order = [];
    index.entries.forEach(function (entry, n) {
      var inHeading = positions(index.folded[n][0], q), inText = positions(index.folded[n][1], q);
      if (!inHeading.length && !inText.length) return;
      var score = (inHeading.length ? 1000 : 0) + inText.length;
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

  function render(index, query, groups) {
    var length = index.fold(query.trim()).length, total = 0, html = "";
    groups.forEach(function (group) {
      var page = index.pages[group.page];
      html += '<section class="result-group"><h2><a href="' + escape(root + page[0]) + '">' +
        escape(page[1] || index.pages[group.page][0]) + "</a></h2><ol>";
      group.hits.forEach(function (hit) {
        total += 1;
        var e = hit.entry, heading = e[2] ? snippet(e[2], hit.heading, length) : "";
        html += '<li><a href="' + escape(root + page[0] + "#" + e[1]) + '">' +
          (heading ? "<strong>" + heading + "</strong> " : "") +
          (e[3] ? snippet(e[3], hit.text, length) : "") + "</a></li>";
      });
      html += "</ol></section>";
    });
    box.innerHTML = html;
    status.textContent = status.getAttribute(total ? "data-found" : "data-none")
      .replace("{count}", String(total)).replace("{query}", query.trim());
  }

  function run(query) {
    if (!query.trim()) { box.innerHTML = ""; status.textContent = ""; return; }
    ready().then(function (index) { render(index, query, search(index, query)); });
  }

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || "";
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
