// The search page: a query from the box or the address (?q=…, and the filters ?gov=… ?year=…),
// its hits as they load, ranked and grouped, the filters, and "more" that loads by itself as the
// reader nears the end (a button where that cannot be watched). search-core.js is the engine;
// site_src/site/search.py documents the index.
//
// A round fetches at most the index's budget; the first rounds go on by themselves until there
// are hits to show or nothing is left, so a query never shows "found 0, some not searched yet".
// On a site of one report the hits are grouped by page; on a site of several, hits in headings
// come first, then hits in the text, each grouped by report (newest first) with its count, then
// by page.
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  var engine = window.ReportSearch;
  if (!box || !engine) return;
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var more = document.getElementById("search-more");
  var facets = document.getElementById("search-facets");
  var byGovernment = document.getElementById("search-government");
  var byYear = document.getElementById("search-year");
  var root = box.getAttribute("data-root");
  var PAGE = 50;  // a round stops once it has this many hits
  var SHOWN = 2;  // rounds "more" runs by itself in a row that show nothing new, before it waits

  var site = engine.openManifest(box.getAttribute("data-index"));
  var known = null;  // the manifest, once loaded
  var loading = null;
  function loadIndex() {
    if (!loading) loading = site.then(function (s) { return engine.open(s, box.getAttribute("data-fold"), root); });
    return loading;
  }

  function text(key) { return status.getAttribute("data-" + key) || ""; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function escape(value) {
    return String(value).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // --- the filters: by government and by year, as the index says each report is ---------------

  site.then(function (s) {
    var governments = {}, years = {};
    s.reports.forEach(function (report) {
      if (report.government >= 0) governments[report.government] = (governments[report.government] || 0) + 1;
      if (report.year) years[report.year] = (years[report.year] || 0) + 1;
    });
    var option = byGovernment.getAttribute("data-option");
    function add(select, value, label, count) {
      var item = document.createElement("option");
      item.value = value;
      item.textContent = fill(option, { name: label, count: count });
      select.appendChild(item);
    }
    s.governments.forEach(function (name, g) { add(byGovernment, String(g), name, governments[g] || 0); });
    Object.keys(years).sort(function (a, b) { return b - a; }).forEach(function (y) { add(byYear, y, y, years[y]); });
    byGovernment.parentNode.hidden = s.governments.length < 2;
    byYear.parentNode.hidden = Object.keys(years).length < 2;
    facets.hidden = byGovernment.parentNode.hidden && byYear.parentNode.hidden;
  });

  // The reports the filters allow (null: all), and each filter's options that would leave none.
  function allowed(s) {
    var g = byGovernment.value, y = byYear.value, out = null;
    if (g || y) {
      out = {};
      s.reports.forEach(function (report, r) {
        if ((!g || String(report.government) === g) && (!y || String(report.year) === y)) out[r] = true;
      });
    }
    Array.from(byYear.options).forEach(function (o) {
      o.disabled = !!o.value && !!g && !s.reports.some(function (r) { return String(r.government) === g && String(r.year) === o.value; });
    });
    Array.from(byGovernment.options).forEach(function (o) {
      o.disabled = !!o.value && !!y && !s.reports.some(function (r) { return String(r.year) === y && String(r.government) === o.value; });
    });
    return out;
  }

  // The filters of the address: a government by its name in either script, a year.
  function chooseFrom(params, index) {
    var name = params.get("gov"), year = params.get("year");
    if (name) {
      var wanted = index.fold(name);
      index.site.governments.forEach(function (g, n) { if (index.fold(g) === wanted) byGovernment.value = String(n); });
    }
    if (year && Array.from(byYear.options).some(function (o) { return o.value === year; })) byYear.value = year;
  }

  // --- showing hits ---------------------------------------------------------------------------

  // What a hit shows of a text: a stretch around the first place of each word found (so that a
  // reader sees every word that made it a hit, however far apart), stretches that touch joined.
  function snippet(value, found) {
    if (!found.length) return escape(value.slice(0, 80)) + (value.length > 80 ? "…" : "");
    found = found.slice().sort(function (a, b) { return a[0] - b[0]; });
    var seen = {}, firsts = found.filter(function (hit) {
      var word = value.slice(hit[0], hit[0] + hit[1]);
      return seen[word] ? false : (seen[word] = true);
    });
    var spans = [];
    firsts.forEach(function (hit) {
      var start = Math.max(0, hit[0] - (firsts.length > 1 ? 20 : 40));
      var end = Math.min(value.length, hit[0] + hit[1] + (firsts.length > 1 ? 30 : 60));
      var last = spans[spans.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else spans.push([start, end]);
    });
    var out = "";
    spans.forEach(function (span) {
      var at = span[0];
      out += span[0] > 0 ? "…" : "";
      found.forEach(function (hit) {
        if (hit[0] < at || hit[0] + hit[1] > span[1]) return;
        out += escape(value.slice(at, hit[0])) + "<mark>" + escape(value.slice(hit[0], hit[0] + hit[1])) + "</mark>";
        at = hit[0] + hit[1];
      });
      out += escape(value.slice(at, span[1]));
    });
    return out + (spans[spans.length - 1][1] < value.length ? "…" : "");
  }

  // Hits by page: pages by their best hit, hits by rank in each.
  function pages(hits, level) {
    var groups = {}, order = [];
    hits.forEach(function (hit) {
      var key = hit.report + " " + hit.page[1];
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(hit);
    });
    var list = order.map(function (key) { return groups[key].sort(engine.before); });
    list.sort(function (a, b) { return engine.before(a[0], b[0]); });
    return list.map(function (group) {
      var page = group[0].page, html = '<section class="result-group' + (page[4] ? " summary" : "") + '">' +
        (page[3] ? '<p class="result-where">' + escape(page[3]) + "</p>" : "") +
        "<h" + level + '><a href="' + escape(root + page[1]) + '">' + escape(page[2]) + "</a></h" + level + "><ol>";
      group.forEach(function (hit) {
        var e = hit.entry, heading = e[2] ? snippet(e[2], hit.heading) : "";
        html += '<li><a href="' + escape(root + page[1] + (e[1] ? "#" + e[1] : "")) + '">' +
          (heading ? "<strong>" + heading + "</strong> " : "") + (e[3] ? snippet(e[3], hit.text) : "") + "</a></li>";
      });
      return html + "</ol></section>";
    }).join("");
  }

  // A site of several reports: two layers (in headings, in the text), in each a block per report.
  function layers(query) {
    if (!query.layers) {
      box.innerHTML = ["headings", "text"].map(function (layer) {
        return '<section class="result-layer" id="results-' + layer + '" aria-labelledby="results-' + layer +
          '-title" hidden><h2 id="results-' + layer + '-title">' + escape(text("in-" + layer)) + "</h2></section>";
      }).join("");
      query.layers = [{ el: box.firstChild, blocks: {} }, { el: box.lastChild, blocks: {} }];
    }
    return query.layers;
  }

  function show(query, hits) {
    if (!query.index.several) {
      box.insertAdjacentHTML("beforeend", pages(hits, 2));
      return;
    }
    var touched = [], fresh = [[], []];
    hits.forEach(function (hit) {
      var layer = layers(query)[hit.tier < 2 ? 0 : 1], block = layer.blocks[hit.report];
      if (!block) {
        block = layer.blocks[hit.report] = { report: hit.report, title: hit.shard.reports[hit.page[0]][1],
                                             layer: hit.tier < 2 ? 0 : 1, hits: [] };
        fresh[block.layer].push(block);
      }
      if (touched.indexOf(block) < 0) touched.push(block);
      block.hits.push(hit);
    });
    fresh.forEach(function (blocks, l) {
      blocks.sort(function (a, b) { return engine.before(a.hits.sort(engine.before)[0], b.hits.sort(engine.before)[0]); });
      blocks.forEach(function (block) {
        block.el = document.createElement("section");
        block.el.className = "result-report";
        block.el.setAttribute("aria-labelledby", "result-" + l + "-" + block.report);
        query.layers[l].el.appendChild(block.el);
        query.layers[l].el.hidden = false;
      });
    });
    touched.forEach(function (block) {
      var focused = block.el.contains(document.activeElement) && document.activeElement.getAttribute("href");
      block.el.innerHTML = '<h3 id="result-' + block.layer + "-" + block.report + '">' + escape(block.title) +
        ' <span class="result-count"></span></h3>' + pages(block.hits, 4);
      if (focused) {
        var again = block.el.querySelector('a[href="' + focused.replace(/["\\]/g, "\\$&") + '"]');
        if (again) again.focus();
      }
    });
  }

  // Each block's count: final once no shard left can hold more of its report in its layer.
  function count(query) {
    if (!query.layers) return;
    var left = [{}, {}], heads = query.index.heads, spans = query.index.site.spans;
    query.shards.slice(query.at).forEach(function (n) {
      var into = heads ? [n < heads ? 0 : 1] : [0, 1];
      for (var r = spans[n][0]; r <= spans[n][1]; r++) into.forEach(function (l) { left[l][r] = true; });
    });
    query.layers.forEach(function (layer, l) {
      Object.keys(layer.blocks).forEach(function (r) {
        var block = layer.blocks[r], found = block.el.querySelector(".result-count");
        found.textContent = fill(text(left[l][r] ? "count-more" : "count"), { count: block.hits.length });
      });
    });
  }

  function say(query) {
    var left = query.at < query.shards.length, reports = {};
    if (more) more.hidden = !left;
    query.reports.forEach(function (r) { reports[r] = true; });
    var terms = query.words.map(function (w) {
      var term = fill(text("term"), { term: w.typed });
      return w.also.length ? fill(text("also"), { term: term, also: w.also.join(text("separator")) }) : term;
    }).join(" ");
    var several = query.index.several;
    var key = query.shown || left ? (several ? "found" : "found-in") + (left ? "-more" : "") : "none";
    status.textContent = fill(text(key), { count: query.shown, query: terms, report: query.title || "",
                                           reports: Object.keys(reports).length });
  }

  // --- rounds ---------------------------------------------------------------------------------

  // One round: the next shards that can hold the query, until a page of hits is found or the
  // next shard would take the round past the budget (the first shard is always loaded: the build
  // makes it fit). Then the next, by itself, while nothing is shown and something is left.
  function round(query) {
    var index = query.index, spent = query.unpaid, found = [], scanned = 0;
    query.unpaid = 0;
    function next() {
      if (query !== current) return null;
      if (query.at >= query.shards.length) return found;
      var n = query.shards[query.at], size = index.size(n);
      if (scanned && (found.length >= PAGE || spent + size > index.budget)) return found;
      spent += size;
      query.at += 1;
      scanned += 1;
      return index.shard(n).then(function (shard) {
        query.title = query.title || shard.reports[0][1];
        found = found.concat(engine.matches(shard, query, query.allowed));
        return next();
      });
    }
    return Promise.resolve(next()).then(function (hits) {
      if (hits === null || query !== current) return null;
      hits.sort(engine.before);
      hits.forEach(function (hit) { if (query.reports.indexOf(hit.report) < 0) query.reports.push(hit.report); });
      if (hits.length) show(query, hits);
      query.shown += hits.length;
      if (!query.shown && query.at < query.shards.length) return round(query);
      count(query);
      say(query);
      return hits;
    });
  }

  var current = null;  // the query on show: its words, the shards that can hold it, how far it got
  function run(value) {
    if (more) more.hidden = true;
    if (!value.trim()) { current = null; box.innerHTML = ""; status.textContent = ""; input.focus(); return; }
    var query = current = { text: value, shards: [], at: 0, shown: 0, title: "", reports: [], idle: 0 };
    box.setAttribute("aria-busy", "true");
    loadIndex().then(function (index) {
      var parsed = engine.parse(value, index.fold, index.synonyms);
      query.index = index;
      query.words = parsed.words;
      query.phrase = parsed.phrase;
      query.allowed = allowed(index.site);
      query.unpaid = index.start();
      return query.words.length ? index.candidates(query, query.allowed) : { shards: [], cost: 0 };
    }).then(function (candidates) {
      if (query !== current) return;
      query.shards = candidates.shards;
      query.unpaid += candidates.cost;
      box.innerHTML = "";
      if (query.shards.length) return round(query);
      say(query);
    }).then(function () { if (query === current) box.removeAttribute("aria-busy"); });
  }

  // More: the next round, after the ones shown. Clicked, the first new hit on the page takes the
  // focus; near the end of the page it runs by itself, and again while the end stays near, unless
  // rounds in a row show nothing new (then it waits for the reader).
  var near = false;
  function further(byHand) {
    var query = current;
    if (!query || !more || more.hidden || more.disabled) return;
    var was = {};
    box.querySelectorAll("li a").forEach(function (a) { was[a.getAttribute("href")] = true; });
    more.disabled = true;
    box.setAttribute("aria-busy", "true");
    round(query).then(function (hits) {
      more.disabled = false;
      box.removeAttribute("aria-busy");
      if (hits === null) return;
      if (byHand) {
        var first = Array.from(box.querySelectorAll("li a")).find(function (a) { return !was[a.getAttribute("href")]; });
        if (first) first.focus(); else if (more.hidden) input.focus();
        return;
      }
      query.idle = hits.length ? 0 : query.idle + 1;
      if (near && query.idle < SHOWN) further(false);
    });
  }
  if (more) {
    more.addEventListener("click", function () { further(true); });
    if ("IntersectionObserver" in window) {
      new IntersectionObserver(function (entries) {
        near = entries[entries.length - 1].isIntersecting;
        if (near && current) { current.idle = 0; further(false); }
      }, { rootMargin: "0px 0px 600px 0px" }).observe(more);
    }
  }

  // Keep the search linkable; file:// pages may refuse a changed address.
  function remember() {
    try {
      var url = new URL(location.href);
      url.searchParams.set("q", input.value);
      [["gov", byGovernment.value && known && known.governments[Number(byGovernment.value)]],
       ["year", byYear.value]].forEach(function (pair) {
        if (pair[1]) url.searchParams.set(pair[0], pair[1]); else url.searchParams.delete(pair[0]);
      });
      history.replaceState(null, "", url.href);
    } catch (error) { /* the results still show */ }
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  site.then(function (s) {
    known = s;
    if (!input.value.trim() && !params.get("gov") && !params.get("year")) return run("");
    return loadIndex().then(function (index) { chooseFrom(params, index); run(input.value); });
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    remember();
    run(input.value);
  });
  [byGovernment, byYear].forEach(function (select) {
    select.addEventListener("change", function () { remember(); run(input.value); });
  });
})();
