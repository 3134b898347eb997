/* gongshi search page: a small, accessible Chinese UI over the index the
   build writes to <site>/search/data/ (src/render/search/index.rs has the
   format). Everything runs in the browser; nothing is sent anywhere. Index
   files are scripts loaded with <script>, so search works over HTTP and from
   a folder opened from disk alike; a query loads only the few files its
   terms live in. Links are made from the page's own relative root, so the
   site works under any sub-path.

   A query is split at spaces; each part is matched as a phrase (its
   characters in a row, case and full-width folded), and a result must match
   every part. A part with no match at all is tried once more as the words
   Intl.Segmenter finds in it. Title matches rank above id matches, above
   body matches; a printable notice ranks below its project.

   Without JavaScript the form stays hidden and the <noscript> note and the
   list links below it remain. */
(function () {
  "use strict";

  var app = document.getElementById("search-app");
  if (!app) return;
  var root = app.getAttribute("data-root") || "./";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var statusEl = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));

  var FORMAT = 1;             // src/render/search/index.rs FORMAT
  var PAGE = 20;              // results rendered per step
  var EXCERPT = 80;           // excerpt length, in UTF-16 units
  var KIND_ORDER = ["项目", "公示", "产业顾问组", "典型案例", "年度计划与资金公告"];
  var meta = null;
  var seq = 0;                // newest search wins
  var shown = [];             // record numbers of the current search
  var marks = [];             // normalized strings to highlight
  var rendered = 0;
  var moreButton = null;
  var timer = null;

  form.hidden = false;
  app.setAttribute("data-state", "loading");

  // Restore the query and filters from the address (?q=茶叶&kind=项目).
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";

  // ---- index files -------------------------------------------------------

  var base = root + "search/data/";
  var arrived = {};           // name -> data, set by the file's own script
  var files = {};             // name -> promise of its data
  window.gongshiSearch = function (name, data) { arrived[name] = data; };

  function load(name) {
    if (!files[name]) {
      files[name] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = base + name + ".js";
        s.onload = function () {
          s.remove();
          if (Object.prototype.hasOwnProperty.call(arrived, name)) {
            var data = arrived[name];
            delete arrived[name];
            resolve(data);
          } else {
            reject(new Error("search index file " + name + " is not valid"));
          }
        };
        s.onerror = function () {
          s.remove();
          reject(new Error("search index file " + name + " is missing"));
        };
        document.head.appendChild(s);
      });
      files[name].catch(function () { delete files[name]; });
    }
    return files[name];
  }

  function bytes(b64) {
    var bin = window.atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  // LEB128 varints, as index.rs writes them (values up to 2^32).
  function reader(buf) {
    var i = 0;
    return {
      more: function () { return i < buf.length; },
      next: function () {
        var v = 0, mul = 1, b;
        do { b = buf[i++]; v += (b & 0x7f) * mul; mul *= 128; } while (b >= 0x80);
        return v;
      },
    };
  }

  // ---- text as the index sees it (index.rs normalize / is_gap) ----------

  function normChar(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
    else if (cp === 0x3000) cp = 0x20;
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    return cp;
  }

  // The same length in UTF-16 units as the input (only BMP characters
  // change), so offsets found in it are offsets in the original.
  function normalize(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      out += (c >= 0xd800 && c <= 0xdfff) ? text.charAt(i) : String.fromCharCode(normChar(c));
    }
    return out;
  }

  var GAP = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

  function codePoints(s) { return Array.from(s); }

  function shardOf(term) {
    var h = 0x811c9dc5;
    codePoints(term).forEach(function (ch) {
      h = Math.imul((h ^ ch.codePointAt(0)) >>> 0, 0x01000193) >>> 0;
    });
    return (h & (meta.shards - 1)).toString(16);
  }

  var termCache = {};

  // Postings of a term: Map(record -> positions) for a pair of characters,
  // Map(record -> fields byte) for one character.
  function postings(term) {
    if (!termCache[term]) {
      termCache[term] = load("t/" + shardOf(term)).then(function (shard) {
        var out = new Map();
        if (!Object.prototype.hasOwnProperty.call(shard, term)) return out;
        var r = reader(bytes(shard[term]));
        var single = codePoints(term).length === 1;
        var rec = -1;
        while (r.more()) {
          rec += r.next();
          if (single) {
            out.set(rec, r.next());
          } else {
            var n = r.next(), pos = [], p = 0;
            for (var k = 0; k < n; k++) { p = k === 0 ? r.next() : p + r.next(); pos.push(p); }
            out.set(rec, pos);
          }
        }
        return out;
      });
    }
    return termCache[term];
  }

  function fieldBit(pos) {
    return pos < meta.idsBase ? 1 : pos < meta.bodyBase ? 2 : 4;
  }

  // Records where the characters of `chars` (normalized, no gaps) occur in
  // a row: Map(record -> { fields, hits }).
  function phrase(chars) {
    if (chars.length === 1) {
      return postings(chars[0]).then(function (m) {
        var out = new Map();
        m.forEach(function (fields, rec) { out.set(rec, { fields: fields, hits: 1 }); });
        return out;
      });
    }
    var pairs = [];
    for (var i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
    return Promise.all(pairs.map(postings)).then(function (lists) {
      var out = new Map();
      lists[0].forEach(function (starts, rec) {
        for (var i = 1; i < lists.length && starts.length; i++) {
          var at = lists[i].get(rec);
          if (!at) { starts = []; break; }
          var set = new Set(at), off = i;
          starts = starts.filter(function (s) { return set.has(s + off); });
        }
        if (!starts.length) return;
        var fields = 0;
        starts.forEach(function (s) { fields |= fieldBit(s); });
        // Hits in the best field only: a long story repeating a word must
        // not outrank a title that has it once.
        var top = fields & 1 ? 1 : fields & 2 ? 2 : 4;
        var hits = starts.filter(function (s) { return fieldBit(s) === top; }).length;
        out.set(rec, { fields: fields, hits: hits });
      });
      return out;
    });
  }

  function words(text) {
    if (!window.Intl || !Intl.Segmenter) return [];
    var seg = new Intl.Segmenter("zh", { granularity: "word" });
    var out = [];
    for (var s of seg.segment(text)) if (s.isWordLike) out.push(s.segment);
    return out;
  }

  function intersect(maps) {
    var out = new Map();
    maps[0].forEach(function (v, rec) {
      var all = [v];
      for (var i = 1; i < maps.length; i++) {
        var w = maps[i].get(rec);
        if (!w) return;
        all.push(w);
      }
      out.set(rec, all);
    });
    return out;
  }

  // One part of the query: its phrase, or failing that its words.
  function part(token) {
    var norm = normalize(token);
    return phrase(codePoints(norm)).then(function (hits) {
      var ws = words(token).map(normalize);
      if (hits.size || ws.length < 2) return { hits: hits, marks: [norm] };
      return Promise.all(ws.map(function (w) { return phrase(codePoints(w)); })).then(function (each) {
        var merged = new Map();
        intersect(each).forEach(function (all, rec) {
          var hits = all.reduce(function (n, h) { return n + h.hits; }, 0);
          merged.set(rec, { fields: bestOfEach(all), hits: hits });
        });
        return { hits: merged, marks: ws };
      });
    });
  }

  function best(fields) {
    return fields & 1 ? 7 : fields & 2 ? 5 : fields & 4 ? 1 : 0;
  }

  // A part found as separate words: the weakest word's best field counts.
  function bestOfEach(all) {
    var w = Math.min.apply(null, all.map(function (h) { return best(h.fields); }));
    return w === 7 ? 1 : w === 5 ? 2 : 4;
  }

  function filterSet(key, value) {
    return load("f/" + key).then(function (f) {
      var set = new Set();
      if (!Object.prototype.hasOwnProperty.call(f, value)) return set;
      var r = reader(bytes(f[value])), rec = -1;
      while (r.more()) { rec += r.next(); set.add(rec); }
      return set;
    });
  }

  // Record numbers matching every part of `term` and every filter, best first.
  function find(term, filters) {
    var tokens = term.split(GAP).filter(Boolean);
    var keys = Object.keys(filters);
    return Promise.all([
      Promise.all(tokens.map(part)),
      Promise.all(keys.map(function (k) { return filterSet(k, filters[k]); })),
    ]).then(function (got) {
      var parts = got[0], sets = got[1];
      var scored = [];
      var keep = function (rec) { return sets.every(function (s) { return s.has(rec); }); };
      if (parts.length) {
        intersect(parts.map(function (p) { return p.hits; })).forEach(function (all, rec) {
          if (!keep(rec)) return;
          var score = 0;
          all.forEach(function (h) { score += best(h.fields) + Math.min(h.hits, 5) / 100; });
          if (rec >= meta.secondaryFrom) score *= 0.3;
          scored.push([score, rec]);
        });
      } else {
        for (var rec = 0; rec < meta.records; rec++) if (keep(rec)) scored.push([0, rec]);
      }
      scored.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
      var highlight = [];
      parts.forEach(function (p) { highlight = highlight.concat(p.marks); });
      return { records: scored.map(function (s) { return s[1]; }), marks: highlight };
    });
  }

  function record(rec) {
    return load("r/" + Math.floor(rec / meta.chunk)).then(function (rows) {
      var r = rows[rec % meta.chunk];
      return { url: r[0], title: r[1], kind: r[2], type: r[3], status: r[4], ids: r[5], body: r[6] };
    });
  }

  // ---- page --------------------------------------------------------------

  function say(text) {
    statusEl.textContent = text;
  }

  function currentFilters() {
    var filters = {};
    selects.forEach(function (s) {
      if (s.value) filters[s.getAttribute("data-filter")] = s.value;
    });
    return filters;
  }

  function remember() {
    var p = new URLSearchParams();
    if (input.value.trim()) p.set("q", input.value.trim());
    selects.forEach(function (s) {
      if (s.value) p.set(s.name, s.value);
    });
    var qs = p.toString();
    try {
      window.history.replaceState(null, "", qs ? "?" + qs : window.location.pathname);
    } catch (e) { /* some embedders forbid it; the search still works */ }
  }

  function compareValues(key) {
    if (key === "year") return function (a, b) { return Number(b) - Number(a); };
    if (key === "kind") {
      return function (a, b) {
        var ia = KIND_ORDER.indexOf(a), ib = KIND_ORDER.indexOf(b);
        return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b, "zh-CN");
      };
    }
    return function (a, b) { return a.localeCompare(b, "zh-CN"); };
  }

  function fillFilters(all) {
    selects.forEach(function (s) {
      var key = s.getAttribute("data-filter");
      var values = Object.keys(all[key] || {}).sort(compareValues(key));
      var wanted = params.get(s.name) || "";
      values.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v;
        o.textContent = v + "（" + all[key][v] + "）";
        s.appendChild(o);
      });
      if (wanted && values.indexOf(wanted) >= 0) s.value = wanted;
      // A filter with no values in this site is of no use: hide it.
      if (values.length === 0) s.parentNode.hidden = true;
    });
  }

  // Where the strings of `marks` occur in `norm`: merged [start, end) ranges.
  function ranges(norm, marks) {
    var rs = [];
    marks.forEach(function (m) {
      if (!m) return;
      for (var i = norm.indexOf(m); i >= 0; i = norm.indexOf(m, i + m.length)) rs.push([i, i + m.length]);
    });
    rs.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    rs.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r.slice());
    });
    return out;
  }

  function isLow(text, i) {
    var c = text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }

  // An excerpt of the field with the first match (body, then ids, then
  // title), with <mark> around every match, built as DOM nodes.
  function excerptNode(data) {
    var fields = [data.body || "", data.ids || "", data.title || ""];
    var text = fields[0], found = [];
    for (var f = 0; f < fields.length; f++) {
      var rs = ranges(normalize(fields[f]), marks);
      if (rs.length) { text = fields[f]; found = rs; break; }
    }
    var start = found.length ? Math.max(0, found[0][0] - 20) : 0;
    if (start > 0 && isLow(text, start)) start--;
    var end = Math.min(text.length, start + EXCERPT);
    if (end < text.length && isLow(text, end)) end++;
    var p = document.createElement("p");
    p.className = "search-excerpt";
    var at = start;
    var put = function (s, mark) {
      if (!s) return;
      var node = document.createTextNode(s);
      if (mark) {
        var m = document.createElement("mark");
        m.appendChild(node);
        node = m;
      }
      p.appendChild(node);
    };
    if (start > 0) put("…", false);
    found.forEach(function (r) {
      if (r[0] >= end || r[1] <= start) return;
      var a = Math.max(r[0], at), b = Math.min(r[1], end);
      put(text.slice(at, a), false);
      put(text.slice(a, b), true);
      at = b;
    });
    put(text.slice(at, end), false);
    if (end < text.length) put("…", false);
    return p;
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    // Record URLs are site-relative (projects/QL-2026-0001/index.html).
    a.href = root + String(data.url).replace(/^\/+/, "");
    a.textContent = data.title || data.url;
    h.appendChild(a);
    li.appendChild(h);
    var facts = document.createElement("p");
    facts.className = "search-meta";
    [["类别", data.kind], ["类型", data.type], ["状态", data.status]].forEach(function (pair) {
      if (!pair[1]) return;
      var span = document.createElement("span");
      span.className = "search-fact";
      span.textContent = pair[0] + "：" + pair[1];
      facts.appendChild(span);
    });
    li.appendChild(facts);
    li.appendChild(excerptNode(data));
    return li;
  }

  function renderMore(mySeq) {
    var batch = shown.slice(rendered, rendered + PAGE);
    return Promise.all(batch.map(record)).then(function (datas) {
      if (mySeq !== seq) return;
      datas.forEach(function (d) { list.appendChild(resultItem(d)); });
      rendered += batch.length;
      if (moreButton) { moreButton.remove(); moreButton = null; }
      if (rendered < shown.length) {
        moreButton = document.createElement("button");
        moreButton.type = "button";
        moreButton.className = "search-more";
        moreButton.textContent = "显示更多结果（还有 " + (shown.length - rendered) + " 条）";
        moreButton.addEventListener("click", function () {
          var first = rendered;
          renderMore(seq).then(function () {
            // Move focus to the first new result, so keyboard users go on from there.
            var link = list.children[first] && list.children[first].querySelector("a");
            if (link) link.focus();
          });
        });
        list.parentNode.insertBefore(moreButton, list.nextSibling);
      }
    });
  }

  function run() {
    var mySeq = ++seq;
    var term = input.value.trim();
    var filters = currentFilters();
    var filtered = Object.keys(filters).length > 0;
    remember();
    list.textContent = "";
    shown = [];
    rendered = 0;
    if (moreButton) { moreButton.remove(); moreButton = null; }
    if (!term && !filtered) {
      say("");
      app.setAttribute("data-state", "ready");
      app.setAttribute("data-query", "");
      return Promise.resolve();
    }
    app.setAttribute("data-state", "searching");
    say("正在搜索…");
    return find(term, filters).then(function (found) {
      if (mySeq !== seq) return;
      shown = found.records;
      marks = found.marks;
      return renderMore(mySeq).then(function () {
        if (mySeq !== seq) return;
        var what = term ? "“" + term + "”" : "所选条件";
        if (shown.length === 0) {
          say("没有找到与" + what + "相关的内容。可以换一个词语、减少词语，或取消部分筛选条件。");
        } else {
          say("找到 " + shown.length + " 条与" + what + "相关的内容。");
        }
        app.setAttribute("data-query", term);
        app.setAttribute("data-state", "done");
      });
    }).catch(function (err) {
      if (mySeq !== seq) return;
      say("搜索出错，请稍后再试，或通过下方列表浏览。");
      app.setAttribute("data-state", "error");
      if (window.console) window.console.error(err);
    });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 250);
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  input.addEventListener("input", schedule);
  selects.forEach(function (s) { s.addEventListener("change", function () { window.clearTimeout(timer); run(); }); });

  load("meta").then(function (m) {
    if (!m || m.format !== FORMAT) throw new Error("search index format " + (m && m.format) + ", want " + FORMAT);
    meta = m;
    fillFilters(m.filters || {});
    app.setAttribute("data-state", "ready");
    if (input.value.trim() || Object.keys(currentFilters()).length) return run();
  }).catch(function (err) {
    say("本站没有生成搜索索引，暂时无法搜索。请使用下方列表浏览。");
    app.setAttribute("data-state", "unavailable");
    if (window.console) window.console.error(err);
  });
})();
