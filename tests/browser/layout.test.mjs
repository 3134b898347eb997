// Every page kind on a cheap phone (360 px) and an old PC (1280 px), and at
// 200% text size: no sideways scrolling, no text sticking out or cut off,
// nothing painted over text. A full-page screenshot of each is kept under
// target/browser/screenshots/ (CI artefacts, not committed).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, takeIssues } from './lib/browser.mjs';
import { layoutProblems, setElderMode, shortLines } from './lib/checks.mjs';
import { artefactDir, launch, servedSite } from './lib/setup.mjs';
import { pagesByKind } from './lib/site.mjs';

const site = await servedSite();
const kinds = pagesByKind(site.dir);
let browser;

/**
 * The views. "text 200%" is the browser's own text-size setting (Chrome's
 * font size, as a person with low vision sets it), made twice the default
 * (16 → 32 px): the theme sizes text in rem, so all of it doubles. "zoom 200%"
 * is page zoom on a 1280 px screen, i.e. a 640 px CSS viewport. (Pages are
 * laid out at device scale 1: a phone's scale 2 or 3 changes the pixels, not
 * the CSS layout, and keeps the screenshots small.)
 */
const VIEWS = [
  { name: '360', width: 360, height: 740 },
  { name: '1280', width: 1280, height: 800 },
  { name: '360-text200', width: 360, height: 740, textSize: 32 },
  { name: '1280-text200', width: 1280, height: 800, textSize: 32 },
  { name: '1280-zoom200', width: 640, height: 400 },
  { name: '360-elder', width: 360, height: 740, elder: true },
  { name: '360-large', width: 360, height: 740, mode: 'fs-large' },
  { name: '360-xlarge', width: 360, height: 740, mode: 'fs-xlarge' },
];

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site.close();
});

for (const view of VIEWS) {
  describe(`layout at ${view.name}`, () => {
    let context;
    const shots = artefactDir('screenshots', view.name);
    before(async () => {
      context = await guardedContext(browser, site.server.origin, {
        viewport: { width: view.width, height: view.height },
        isMobile: view.width < 400,
        hasTouch: view.width < 400,
      });
    });
    after(async () => {
      await context?.close();
    });

    for (const { kind, rel } of kinds) {
      test(`${kind} (${rel})`, async () => {
        const page = await context.newPage();
        try {
          if (view.textSize) {
            const cdp = await context.newCDPSession(page);
            await cdp.send('Page.setFontSizes', { fontSizes: { standard: view.textSize, fixed: Math.round(view.textSize * 0.8125) } });
          }
          const res = await page.goto(site.url(rel), { waitUntil: 'load' });
          assert.equal(res?.status(), 200);
          await page.evaluate(() => document.fonts.ready.then(() => true));
          if (view.elder) await setElderMode(page);
          if (view.mode) await page.click(`label[for="${view.mode}"]`);
          if (view.textSize) {
            const px = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main')).fontSize));
            assert.ok(px >= view.textSize * 0.99, `text did not grow with the browser's text size: main is ${px}px`);
          }
          const problems = await layoutProblems(page);
          await page.screenshot({ path: path.join(shots, `${kind}.png`), fullPage: true });
          assert.deepEqual(problems, [], `layout problems on ${rel} at ${view.name}`);
          // On a phone, in every mode: no text squeezed one or two characters a line.
          if (view.width < 400) assert.deepEqual(await shortLines(page), [], `text squeezed on ${rel} at ${view.name}`);
          assert.equal(describeIssues(takeIssues(context)), '');
        } finally {
          await page.close();
        }
      });
    }
  });
}
