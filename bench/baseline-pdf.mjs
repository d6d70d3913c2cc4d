// The baseline for row 1: the obvious script. Puppeteer launches a Chrome
// or Chromium the usual way (headless, Puppeteer's own defaults, plus
// --no-sandbox where it cannot run: as root), sets the HTML storybank
// would print, prints it once and closes.
//
//   node bench/baseline-pdf.mjs <cheatsheet.html> <out.pdf> <browser>
//
// It lives in bench/ so that `puppeteer-core` resolves from the project's
// node_modules (unbundled, as anyone's script would load it).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'puppeteer-core';

const [htmlPath, outPath, executablePath] = process.argv.slice(2);
if (!htmlPath || !outPath || !executablePath) {
  console.error('usage: node bench/baseline-pdf.mjs <cheatsheet.html> <out.pdf> <browser>');
  process.exit(2);
}
const html = readFileSync(htmlPath, 'utf8');
// Same profile-folder naming as storybank, so a leftover browser is found by the same pgrep.
const userDataDir = mkdtempSync(join(tmpdir(), 'storybank-chromium-'));
const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const browser = await launch({ executablePath, headless: true, args, userDataDir });
try {
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  writeFileSync(outPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
