import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, REPO_ROOT, removeAllWorkspaces, runCli, story } from '../helpers/workspace.js';
import { expectHandled } from './assert.js';
import { hasTool } from '../helpers/tools.js';
import { connectionCounter, pdfText } from './outputs.js';

/**
 * The PDF render opens no connection at all, whatever a workspace's
 * template or CSS says: counted as TCP connections on loopback (IPv4 and
 * IPv6, by every spelling of the address), not only as requests, because
 * preconnect, DNS prefetch and a frame's first connection never send one.
 */

afterAll(removeAllWorkspaces);

let counter: Awaited<ReturnType<typeof connectionCounter>>;
beforeAll(async () => {
  counter = await connectionCounter();
});
afterAll(() => counter?.close());

/** Every way we know for a page to reach out, aimed at the counter. */
function vectors(port: number): string[] {
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`, `http://0x7f000001:${port}`, `http://2130706433:${port}`, `https://127.0.0.1:${port}`];
  const o = origins[0]!;
  return [
    ...origins.flatMap((x) => [`<link rel="preconnect" href="${x}">`, `<link rel="prefetch" href="${x}/prefetch">`]),
    `<link rel="dns-prefetch" href="//localhost:${port}">`,
    `<link rel="preload" as="image" href="${o}/preload.png">`,
    `<link rel="modulepreload" href="${o}/module.js">`,
    `<link rel="prerender" href="${o}/prerender">`,
    `<link rel="stylesheet" href="${o}/style.css">`,
    `<link rel="icon" href="${o}/favicon.ico">`,
    `<link rel="manifest" href="${o}/manifest.json">`,
    `<meta http-equiv="Link" content="<${o}/meta-link>; rel=preconnect">`,
    `<meta http-equiv="refresh" content="0;url=${o}/refresh">`,
    `<meta http-equiv="refresh" content="1;url=data:text/html,<img src='${o}/refresh-data.png'>">`,
    `<base href="${o}/base/">`,
    `<img src="relative-to-base.png">`,
    `<img src="${o}/img.png"><img srcset="${o}/srcset.png 1x"><img loading="lazy" src="${o}/lazy.png">`,
    `<picture><source srcset="${o}/source.png"><img alt=""></picture>`,
    `<iframe src="${o}/frame"></iframe>`,
    `<iframe srcdoc="<link rel=preconnect href='${o}'><img src='${o}/srcdoc.png'>"></iframe>`,
    `<iframe src="data:text/html,<link rel=preconnect href='${o}'><img src='${o}/data-frame.png'>"></iframe>`,
    `<object data="${o}/object"></object><embed src="${o}/embed">`,
    `<video poster="${o}/poster.png" src="${o}/video.mp4" preload="auto"><track src="${o}/track.vtt" default></video><audio src="${o}/audio.mp3" preload="auto"></audio>`,
    `<input type="image" src="${o}/input.png">`,
    `<svg width="10" height="10"><image href="${o}/svg-image.png"/><use href="${o}/use.svg#a"/></svg>`,
    `<a ping="${o}/ping" href="${o}/a">a</a><form action="${o}/form"><input autofocus></form>`,
    `<script src="${o}/script.js"></script>`,
    `<p class="remote-font">font</p>`,
  ];
}

/** The same through CSS, from a templates/cheatsheet.css that also closes its style element. */
function cssVectors(port: number): string {
  const o = `http://127.0.0.1:${port}`;
  return [
    `@import url("${o}/import.css");`,
    `@font-face { font-family: remote; src: url(${o}/font.woff2); } .remote-font { font-family: remote; }`,
    `body { background: url(${o}/bg.png); cursor: url(${o}/cursor.png), auto; }`,
    `.sheet { list-style-image: url(${o}/list.png); border-image: url(${o}/border.png) 30; mask-image: url(${o}/mask.png); }`,
    `.top { background-image: image-set(url(${o}/set.png) 1x); }`,
    `</style><link rel="prefetch" href="${o}/css-prefetch"><link rel="preconnect" href="http://localhost:${port}"><style>`,
  ].join('\n');
}

describe.skipIf(!hasTool('poppler'))('the render sandbox', () => {
  it('three builds with a hostile template and CSS open no connection, and print the sheet', async () => {
    const builtinHbs = await readFile(join(REPO_ROOT, 'templates', 'cheatsheet.hbs'), 'utf8');
    const builtinCss = await readFile(join(REPO_ROOT, 'templates', 'cheatsheet.css'), 'utf8');
    const hostile = vectors(counter.port).join('\n');
    const ws = await makeWorkspace({
      'stories/a.md': story({ title: 'Billing rewrite' }),
      'stories/profiles/p.md': '---\nrole: Payments Engineer\nquestions: [failure]\n---\n',
      'templates/cheatsheet.hbs': builtinHbs.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n${hostile}`).replace('</main>', `${hostile}\n</main>`),
      'templates/cheatsheet.css': `${builtinCss}\n${cssVectors(counter.port)}\n`,
    });
    for (let run = 1; run <= 3; run++) {
      const r = await runCli(['--dir', ws.dir, 'build', '--format', 'pdf'], { cwd: ws.dir });
      expectHandled(r, [0]);
      expect(counter.connections, `run ${run}`).toEqual([]);
      // The sheet itself was printed, not an error page or a page a refresh went to.
      // (Not one page: the template's own frames and videos sit outside the sheet the fitter measures.)
      expect(pdfText(ws.path('out/p/cheatsheet.pdf'))).toContain('Billing rewrite');
    }
    await ws.remove();
  }, 240_000);
});
