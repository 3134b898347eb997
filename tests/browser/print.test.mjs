// Printing a project's notice for the bulletin board: Chromium's print to
// PDF gives exactly one A4 page (pdfinfo) whose text (pdftotext) holds the
// project name, the 公示期 dates and 12317, and whose QR code (pdftoppm +
// zbarimg) decodes to the project's URL, which serves that project's page.
// The paper must also take the seal: a 45 mm square around the issuer and
// date (落款) holds no other word (pdftotext -bbox-layout) and no other ink
// (pdftoppm), so the 公章 can be stamped over them. It is set in a Song or
// Fangsong face (the fonts named in the PDF), prints the URL without its
// scheme on one line, and a township notice says when the village notice ran.
// The PDFs are kept under target/browser/notices/ (CI artefacts).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
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

const MM = 72 / 25.4;
/** The square a seal (公章, 42 mm across) needs over the 落款, with a little play, in points. */
const SEAL = 45 * MM;
/** @page margin of print-notice.css. */
const MARGIN = 15 * MM;

/**
 * pdftotext -bbox-layout → the page size and its lines, each with its words
 * and their boxes in points (origin top left).
 */
function pdfLines(file) {
  const r = run(requireTool('pdftotext'), ['-bbox-layout', '-enc', 'UTF-8', '-f', '1', '-l', '1', file, '-']);
  assert.equal(r.status, 0, r.stderr);
  const [, width, height] = r.stdout.match(/<page width="([\d.]+)" height="([\d.]+)">/) ?? [];
  const box = (attrs) => {
    const v = (k) => Number(attrs.match(new RegExp(`${k}="([\\d.]+)"`))[1]);
    return { x0: v('xMin'), y0: v('yMin'), x1: v('xMax'), y1: v('yMax') };
  };
  const unescape = (t) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const lines = [...r.stdout.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)].map(([, , body]) =>
    [...body.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map(([, attrs, text]) => ({ text: unescape(text), ...box(attrs) })),
  );
  return { width: Number(width), height: Number(height), lines };
}

/** The words of the lowest run of consecutive words on one line that spell `target`. */
function findWords(lines, target) {
  let found = null;
  for (const words of lines) {
    for (let i = 0; i < words.length; i++) {
      let text = '';
      for (let j = i; j < words.length && text.length < target.length; j++) {
        text += words[j].text;
        if (text === target && (!found || words[i].y0 >= found[0].y0)) found = words.slice(i, j + 1);
      }
    }
  }
  return found;
}

const union = (boxes) => ({
  x0: Math.min(...boxes.map((b) => b.x0)),
  y0: Math.min(...boxes.map((b) => b.y0)),
  x1: Math.max(...boxes.map((b) => b.x1)),
  y1: Math.max(...boxes.map((b) => b.y1)),
});
const intersects = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (x, y, b) => x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
const fmt = (b) => `[${(b.x0 / MM).toFixed(1)}, ${(b.y0 / MM).toFixed(1)}] – [${(b.x1 / MM).toFixed(1)}, ${(b.y1 / MM).toFixed(1)}] mm`;

