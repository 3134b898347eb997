// The public on a phone (360 × 740, the size of a cheap phone): the first
// screen of a project whose notice is running holds the number to call, the
// mode a reader chose holds on the next page and the next visit, 长者模式
// gives tap targets of at least 44 × 44 px, the sentences about objections
// are true on the build date, the home page is a few screens long, and the
// charts' labels are readable.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { setElderMode } from './lib/checks.mjs';
import { launch, servedSite } from './lib/setup.mjs';
import { TODAY, htmlFiles, pagesByKind } from './lib/site.mjs';

const site = await servedSite();
const kinds = pagesByKind(site.dir);
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const zhToday = (() => {
  const [y, m, d] = TODAY.split('-').map(Number);
  return `${y}年${m}月${d}日`;
})();

/** Project pages whose summary says a notice is running ("…公示中，还剩 N 天" or "今天是最后一天"). */
const running = htmlFiles(site.dir).filter((rel) => {
  if (!/^projects\/[^/]+\/index\.html$/.test(rel)) return false;
  const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
  return /class="summary-status">[^<]*公示中/.test(html);
});
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site.close();
});

test('the demo has projects whose notice is running on its date', () => {
  assert.ok(running.length >= 2, `only ${running.length} project pages with a running notice`);
});

for (const mode of ['normal', '长者模式']) {
  describe(`the first screen of a project with a running notice, ${mode}`, () => {
    let context;
    before(async () => {
      context = await guardedContext(browser, site.server.origin, PHONE);
    });
    after(async () => {
      await context?.close();
    });
    for (const rel of running) {
      test(`${rel}: status in plain words and a tap-to-call link to 12317 within 360 × 740`, async () => {
        const { page } = await open(context, site.url(rel));
        try {
          if (mode === '长者模式') await setElderMode(page);
          else await page.click('label[for="fs-normal"]');
          await page.evaluate(() => window.scrollTo(0, 0));
          const seen = await page.evaluate(() => {
            const inFirstScreen = (el) => {
              const r = el.getBoundingClientRect();
              return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
            };
            const calls = [...document.querySelectorAll('main a[href^="tel:"]')];
            const status = document.querySelector('.summary-status');
            const facts = document.querySelector('.summary-facts');
            return {
              facts: facts ? inFirstScreen(facts) : false,
              first: calls[0]?.getAttribute('href'),
              call12317: calls.filter((a) => a.getAttribute('href') === 'tel:12317').some(inFirstScreen),
              status: status && inFirstScreen(status) ? status.textContent : null,
            };
          });
          assert.equal(seen.first, 'tel:12317', '12317 is the first number to call');
          assert.ok(seen.call12317, `the tel:12317 link is not within the first screen of ${rel}`);
          assert.match(seen.status ?? '', /公示中，(还剩 \d+ 天|今天是最后一天)/);
          // In the normal mode the notice period, the total and who benefits fit too.
          if (mode === 'normal') assert.ok(seen.facts, `the summary's facts are not within the first screen of ${rel}`);
          assert.equal(describeIssues(takeIssues(context)), '');
        } finally {
          await page.close();
        }
      });
    }
  });
}

test('the printable notice of a running notice shows the same summary on screen, and not on paper', async () => {
  const context = await guardedContext(browser, site.server.origin, PHONE);
  try {
    const rels = htmlFiles(site.dir).filter((r) => /^projects\/[^/]+\/notice\/[^/]+\/index\.html$/.test(r));
    let runningSeen = 0;
    for (const rel of rels) {
      const project = rel.replace(/notice\/[^/]+\/index\.html$/, 'index.html');
      const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
      const projectHtml = fs.readFileSync(path.join(site.dir, project), 'utf8');
      const summary = (h) => h.match(/<section class="summary"[\s\S]*?<\/section>/)?.[0];
      assert.ok(summary(html), `${rel} has no summary`);
      assert.equal(summary(html), summary(projectHtml), `${rel}: the summary differs from its project page's`);
      if (!running.includes(project)) continue;
      runningSeen += 1;
      const { page } = await open(context, site.url(rel));
      try {
        await page.click('label[for="fs-normal"]');
        const call = await page.evaluate(() => {
          const a = document.querySelector('main .summary a[href="tel:12317"]');
          const r = a?.getBoundingClientRect();
          return r ? r.width > 0 && r.height >= 44 : false;
        });
        assert.ok(call, `${rel}: no tap-to-call 12317 on the screen page`);
        await page.emulateMedia({ media: 'print' });
        const printed = await page.evaluate(() => getComputedStyle(document.querySelector('.summary').parentElement).display);
        assert.equal(printed, 'none', 'the summary is not printed on the notice');
      } finally {
        await page.close();
      }
    }
    assert.ok(runningSeen >= 1, 'no printable notice of a running notice');
    assert.equal(describeIssues(takeIssues(context)), '');
  } finally {
    await context.close();
  }
});

