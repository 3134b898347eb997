import { launch } from './lib/setup.mjs';
const b = await launch();
const ctx = await b.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const p = await ctx.newPage();
await p.goto(`file:///tmp/works-out/projects/QL-2025-0001/sign/index.html`);
await p.pdf({ path: `/tmp/works-gen/sign-t.pdf`, format: 'A4', preferCSSPageSize: true, printBackground: true });
await b.close();