/** Renders page 1 in grey at `dpi` → { width, height, pixels } (pdftoppm writes PGM, P5). */
function pdfGrey(file, dpi) {
  const prefix = file.replace(/\.pdf$/, `-${dpi}dpi`);
  const r = run(requireTool('pdftoppm'), ['-r', String(dpi), '-gray', '-f', '1', '-l', '1', '-singlefile', file, prefix]);
  assert.equal(r.status, 0, r.stderr);
  const data = fs.readFileSync(`${prefix}.pgm`);
  fs.rmSync(`${prefix}.pgm`, { force: true });
  const header = data.toString('latin1', 0, 64).match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
  assert.ok(header, 'pdftoppm -gray writes a binary PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: data.subarray(whole.length) };
}

/**
 * Asserts the seal's room on the printed page: a 45 × 45 mm square centred
 * on the 落款 (the issuers, each on its line, and the date: a clerk stamps
 * the seal over them) lies at the lower right, no other word's box meets
 * it, and no pixel in it is dark outside the 落款's own words (which
 * catches the QR code and table lines, drawn without words). An issuer's
 * name longer than the seal widens the square to the name.
 */
function assertSealRoom(file, issuer, date) {
  const { width, height, lines } = pdfLines(file);
  const signed = [...issuer.split('、'), date].map((t) => {
    const words = findWords(lines, t);
    assert.ok(words, `the printed notice shows "${t}" of its 落款 on a line of its own`);
    return union(words);
  });
  // Each line of the 落款 right under the one before (not a match elsewhere on the page).
  for (let i = 1; i < signed.length; i++) {
    const step = signed[i].y0 - signed[i - 1].y0;
    assert.ok(step > 0 && step < 12 * MM, `the 落款's line ${i + 1} ${fmt(signed[i])} is not right under ${fmt(signed[i - 1])}`);
  }
  const seal = lines.flat().filter((w) => signed.some((b) => inside(w.x0, w.y0, b) && inside(w.x1, w.y1, b)));
  const sig = union(signed);
  assert.ok(sig.y1 - sig.y0 <= SEAL, `the 落款 ${fmt(sig)} is taller than the seal`);
  // The square centred on the 落款, kept on the paper.
  const [sw, sh] = [Math.max(SEAL, sig.x1 - sig.x0), SEAL];
  const cx = Math.min(Math.max((sig.x0 + sig.x1) / 2, sw / 2), width - sw / 2);
  const cy = Math.min(Math.max((sig.y0 + sig.y1) / 2, sh / 2), height - sh / 2);
  const square = { x0: cx - sw / 2, y0: cy - sh / 2, x1: cx + sw / 2, y1: cy + sh / 2 };
  assert.ok(cx > width / 2 && cy > height / 2, `the 落款 ${fmt(sig)} is not at the lower right of the page`);

  const others = lines.flat().filter((w) => !seal.includes(w) && intersects(w, square));
  assert.deepEqual(others.map((w) => `${w.text} ${fmt(w)}`), [], `words inside the seal's square ${fmt(square)}`);

  // pdftotext's boxes of Chromium's (Type 3) glyphs are taller than the
  // glyphs, so the 落款's own boxes are left out generously; a QR code or a
  // table line in the square would still show beside them.
  const dpi = 100;
  const img = pdfGrey(file, dpi);
  const px = (pt) => (pt * dpi) / 72;
  const pad = 1;
  const own = seal.map((w) => ({ x0: w.x0 - pad, y0: w.y0 - pad, x1: w.x1 + pad, y1: w.y1 + pad }));
  let dark = null;
  for (let y = Math.ceil(px(square.y0)); y < Math.min(img.height, px(square.y1)); y++) {
    for (let x = Math.ceil(px(square.x0)); x < Math.min(img.width, px(square.x1)); x++) {
      if (img.pixels[y * img.width + x] >= 128) continue;
      const [ptx, pty] = [(x * 72) / dpi, (y * 72) / dpi];
      if (own.some((b) => inside(ptx, pty, b))) continue;
      dark = dark ? union([dark, { x0: ptx, y0: pty, x1: ptx, y1: pty }]) : { x0: ptx, y0: pty, x1: ptx, y1: pty };
    }
  }
  assert.equal(dark && fmt(dark), null, `ink inside the seal's square ${fmt(square)}, outside the 落款`);
}

/**
 * The fonts the PDF's text is set in. Chromium embeds its glyphs as Type 3
 * fonts, which pdffonts lists as "[none]"; the font each was made from is
 * named in its /FontDescriptor (/FontName, /FontFamily), read from the file.
 */
function pdfFonts(file) {
  const r = run(requireTool('pdffonts'), [file]);
  assert.equal(r.status, 0, r.stderr);
  const listed = r.stdout.split('\n').slice(2).map((l) => l.split(/\s+/)[0]).filter((n) => n && n !== '[none]');
  const raw = fs.readFileSync(file, 'latin1');
  const described = [
    ...[...raw.matchAll(/\/FontName\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1]),
    ...[...raw.matchAll(/\/FontFamily\s*\(([^)]*)\)/g)].map((m) => m[1]),
  ];
  return [...new Set([...listed, ...described])].sort();
}

