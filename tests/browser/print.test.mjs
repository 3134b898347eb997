// Printing a project's notice for the bulletin board: Chromium's print to
// PDF gives exactly one A4 page (pdfinfo) whose text (pdftotext) holds the
// project name, the 公示期 dates and 12317, and whose QR code (pdftoppm +
// zbarimg) decodes to the project's URL, which serves that project's page.
// The PDFs are kept under target/browser/notices/ (CI artefacts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { artefactDir, launch, servedSite } from './lib/setup.mjs';
import { htmlFiles } from './lib/site.mjs';
import { requireTool, run } from './lib/tools.mjs';

const site = await servedSite();
const projects = JSON.parse(fs.readFileSync(path.join(site.dir, 'data', 'projects.json'), 'utf8'));
const notices = htmlFiles(site.dir)
  .map((rel) => rel.match(/^projects\/([^/]+)\/notice\/([^/]+)\/index\.html$/))
  .filter(Boolean)
  .map(([rel, id, level]) => ({ rel, id, level }));
const pdfDir = artefactDir('notices');
let browser;
let context;

before(async () => {
  browser = await launch();
  context = await guardedContext(browser, site.server.origin, { viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await browser?.close();
  await site.close();
});

/** "2026-03-01" → "2026年3月1日", as the site writes dates. */
function zhDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Prints the page to an A4 PDF the way a browser's print dialog does (no header or footer). */
async function printToPdf(page, file) {
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
}

/** pdfinfo → { pages, width, height } in points. */
function pdfInfo(file) {
  const r = run(requireTool('pdfinfo'), [file]);
  assert.equal(r.status, 0, r.stderr);
  const pages = Number(r.stdout.match(/^Pages:\s+(\d+)/m)?.[1]);
  const [, w, h] = r.stdout.match(/^Page size:\s+([\d.]+) x ([\d.]+) pts/m) ?? [];
  return { pages, width: Number(w), height: Number(h), raw: r.stdout };
}

function pdfText(file) {
  const r = run(requireTool('pdftotext'), ['-enc', 'UTF-8', file, '-']);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Renders page 1 at 150 dpi in grey and reads every QR code on it. */
function pdfQrCodes(file) {
  const prefix = file.replace(/\.pdf$/, '');
  const r = run(requireTool('pdftoppm'), ['-r', '150', '-gray', '-png', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  assert.equal(r.status, 0, r.stderr);
  const z = run(requireTool('zbarimg'), ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', `${prefix}.png`]);
  fs.rmSync(`${prefix}.png`, { force: true });
  // zbarimg exits 4 when it finds no code.
  return z.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

const isA4 = (info) => Math.abs(info.width - 595.28) < 1.5 && Math.abs(info.height - 841.89) < 1.5;

describe('every printable notice is one A4 page with the facts and a working QR code', () => {
  test('the demo has village notices to print', () => {
    assert.ok(notices.filter((n) => n.level === 'village').length >= 5, `village notices: ${notices.length}`);
  });

  for (const { rel, id, level } of notices) {
    test(`${id} ${level} notice (${rel})`, async () => {
      const project = projects.find((p) => p.id === id);
      assert.ok(project, `${id} is in data/projects.json`);
      // The notice of that level that counts: the last one (a notice re-run after an upheld objection replaces the first).
      const notice = project.notices.filter((n) => n.level === level).at(-1);
      assert.ok(notice, `${id} has a ${level} notice`);

      const { page, status } = await open(context, site.url(rel));
      const file = path.join(pdfDir, `${id}-${level}.pdf`);
      try {
        assert.equal(status, 200);
        await printToPdf(page, file);
        assert.equal(describeIssues(takeIssues(context)), '');
      } finally {
        await page.close();
      }

      const info = pdfInfo(file);
      assert.equal(info.pages, 1, `${rel} prints on ${info.pages} pages`);
      assert.ok(isA4(info), `${rel} is not A4:\n${info.raw}`);

      const text = pdfText(file).replace(/\s+/g, '');
      assert.ok(text.includes(project.name), `the PDF text lacks the project name ${project.name}`);
      assert.ok(text.includes('公示期'), 'the PDF text lacks 公示期');
      assert.ok(text.includes(`${zhDate(notice.start)}至${zhDate(notice.end)}`), `the PDF text lacks the 公示期 ${zhDate(notice.start)}至${zhDate(notice.end)}`);
      assert.ok(text.includes('12317'), 'the PDF text lacks the supervision phone 12317');
      // A joint notice's issuers (甲、乙) sign on a line each.
      for (const issuer of notice.issuer.split('、')) {
        assert.ok(text.includes(issuer), `the PDF text lacks the issuer ${issuer}`);
      }

      const codes = pdfQrCodes(file);
      const url = `${site.server.base}projects/${id}/`;
      assert.deepEqual(codes, [url], 'the QR code decodes to the project page URL');
      const res = await fetch(url);
      assert.equal(res.status, 200, `the QR code's URL ${url} is served`);
      assert.ok((await res.text()).includes(`<title>${project.name}`), `the QR code's URL ${url} is ${id}'s page`);
    });
  }
});

test('a village notice still prints on one A4 page when 特大 and 长者模式 are on', async () => {
  const { rel, id } = notices.find((n) => n.level === 'village');
  const { page } = await open(context, site.url(rel));
  const file = path.join(pdfDir, `${id}-village-elder.pdf`);
  try {
    await page.click('label[for="fs-xlarge"]');
    await page.click('label[for="elder-mode"]');
    await printToPdf(page, file);
  } finally {
    await page.close();
  }
  const info = pdfInfo(file);
  assert.equal(info.pages, 1);
  assert.ok(isA4(info));
  assert.deepEqual(pdfQrCodes(file), [`${site.server.base}projects/${id}/`]);
});

test('an ordinary page prints without navigation, black on white', async () => {
  const rel = htmlFiles(site.dir).find((r) => /^projects\/[^/]+\/index\.html$/.test(r));
  const { page } = await open(context, site.url(rel));
  try {
    await page.emulateMedia({ media: 'print' });
    const look = await page.evaluate(() => ({
      nav: getComputedStyle(document.querySelector('.site-nav')).display,
      tools: getComputedStyle(document.querySelector('.display-tools')).display,
      color: getComputedStyle(document.body).color,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    assert.deepEqual(look, { nav: 'none', tools: 'none', color: 'rgb(0, 0, 0)', background: 'rgb(255, 255, 255)' });
  } finally {
    await page.close();
  }
});
