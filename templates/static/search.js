// Search in either script: every paragraph that holds every word of the query, and only those.
// The index and the character fold load only when a search starts, as scripts, so search works
// from any sub-path and from file://; a query loads only the shards of text that can hold it, a
// round at a time within the index's budget ("more results" runs the next round).
// site_src/site/search.py says why this is a scan, and documents the index's format.
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

  var more = document.getElementById("search-more");
  var PAGE = 50;  // a round stops once it has this many hits
  var DIGITS64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // What keys are made of (search.py: _Kinds): letters, digits, marks, symbols, and what belongs
  // to a number; any other character ends a run of them.
  var KEYED = /^[\p{L}\p{N}\p{M}\p{S}%.‰]$/u;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  // The one way to the index: the manifest and the fold; from them, for the words of a query, the
  // buckets of their keys (which shards can hold them), then the shards, each loaded once. Every
  // file a round loads counts against the manifest's budget: the manifest and the fold what it
  // says they spent, a bucket its most, a shard its size.
  var loading = null;
  function loadIndex() {
    if (!loading) {
      loading = Promise.all([loadScript(box.getAttribute("data-index")), loadScript(box.getAttribute("data-fold"))])
        .then(function () { return prepare(window.REPORT_SEARCH_INDEX, window.REPORT_SEARCH_FOLD); });
    }
    return loading;
  }

  function prepare(manifest, map) {
    var parts = {}, unpaid = manifest.spent;
    function part(path) {
      if (!parts[path]) {
        parts[path] = loadScript(root + path).then(function () {
          var data = window.REPORT_SEARCH_PARTS[path];
          delete window.REPORT_SEARCH_PARTS[path];
          return data;
        });
      }
      return parts[path];
    }
    var index = {
      fold: folder(map),
      several: manifest.reports > 1,
      budget: manifest.budget,
      // What a round has spent so far: the manifest and the fold, the first time.
      start: function () { var spent = unpaid; unpaid = 0; return spent; },
      // The shards that can hold every word, in reading order, and what the buckets cost.
      candidates: function (words) {
        var keys = queryKeys(words, manifest.keys), cost = 0, seen = {};
        var paths = keys.map(function (key) {
          var path = manifest.bucket.replace("{n}", String(bucketOf(key, manifest.buckets)));
          if (!(path in parts) && !seen[path]) cost += manifest.bucket_bytes;
          seen[path] = true;
          return path;
        });
        return Promise.all(paths.map(part)).then(function (buckets) {
          var list = null;
          keys.forEach(function (key, k) {
            var held = shardsOf(lookup(paths[k], buckets[k], key));
            list = list === null ? held : list.filter(function (n) { return held.indexOf(n) >= 0; });
          });
          if (list === null) list = Array.from(manifest.shards, function (_, n) { return n; });
          return { shards: list, cost: cost };
        });
      },
      size: function (n) {
        var path = manifest.shard.replace("{n}", String(n));
        return path in parts ? 0 : (DIGITS64.indexOf(manifest.shards[n]) + 1) * 1024;
      },
      shard: function (n) {
        return part(manifest.shard.replace("{n}", String(n))).then(function (shard) {
          if (!shard.folded) {
            shard.folded = shard.entries.map(function (e) { return [index.fold(e[2]), index.fold(e[3])]; });
          }
          shard.number = n;
          return shard;
        });
      }
    };
    return index;
  }

  // A bucket: {posting: "key key …"}; read into key -> posting the first time it is asked.
  var read = {};
  function lookup(path, bucket, key) {
    if (!read[path]) {
      var postings = read[path] = Object.create(null);
      Object.keys(bucket).forEach(function (posting) {
        bucket[posting].split(" ").forEach(function (k) { postings[k] = posting; });
      });
    }
    return read[path][key] || "";
  }

  // A posting: runs "gap[+length]" in base 36, or "~" and a bitmap, six shards a digit.
  function shardsOf(posting) {
    var out = [];
    if (!posting) return out;
    if (posting[0] === "~") {
      for (var k = 1; k < posting.length; k++) {
        var bits = DIGITS64.indexOf(posting[k]);
        for (var b = 0; b < 6; b++) if (bits & (1 << b)) out.push((k - 1) * 6 + b);
      }
      return out;
    }
    var at = 0;
    posting.split(",").forEach(function (run) {
      var parts = run.split("+"), start = at + parseInt(parts[0], 36);
      var end = start + (parts[1] ? parseInt(parts[1], 36) : 0);
      for (var s = start; s <= end; s++) out.push(s);
      at = end + 1;
    });
    return out;
  }

  // FNV-1a over the code points, then murmur3's finaliser (search.py: key_hash).
  function bucketOf(key, count) {
    var h = 0x811c9dc5;
    for (var ch of key) { h ^= ch.codePointAt(0); h = Math.imul(h, 0x01000193); }
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % count;
  }

  // The keys to look up: of each word its pairs of neighbours (a lone character where a run of
  // keyed characters is one long), the first, last and middle ones first, taken from each word in
  // turn up to the most the manifest allows. A paragraph that holds a word holds all its keys,
  // so fewer keys only let more shards through, never fewer.
  function queryKeys(words, most) {
    var lists = words.map(function (word) {
      var runs = [[]], pairs = [], singles = [];
      word.chars.forEach(function (c) {
        if (KEYED.test(c)) runs[runs.length - 1].push(c); else runs.push([]);
      });
      runs.forEach(function (run) {
        if (run.length === 1) singles.push(run[0]);
        for (var i = 0; i + 1 < run.length; i++) pairs.push(run[i] + run[i + 1]);
      });
      var middle = Math.floor((pairs.length - 1) / 2);
      var order = [0, pairs.length - 1, middle].concat(pairs.map(function (_, i) { return i; }));
      return order.filter(function (i) { return i >= 0 && i < pairs.length; })
        .map(function (i) { return pairs[i]; }).concat(singles);
    });
    var keys = [];
    for (var i = 0; keys.length < most && lists.some(function (l) { return i < l.length; }); i++) {
      lists.forEach(function (list) {
        if (i < list.length && keys.length < most && keys.indexOf(list[i]) < 0) keys.push(list[i]);
      });
    }
    return keys;
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
      return { typed: typed.trim(), chars: chars, pattern: new RegExp(body, "gu") };
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

  // Every entry of a shard that holds every word, with where its hits are and its score: a word in
  // the heading counts 1000, each hit in the text 1.
  function matches(shard, words) {
    var found = [];
    shard.entries.forEach(function (entry, i) {
      var inHeading = [], inText = [], score = 0;
      for (var w = 0; w < words.length; w++) {
        var h = hits(shard.folded[i][0], words[w]), t = hits(shard.folded[i][1], words[w]);
        if (!h.length && !t.length) return;
        inHeading = inHeading.concat(h);
        inText = inText.concat(t);
        score += (h.length ? 1000 : 0) + t.length;
      }
      found.push({ shard: shard, entry: entry, n: [shard.number, i], score: score, heading: inHeading, text: inText });
    });
    return found;
  }

  function before(a, b) { return a[0] - b[0] || a[1] - b[1]; }  // reading order

  // The hits grouped by page; groups by their best hit, then by where they come first; in a
  // group, by score, then in reading order.
  function rank(found) {
    var groups = {}, order = [];
    found.forEach(function (hit) {
      var page = hit.shard.pages[hit.entry[0]], key = hit.shard.report + " " + page[0];
      if (!(key in groups)) {
        groups[key] = { page: page, report: hit.shard.title, best: 0, first: hit.n, hits: [] };
        order.push(key);
      }
      groups[key].best = Math.max(groups[key].best, hit.score);
      groups[key].hits.push(hit);
    });
    var list = order.map(function (key) { return groups[key]; });
    list.sort(function (a, b) { return b.best - a.best || before(a.first, b.first); });
    list.forEach(function (g) { g.hits.sort(function (a, b) { return b.score - a.score || before(a.n, b.n); }); });
    return list;
  }

  function render(index, groups) {
    var html = "";
    groups.forEach(function (group) {
      var page = group.page, where = [];
      if (index.several) where.push(group.report);
      if (page[2]) where.push(page[2]);
      html += '<section class="result-group' + (page[3] ? " summary" : "") + '">' +
        (where.length ? '<p class="result-where">' + escape(where.join(" › ")) + "</p>" : "") +
        '<h2><a href="' + escape(root + page[0]) + '">' + escape(page[1]) + "</a></h2><ol>";
      group.hits.forEach(function (hit) {
        var e = hit.entry, heading = e[2] ? snippet(e[2], hit.heading) : "";
        html += '<li><a href="' + escape(root + page[0] + (e[1] ? "#" + e[1] : "")) + '">' +
          (heading ? "<strong>" + heading + "</strong> " : "") + (e[3] ? snippet(e[3], hit.text) : "") + "</a></li>";
      });
      html += "</ol></section>";
    });
    return html;
  }

  function say(query) {
    var left = query.at < query.shards.length;
    var shown = query.words.map(function (w) { return status.getAttribute("data-term").replace("{term}", w.typed); }).join(" ");
    var key = query.shown || left ? (query.index.several ? "data-found" : "data-found-in") + (left ? "-more" : "") : "data-none";
    status.textContent = status.getAttribute(key).replace("{count}", String(query.shown))
      .replace("{query}", shown).replace("{report}", query.report || "");
    if (more) more.hidden = !left;
  }

  // One round: the next shards that can hold the query, in reading order, until a page of hits
  // is found or the next shard would take the round past the budget (the first shard is always
  // loaded: the build makes it fit). The round's hits are ranked and shown after the last's.
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
        query.report = query.report || shard.title;
        found = found.concat(matches(shard, query.words));
        return next();
      });
    }
    return Promise.resolve(next()).then(function (hits) {
      if (hits === null || query !== current) return false;
      var html = render(index, rank(hits));
      if (query.shown) box.insertAdjacentHTML("beforeend", html); else box.innerHTML = html;
      query.shown += hits.length;
      say(query);
      return true;
    });
  }

  var current = null;  // the query on show: its words, the shards that can hold it, how far it got
  function run(text) {
    if (more) more.hidden = true;
    if (!text.trim()) { current = null; box.innerHTML = ""; status.textContent = ""; input.focus(); return; }
    var query = current = { text: text, shards: [], at: 0, shown: 0, report: "" };
    loadIndex().then(function (index) {
      query.index = index;
      query.words = parse(text, index.fold);
      query.unpaid = index.start();
      return query.words.length ? index.candidates(query.words) : { shards: [], cost: 0 };
    }).then(function (candidates) {
      if (query !== current) return;
      query.shards = candidates.shards;
      query.unpaid += candidates.cost;
      if (query.shards.length) return round(query);
      box.innerHTML = "";
      say(query);
    });
  }

  // More results: the next round, after the ones shown; the first new hit takes the focus.
  if (more) more.addEventListener("click", function () {
    var query = current, was = box.querySelectorAll("li a").length;
    if (!query || more.disabled) return;
    more.disabled = true;
    round(query).then(function (shown) {
      more.disabled = false;
      var first = box.querySelectorAll("li a")[was];
      if (shown && first) first.focus();
      else if (shown && more.hidden) input.focus();
    });
  });

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
