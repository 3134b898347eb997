// A small static file server for the built site: Node's http module on
// 127.0.0.1 and a free port chosen by the system. The site is mounted under a
// sub-path (/xczx/, as on the demo county's portal), so relative links are
// tested as they will be published. A missing file gets 404.html with status 404.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.sha256': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

export const PREFIX = '/xczx/';

/**
 * Starts the server. `root` may be set later (`server.root = dir`), so the
 * site can be built with this server's URL as its base_url.
 * Returns { origin, base, root, requests, close() }.
 */
export async function startServer(root = null) {
  const state = { root, requests: [] };
  const server = http.createServer((req, res) => {
    state.requests.push(req.url);
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (status, file) => {
      const body = fs.readFileSync(file);
      res.writeHead(status, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (!state.root || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(state.root ? 405 : 503).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === PREFIX.slice(0, -1)) {
      res.writeHead(302, { location: PREFIX }).end();
      return;
    }
    const notFound = () => send(404, path.join(state.root, '404.html'));
    if (!url.pathname.startsWith(PREFIX)) return notFound();
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(PREFIX.length));
    } catch {
      return notFound();
    }
    let file = path.resolve(state.root, rel);
    if (file !== state.root && !file.startsWith(state.root + path.sep)) return notFound();
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!fs.statSync(file).isFile()) return notFound();
    } catch {
      return notFound();
    }
    send(200, file);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: origin + PREFIX,
    get root() {
      return state.root;
    },
    set root(dir) {
      state.root = path.resolve(dir);
    },
    requests: state.requests,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        server.closeAllConnections();
      }),
  };
}
