// A 项目库公告 (announcement) page: printed, it is landscape A4 and its 明细表
// — thirteen columns, fourteen for an adjustment — stays inside the page's
// printable width on every page (pdftotext -bbox-layout), with every
// project's id and the 落款 on paper; on a 360 px phone, normal and in
// 长者模式, the page does not scroll sideways and the 明细表 reads as cards
// (one project a card, its cells as "label：value" lines). The PDFs are kept
// under target/browser/announcements/ (CI artefacts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { setElderMode } from './lib/checks.mjs';
import { artefactDir, launch, servedSite } from './lib/setup.mjs';
import { htmlFiles } from './lib/site.mjs';
import { requireTool, run } from './lib/tools.mjs';

const site = await servedSite();
const announcements = htmlFiles(site.dir).filter((rel) => /^counties\/[^/]+\/warehouse\/\d+\/[^/]+\/index\.html$/.test(rel));
const pdfDir = artefactDir('announcements');
const MM = 72 / 25.4;
/** @page margin of print-announcement.css. */
const MARGIN = 10 * MM;
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site.close();
});

/** pdfinfo → { pages, width, height } in points. */
function pdfInfo(file) {
  const r = run(requireTool('pdfinfo'), [file]);
  assert.equal(r.status, 0, r.stderr);
  const pages = Number(r.stdout.match(/^Pages:\s+(\d+)/m)?.[1]);
  const [, w, h] = r.stdout.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m) ?? [];
  return { pages, width: Number(w), height: Number(h), raw: r.stdout };
}

/** Every word on every page with its box in points: { page, width, words: [{ text, x0, x1 }] }. */
function pdfWords(file) {
  const r = run(requireTool('pdftotext'), ['-bbox', '-enc', 'UTF-8', file, '-']);
  assert.equal(r.status, 0, r.stderr);
  return [...r.stdout.matchAll(/<page width="([\d.]+)" height="[\d.]+">([\s\S]*?)<\/page>/g)].map(([, width, body], i) => ({
    page: i + 1,
    width: Number(width),
    words: [...body.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
      ([, x0, x1, text]) => ({ text, x0: Number(x0), x1: Number(x1) }),
    ),
  }));
}

function pdfText(file) {
  const r = run(requireTool('pdftotext'), ['-enc', 'UTF-8', file, '-']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.replace(/\s+/g, '');
}

test('the demo has announcements to print', () => {
  assert.ok(announcements.length >= 2, `announcement pages: ${announcements.join(', ')}`);
});

describe('an announcement prints on landscape A4 with its 明细表 inside the page width', () => {
  let context;
  before(async () => {
    context = await guardedContext(browser, site.server.origin, { viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await context?.close();
  });
  for (const rel of announcements) {
    test(rel, async () => {
      const { page, status } = await open(context, site.url(rel));
      const file = path.join(pdfDir, `${rel.split('/').at(-2)}.pdf`);
      let ids;
      let issuer;
      try {
        assert.equal(status, 200);
        ids = await page.$$eval('table.detail td[data-label="项目编号"]', (tds) => tds.map((td) => td.textContent.trim()));
        issuer = (await page.textContent('.signature')).trim();
        // The table as laid out for print is no wider than its container.
        await page.emulateMedia({ media: 'print' });
        const overflow = await page.$eval('table.detail', (t) => t.scrollWidth - t.parentElement.clientWidth);
        assert.ok(overflow <= 1, `the 明细表 is ${overflow} px wider than the printed page`);
        await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
        assert.equal(describeIssues(takeIssues(context)), '');
      } finally {
        await page.close();
      }
      const info = pdfInfo(file);
      assert.ok(info.width > info.height, `${rel} does not print landscape:\n${info.raw}`);
      assert.ok(Math.abs(info.width - 841.89) < 1.5 && Math.abs(info.height - 595.28) < 1.5, `${rel} is not A4:\n${info.raw}`);
      for (const p of pdfWords(file)) {
        const outside = p.words.filter((w) => w.x0 < MARGIN - 2 || w.x1 > p.width - MARGIN + 2);
        assert.deepEqual(outside.map((w) => w.text), [], `page ${p.page}: words outside the printable width`);
      }
      const text = pdfText(file);
      // Names wrap inside their cells (and pdftotext reads across the
      // columns); each project's id is short enough to stay on one line.
      assert.ok(ids.length > 0, 'the 明细表 lists projects');
      for (const id of ids) assert.ok(text.includes(id), `the PDF lacks ${id}`);
      assert.ok(text.includes('12317'), 'the PDF lacks 12317');
      assert.ok(text.includes(issuer.replace(/\s+/g, '')), 'the PDF lacks the 落款');
    });
  }
});

for (const mode of ['normal', '长者模式']) {
  describe(`an announcement on a 360 px phone, ${mode}`, () => {
    let context;
    before(async () => {
      context = await guardedContext(browser, site.server.origin, PHONE);
    });
    after(async () => {
      await context?.close();
    });
    for (const rel of announcements) {
      test(`${rel}: no sideways scroll, the 明细表 as cards`, async () => {
        const { page, status } = await open(context, site.url(rel));
        try {
          assert.equal(status, 200);
          if (mode === '长者模式') await setElderMode(page);
          const m = await page.evaluate(() => {
            const doc = document.documentElement;
            const row = document.querySelector('table.detail tbody tr');
            const wrap = document.querySelector('.detail-wrap');
            return {
              sideways: doc.scrollWidth > doc.clientWidth,
              width: doc.scrollWidth,
              rowDisplay: row && getComputedStyle(row).display,
              wrapScrolls: wrap.scrollWidth > wrap.clientWidth + 1,
              label: row && getComputedStyle(row.querySelector('td[data-label]'), '::before').content,
            };
          });
          assert.equal(m.sideways, false, `the page is ${m.width} px wide`);
          assert.equal(m.rowDisplay, 'block', 'a 明细表 row is a card');
          assert.equal(m.wrapScrolls, false, 'the 明细表 scrolls sideways');
          assert.match(m.label ?? '', /：/, 'a card cell says its label');
          assert.equal(describeIssues(takeIssues(context)), '');
        } finally {
          await page.close();
        }
      });
    }
  });
}
