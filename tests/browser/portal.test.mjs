// The portal's header, navigation and footer on every page kind: the
// government's name and a search form in the header, the navigation item
// marked aria-current agreeing with the page kind and the breadcrumb, the
// footer's tap-to-call 12317, filing links and 政府网站找错, a favicon and no
// console error; and the header search working with and without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { launch, servedSite } from './lib/setup.mjs';
import { htmlFiles, pagesByKind } from './lib/site.mjs';

const site = await servedSite();
const kinds = pagesByKind(site.dir);
let browser;
let context;
let noScript;

/** The navigation item each page kind belongs to; null: none (outside the navigation). */
const NAV = {
  home: '首页',
  notices: '公示公告',
  projects: '项目库',
  'projects-page': '项目库',
  'projects-year': '项目库',
  'projects-type': '项目库',
  project: '项目库',
  notice: '项目库',
  sign: '项目库',
  completion: '项目库',
  county: '项目库',
  assets: '项目库',
  warehouse: '项目库',
  announcement: '项目库',
  'plan-year': '项目库',
  'plan-doc': '项目库',
  township: '项目库',
  groups: '产业顾问组',
  group: '产业顾问组',
  cases: '典型案例',
  case: '典型案例',
  search: '搜索',
  data: '项目库',
  page: null,
  404: null,
};

