/* gongshi search page: a small, accessible Chinese UI over Pagefind's
   pagefind.js, which the build writes to <site>/pagefind/. Everything runs in
   the browser; nothing is sent anywhere. Links are made from the page's own
   relative root, so the site works under any sub-path.

   Without JavaScript the form stays hidden and the <noscript> note and the
   list links below it remain. Pagefind needs http(s): opened from disk
   (file://) the page says so. */
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

  var PAGE = 20;              // results rendered per step
  var KIND_ORDER = ["项目", "公示", "产业顾问组", "典型案例"];
  var pagefind = null;
  var seq = 0;                // newest search wins
  var shown = [];             // result handles of the current search
  var rendered = 0;
  var moreButton = null;
  var timer = null;

  form.hidden = false;
  app.setAttribute("data-state", "loading");

  // Restore the query and filters from the address (?q=茶叶&kind=项目).
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";

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

  // An id typed as printed (QL-2026-0001) is searched first as the one word
  // the index also holds (ql20260001; see src/render/search.rs compact_id),
  // so it finds that record rather than everything with 2026 and 0001.
  function compactId(t) {
    var parts = t.split(/[-_]/);
    var isId = parts.length > 1 && parts.every(function (p) { return /^[A-Za-z0-9]+$/.test(p); }) &&
      /[A-Za-z]/.test(t) && /[0-9]/.test(t);
    return isId ? parts.join("").toLowerCase() : null;
  }

  function compactIds(term) {
    return term.split(/\s+/).map(function (t) { return compactId(t) || t; }).join(" ");
  }

  // The excerpt comes as text with <mark> around the matched words and
  // < > escaped. Build it as DOM nodes instead of trusting it as HTML, and
  // show the index's compact ids (ql20260001) as printed (QL-2026-0001).
  function excerptNode(excerpt, ids) {
    var printed = {};
    String(ids || "").split(" ").forEach(function (id) {
      var c = id && compactId(id);
      if (c) printed[c] = id;
    });
    var unCompact = function (text) {
      return text.replace(/[a-z0-9]+/g, function (w) { return printed[w] || w; });
    };
    var p = document.createElement("p");
    p.className = "search-excerpt";
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var marking = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marking = true; return; }
      if (part === "</mark>") { marking = false; return; }
      if (!part) return;
      var text = document.createTextNode(unCompact(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">")));
      if (marking) {
        var m = document.createElement("mark");
        m.appendChild(text);
        p.appendChild(m);
      } else {
        p.appendChild(text);
      }
    });
    return p;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    var a = document.createElement("a");
    // Record URLs are site-relative (projects/QL-2026-0001/index.html).
    var raw = String(data.raw_url || data.url || "").replace(/^\/+/, "");
    a.href = root + raw;
    a.textContent = meta.title || raw;
    h.appendChild(a);
    li.appendChild(h);
    var facts = document.createElement("p");
    facts.className = "search-meta";
    [["类别", meta.kind], ["类型", meta.type], ["状态", meta.status]].forEach(function (pair) {
      if (!pair[1]) return;
      var span = document.createElement("span");
      span.className = "search-fact";
      span.textContent = pair[0] + "：" + pair[1];
      facts.appendChild(span);
    });
    li.appendChild(facts);
    li.appendChild(excerptNode(data.excerpt, meta.ids));
    return li;
  }

  function renderMore(mySeq) {
    var batch = shown.slice(rendered, rendered + PAGE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
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

  function find(term, filters) {
    var compact = term ? compactIds(term) : term;
    var first = pagefind.search(compact || null, { filters: filters });
    if (compact === term) return first;
    return first.then(function (s) {
      return s && s.results.length ? s : pagefind.search(term, { filters: filters });
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
    return find(term, filters).then(function (search) {
      if (mySeq !== seq || !search) return;
      shown = search.results;
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

  if (window.location.protocol === "file:") {
    say("从本地文件直接打开时无法搜索：请通过网站地址访问本页，或使用下方列表浏览。");
    app.setAttribute("data-state", "unavailable");
    return;
  }

  var bundle = new URL(root + "pagefind/pagefind.js", document.baseURI).href;
  import(bundle).then(function (pf) {
    pagefind = pf;
    return pf.options({ excerptLength: 40 }).then(function () { return pf.filters(); });
  }).then(function (all) {
    fillFilters(all || {});
    app.setAttribute("data-state", "ready");
    if (input.value.trim() || Object.keys(currentFilters()).length) return run();
  }).catch(function (err) {
    say("本站没有生成搜索索引，暂时无法搜索。请使用下方列表浏览。");
    app.setAttribute("data-state", "unavailable");
    if (window.console) window.console.error(err);
  });
})();
