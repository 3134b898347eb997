// Every HTML file of the output is valid for the Nu Html Checker (vnu.jar
// from the npm package vnu-jar, on the system Java): zero errors, in one call
// (the JVM takes seconds to start). The same call also checks the theme's CSS
// and SVG files, and a deliberately bad page in a separate folder, which must
// be rejected, so a checker that silently checks nothing cannot pass.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { BAD_PAGE } from './lib/badpage.mjs';
import { buildSite, htmlFiles, removeSite } from './lib/site.mjs';
import { requireTool, requireVnuJar, run } from './lib/tools.mjs';

const dir = buildSite();
const badDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-vnu-bad-'));
fs.writeFileSync(path.join(badDir, 'bad.html'), BAD_PAGE);

after(() => {
  removeSite(dir);
  fs.rmSync(badDir, { recursive: true, force: true });
});

/** One vnu.jar call over both folders: its messages, by absolute file path. */
function validate() {
  const java = requireTool('java');
  const jar = requireVnuJar();
  const r = run(java, ['-jar', jar, '--errors-only', '--skip-non-html', '--also-check-css', '--also-check-svg', '--format', 'json', dir, badDir]);
  assert.ok(r.status === 0 || r.status === 1, `vnu.jar failed to run (exit ${r.status}):\n${r.stderr.slice(0, 2000)}`);
  const { messages } = JSON.parse(r.stderr || r.stdout);
  const byFile = new Map();
  for (const m of messages) {
    const file = m.url ? fileURLToPath(m.url) : '(no file)';
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(m);
  }
  return { status: r.status, byFile };
}

const result = validate();

test('every HTML file of the output (and its CSS and SVG) is valid: zero errors', () => {
  assert.ok(htmlFiles(dir).length > 50);
  const problems = [];
  for (const [file, messages] of result.byFile) {
    if (file.startsWith(badDir)) continue;
    for (const m of messages) {
      problems.push(`${path.relative(dir, file)}:${m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.type}: ${m.message}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the checker rejects the deliberately bad page (so it really checked)', () => {
  const messages = result.byFile.get(path.join(badDir, 'bad.html')) ?? [];
  const text = messages.map((m) => m.message).join('\n');
  assert.equal(result.status, 1, 'vnu.jar exits 1 when a file has errors');
  assert.match(text, /“img” element must have an “alt” attribute/);
  assert.match(text, /“p” seen in “table”/);
});
