// The checks the browser tests make on a loaded page. Each returns a list of
// problems (empty when the page passes), so the same functions are run on the
// real site and on a deliberately bad page (bad-page.test.mjs).
import { AxeBuilder } from '@axe-core/playwright';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core with the WCAG 2.0/2.1 A and AA rules. Returns the violations. */
export async function axe(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations;
}

export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 3).join(' ').trim()}`)
        .join('\n');
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes}${v.nodes.length > 5 ? `\n    … ${v.nodes.length - 5} more` : ''}`;
    })
    .join('\n');
}

/**
 * Text squeezed into a column too narrow for it: a box whose text (its own
 * and that of the inline elements flowing in it) runs over two or more lines with
 * fewer than 3 characters a line on average (a table header standing one
 * character a line, a project name two characters a line). Text that fits
 * on one line is never a problem, however short.
 * Returns one line per offender: "<tag.class>: <chars> chars on <lines> lines: <text>".
 */
export async function shortLines(page) {
  return page.evaluate(() => {
    const byElement = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.replace(/\s+/g, '');
      if (!text || !n.parentElement || n.parentElement.closest('svg, script, style, noscript')) continue;
      // Text belongs to the box it flows in: a link or <time> wrapping at the
      // end of a line of a paragraph is ordinary text flow, not a column.
      let el = n.parentElement;
      while (el.parentElement && getComputedStyle(el).display === 'inline') el = el.parentElement;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      const e = byElement.get(el) ?? { text: '', rects: [] };
      e.text += text;
      e.rects.push(...rects);
      byElement.set(el, e);
    }
    const problems = [];
    for (const [el, { text, rects }] of byElement) {
      // One line per run of fragments that overlap vertically.
      rects.sort((a, b) => a.top - b.top);
      let lines = 0;
      let bottom = -Infinity;
      for (const r of rects) {
        if (r.top >= bottom - 2) lines += 1;
        bottom = Math.max(bottom, r.bottom);
      }
      const chars = [...text].length;
      if (lines >= 2 && chars / lines < 3) {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.split(' ')[0]}` : '';
        problems.push(`${el.tagName.toLowerCase()}${cls}: ${chars} chars on ${lines} lines: ${text.slice(0, 30)}`);
      }
    }
    return problems;
  });
}

/** Turns 长者模式 on the way a visitor does: by pressing its button (a label). */
export async function setElderMode(page) {
  await page.click('label[for="elder-mode"]');
  if (!(await page.isChecked('#elder-mode'))) throw new Error('pressing 长者模式 did not turn it on');
}

/**
 * Layout problems at the current viewport:
 * - the page scrolls sideways (the document is wider than the viewport);
 * - a piece of text sticks out of the viewport, or is cut off by a box with
 *   overflow hidden (text inside a box that scrolls on its own, such as a
 *   wide table in .table-wrap, is allowed to run past the viewport);
 * - something is painted on top of a piece of text (hit test at the centre
 *   of every line of every visible text node);
 * - two pieces of text overlap each other.
 */
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const vw = document.documentElement.clientWidth;
    const describe = (el) => {
      if (!el || el.nodeType !== 1) return String(el);
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      if (el.classList.length) s += '.' + [...el.classList].join('.');
      return s;
    };
    const snippet = (t) => t.replace(/\s+/g, ' ').trim().slice(0, 30);

    const sw = document.documentElement.scrollWidth;
    if (sw > vw) {
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > vw + 0.5)
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= vw + 0.5)
        .slice(0, 5)
        .map(describe);
      problems.push(`page scrolls sideways: ${sw}px wide in a ${vw}px viewport (widest: ${wide.join(', ')})`);
    }

    // The nearest ancestor that clips or scrolls, if any.
    const clipper = (el) => {
      for (let a = el; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') return { el: a, cs };
      }
      return null;
    };

    // Text kept for screen readers only (the header row of a table shown as
    // cards): an absolutely placed box of at most 1 × 1 px that clips.
    const srOnly = (el) => {
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const r = a.getBoundingClientRect();
        if (cs.position === 'absolute' && r.width <= 1 && r.height <= 1 && cs.overflowX === 'hidden') return true;
      }
      return false;
    };

    const items = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE'].includes(el.tagName)) continue;
      if (srOnly(el)) continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const sx = window.scrollX;
      const sy = window.scrollY;
      for (const r of range.getClientRects()) {
        if (r.width < 1 || r.height < 1) continue;
        const box = { left: r.left + sx, top: r.top + sy, right: r.right + sx, bottom: r.bottom + sy };
        // Deliberately off-screen (the skip link before it has focus) cannot be scrolled to: skip it.
        if (box.right <= 0 || box.bottom <= 0) continue;
        items.push({ node: n, el, box, text: snippet(n.textContent) });
      }
    }

    const scrollBoxes = new Map();
    for (const it of items) {
      const c = clipper(it.el);
      if (c) {
        const cr = c.el.getBoundingClientRect();
        const cbox = { left: cr.left + window.scrollX, top: cr.top + window.scrollY, right: cr.right + window.scrollX, bottom: cr.bottom + window.scrollY };
        const outside = it.box.left < cbox.left - 1 || it.box.right > cbox.right + 1 || it.box.top < cbox.top - 1 || it.box.bottom > cbox.bottom + 1;
        const scrolls = /auto|scroll/.test(c.cs.overflowX + c.cs.overflowY);
        if (outside && !scrolls) problems.push(`text cut off by ${describe(c.el)} (overflow ${c.cs.overflowX}/${c.cs.overflowY}): "${it.text}"`);
        if (outside) {
          it.hidden = true; // scrolled out of its own box: not visible here, so not hit-tested
          continue;
        }
        if (scrolls) scrollBoxes.set(it, c.el);
      }
      if (!scrollBoxes.has(it) && (it.box.left < -1 || it.box.right > vw + 1)) {
        problems.push(`text outside the ${vw}px viewport (x ${Math.round(it.box.left)}..${Math.round(it.box.right)}): "${it.text}"`);
      }
    }

    // Hit-test the centre of every visible line of text.
    const vh = window.innerHeight;
    const seen = new Set();
    for (const it of items) {
      if (it.hidden) continue;
      const cx = (it.box.left + it.box.right) / 2;
      const cy = (it.box.top + it.box.bottom) / 2;
      if (cy - window.scrollY < 2 || cy - window.scrollY > vh - 2) window.scrollTo(window.scrollX, Math.max(0, cy - vh / 2));
      const x = cx - window.scrollX;
      const y = cy - window.scrollY;
      if (x < 0 || x >= document.documentElement.clientWidth || y < 0 || y >= vh) continue;
      const hit = document.elementFromPoint(x, y);
      if (!hit) continue;
      const ok = hit === it.el || it.el.contains(hit) || hit.contains(it.el);
      if (!ok) {
        const key = `${describe(hit)}|${it.text}`;
        if (!seen.has(key)) {
          seen.add(key);
          problems.push(`${describe(hit)} covers the text "${it.text}" (in ${describe(it.el)})`);
        }
      }
    }
    window.scrollTo(0, 0);

    // Text over text: compare line boxes of different text nodes (2px tolerance).
    const sorted = items.filter((i) => !i.hidden).sort((a, b) => a.box.top - b.box.top);
    for (let i = 0; i < sorted.length; i++) {
      const a = sorted[i];
      for (let j = i + 1; j < sorted.length && sorted[j].box.top < a.box.bottom - 2; j++) {
        const b = sorted[j];
        if (a.node === b.node) continue;
        const w = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
        const h = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
        if (w > 2 && h > 2) {
          const key = `${a.text}|${b.text}`;
          if (!seen.has(key)) {
            seen.add(key);
            problems.push(`text "${a.text}" and text "${b.text}" overlap`);
          }
        }
      }
    }
    return problems;
  });
}

/**
 * On a freshly loaded page, presses Tab until focus comes back round, recording each stop.
 * Returns { stops, unreached, problems } where `unreached` lists focusable
 * elements never reached and `problems` lists stops without a visible focus
 * indicator or off-screen when focused.
 */
export async function tabThrough(page, { maxStops = 600 } = {}) {
  // Mark every element a keyboard user must reach.
  const expected = await page.evaluate(() => {
    const sel = 'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
    let i = 0;
    const out = [];
    for (const el of document.querySelectorAll(sel)) {
      if (el.disabled) continue;
      if (el.closest('[inert]')) continue;
      // Tab reaches one radio button of a group (the checked one); arrow keys move within it.
      if (el.type === 'radio' && el.name) {
        const group = [...document.querySelectorAll(`input[type="radio"][name="${CSS.escape(el.name)}"]`)];
        const stop = group.find((r) => r.checked) ?? group[0];
        if (el !== stop) continue;
      }
      // An input that is hidden on purpose stands behind its visible <label>.
      const visible = el.checkVisibility({ visibilityProperty: true }) && (el.getClientRects().length > 0);
      if (!visible) continue;
      el.dataset.kbId = String(i++);
      out.push({ id: el.dataset.kbId, desc: `${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.getAttribute('aria-label') || el.id || '').trim().slice(0, 30)}"` });
    }
    return out;
  });

  const stops = [];
  const problems = [];
  const reached = new Set();
  let outside = 0;
  for (let n = 0; n < maxStops; n++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return null;
      const describe = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} "${(e.innerText || e.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
      // What shows the focus: the element itself, or for a visually hidden
      // input the <label> that stands for it.
      let shown = el;
      if (el.tagName === 'INPUT' && el.id && getComputedStyle(el).opacity === '0') {
        shown = document.querySelector(`label[for="${el.id}"]`) || el;
      }
      const cs = getComputedStyle(shown);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
      const shadow = cs.boxShadow && cs.boxShadow !== 'none';
      const r = shown.getBoundingClientRect();
      const onScreen = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 && r.left < window.innerWidth && r.top < window.innerHeight;
      return {
        id: el.dataset.kbId ?? null,
        desc: describe(el),
        indicator: outline || shadow,
        onScreen,
        focusVisible: el.matches(':focus-visible'),
      };
    });
    if (!info) {
      // Past the last stop focus leaves the document, and the next Tab starts again at the top.
      if (++outside > 2) break;
      continue;
    }
    if (info.id !== null && reached.has(info.id)) break; // wrapped round
    stops.push(info);
    if (info.id !== null) reached.add(info.id);
    if (!info.indicator) problems.push(`no visible focus indicator on ${info.desc}`);
    if (!info.onScreen) problems.push(`${info.desc} is off-screen when focused`);
  }
  const unreached = expected.filter((e) => !reached.has(e.id)).map((e) => e.desc);
  return { stops, unreached, problems };
}
