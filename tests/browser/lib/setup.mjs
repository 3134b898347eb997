// What every browser test file starts with: the test server, the demo site
// built fresh with the server's URL as its base_url, and a Chromium.
import fs from 'node:fs';
import path from 'node:path';

import { launch } from './browser.mjs';
import { startServer } from './server.mjs';
import { buildSite, removeSite } from './site.mjs';
import { REPO } from './tools.mjs';

/** Starts the server and builds the site into a temp folder it serves. */
export async function servedSite() {
  const server = await startServer();
  const dir = buildSite(server.base);
  server.root = dir;
  return {
    server,
    dir,
    url: (rel) => server.base + rel.replace(/(^|\/)index\.html$/, '$1'),
    async close() {
      await server.close();
      removeSite(dir);
    },
  };
}

export { launch };

/** Where screenshots go: target/browser/… (CI keeps target/ as its artefacts; never committed). */
export function artefactDir(...parts) {
  const dir = path.join(process.env.GONGSHI_ARTEFACTS ?? path.join(REPO, 'target', 'browser'), ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
