// The outside programs the browser tests need. A missing one is a test
// FAILURE naming the Debian package to install, never a skip.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.resolve(HERE, '..', '..');

/** Debian package of each command (what scripts/install-browser-deps installs). */
export const PACKAGE_OF = {
  chromium: 'chromium',
  pdfinfo: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdffonts: 'poppler-utils',
  zbarimg: 'zbar-tools',
  'fc-list': 'fontconfig',
  java: 'default-jre-headless',
};

function which(cmd) {
  const r = spawnSync('/bin/sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Absolute path of `cmd`, or throws an error that names its package. */
export function requireTool(cmd) {
  const found = which(cmd);
  if (!found) {
    const pkg = PACKAGE_OF[cmd] ?? cmd;
    throw new Error(
      `"${cmd}" was not found on PATH: install the Debian package ${pkg} ` +
        `(apt-get update && apt-get install -y ${pkg}; scripts/install-browser-deps does it as root)`,
    );
  }
  return found;
}

/** Chinese fonts must be there, or screenshots and PDFs show empty boxes (tofu). */
export function requireCjkFont() {
  requireTool('fc-list');
  const out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (!/Noto (Sans|Serif) CJK/.test(out)) {
    throw new Error(
      'no Noto CJK font is installed, so Chinese text cannot be rendered: install the Debian package fonts-noto-cjk ' +
        '(apt-get install -y fonts-noto-cjk)',
    );
  }
}

/** The vnu.jar shipped by the npm package vnu-jar (installed by `npm ci`). */
export function requireVnuJar() {
  const jar = path.join(HERE, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  if (!fs.existsSync(jar)) {
    throw new Error(`${jar} is missing: run "npm ci" in tests/browser (the npm package vnu-jar)`);
  }
  return jar;
}

/** Runs a program, returning {status, stdout, stderr}; never throws on a non-zero exit. */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
