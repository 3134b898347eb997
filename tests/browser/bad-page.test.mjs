// The checks catch a bad page: a page made deliberately bad is written into a
// temporary copy of the built site and run through the same functions the
// other tests use on the real pages.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { guardedContext, open, takeIssues } from './lib/browser.mjs';
import { EXTERNAL_IMAGE, EXTERNAL_SCRIPT, withBadPage } from './lib/badpage.mjs';
import { axe, layoutProblems, tabThrough } from './lib/checks.mjs';
import { launch, servedSite } from './lib/setup.mjs';

const site = await servedSite();
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-bad-'));
const bad = withBadPage(site.dir, copy);
site.server.root = copy;
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site.close();
  fs.rmSync(copy, { recursive: true, force: true });
});

test('axe reports the missing alt text and the low contrast', async () => {
  const context = await guardedContext(browser, site.server.origin);
  const { page } = await open(context, site.url(bad));
  const ids = (await axe(page)).map((v) => v.id);
  assert.ok(ids.includes('image-alt'), `axe found: ${ids.join(', ')}`);
  assert.ok(ids.includes('color-contrast'), `axe found: ${ids.join(', ')}`);
  await context.close();
});

test('the request guard reports (and blocks) the external script and image; console errors and exceptions are caught', async () => {
  const context = await guardedContext(browser, site.server.origin);
  await open(context, site.url(bad));
  const issues = takeIssues(context);
  assert.ok(issues.external.includes(EXTERNAL_SCRIPT), `external requests seen: ${issues.external.join(', ')}`);
  assert.ok(issues.external.includes(EXTERNAL_IMAGE), `external requests seen: ${issues.external.join(', ')}`);
  assert.ok(issues.console.some((m) => m.includes('坏页面的控制台错误')), `console errors seen: ${issues.console.join(' | ')}`);
  assert.ok(issues.pageErrors.some((m) => m.includes('坏页面的未捕获异常')), `exceptions seen: ${issues.pageErrors.join(' | ')}`);
  await context.close();
});

test('the layout check reports sideways scrolling and the box over the text at 360 px', async () => {
  const context = await guardedContext(browser, site.server.origin, { viewport: { width: 360, height: 740 } });
  const { page } = await open(context, site.url(bad));
  const problems = await layoutProblems(page);
  assert.ok(problems.some((p) => p.startsWith('page scrolls sideways')), problems.join('\n'));
  assert.ok(problems.some((p) => /text outside the 360px viewport.*这一段文字比手机屏幕还宽/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /div\.cover covers the text "这段文字被一个白色方块盖住了。"/.test(p)), problems.join('\n'));
  await context.close();
});

test('the keyboard check reports the invisible focus, and there is no skip link first', async () => {
  const context = await guardedContext(browser, site.server.origin);
  const { page } = await open(context, site.url(bad));
  const { stops, problems } = await tabThrough(page);
  assert.ok(problems.some((p) => p.includes('no visible focus indicator') && p.includes('没有焦点框的链接')), problems.join('\n'));
  assert.ok(!stops[0].desc.includes('跳到正文'));
  await context.close();
});

test('the same checks find nothing on a good page of the same copy', async () => {
  // So the findings above come from the bad page, not from the copy or the server.
  const context = await guardedContext(browser, site.server.origin, { viewport: { width: 360, height: 740 } });
  const { page } = await open(context, site.url('pages/about/index.html'));
  assert.deepEqual((await axe(page)).map((v) => v.id), []);
  assert.deepEqual(await layoutProblems(page), []);
  assert.deepEqual(takeIssues(context), { external: [], console: [], pageErrors: [], broken: [] });
  await context.close();
});
