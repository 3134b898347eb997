// The /search/ page of the demo site (content/, as of 2026-11-20), in
// Debian's Chromium over HTTP: Chinese words and phrases, village and
// township names, project ids, approval document numbers, a query with no
// result, and the filters. Run with `npm test` here, or through scripts/test.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";

import { buildSite, launch, search, serve } from "./support.js";

let site;
let server;
let browser;
let context;
let page;

/** Opens the search page (optionally with ?query) and waits until Pagefind is loaded. */
async function open(query = "") {
  await page.goto(server.url + "search/index.html" + query);
  await page.waitForFunction(() => {
    const s = document.getElementById("search-app").dataset.state;
    return s && s !== "loading" && s !== "searching";
  });
  assert.equal(await page.getAttribute("#search-app", "data-state"), query ? "done" : "ready");
}

/** The project id a result links to (null for groups and cases). */
const projectOf = (r) => (r.href.match(/projects\/([^/]+)\//) || [])[1] || null;
const ids = (rs) => [...new Set(rs.map(projectOf).filter(Boolean))].sort();

before(async () => {
  site = buildSite();
  server = await serve(site.dir);
  browser = await launch();
  context = await browser.newContext();
  page = await context.newPage();
  await open();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

describe("Chinese queries with known answers", () => {
  test("茶叶 (one word) finds the tea projects, group and case, projects first", async () => {
    const rs = await search(page, "茶叶");
    assert.equal(rs[0].kind, "项目");
    assert.match(rs[0].title, /茶叶/);
    for (const id of ["QL-2025-0001", "QL-2025-0002", "QL-2026-0001", "QL-2026-0011"]) {
      assert.ok(ids(rs).includes(id), `${id} missing from ${ids(rs)}`);
    }
    assert.ok(rs.some((r) => r.href.endsWith("groups/qingling-tea/index.html")));
    assert.ok(rs.some((r) => r.href.endsWith("cases/qingling-tea-2025/index.html")));
    // Highlighted excerpt: every result marks the word it matched.
    for (const r of rs) assert.ok(r.marks.includes("茶叶"), `${r.title}: ${r.marks}`);
    // Not a substring hack: 茶 alone in 茶园/茶坪 is not 茶叶.
    assert.ok(!ids(rs).includes("QL-2025-0007"), "茶园管护 is not about 茶叶");
  });

  test("道路硬化 (a compound) finds only the road project, its notices and the road it left", async () => {
    const rs = await search(page, "道路硬化");
    assert.deepEqual(ids(rs), ["QL-2025-0004"]);
    // The project, its two notices and the asset (项目资产) the works formed.
    assert.equal(rs.length, 4);
    assert.equal(rs.filter((r) => r.kind === "项目资产").length, 1);
    assert.equal(rs[0].href, "../projects/QL-2025-0004/index.html");
    assert.equal(rs[0].type, "乡村建设行动");
    // Matched, and highlighted, as the phrase it is.
    assert.deepEqual(rs[0].marks, ["道路硬化"]);
  });

  test("道路 硬化 (two words) gives the same answer", async () => {
    const rs = await search(page, "道路 硬化");
    assert.deepEqual(ids(rs), ["QL-2025-0004"]);
  });

  test("通组道路 (a phrase inside the title)", async () => {
    const rs = await search(page, "通组道路");
    assert.deepEqual(ids(rs), ["QL-2025-0004"]);
  });

  test("白岩村 (a village) finds its projects, the case and the group", async () => {
    const rs = await search(page, "白岩村");
    // Its own projects first; then those that only mention it (QL-2026-0001
    // sells its leaves to 白岩村's factory).
    const projects = rs.filter((r) => r.kind === "项目").map(projectOf);
    assert.deepEqual(projects.slice(0, 2).sort(), ["QL-2025-0001", "QL-2026-0005"]);
    assert.ok(projects.includes("QL-2026-0001"));
    assert.ok(rs.some((r) => r.kind === "典型案例" && r.title.includes("白岩村")));
    assert.ok(rs.some((r) => r.kind === "产业顾问组"));
    for (const r of rs) assert.match(r.excerpt, /白岩/);
  });

  test("龙潭村 (another village)", async () => {
    const rs = await search(page, "龙潭村");
    assert.deepEqual(ids(rs), ["QL-2025-0004", "QL-2026-0008"]);
  });

  test("石桥镇 (a township) finds every project there", async () => {
    const rs = await search(page, "石桥镇");
    for (const id of ["QL-2025-0001", "QL-2025-0004", "QL-2026-0001", "QL-2026-0005", "QL-2026-0008"]) {
      assert.ok(ids(rs).includes(id), `${id} missing`);
    }
    assert.equal(rs[0].kind, "项目");
  });

  test("QL-2026-0004 (a project id) finds that project first and nothing else", async () => {
    const rs = await search(page, "QL-2026-0004");
    assert.deepEqual(ids(rs), ["QL-2026-0004"]);
    assert.equal(rs[0].href, "../projects/QL-2026-0004/index.html");
    assert.equal(rs[0].title, "青岭县杉木镇金星村2026年天麻林下仿野生种植示范项目");
    // The excerpt shows the id as printed, highlighted.
    assert.ok(rs[0].marks.includes("QL-2026-0004"), rs[0].marks.join());
  });

  test("ql-2025-0009 (an id in lower case)", async () => {
    const rs = await search(page, "ql-2025-0009");
    assert.deepEqual(ids(rs), ["QL-2025-0009"]);
    assert.equal(rs[0].kind, "项目");
  });

  test("青农领办发〔2026〕9号 (an approval document number) ranks its project first", async () => {
    const rs = await search(page, "青农领办发〔2026〕9号");
    assert.equal(rs[0].href, "../projects/QL-2026-0004/index.html");
    assert.match(rs[0].excerpt, /青农领办发〔2026〕9号/);
  });

  test("青农领办发〔2024〕18号 finds the projects it approved", async () => {
    const rs = await search(page, "青农领办发〔2024〕18号");
    const projects = rs.filter((r) => r.kind === "项目").slice(0, 9).map(projectOf).sort();
    assert.deepEqual(projects, [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `QL-2025-000${n}`));
  });

  test("食用菌 冷链 (two words) finds the cold-chain project and the fungi case", async () => {
    const rs = await search(page, "食用菌 冷链");
    assert.ok(ids(rs).includes("QL-2026-0002"));
    assert.ok(rs.some((r) => r.href.endsWith("cases/qingling-fungi-2026/index.html")));
    assert.ok(!ids(rs).includes("QL-2025-0001"));
  });

  test("雨露计划", async () => {
    const rs = await search(page, "雨露计划");
    assert.deepEqual(ids(rs), ["QL-2025-0006"]);
    assert.equal(rs[0].kind, "项目");
  });

  test("爱心超市", async () => {
    const rs = await search(page, "爱心超市");
    assert.deepEqual(ids(rs), ["QL-2025-0009"]);
  });

  test("户厕改造", async () => {
    const rs = await search(page, "户厕改造");
    assert.deepEqual(ids(rs), ["QL-2026-0008"]);
  });

  test("易地扶贫搬迁 finds the relocation project and case", async () => {
    const rs = await search(page, "易地扶贫搬迁");
    assert.deepEqual(ids(rs), ["QL-2025-0005"]);
    assert.ok(rs.some((r) => r.href.endsWith("cases/qingling-relocation-2026/index.html")));
  });

  test("天麻", async () => {
    const rs = await search(page, "天麻");
    assert.equal(rs[0].href, "../projects/QL-2026-0004/index.html");
  });

  test("刘某某 (an advisory group member) finds the tea group", async () => {
    const rs = await search(page, "刘某某");
    assert.deepEqual(
      rs.map((r) => r.href),
      ["../groups/qingling-tea/index.html"],
    );
    assert.equal(rs[0].kind, "产业顾问组");
  });

  test("火箭 (nothing about it) finds nothing and says so", async () => {
    const rs = await search(page, "火箭");
    assert.equal(rs.length, 0);
    assert.match(await page.textContent("#search-status"), /没有找到与“火箭”相关的内容/);
  });
});

describe("filters", () => {
  test("the filters offer the demo's values with counts", async () => {
    await open();
    const options = (name) =>
      page.$$eval(`select[data-filter="${name}"] option`, (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(await options("kind"), ["项目", "公示", "产业顾问组", "典型案例", "年度计划与资金公告", "项目资产"]);
    assert.deepEqual(await options("county"), ["青岭县"]);
    assert.deepEqual((await options("township")).sort(), ["云雾镇", "杉木镇", "石桥镇", "红水乡"].sort());
    const years = await options("year");
    assert.ok(years.includes("2025") && years.includes("2026"), years.join());
    assert.deepEqual(years, [...years].sort().reverse(), "newest year first");
    assert.ok((await options("type")).includes("产业发展"));
    assert.ok((await options("status")).includes("公示中"));
    // Every project of the demo is searchable, whatever its status: one file each.
    const projectFiles = readdirSync(join(import.meta.dirname, "../../content/projects"), { recursive: true })
      .filter((f) => f.endsWith(".yaml")).length;
    const label = await page.textContent('select[data-filter="kind"] option[value="项目"]');
    assert.equal(label, `项目（${projectFiles}）`);
  });

  test("茶叶 + 类别 典型案例", async () => {
    await open();
    const rs = await search(page, "茶叶", { kind: "典型案例" });
    assert.deepEqual(
      rs.map((r) => r.href),
      ["../cases/qingling-tea-2025/index.html"],
    );
  });

  test("茶叶 + 乡镇 云雾镇", async () => {
    await open();
    const rs = await search(page, "茶叶", { township: "云雾镇" });
    assert.deepEqual(ids(rs), ["QL-2025-0002", "QL-2026-0011"]);
    assert.ok(rs.every((r) => !r.href.includes("QL-2025-0001")));
  });

  test("茶叶 + 项目类型 产业发展 + 类别 项目", async () => {
    await open();
    const rs = await search(page, "茶叶", { kind: "项目", type: "产业发展" });
    assert.ok(rs.length >= 4);
    assert.ok(rs.every((r) => r.kind === "项目" && r.type === "产业发展"));
  });

  test("no words, 类别 公示 + 状态 公示中: the notices running on 2026-11-20", async () => {
    await open();
    const rs = await search(page, "", { kind: "公示", status: "公示中" });
    assert.deepEqual(
      rs.map((r) => r.href).sort(),
      ["../projects/QL-2026-0006/notice/township/index.html", "../projects/QL-2026-0007/notice/village/index.html"],
    );
    assert.ok(rs.every((r) => r.status === "公示中"));
  });

  test("no words, 类别 项目 + 年度 2025: the nine 2025 projects", async () => {
    await open();
    const rs = await search(page, "", { kind: "项目", year: "2025" });
    assert.equal(rs.length, 9);
    assert.ok(rs.every((r) => projectOf(r).startsWith("QL-2025-")));
  });

  test("the query and filters live in the address and survive a reload", async () => {
    await open("?q=" + encodeURIComponent("白岩村") + "&kind=" + encodeURIComponent("典型案例"));
    const titles = await page.$$eval("#search-results h2 a", (as) => as.map((a) => a.textContent));
    assert.deepEqual(titles, ["小茶叶撬动大产业——产业顾问组助力白岩村茶产业提质增效"]);
    assert.equal(await page.inputValue('select[data-filter="kind"]'), "典型案例");
  });
});

describe("the page", () => {
  test("a result link works under the sub-path", async () => {
    await open();
    await search(page, "爱心超市");
    await Promise.all([page.waitForURL(/\/xczx\/projects\/QL-2025-0009\/index\.html$/), page.click("#search-results h2 a")]);
    assert.equal(
      (await page.textContent("h1")).trim(),
      "青岭县红水乡柳树村2025年积分制管理“爱心超市”建设项目",
    );
  });

  test("is usable from the keyboard alone", async () => {
    await open();
    await page.focus("#search-input");
    await page.keyboard.type("雨露计划");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.getElementById("search-app").dataset.query === "雨露计划");
    let inResults = false;
    for (let i = 0; i < 20 && !inResults; i++) {
      await page.keyboard.press("Tab");
      inResults = await page.evaluate(() => !!document.activeElement.closest("#search-results"));
    }
    assert.ok(inResults, "Tab never reached a result");
    await Promise.all([page.waitForURL(/QL-2025-0006\/index\.html$/), page.keyboard.press("Enter")]);
  });

  test("works opened from disk (file://), with no server", async () => {
    const p = await context.newPage();
    await p.goto(pathToFileURL(join(site.dir, "search", "index.html")).href + "?q=" + encodeURIComponent("雨露计划"));
    await p.waitForFunction(() => document.getElementById("search-app").dataset.state === "done", null, {
      timeout: 15000,
    });
    const hrefs = await p.$$eval("#search-results h2 a", (as) => as.map((a) => a.href));
    assert.ok(hrefs.length >= 1);
    assert.match(hrefs[0], /^file:.*\/projects\/QL-2025-0006\/index\.html$/);
    await p.close();
  });

  test("every control has a label", async () => {
    await open();
    const unlabeled = await page.$$eval("#search-form input, #search-form select", (els) =>
      els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id),
    );
    assert.deepEqual(unlabeled, []);
  });

  test("without JavaScript the page says search needs it and links to the lists", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const p = await noJs.newPage();
    await p.goto(server.url + "search/index.html");
    assert.match(await p.innerText("main"), /全文搜索需要启用浏览器的 JavaScript/);
    assert.equal(await p.isVisible("#search-form"), false);
    const links = await p.$$eval("main .link-list a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(links.includes("../projects/index.html"));
    assert.ok(links.includes("../notices/index.html"));
    await noJs.close();
  });
});
