// The text-size switch (标准 / 大 / 特大) and 长者模式 work with JavaScript
// turned off, with the mouse and with the keyboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { describeIssues, guardedContext, open, takeIssues } from './lib/browser.mjs';
import { launch, servedSite } from './lib/setup.mjs';
import { pagesByKind } from './lib/site.mjs';

const site = await servedSite();
const kinds = pagesByKind(site.dir);
const project = kinds.find((k) => k.kind === 'project').rel;
let browser;
let context;

before(async () => {
  browser = await launch();
  context = await guardedContext(browser, site.server.origin, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await browser?.close();
  await site.close();
});

/** What the switch changes: the root font size, the size and colour of body text, the line height. */
async function look(page) {
  return page.evaluate(() => {
    const p = document.querySelector('main p, main td') ?? document.querySelector('main');
    const cs = getComputedStyle(p);
    return {
      root: parseFloat(getComputedStyle(document.documentElement).fontSize),
      text: parseFloat(cs.fontSize),
      color: cs.color,
      lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
    };
  });
}

test('JavaScript really is off in this context', async () => {
  const page = await context.newPage();
  try {
    await page.setContent('<title>before</title><script>document.title = "ran"</script>');
    assert.equal(await page.title(), 'before');
  } finally {
    await page.close();
  }
});

test('with the mouse: 标准 / 大 / 特大 change the text size, 长者模式 makes it large and black, without JavaScript', async () => {
  const { page } = await open(context, site.url(project));
  try {
    const normal = await look(page);
    assert.equal(normal.root, 16);

    await page.click('label[for="fs-large"]');
    const large = await look(page);
    assert.ok(await page.isChecked('#fs-large'));
    assert.equal(large.root, 19);
    assert.ok(large.text > normal.text, `大: body text ${large.text}px is not larger than ${normal.text}px`);

    await page.click('label[for="fs-xlarge"]');
    const xlarge = await look(page);
    assert.equal(xlarge.root, 22);
    assert.ok(xlarge.text > large.text, `特大: body text ${xlarge.text}px is not larger than ${large.text}px`);

    await page.click('label[for="fs-normal"]');
    assert.deepEqual(await look(page), normal);

    // The pressed button shows which size is on, by more than colour: it is bold.
    const weight = await page.evaluate(() => getComputedStyle(document.querySelector('label[for="fs-normal"]')).fontWeight);
    assert.equal(weight, '700');

    await page.click('label[for="elder-mode"]');
    assert.ok(await page.isChecked('#elder-mode'));
    const elder = await look(page);
    assert.ok(elder.root >= 22, `长者模式: root font ${elder.root}px`);
    assert.ok(elder.text > normal.text);
    assert.equal(elder.color, 'rgb(0, 0, 0)', '长者模式 text is black');
    assert.ok(elder.lineHeight >= 1.99, `长者模式 line height ${elder.lineHeight}`);

    // 长者模式 is one of the four choices: 标准 turns it off again.
    await page.click('label[for="fs-normal"]');
    assert.ok(!(await page.isChecked('#elder-mode')));
    assert.deepEqual(await look(page), normal);
    assert.equal(describeIssues(takeIssues(context)), '');
  } finally {
    await page.close();
  }
});

test('with the keyboard: Tab to the size switch, arrow keys change the size and reach 长者模式, without JavaScript', async () => {
  const { page } = await open(context, site.url(project));
  try {
    const normal = await look(page);
    const tabTo = async (id) => {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
      }
      assert.fail(`#${id} was not reached with Tab`);
    };
    await tabTo('fs-normal');
    // Its label (the visible button) shows the focus.
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector('label[for="fs-normal"]')).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused size button shows a focus outline');
    await page.keyboard.press('ArrowRight');
    assert.ok(await page.isChecked('#fs-large'));
    assert.equal((await look(page)).root, 19);
    await page.keyboard.press('ArrowRight');
    assert.equal((await look(page)).root, 22);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal((await look(page)).root, 16);

    // 长者模式 is the fourth choice of the same group: one more arrow
    // after 特大, and the arrow wraps round to 标准.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.ok(await page.isChecked('#elder-mode'));
    assert.equal((await look(page)).color, 'rgb(0, 0, 0)');
    await page.keyboard.press('ArrowRight');
    assert.ok(await page.isChecked('#fs-normal'));
    assert.deepEqual(await look(page), normal);
    assert.equal(describeIssues(takeIssues(context)), '');
  } finally {
    await page.close();
  }
});

test('every page kind has the switch, and 长者模式 enlarges its text without JavaScript', async () => {
  const page = await context.newPage();
  try {
    const problems = [];
    for (const { kind, rel } of kinds) {
      await page.goto(site.url(rel));
      const before = await look(page);
      for (const id of ['fs-normal', 'fs-large', 'fs-xlarge', 'elder-mode']) {
        if ((await page.locator(`label[for="${id}"]`).count()) !== 1) problems.push(`${kind}: no button for #${id}`);
      }
      await page.click('label[for="elder-mode"]');
      const after = await look(page);
      if (!(after.text > before.text)) problems.push(`${kind} (${rel}): 长者模式 did not enlarge the text (${before.text}px → ${after.text}px)`);
    }
    assert.deepEqual(problems, []);
    assert.equal(describeIssues(takeIssues(context)), '');
  } finally {
    await page.close();
  }
});

test('exactly one of 标准 / 大 / 特大 / 长者模式 is shown as selected, whichever is chosen', async () => {
  const { page } = await open(context, site.url(project));
  try {
    for (const id of ['fs-normal', 'fs-large', 'fs-xlarge', 'elder-mode']) {
      await page.click(`label[for="${id}"]`);
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('.display-tools label')]
          .filter((l) => getComputedStyle(l).fontWeight === '700')
          .map((l) => l.htmlFor),
      );
      assert.deepEqual(shown, [id], `after choosing #${id}`);
    }
    assert.equal(describeIssues(takeIssues(context)), '');
  } finally {
    await page.close();
  }
});