before(async () => {
  browser = await launch();
  context = await guardedContext(browser, site.server.origin, { viewport: { width: 360, height: 800 } });
  noScript = await guardedContext(browser, site.server.origin, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await browser?.close();
  await site.close();
});

/** What a page shows of the header, navigation and footer. */
function portalOf(page) {
  return page.evaluate(() => {
    const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim() ?? null;
    const form = document.querySelector('.site-header form[role="search"]');
    return {
      government: text(document.querySelector('.site-header .gov-name')),
      search: form && {
        method: form.getAttribute('method'),
        action: new URL(form.getAttribute('action'), location.href).pathname,
        input: form.querySelector('input[name="q"]')?.type ?? null,
        label: text(form.querySelector('label')),
      },
      current: [...document.querySelectorAll('.site-nav [aria-current]')].map(text),
      crumbs: [...document.querySelectorAll('.crumbs a')].map(text),
      tel: [...document.querySelectorAll('.site-footer a[href^="tel:"]')].map((a) => a.getAttribute('href')),
      links: Object.fromEntries([...document.querySelectorAll('.site-footer a')].map((a) => [text(a), a.getAttribute('href')])),
      footer: text(document.querySelector('.site-footer')),
      icon: document.querySelector('link[rel="icon"]')?.href ?? null,
      sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
}

describe('header, navigation and footer on every page kind (360 px)', () => {
  for (const { kind, rel } of kinds) {
    test(`${kind} (${rel})`, async () => {
      const url = kind === '404' ? site.server.base + 'no/such/page/' : site.url(rel);
      const { page, status } = await open(context, url);
      try {
        assert.equal(status, kind === '404' ? 404 : 200);
        const p = await portalOf(page);
        assert.equal(p.government, '青岭县人民政府');
        assert.deepEqual(p.search, { method: 'get', action: '/xczx/search/index.html', input: 'search', label: '搜索本站' });
        assert.ok(kind in NAV, `unknown kind ${kind}`);
        assert.deepEqual(p.current, NAV[kind] ? [NAV[kind]] : [], 'the navigation item marked aria-current');
        // The breadcrumb starts at 首页, then the marked navigation item.
        if (p.crumbs.length) {
          assert.deepEqual(p.crumbs.slice(0, 2), ['首页', NAV[kind]], 'the breadcrumb after 首页');
        }
        assert.equal(p.tel[0], 'tel:12317', 'the first supervision phone is 12317, tap-to-call');
        assert.ok(p.tel.length >= 3, `${p.tel}`);
        assert.equal(p.links['黔ICP备00000000号'], 'https://beian.miit.gov.cn/');
        assert.equal(p.links['黔公网安备 52279902000000号'], 'https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=52279902000000');
        assert.equal(p.links['政府网站找错'], 'https://zfwzzc.www.gov.cn/?sitecode=5227990001');
        assert.ok(p.links['网站文件校验'].endsWith('manifest.sha256'));
        for (const words of ['主办单位：青岭县人民政府办公室', '承办单位：青岭县农业农村局', '网站标识码：5227990001']) {
          assert.ok(p.footer.includes(words), words);
        }
        assert.match(p.icon ?? '', /\/xczx\/theme\/favicon\.svg$/);
        assert.equal(p.sideways, false, 'sideways scrolling at 360 px');
        const issues = takeIssues(context);
        // Chromium logs the 404 of the document itself as a console error; nothing else may appear.
        if (kind === '404') issues.console = issues.console.filter((m) => !/status of 404/.test(m));
        assert.equal(describeIssues(issues), '');
      } finally {
        await page.close();
      }
    });
  }
});

test('the favicon is served', async () => {
  const res = await context.request.get(site.server.base + 'theme/favicon.svg');
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /svg/);
  takeIssues(context);
});

test('the header search works without JavaScript: it lands on the search page with the query', async () => {
  const { page } = await open(noScript, site.url('projects/index.html'));
  try {
    await page.fill('#header-q', '茶叶');
    await Promise.all([page.waitForURL(/search\/index\.html\?q=/), page.click('.header-search button')]);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/xczx/search/index.html');
    assert.equal(url.searchParams.get('q'), '茶叶');
    assert.match(await page.title(), /全文搜索/);
    // The search page says that search needs JavaScript and links to the lists.
    assert.ok((await page.textContent('main')).includes('浏览列表'));
    assert.equal(describeIssues(takeIssues(noScript)), '');
  } finally {
    await page.close();
  }
});

test('the header search with JavaScript: the search page fills in the query and shows results', async () => {
  const { page } = await open(context, site.url('index.html'));
  try {
    await page.fill('#header-q', '茶叶');
    await Promise.all([page.waitForURL(/search\/index\.html\?q=/), page.press('#header-q', 'Enter')]);
    await page.waitForSelector('#search-results li', { timeout: 15000 });
    assert.equal(await page.inputValue('#search-input'), '茶叶');
    assert.ok((await page.locator('#search-results li').count()) > 0);
    assert.equal(describeIssues(takeIssues(context)), '');
  } finally {
    await page.close();
  }
});

test('case pages: one h1, no heading twice, every image captioned, footnotes linked both ways', async () => {
  const cases = htmlFiles(site.dir).filter((rel) => /^cases\/[^/]+\/index\.html$/.test(rel));
  assert.ok(cases.length >= 3);
  for (const rel of cases) {
    const { page } = await open(context, site.url(rel));
    try {
      const s = await page.evaluate(() => {
        const text = (el) => el.textContent.replace(/\s+/g, ' ').trim();
        const main = document.querySelector('main');
        return {
          h1: main.querySelectorAll('h1').length,
          headings: [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(text),
          uncaptioned: [...main.querySelectorAll('img')].filter((img) => !text(img.closest('figure')?.querySelector('figcaption') ?? { textContent: '' })).map((img) => img.getAttribute('src')),
          refs: [...main.querySelectorAll('.footnote-ref a')].map((a) => a.getAttribute('href')),
          backs: [...main.querySelectorAll('.footnote-back')].map((a) => a.getAttribute('href')),
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
        };
      });
      assert.equal(s.h1, 1, rel);
      assert.deepEqual(s.headings.filter((h, i) => s.headings.indexOf(h) !== i), [], `${rel}: a heading twice`);
      assert.deepEqual(s.uncaptioned, [], `${rel}: images without a caption`);
      assert.ok(s.refs.length > 0, `${rel}: the demo cases cite footnotes`);
      for (const href of [...s.refs, ...s.backs]) assert.ok(s.ids.includes(href.slice(1)), `${rel}: ${href} leads nowhere`);
      assert.equal(new Set(s.ids).size, s.ids.length, `${rel}: duplicate ids`);
      assert.equal(describeIssues(takeIssues(context)), '');
    } finally {
      await page.close();
    }
  }
});