describe('the chosen mode is remembered', () => {
  test('长者模式 chosen on one page holds on the next page and on the next visit, and 标准 undoes it', async () => {
    const context = await guardedContext(browser, site.server.origin, PHONE);
    try {
      const [a, b] = [kinds.find((k) => k.kind === 'home').rel, kinds.find((k) => k.kind === 'project').rel];
      const first = await open(context, site.url(a));
      await setElderMode(first.page);
      await first.page.close();
      const elderOn = async (rel) => {
        const { page } = await open(context, site.url(rel));
        try {
          return await page.evaluate(() => ({
            checked: document.getElementById('elder-mode').checked,
            color: getComputedStyle(document.body).color,
            root: parseFloat(getComputedStyle(document.documentElement).fontSize),
          }));
        } finally {
          await page.close();
        }
      };
      assert.deepEqual(await elderOn(b), { checked: true, color: 'rgb(0, 0, 0)', root: 22 }, 'the next page');
      assert.equal((await elderOn(a)).checked, true, 'the next visit of the first page');
      const { page } = await open(context, site.url(b));
      await page.click('label[for="fs-normal"]');
      await page.close();
      assert.equal((await elderOn(a)).checked, false, '标准 is remembered too');
      assert.equal(describeIssues(takeIssues(context)), '');
    } finally {
      await context.close();
    }
  });
});

describe('长者模式 on a phone', () => {
  let context;
  before(async () => {
    context = await guardedContext(browser, site.server.origin, PHONE);
  });
  after(async () => {
    await context?.close();
  });
  for (const { kind, rel } of kinds) {
    test(`${kind} (${rel}): controls, navigation, calls and list links are at least 44 × 44 px; one column; dates whole`, async () => {
      const { page } = await open(context, site.url(rel));
      try {
        await setElderMode(page);
        const small = await page.evaluate(() => {
          const sel = '.tool, .site-nav a, .pager a, .pager span[aria-current], a.call, .link-list a, .more a, table.cards > tbody > tr > th > a';
          return [...document.querySelectorAll(sel)]
            .map((el) => ({ el, r: el.getBoundingClientRect() }))
            .filter(({ r }) => r.width > 0 && (r.width < 44 || r.height < 44))
            .map(({ el, r }) => `${el.textContent.trim().slice(0, 20)} (${Math.round(r.width)} × ${Math.round(r.height)})`);
        });
        assert.deepEqual(small, [], 'tap targets smaller than 44 × 44 px');
        const columns = await page.evaluate(() =>
          [...document.querySelectorAll('table.cards > thead')].filter((t) => t.getBoundingClientRect().height > 2).length,
        );
        assert.equal(columns, 0, 'every list is shown as cards (no visible table header row)');
        // A date broken across lines (「2026年11月22」 then 「日」 alone) reads
        // badly; one narrower than its line is kept on one line.
        const split = await page.evaluate(() =>
          [...document.querySelectorAll('main time')]
            .filter((t) => {
              const lines = new Set([...t.getClientRects()].map((r) => Math.round(r.top)));
              // At most 1 em a character: an upper bound of the date's width.
              const width = t.textContent.length * parseFloat(getComputedStyle(t).fontSize);
              const line = t.closest('p, li, dd, td, th, div')?.clientWidth ?? Infinity;
              return lines.size > 1 && width < line;
            })
            .map((t) => t.textContent),
        );
        assert.deepEqual(split, [], 'dates broken across lines though each fits on one');
      } finally {
        await page.close();
      }
    });
  }
});