/** A Song (宋), Fangsong (仿宋) or other serif CJK face, by the names fonts go by. */
const SERIF_CJK = /Serif ?CJK|SerifCJK|Source ?Han ?Serif|SourceHanSerif|FangSong|Fangsong|SimSun|NSimSun|STSong|Songti|STFangsong/i;

/** The URL a notice prints under its QR code: the project page's, without the scheme. */
function shortUrlOf(id) {
  return `${site.server.base.replace(/^[a-z]+:\/\//, '')}projects/${id}/`;
}

/**
 * GET over a connection of its own. The checks above block the event loop
 * (spawnSync) for longer than the test server's keep-alive timeout, and
 * fetch then sometimes reuses a pooled connection the server has just
 * closed ("fetch failed").
 */
function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', reject);
  });
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
      const res = await get(url);
      assert.equal(res.status, 200, `the QR code's URL ${url} is served`);
      assert.ok(res.body.includes(`<title>${project.name}`), `the QR code's URL ${url} is ${id}'s page`);

      // Chinese text takes full-width brackets （）, the rule's name included.
      assert.deepEqual(text.match(/[^()]{0,12}[()][^()]{0,12}/g) ?? [], [], 'half-width brackets in the PDF text');

      // The seal's room around the issuer and the date (the notice's first day).
      assertSealRoom(file, notice.issuer, zhDate(notice.start));

      // The URL under the code, without its scheme, whole on one line and
      // inside the printable width.
      const short = shortUrlOf(id);
      const lines = pdfText(file).split('\n').map((l) => l.trim());
      assert.ok(lines.includes(short), `the PDF text has no line reading ${short}`);
      assert.ok(!text.includes('://'), 'the PDF text prints a URL with its scheme');
      const { width, lines: boxes } = pdfLines(file);
      const urlBox = findWords(boxes, short);
      assert.ok(urlBox, `${short} is one run of words on one line`);
      const u = union(urlBox);
      assert.ok(u.x0 >= MARGIN - 1 && u.x1 <= width - MARGIN + 1, `the URL ${fmt(u)} runs outside the printable width`);

      // Set in a Song or Fangsong face (a serif CJK one here), and nothing
      // fell back to the site's sans-serif face.
      const fonts = pdfFonts(file);
      assert.ok(fonts.some((f) => SERIF_CJK.test(f)), `no Song, Fangsong or serif CJK font in the PDF: ${fonts.join(', ')}`);
      assert.deepEqual(fonts.filter((f) => /sans/i.test(f)), [], 'the notice prints in a sans-serif font');

      // A township notice says when and where the village notice before it ran (the latest that
      // ended before it began, not a later one for a change); a village notice has nothing before it.
      const village = project.notices
        .filter((n) => n.level === 'village' && n.end < notice.start)
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
        .at(-1);
      if (level === 'township' && village) {
        const ran = `该项目已于${zhDate(village.start)}至${zhDate(village.end)}在${village.boards.join('、')}进行村级公示，公示期满。`;
        assert.ok(text.includes(ran), `the township notice lacks "${ran}"`);
      } else {
        assert.ok(!text.includes('该项目已于'), `the ${level} notice speaks of an earlier notice`);
      }
    });
  }
});

