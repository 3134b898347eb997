// Builds the demo site fresh into a temporary folder (never the repo's
// output/) and lists its pages by kind.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { REPO } from './tools.mjs';

export const TODAY = '2026-11-20';

/**
 * Runs `gongshi build --today 2026-11-20 --output <tmp>` on the demo content,
 * with `--base-url` when given (the test server's URL, so that canonical
 * links, the 404 page and the QR codes point at the served copy).
 * Runs `cargo run --quiet --locked --` (the dev build that `cargo test` has
 * just made, so no second compile), or $GONGSHI_BIN when that is set.
 */
export function buildSite(baseUrl = null) {
  // The output goes one level down: gongshi keeps its state (parse cache,
  // render keys, the spare tree) beside the output folder, which must not
  // be the system's temporary folder itself. removeSite() takes it all.
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongshi-browser-')), 'site');
  const args = ['build', '--root', REPO, '--today', TODAY, '--output', out, '--quiet'];
  if (baseUrl) args.push('--base-url', baseUrl);
  const bin = process.env.GONGSHI_BIN;
  const r = bin
    ? spawnSync(bin, args, { cwd: REPO, encoding: 'utf8' })
    : spawnSync('cargo', ['run', '--quiet', '--locked', '--', ...args], { cwd: REPO, encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`gongshi build failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  if (!fs.existsSync(path.join(out, 'index.html'))) {
    throw new Error(`gongshi build wrote no index.html into ${out}`);
  }
  return out;
}

/** Removes a site buildSite() made, with what gongshi kept beside it. */
export function removeSite(dir) {
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
}

/** Every HTML file of the output, as site paths ("projects/QL-2026-0007/index.html"), sorted. */
export function htmlFiles(dir) {
  const found = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.html')) found.push(r);
    }
  };
  walk('');
  return found.sort();
}

/** The kind of page a site path is (docs/urls.md's table), or "other". */
export function kindOf(rel) {
  const rules = [
    [/^index\.html$/, 'home'],
    [/^notices\/index\.html$/, 'notices'],
    [/^projects\/index\.html$/, 'projects'],
    [/^projects\/page\/\d+\/index\.html$/, 'projects-page'],
    [/^projects\/year\/[^/]+\/index\.html$/, 'projects-year'],
    [/^projects\/type\/[^/]+\/index\.html$/, 'projects-type'],
    [/^projects\/[^/]+\/notice\/[^/]+\/index\.html$/, 'notice'],
    [/^projects\/[^/]+\/sign\/index\.html$/, 'sign'],
    [/^projects\/[^/]+\/completion\/index\.html$/, 'completion'],
    [/^projects\/[^/]+\/index\.html$/, 'project'],
    [/^counties\/[^/]+\/warehouse\/[^/]+\/index\.html$/, 'warehouse'],
    [/^counties\/[^/]+\/warehouse\/[^/]+\/[^/]+\/index\.html$/, 'announcement'],
    [/^counties\/[^/]+\/plan\/[^/]+\/index\.html$/, 'plan-year'],
    [/^counties\/[^/]+\/plan\/[^/]+\/[^/]+\/index\.html$/, 'plan-doc'],
    [/^counties\/[^/]+\/townships\/[^/]+\/index\.html$/, 'township'],
    [/^counties\/[^/]+\/assets\/index\.html$/, 'assets'],
    [/^counties\/[^/]+\/index\.html$/, 'county'],
    [/^groups\/index\.html$/, 'groups'],
    [/^groups\/[^/]+\/index\.html$/, 'group'],
    [/^cases\/index\.html$/, 'cases'],
    [/^cases\/[^/]+\/index\.html$/, 'case'],
    [/^pages\/[^/]+\/index\.html$/, 'page'],
    [/^search\/index\.html$/, 'search'],
    [/^data\/index\.html$/, 'data'],
    [/^404\.html$/, '404'],
  ];
  for (const [re, kind] of rules) if (re.test(rel)) return kind;
  return 'other';
}

/** The kinds every build of the demo must have (a missing kind fails the tests). */
export const REQUIRED_KINDS = [
  'home', 'notices', 'projects', 'projects-page', 'projects-year', 'projects-type', 'project', 'notice',
  'county', 'warehouse', 'announcement', 'plan-year', 'plan-doc', 'township', 'groups', 'group', 'cases', 'case', 'page', 'search', 'data', '404',
  'sign', 'completion',
  'assets',
];

/**
 * One page per kind: the largest HTML file of that kind, as it has the most
 * content (longest tables, most links) and so the most to go wrong.
 */
export function pagesByKind(dir) {
  const best = new Map();
  for (const rel of htmlFiles(dir)) {
    const kind = kindOf(rel);
    const size = fs.statSync(path.join(dir, rel)).size;
    const cur = best.get(kind);
    if (!cur || size > cur.size) best.set(kind, { rel, size });
  }
  const missing = REQUIRED_KINDS.filter((k) => !best.has(k));
  if (missing.length) throw new Error(`the built site has no page of kind(s): ${missing.join(', ')}`);
  return [...best.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, { rel }]) => ({ kind, rel }));
}

/** The URL path of a site file: "projects/x/index.html" → "/projects/x/". */
export function urlPath(rel) {
  return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
}
