// Every page kind in headless Chromium: axe-core with the WCAG 2.0/2.1 A and
// AA rules finds nothing, in the normal mode and in 长者模式; and every page of
// the site loads with no request leaving 127.0.0.1 and no console error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { axe, describeViolations, setElderMode } from './lib/checks.mjs';
import { launch, servedSite } from './lib/setup.mjs';
import { htmlFiles, pagesByKind } from './lib/site.mjs';

const site = await servedSite();
const kinds = pagesByKind(site.dir);
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

describe('axe (WCAG 2.0/2.1 A and AA) on every page kind', () => {
  for (const { kind, rel } of kinds) {
    for (const mode of ['normal', '长者模式']) {
      test(`${kind} (${rel}), ${mode}: no violations`, async () => {
        const { page, status } = await open(context, site.url(rel));
        try {
          assert.equal(status, 200);
          // The mode is remembered from page to page (modes.js): choose it each time.
          if (mode === '长者模式') await setElderMode(page);
          else await page.click('label[for="fs-normal"]');
          const violations = await axe(page);
          assert.deepEqual(violations.map((v) => v.id), [], `axe violations on ${rel} (${mode}):\n${describeViolations(violations)}`);
          const issues = describeIssues(takeIssues(context));
          assert.equal(issues, '', `while loading ${rel}`);
        } finally {
          await page.close();
        }
      });
    }
  }
});

test('every page loads with no request leaving 127.0.0.1, no console error and no broken resource', async () => {
  const files = htmlFiles(site.dir);
  assert.ok(files.length > 50, `only ${files.length} pages were built`);
  const problems = [];
  const page = await context.newPage();
  for (const rel of files) {
    const res = await page.goto(site.url(rel), { waitUntil: 'load' });
    if (res?.status() !== 200) problems.push(`${rel}: status ${res?.status()}`);
    const issues = describeIssues(takeIssues(context));
    if (issues) problems.push(`${rel}:\n${issues}`);
  }
  await page.close();
  assert.deepEqual(problems, []);
});

test('a missing page deep in the site gets the styled 404 page, and it stays on 127.0.0.1', async () => {
  const { page, status } = await open(context, site.server.base + 'projects/no-such-project/notice/village/');
  try {
    assert.equal(status, 404);
    assert.match(await page.title(), /页面未找到/);
    // The stylesheet loaded (through base_url): the band is the theme's deep red.
    const band = await page.evaluate(() => getComputedStyle(document.querySelector('.band')).backgroundColor);
    assert.equal(band, 'rgb(155, 27, 30)');
    const issues = takeIssues(context);
    // Chromium logs the 404 of the document itself as a console error; nothing else may appear.
    issues.console = issues.console.filter((m) => !/status of 404/.test(m));
    assert.equal(describeIssues(issues), '');
  } finally {
    await page.close();
  }
});