test('the village and the township notice of a project are titled apart, by their level', async () => {
  const both = [...new Set(notices.filter((n) => n.level === 'township').map((n) => n.id))].filter((id) =>
    notices.some((n) => n.id === id && n.level === 'village'),
  );
  assert.ok(both.length >= 3, `projects with a village and a township notice: ${both.length}`);
  const heading = async (rel) => {
    const { page, status } = await open(context, site.url(rel));
    try {
      assert.equal(status, 200);
      return (await page.textContent('h1')).trim();
    } finally {
      await page.close();
    }
  };
  for (const id of both) {
    const name = projects.find((p) => p.id === id).name;
    const village = await heading(`projects/${id}/notice/village/`);
    const township = await heading(`projects/${id}/notice/township/`);
    assert.notEqual(village, township, `${id}'s two notices share the heading ${village}`);
    assert.equal(village, `关于${name}的村级公示`);
    assert.equal(township, `关于${name}的乡镇级公示`);
    // And so they print: the PDFs of the loop above hold their own heading.
    for (const [level, h] of [['village', village], ['township', township]]) {
      const file = path.join(pdfDir, `${id}-${level}.pdf`);
      assert.ok(fs.existsSync(file), `${file} was printed`);
      assert.ok(pdfText(file).replace(/\s+/g, '').includes(h), `${id}'s ${level} notice does not print ${h}`);
    }
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
  const notice = projects.find((p) => p.id === id).notices.filter((n) => n.level === 'village').at(-1);
  assertSealRoom(file, notice.issuer, zhDate(notice.start));
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

// The works' printables (issue 18): the 项目公示牌 put up at the works is one
// A3 landscape sheet, the 竣工公告 one A4 page; each prints the project's
// name and 12317, and its QR code opens the project page. Same tools as the
// notices above; the PDFs go to target/browser/works/.
const works = htmlFiles(site.dir)
  .map((rel) => rel.match(/^projects\/([^/]+)\/(sign|completion)\/index\.html$/))
  .filter(Boolean)
  .map(([rel, id, kind]) => ({ rel, id, kind }));
const worksDir = artefactDir('works');
const isA3Landscape = (info) => Math.abs(info.width - 1190.55) < 1.5 && Math.abs(info.height - 841.89) < 1.5;

describe('every 项目公示牌 is one A3 landscape page and every 竣工公告 one A4 page, with a working QR code', () => {
  test('the demo has signs and completion notices to print', () => {
    assert.ok(works.filter((w) => w.kind === 'sign').length >= 5, `signs: ${works.length}`);
    assert.ok(works.some((w) => w.kind === 'completion' && w.id === 'QL-2025-0001'), 'QL-2025-0001 has its 竣工公告');
  });

  for (const { rel, id, kind } of works) {
    test(`${id} ${kind} (${rel})`, async () => {
      const project = projects.find((p) => p.id === id);
      assert.ok(project, `${id} is in data/projects.json`);
      const { page, status } = await open(context, site.url(rel));
      const file = path.join(worksDir, `${id}-${kind}.pdf`);
      try {
        assert.equal(status, 200);
        await printToPdf(page, file);
        assert.equal(describeIssues(takeIssues(context)), '');
      } finally {
        await page.close();
      }
      const info = pdfInfo(file);
      assert.equal(info.pages, 1, `${rel} prints on ${info.pages} pages`);
      if (kind === 'sign') assert.ok(isA3Landscape(info), `${rel} is not A3 landscape:\n${info.raw}`);
      else assert.ok(isA4(info), `${rel} is not A4:\n${info.raw}`);

      const text = pdfText(file).replace(/\s+/g, '');
      assert.ok(text.includes(project.name), `the PDF text lacks the project name ${project.name}`);
      assert.ok(text.includes('12317'), 'the PDF text lacks the supervision phone 12317');
      assert.ok(text.includes(kind === 'sign' ? '项目公示牌' : '竣工验收'), `the PDF text does not say what it is`);
      assert.deepEqual(text.match(/[^()]{0,12}[()][^()]{0,12}/g) ?? [], [], 'half-width brackets in the PDF text');

      const url = `${site.server.base}projects/${id}/`;
      assert.deepEqual(pdfQrCodes(file), [url], 'the QR code decodes to the project page URL');
      const res = await get(url);
      assert.equal(res.status, 200, `the QR code's URL ${url} is served`);
      assert.ok(res.body.includes(`<title>${project.name}`), `the QR code's URL ${url} is ${id}'s page`);
    });
  }
});
