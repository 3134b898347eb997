// A missing outside tool fails the browser tests with the name of the Debian
// package to install; it never makes them skip.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { requireTool } from './lib/tools.mjs';

test('a missing tool is an error that names its Debian package', () => {
  const path = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    for (const [cmd, pkg] of [
      ['chromium', 'chromium'],
      ['pdfinfo', 'poppler-utils'],
      ['pdftotext', 'poppler-utils'],
      ['pdftoppm', 'poppler-utils'],
      ['zbarimg', 'zbar-tools'],
      ['java', 'default-jre-headless'],
    ]) {
      assert.throws(() => requireTool(cmd), new RegExp(`install the Debian package ${pkg}\\b`), cmd);
    }
  } finally {
    process.env.PATH = path;
  }
});

test('the tools are there on this machine (scripts/install-browser-deps installs them)', () => {
  for (const cmd of ['chromium', 'pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg', 'java']) requireTool(cmd);
});
