// Keyboard use on every page kind: the first Tab lands on a visible skip
// link that jumps to the main content; Tab reaches every link and control,
// each with a visible focus indicator, on screen when focused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { tabThrough } from './lib/checks.mjs';
import { launch, servedSite } from './lib/setup.mjs';
import { pagesByKind } from './lib/site.mjs';

const site = await servedSite();
const kinds = pagesByKind(site.dir);
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site.close();
});

for (const width of [1280, 360]) {
  describe(`keyboard at ${width} px`, () => {
    let context;
    before(async () => {
      context = await guardedContext(browser, site.server.origin, { viewport: { width, height: 800 } });
    });
    after(async () => {
      await context?.close();
    });

    for (const { kind, rel } of kinds) {
      test(`${kind} (${rel}): skip link first, every control reached with visible focus`, async () => {
        const { page } = await open(context, site.url(rel));
        try {
          const { stops, unreached, problems } = await tabThrough(page);
          assert.ok(stops.length >= 5, `only ${stops.length} Tab stops on ${rel}`);
          assert.deepEqual(unreached, [], `not reachable with Tab on ${rel}`);
          assert.deepEqual(problems, [], `focus problems on ${rel}`);

          // The skip link: the first stop, visible once focused, and it moves focus to <main>.
          await page.reload();
          await page.keyboard.press('Tab');
          const skip = await page.evaluate(() => {
            const el = document.activeElement;
            const r = el.getBoundingClientRect();
            return {
              text: el.textContent.trim(),
              href: el.getAttribute('href'),
              visible: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
            };
          });
          assert.equal(skip.text, '跳到正文', 'the first Tab stop is the skip link');
          assert.equal(skip.href, '#main');
          assert.ok(skip.visible, 'the skip link is visible when it has focus');
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link moves focus to the main content');
          await page.keyboard.press('Tab');
          const next = await page.evaluate(() => {
            const main = document.getElementById('main');
            const el = document.activeElement;
            return main.contains(el) || Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
          });
          assert.ok(next, 'after the skip link, Tab continues from the main content (not back in the header)');
          assert.equal(describeIssues(takeIssues(context)), '');
        } finally {
          await page.close();
        }
      });
    }
  });
}
