// A page made deliberately bad, to prove the checks catch what they claim to:
// an image without alt, low-contrast text, an external script and image, a
// console error and an uncaught exception, a block wider than a phone, a box
// painted over text, a link whose focus is invisible, no skip link, and HTML
// the Nu checker rejects.
import fs from 'node:fs';
import path from 'node:path';

export const EXTERNAL_SCRIPT = 'https://cdn.example.com/analytics.js';
export const EXTERNAL_IMAGE = 'https://img.example.org/banner.png';

export const BAD_PAGE = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>故意做坏的页面</title>
<link rel="stylesheet" href="../theme/site.css">
<script src="${EXTERNAL_SCRIPT}"></script>
<style>
  .faint { color: #c8c8c8; background: #fff; }
  .wide { width: 900px; }
  .stack { position: relative; }
  .cover { position: absolute; inset: 0; background: #fff; }
  a.no-focus:focus-visible { outline: none; box-shadow: none; }
</style>
</head>
<body>
<main id="main">
<h1>故意做坏的页面</h1>
<p class="faint">这段浅灰色文字的对比度不足。</p>
<img src="../theme/gov-badge.svg" width="60" height="60">
<img src="${EXTERNAL_IMAGE}" alt="外部图片">
<div class="wide">这一段文字比手机屏幕还宽，手机上要左右滚动才能读完。</div>
<div class="stack"><p>这段文字被一个白色方块盖住了。</p><div class="cover"></div></div>
<p><a class="no-focus" href="../index.html">没有焦点框的链接</a></p>
<table><p>表格里不能直接放段落。</p></table>
</main>
<script>console.error('坏页面的控制台错误'); throw new Error('坏页面的未捕获异常');</script>
</body>
</html>
`;

/** Copies the built site into `to` and adds the bad page at bad/index.html. Returns its site path. */
export function withBadPage(siteDir, to) {
  fs.cpSync(siteDir, to, { recursive: true });
  fs.mkdirSync(path.join(to, 'bad'), { recursive: true });
  fs.writeFileSync(path.join(to, 'bad', 'index.html'), BAD_PAGE);
  return 'bad/index.html';
}