test('every notice on every project page says about objections only what is true on the build date', async () => {
  let seen = { 公示中: 0, 已结束: 0 };
  for (const rel of htmlFiles(site.dir).filter((r) => /^projects\/[^/]+\/index\.html$/.test(r))) {
    const html = fs.readFileSync(path.join(site.dir, rel), 'utf8');
    for (const card of html.split('<article class="notice-card">').slice(1)) {
      const state = card.match(/<span class="tag">([^<]+)<\/span>/)?.[1];
      const marked = card.match(/<p class="objection-note">(.*?)<\/p>/s)?.[1];
      assert.ok(marked, `${rel}: a notice without its sentence about objections`);
      // Its date is a <time> (kept on one line in 长者模式); the words are read without tags.
      const note = marked.replace(/<[^>]+>/g, '');
      if (state === '公示中') {
        assert.ok(note.startsWith(`公示进行中，截至${zhToday}`), `${rel}: running notice says "${note}"`);
        assert.ok(marked.includes(`>${zhToday}</time>`), `${rel}: the running notice's date is not a <time>: ${marked}`);
        assert.ok(!card.includes('公示期间未收到异议'), `${rel}: a running notice claims none were received`);
      } else if (state === '已结束') {
        assert.ok(note.startsWith('公示期间'), `${rel}: ended notice says "${note}"`);
      } else {
        assert.equal(state, '未开始', `${rel}: unknown state ${state}`);
        assert.equal(note, '公示尚未开始。');
      }
      if (state in seen) seen[state] += 1;
    }
  }
  assert.ok(seen.公示中 > 0 && seen.已结束 > 0, `the demo should have running and ended notices: ${JSON.stringify(seen)}`);
});

describe('short pages and readable charts at 360 px', () => {
  let context;
  before(async () => {
    context = await guardedContext(browser, site.server.origin, PHONE);
  });
  after(async () => {
    await context?.close();
  });

  test('the home page is a few screens long, running notices first', async () => {
    const { page } = await open(context, site.url('index.html'));
    try {
      await page.click('label[for="fs-normal"]');
      const look = await page.evaluate(() => ({
        height: document.documentElement.scrollHeight,
        firstSection: document.querySelector('main section h2')?.textContent,
      }));
      assert.equal(look.firstSection, '正在公示');
      assert.ok(look.height <= 6 * 740, `the home page is ${look.height}px tall at 360 px (more than 6 screens)`);
    } finally {
      await page.close();
    }
  });

  for (const kind of ['county', 'warehouse']) {
    test(`${kind}: chart labels are at least 12 px and bars run largest first or in the listed order`, async () => {
      const { page } = await open(context, site.url(kinds.find((k) => k.kind === kind).rel));
      try {
        await page.click('label[for="fs-normal"]');
        const charts = await page.evaluate(() =>
          [...document.querySelectorAll('svg.chart')].map((svg) => ({
            label: svg.getAttribute('aria-label'),
            smallest: Math.min(
              ...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a),
            ),
          })),
        );
        assert.ok(charts.length >= 2, `only ${charts.length} charts`);
        for (const c of charts) {
          assert.ok(c.smallest >= 12, `${c.label}: labels drawn at ${c.smallest.toFixed(1)} px`);
          assert.match(c.label, /（单位：万元）$/, 'the chart says its unit');
        }
        const orders = await page.evaluate(() =>
          [...document.querySelectorAll('.chart-block')].map((b) => ({
            caption: b.querySelector('caption').textContent,
            labels: [...b.querySelectorAll('tbody th')].map((th) => th.textContent),
            amounts: [...b.querySelectorAll('tbody tr')].map((tr) => parseFloat(tr.querySelectorAll('td')[1].textContent)),
          })),
        );
        for (const o of orders) {
          if (o.caption.includes('年度')) {
            assert.deepEqual(o.labels, [...o.labels].sort(), `${o.caption}: years in order`);
          } else if (!o.caption.includes('类型')) {
            assert.deepEqual(o.amounts, [...o.amounts].sort((a, b) => b - a), `${o.caption}: largest first`);
          }
        }
      } finally {
        await page.close();
      }
    });
  }
});
