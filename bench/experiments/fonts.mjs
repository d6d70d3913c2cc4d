#!/usr/bin/env node
// What the inlined fonts cost the browser: the same cheat-sheet HTML with all
// 8 @font-face rules (latin + latin-ext), latin only, and none, each loaded
// into a fresh browser (storybank's flags, sandbox and print media), rounds
// alternated. Medians in ms.
//   node bench/experiments/fonts.mjs cheatsheet.html [rounds]
// (make the HTML with `storybank build -p NAME --format html`)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'puppeteer-core';
import { findBrowser, launchArgs, sandbox } from '../../dist/render/browser.js';

const [file, roundsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/experiments/fonts.mjs cheatsheet.html [rounds]');
  process.exit(2);
}
const full = readFileSync(file, 'utf8');
const faces = full.match(/@font-face\{.*?\}/g) ?? [];
const latinExt = faces.filter((f) => f.includes('U+0100-02BA'));
const variants = {
  'all 8 faces': full,
  'latin only': latinExt.reduce((s, f) => s.replace(f, ''), full),
  'no fonts': faces.reduce((s, f) => s.replace(f, ''), full),
};
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const results = {};
for (let round = 0; round < Number(roundsArg ?? 6); round++) {
  const names = Object.keys(variants);
  for (const name of round % 2 ? names.reverse() : names) {
    const dir = mkdtempSync(join(tmpdir(), 'storybank-chromium-'));
    const browser = await launch({ executablePath: findBrowser().path, headless: true, args: launchArgs(), userDataDir: dir });
    try {
      const [page] = await browser.pages();
      await sandbox(page);
      await page.emulateMediaType('print');
      let t = performance.now();
      const lap = () => -t + (t = performance.now());
      await page.setContent(variants[name], { waitUntil: 'load' });
      const setContent = lap();
      await page.evaluate(() => document.body.getBoundingClientRect().height);
      const layout = lap();
      await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: false });
      const pdf = lap();
      (results[name] ??= []).push([setContent, layout, pdf]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
console.log('HTML'.padEnd(12), 'KB'.padStart(5), 'setContent  first layout  pdf   sum');
for (const [name, list] of Object.entries(results)) {
  const col = (i) => String(Math.round(median(list.map((x) => x[i])))).padStart(6);
  console.log(name.padEnd(12), String(Math.round(variants[name].length / 1024)).padStart(5), col(0).padStart(10), col(1).padStart(13), col(2), String(Math.round(median(list.map((x) => x[0] + x[1] + x[2])))).padStart(6));
}
