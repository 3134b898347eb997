// Debian's Chromium driven by playwright-core, and the guards every page load
// goes through: no request may leave the test server, no console error, no
// uncaught exception, no broken local resource.
import { chromium } from 'playwright-core';

import { requireCjkFont, requireTool } from './tools.mjs';

/** Flags for running as root in a closed network (CI containers, this sandbox). */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--font-render-hinting=none',
];

/** Launches headless Debian Chromium; fails (naming the package) when it is missing. */
export async function launch() {
  const executablePath = requireTool('chromium');
  requireCjkFont();
  // playwright gives every launch a fresh, empty profile (--user-data-dir) of its own.
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}

/**
 * A new context whose every request is checked: requests to `origin` go
 * through, any other (http, https, ws …) is aborted and recorded in
 * `context.issues.external`. Options are passed to browser.newContext.
 */
export async function guardedContext(browser, origin, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  const issues = { external: [], console: [], pageErrors: [], broken: [] };
  context.issues = issues;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/')) return route.continue();
    issues.external.push(url);
    return route.abort('blockedbyclient');
  });
  context.on('page', (page) => watchPage(page, origin, issues));
  return context;
}

function watchPage(page, origin, issues) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') issues.console.push(`${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => issues.pageErrors.push(`${page.url()}: ${err.message}`));
  page.on('response', (res) => {
    const req = res.request();
    // The document itself may be a deliberate 404; its resources may not be.
    if (res.status() >= 400 && res.url().startsWith(origin) && !(req.isNavigationRequest() && req.resourceType() === 'document')) {
      issues.broken.push(`${res.status()} ${res.url()} (from ${page.url()})`);
    }
  });
  page.on('requestfailed', (req) => {
    const error = req.failure()?.errorText;
    // Chromium fetches the favicon after the load event and cancels the fetch
    // when the page is left first (as the tests do, page after page): that is
    // not a broken resource. A missing favicon still shows as a 404 above.
    if (error === 'net::ERR_ABORTED' && /\/favicon\.(svg|ico|png)$/.test(req.url())) return;
    if (req.url().startsWith(origin + '/')) issues.broken.push(`failed ${req.url()}: ${error}`);
  });
}

/** Empties the recorded issues and returns what they held. */
export function takeIssues(context) {
  const i = context.issues;
  const out = { external: [...i.external], console: [...i.console], pageErrors: [...i.pageErrors], broken: [...i.broken] };
  for (const k of Object.keys(i)) i[k].length = 0;
  return out;
}

/** The issues as a readable list ("" when there are none). */
export function describeIssues(issues) {
  const lines = [];
  for (const u of issues.external) lines.push(`request left 127.0.0.1: ${u}`);
  for (const m of issues.console) lines.push(`console error: ${m}`);
  for (const m of issues.pageErrors) lines.push(`uncaught exception: ${m}`);
  for (const m of issues.broken) lines.push(`broken local resource: ${m}`);
  return lines.join('\n');
}

/** Opens `url` in a new page of `context` and waits until it and its resources have loaded. */
export async function open(context, url) {
  const page = await context.newPage();
  const res = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => true)).catch(() => true);
  return { page, status: res?.status() };
}
