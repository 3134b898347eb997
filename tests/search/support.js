// Shared set-up of the search tests: build the demo site, serve it over HTTP
// on 127.0.0.1 under a sub-path, and launch Debian's Chromium.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const TODAY = "2026-11-20";
/** The site is served under this sub-path, as on a county portal. */
export const PREFIX = "/xczx/";

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Finds Chromium, or fails with the package to install. Never skips. */
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      "Chromium not found (looked at " + candidates.join(", ") + "). " +
        "The search tests need Debian's `chromium` package and CJK fonts: " +
        "apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM=/path/to/chromium).",
    );
  }
  return found;
}

/**
 * Builds the demo site into a fresh temp dir with the dev build `cargo test`
 * has just made (or $GONGSHI_BIN), or uses GONGSHI_SITE when it names an
 * already built output folder. The index is the same whichever profile builds it.
 */
export function buildSite() {
  if (process.env.GONGSHI_SITE) {
    return { dir: resolve(process.env.GONGSHI_SITE), cleanup() {} };
  }
  const tmp = mkdtempSync(join(tmpdir(), "gongshi-search-"));
  const out = join(tmp, "site");
  const args = ["build", "--today", TODAY, "--output", out];
  const bin = process.env.GONGSHI_BIN;
  const r = bin
    ? spawnSync(bin, args, { cwd: REPO, stdio: ["ignore", "inherit", "inherit"] })
    : spawnSync("cargo", ["run", "--locked", "--quiet", "--", ...args], {
        cwd: REPO,
        stdio: ["ignore", "inherit", "inherit"],
      });
  if (r.status !== 0) {
    throw new Error(`gongshi build failed (exit ${r.status}${r.error ? ", " + r.error.message : ""})`);
  }
  return { dir: out, cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".xml": "application/xml",
  ".csv": "text/csv; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Serves `dir` at http://127.0.0.1:<port>/xczx/; resolves to { url, close }. */
export function serve(dir) {
  const root = resolve(dir);
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end("outside the site");
      return;
    }
    let file = normalize(join(root, path.slice(PREFIX.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      ok({ url: `http://127.0.0.1:${port}${PREFIX}`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

/** Launches Chromium headless with the flags of ecosystem.md §5. */
export async function launch() {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Runs one search on an open search page: sets the filters, types the
 * query, presses Enter and waits until the page has rendered the answer.
 * Returns the results as { title, href, kind, type, status, excerpt, marks }.
 */
export async function search(page, query, filters = {}) {
  for (const [name, value] of Object.entries(filters)) {
    await page.selectOption(`select[data-filter="${name}"]`, value);
  }
  await page.fill("#search-input", query);
  await page.press("#search-input", "Enter");
  await page.waitForFunction(
    (q) => {
      const app = document.getElementById("search-app");
      return app.dataset.state === "done" && app.dataset.query === q;
    },
    query,
    { timeout: 15000 },
  );
  return page.$$eval("#search-results > li", (items) =>
    items.map((li) => {
      const a = li.querySelector("h2 a");
      const fact = (label) => {
        const f = [...li.querySelectorAll(".search-fact")].find((s) => s.textContent.startsWith(label + "："));
        return f ? f.textContent.slice(label.length + 1) : null;
      };
      return {
        title: a.textContent,
        href: a.getAttribute("href"),
        kind: fact("类别"),
        type: fact("类型"),
        status: fact("状态"),
        excerpt: li.querySelector(".search-excerpt").textContent,
        marks: [...li.querySelectorAll(".search-excerpt mark")].map((m) => m.textContent),
      };
    }),
  );
}
