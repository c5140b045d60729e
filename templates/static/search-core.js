// The search's engine, without the page: the index (site_src/site/search.py documents its format
// and says why a search is a scan), what a query is, which shards can hold it, and what in a shard
// it finds, ranked. search.js shows it. Exported as window.ReportSearch.
//
// What a query is:
//   words     高质量 发展        every word must be in the paragraph (its heading or its text)
//   a phrase  “高质量发展”       in quotes (“” 「」 "" ‘’ 『』): one word, spaces and all, as written
//   anything between the characters of a word that is punctuation or space is skipped, in the
//   query and in the text: 解难题办实事 finds 解难题、办实事
//   case, full width and script do not count: ＧＤＰ gdp GDP, ２３３５ 2335, 陶瓷產業 陶瓷产业
//   a number is a whole number: 6% is not found in 56% or 6.6%
//   a word that holds a synonym of the genre also finds what it stands for: gdp finds 国内生产总值
//   (unless it is in quotes)
(function () {
  "use strict";
  // Skipped between the characters of a word: punctuation and spaces, except what belongs to a
  // number (6.6%, 5‰).
  var SKIP = "(?:(?![%.‰])[\\p{P}\\p{Z}\\s])*";
  var SKIPPED = /^(?:(?![%.‰])[\p{P}\p{Z}\s])$/u;
  var DIGIT = /[0-9]/;
  var LATIN = /[a-z0-9]/;  // a synonym in Latin letters is a word of its own, never inside one
  var DIGITS64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  // What keys are made of (search_keys.py: Kinds): letters, digits, marks, symbols, and what
  // belongs to a number; any other character ends a run of them.
  var KEYED = /^[\p{L}\p{N}\p{M}\p{S}%.‰]$/u;
  var UNKNOWN_YEAR = 64 * 64 - 1;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error(src)); };
      document.head.appendChild(script);
    });
  }

  function digits(text, at, width) {
    var value = 0;
    for (var i = 0; i < width; i++) value = value * 64 + DIGITS64.indexOf(text[at + i]);
    return value;
  }

  // The manifest alone (the filters need no more): what the site holds, report by report.
  function openManifest(src) {
    return loadScript(src).then(function () {
      var m = window.REPORT_SEARCH_INDEX, reports = [], spans = [];
      var step = m.gw + 2;
      for (var r = 0; r * step < m.facets.length; r++) {
        var government = digits(m.facets, r * step, m.gw), year = digits(m.facets, r * step + m.gw, 2);
        reports.push({ government: government < m.governments.length ? government : -1,
                       year: year === UNKNOWN_YEAR ? 0 : m.first_year + year });
      }
      for (var n = 0; n < m.shards.length; n++) {
        spans.push([digits(m.spans, 2 * n * m.width, m.width), digits(m.spans, (2 * n + 1) * m.width, m.width)]);
      }
      return { manifest: m, reports: reports, spans: spans, governments: m.governments };
    });
  }

  // The one way to the text: for the words of a query, the buckets of their keys (which shards
  // can hold them), then the shards, each loaded once. Every file a round loads counts against
  // the manifest's budget: the manifest and the fold what it says they spent, a bucket its most,
  // a shard its size.
  function Index(site, map, root) {
    var m = site.manifest, parts = {}, unpaid = m.spent, read = {}, self = this;
    this.site = site;
    this.fold = folder(map);
    this.several = site.reports.length > 1;
    this.budget = m.budget;
    this.heads = m.heads;
    this.synonyms = m.synonyms || {};
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
    // What a round has spent so far: the manifest and the fold, the first time.
    this.start = function () { var spent = unpaid; unpaid = 0; return spent; };
    // The shards that can hold every word of the query, of the reports allowed, in the order to
    // load them: the headings first; then the text, the shards that can hold the whole phrase
    // first; each in the index's order (newest report first). And what the buckets cost.
    this.candidates = function (query, allowed) {
      var chosen = queryKeys(query, m.keys), cost = 0, seen = {};
      var paths = chosen.map(function (c) {
        var path = m.bucket.replace("{n}", String(bucketOf(c.key, m.buckets)));
        if (!(path in parts) && !seen[path]) cost += m.bucket_bytes;
        seen[path] = true;
        return path;
      });
      return Promise.all(paths.map(part)).then(function (buckets) {
        var holders = {};
        chosen.forEach(function (c, k) { holders[c.key] = shardsOf(lookup(paths[k], buckets[k], c.key)); });
        var all = null, phrase = null;
        query.words.forEach(function (word) {
          var union = {}, open = false;
          word.variants.forEach(function (variant) {
            var keys = chosen.filter(function (c) { return c.variant === variant; });
            if (!keys.length) { open = true; return; }
            intersect(keys.map(function (c) { return holders[c.key]; })).forEach(function (n) { union[n] = true; });
          });
          if (!open) all = all === null ? union : and(all, union);
        });
        chosen.filter(function (c) { return c.junction; }).forEach(function (c) {
          var held = {};
          holders[c.key].forEach(function (n) { held[n] = true; });
          phrase = phrase === null ? held : and(phrase, held);
        });
        var order = [], later = [];
        for (var n = 0; n < m.shards.length; n++) {
          if ((all !== null && !all[n]) || !site.spans[n] || !allows(allowed, site.spans[n])) continue;
          (n >= m.heads && phrase !== null && !phrase[n] ? later : order).push(n);
        }
        return { shards: order.concat(later), cost: cost };
      });
    };
    // A shard's file is named by its name in the manifest (a digest of what it holds).
    function shardPath(n) {
      return m.shard.replace("{name}", m.names.substr(n * m.name_width, m.name_width));
    }
    this.size = function (n) {
      return shardPath(n) in parts ? 0 : (DIGITS64.indexOf(m.shards[n]) + 1) * 1024;
    };
    this.shard = function (n) {
      return part(shardPath(n)).then(function (shard) {
        if (!shard.folded) {
          shard.folded = shard.entries.map(function (e) { return [self.fold(e[2]), self.fold(e[3] || "")]; });
        }
        shard.number = n;
        shard.first = site.spans[n][0];  // a shard numbers its reports from its first
        shard.heading = n < m.heads;  // a shard of headings alone
        shard.layered = m.heads > 0;
        return shard;
      });
    };
    // A bucket: {posting: "key key …"}; read into key -> posting the first time it is asked.
    function lookup(path, bucket, key) {
      if (!read[path]) {
        var postings = read[path] = Object.create(null);
        Object.keys(bucket).forEach(function (posting) {
          bucket[posting].split(" ").forEach(function (k) { postings[k] = posting; });
        });
      }
      return read[path][key] || "";
    }
  }

  function and(a, b) {
    var out = {};
    Object.keys(a).forEach(function (n) { if (b[n]) out[n] = true; });
    return out;
  }

  function intersect(lists) {
    return lists.reduce(function (acc, list) { return acc.filter(function (n) { return list.indexOf(n) >= 0; }); });
  }

  // Whether a shard holding reports first..last holds one the filters allow (null: all).
  function allows(allowed, span) {
    if (!allowed) return true;
    for (var r = span[0]; r <= span[1]; r++) if (allowed[r]) return true;
    return false;
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

  // FNV-1a over the code points, then murmur3's finaliser (search_keys.py: key_hash).
  function bucketOf(key, count) {
    var h = 0x811c9dc5;
    for (var ch of key) { h ^= ch.codePointAt(0); h = Math.imul(h, 0x01000193); }
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % count;
  }

  // The pairs of neighbours of some characters (a lone character where a run of keyed characters
  // is one long), the first, last and middle ones first.
  function keysOf(chars) {
    var runs = [[]], pairs = [], singles = [];
    chars.forEach(function (c) {
      if (KEYED.test(c)) runs[runs.length - 1].push(c); else runs.push([]);
    });
    runs.forEach(function (run) {
      if (run.length === 1) singles.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) pairs.push(run[i] + run[i + 1]);
    });
    var middle = Math.floor((pairs.length - 1) / 2);
    var order = [0, pairs.length - 1, middle].concat(pairs.map(function (_, i) { return i; }));
    var keys = [];
    order.forEach(function (i) { if (i >= 0 && i < pairs.length && keys.indexOf(pairs[i]) < 0) keys.push(pairs[i]); });
    return keys.concat(singles);
  }

  // The keys to look up, at most as many as the manifest allows: the first key of each form of
  // each word, then the pairs where one word meets the next (the whole phrase), then the rest in
  // turn. A paragraph that holds a word holds all the keys of one of its forms, so fewer keys only
  // let more shards through, never fewer.
  function queryKeys(query, most) {
    var lists = [], chosen = [];
    query.words.forEach(function (word) {
      word.variants.forEach(function (variant) { lists.push({ variant: variant, keys: keysOf(variant) }); });
    });
    function take(list, key, junction) {
      if (chosen.length >= most || chosen.some(function (c) { return c.key === key && c.variant === list; })) return;
      chosen.push({ key: key, variant: list, junction: junction });
    }
    lists.forEach(function (l) { if (l.keys.length) take(l.variant, l.keys[0], false); });
    query.words.forEach(function (word, w) {
      var next = query.words[w + 1];
      if (!next || word.variants.length > 1 || next.variants.length > 1) return;
      var a = word.chars[word.chars.length - 1], b = next.chars[0];
      if (KEYED.test(a) && KEYED.test(b)) take(null, a + b, true);
    });
    for (var i = 1; chosen.length < most && lists.some(function (l) { return i < l.keys.length; }); i++) {
      lists.forEach(function (l) { if (i < l.keys.length) take(l.variant, l.keys[i], false); });
    }
    return chosen;
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

  function charsOf(text, fold) {
    return Array.from(fold(text)).filter(function (c) { return !SKIPPED.test(c); });
  }

  // A word's pattern over folded text: its characters with anything skipped between them, a
  // number not inside a longer one.
  function patternOf(chars) {
    var body = chars.map(function (c) { return c.replace(/[\^$\\.*+?()[\]{}|/]/g, "\\$&"); }).join(SKIP);
    if (DIGIT.test(chars[0])) body = "(?<![0-9])(?<![0-9]\\.)" + body;
    if (DIGIT.test(chars[chars.length - 1])) body += "(?![0-9])(?!\\.[0-9])";
    return body;
  }

  // The synonym a word holds (the longest; a Latin one only as a word of its own) and the forms
  // it gives the word: the word with each of the synonym's words in its place.
  function variantsOf(chars, fold, synonyms) {
    var text = chars.join(""), best = null;
    Object.keys(synonyms).forEach(function (key) {
      var at = text.indexOf(key);
      while (at >= 0) {
        var before = text[at - 1] || "", after = text[at + key.length] || "";
        var latin = LATIN.test(key[0]) && LATIN.test(before) || LATIN.test(key[key.length - 1]) && LATIN.test(after);
        if (!latin) break;
        at = text.indexOf(key, at + 1);
      }
      if (at >= 0 && (!best || key.length > best.key.length)) best = { key: key, at: at };
    });
    var variants = [chars], also = [];
    if (best) {
      var head = Array.from(text.slice(0, best.at)), tail = Array.from(text.slice(best.at + best.key.length));
      synonyms[best.key].forEach(function (word) {
        var form = head.concat(charsOf(word, fold), tail);
        if (form.length && !variants.some(function (v) { return v.join("") === form.join(""); })) {
          variants.push(form);
          also.push(word);
        }
      });
    }
    return { variants: variants, also: also };
  }

  // The words of a query: as typed (for the status line), their forms (the word and what its
  // synonyms give it) and patterns over folded text; and the pattern of the whole phrase.
  function parse(text, fold, synonyms) {
    var folded = fold(text), typed = [], rest = "", i = 0;
    var close = { "“": "”", "\"": "\"", "‘": "’" };  // 「」『』 fold to “” ‘’
    while (i < folded.length) {
      var end = close[folded[i]] ? folded.indexOf(close[folded[i]], i + 1) : -1;
      if (end > i) {
        typed.push({ text: text.slice(i + 1, end), quoted: true });
        rest += " ";
        i = end + 1;
      } else {
        rest += text[i];
        i += 1;
      }
    }
    typed = typed.concat(rest.split(/[\s\u3000]+/).map(function (t) { return { text: t, quoted: false }; }));
    var words = typed.map(function (t) {
      var chars = charsOf(t.text, fold);
      if (!chars.length) return null;
      var forms = t.quoted ? { variants: [chars], also: [] } : variantsOf(chars, fold, synonyms);
      var body = "(?:" + forms.variants.map(patternOf).join("|") + ")";
      return { typed: t.text.trim(), chars: chars, variants: forms.variants, also: forms.also,
               body: body, pattern: new RegExp(body, "gu") };
    }).filter(Boolean);
    var phrase = words.length > 1 ? new RegExp(words.map(function (w) { return w.body; }).join(SKIP), "u") : null;
    return { words: words, phrase: phrase };
  }

  function hits(text, pattern) {
    var found = [], match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(text)) !== null) {
      found.push([match.index, match[0].length]);
      if (!match[0].length) pattern.lastIndex += 1;
    }
    return found;
  }

  // Every entry of a shard that holds every word, of a report allowed, with where its hits are
  // and its tier: 0 the whole phrase in the heading, 1 every word in the heading, 2 the whole
  // phrase in the text, 3 the words scattered. In a shard of text beside a layer of headings, an
  // entry whose heading alone holds every word is left to the heading's shard.
  function matches(shard, query, allowed) {
    var found = [];
    shard.entries.forEach(function (entry, i) {
      var page = shard.pages[entry[0]], report = shard.first + shard.reports[page[0]][0];
      if (allowed && !allowed[report]) return;
      var heading = shard.folded[i][0], text = shard.folded[i][1], inHeading = [], inText = [], all = true;
      for (var w = 0; w < query.words.length; w++) {
        var h = hits(heading, query.words[w].pattern), t = hits(text, query.words[w].pattern);
        if (!h.length && !t.length) return;
        all = all && h.length > 0;
        inHeading = inHeading.concat(h);
        inText = inText.concat(t);
      }
      if (all && shard.layered && !shard.heading) return;
      var whole = !query.phrase || query.phrase.test(heading) || (!all && query.phrase.test(text));
      found.push({ shard: shard, entry: entry, page: page, report: report, n: [shard.number, i],
                   tier: (all ? 0 : 2) + (whole ? 0 : 1), heading: inHeading, text: inText });
    });
    return found;
  }

  // Hits in rank order: tier, then the report (newest first: the index's order), then reading order.
  function before(a, b) {
    return a.tier - b.tier || a.report - b.report || a.n[0] - b.n[0] || a.n[1] - b.n[1];
  }

  window.ReportSearch = {
    openManifest: openManifest,
    open: function (site, foldSrc, root) {
      return loadScript(foldSrc).then(function () { return new Index(site, window.REPORT_SEARCH_FOLD, root); });
    },
    parse: parse,
    matches: matches,
    before: before
  };
})();
