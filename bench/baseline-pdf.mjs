// The baseline for row 1: the least a PDF can cost with this stack. A bare
// Puppeteer script that starts the SAME browser binary with the SAME flags
// storybank uses, loads the SAME HTML, prints it once and closes.
//
//   node bench/baseline-pdf.mjs <cheatsheet.html> <out.pdf>
//
// It lives in bench/ so that `puppeteer-core` resolves from the project's
// node_modules, and it imports launchArgs()/findBrowser() from dist/ so the
// flags can never drift from storybank's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from 'puppeteer-core';
import { findBrowser, launchArgs } from '../dist/render/pdf/browser.js';

const [htmlPath, outPath] = process.argv.slice(2);
if (!htmlPath || !outPath) {
  console.error('usage: node bench/baseline-pdf.mjs <cheatsheet.html> <out.pdf>');
  process.exit(2);
}
const html = readFileSync(htmlPath, 'utf8');
// Same profile-folder naming as storybank, so a leftover browser is found by the same pgrep.
const userDataDir = mkdtempSync(join(tmpdir(), 'storybank-chromium-'));
const browser = await launch({ executablePath: findBrowser().path, headless: true, args: launchArgs(), userDataDir });
try {
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  writeFileSync(outPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
} finally {
  await browser.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
