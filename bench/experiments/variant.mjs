#!/usr/bin/env node
// Makes a patched copy of dist/ to measure a proposed change without
// touching src/:   node bench/experiments/variant.mjs OUT_DIR [patch…]
// Patches are text edits of the compiled JS; each fails loudly once the
// code it expects has moved on. OUT_DIR gets dist/, package.json, and
// links to templates/ and node_modules/, so `node OUT_DIR/dist/cli.js` runs.
// The pseudo-patch `bundle` (last) also bundles that dist/ into a few ESM
// chunks with the rolldown that vitest already installs (puppeteer-core
// stays external), to measure what module loading costs; then run
// `node OUT_DIR/bundle/dist/cli.js`. makeVariant() returns the cli.js path.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PATCHES = {
  /** fit.js fitSheet: skip the binary search for a column count that cannot beat the best by the tie margin. */
  fitprune: [
    ['render/fit.js', 'for (const columns of opts.columnChoices) {',
      'for (const columns of opts.columnChoices) {\n            if (best) { set(Math.min(1, best.scale + 0.0205), columns); if (!fits()) continue; }'],
  ],
  /** cli.js runBuild: start Chromium (session.page()) before importing and parsing, so the launch overlaps Node's work. */
  earlylaunch: [
    ['cli.js', "    const { build } = await lib();\n    await loadReports();\n    const { BrowserSession } = await import('./render/browser.js');\n    const session = new BrowserSession(argv.browser);",
      "    const { BrowserSession } = await import('./render/browser.js');\n    const session = new BrowserSession(argv.browser);\n    if (formats.includes('pdf'))\n        session.page().catch(() => undefined);\n    const { build } = await lib();\n    await loadReports();"],
  ],
  /** stories/fs.js: statSync + readFileSync instead of two fs/promises calls per file, all files at once. */
  readsync: [
    ['stories/fs.js', "import { readdir, readFile, realpath, stat } from 'node:fs/promises';", "import { readdir, readFile, realpath, stat } from 'node:fs/promises';\nimport { readFileSync, statSync } from 'node:fs';"],
    ['stories/fs.js', 'if (!(await stat(full)).isFile())', 'if (!statSync(full).isFile())'],
    ['stories/fs.js', 'files.push({ path, bytes: await readFile(full) });', 'files.push({ path, bytes: readFileSync(full) });'],
  ],
  /** docx/: take docx's uncompressed parts instead of zipping them in JS (fflate) and unzipping them again. Landed in src/render/docx/; kept as a record, it no longer applies. */
  docxcompile: [
    ['render/docx/document.js', '    const packed = await Packer.toBuffer(doc);\n    return makeReproducible(packed, model.date.iso);',
      '    const files = Packer.compiler.compile(doc);\n    const entries = [...files].map(([name, data]) => ({ name, data: Buffer.from(data) }));\n    return makeReproducible(entries, model.date.iso);'],
    ['render/docx/reproducible.js', 'const entries = readZip(docx).sort(', 'const entries = (Array.isArray(docx) ? docx : readZip(docx)).sort('],
  ],
  /** fonts.js: inline the latin subset only (what a latin-ext check would leave for all-ASCII sheets). */
  latinonly: [['render/fonts.js', 'for (const subset of SUBSETS) {', 'for (const subset of SUBSETS.slice(0, 1)) {']],
};

export function makeVariant(out, names) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(ROOT, 'dist'), join(out, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(out, 'package.json'));
  symlinkSync(join(ROOT, 'templates'), join(out, 'templates'));
  symlinkSync(join(ROOT, 'node_modules'), join(out, 'node_modules'));
  for (const name of names.filter((n) => n !== 'bundle')) {
    const edits = PATCHES[name];
    if (!edits) throw new Error(`unknown patch ${name}; known: ${Object.keys(PATCHES).join(', ')}`);
    for (const [file, before, after] of edits) {
      const path = join(out, 'dist', file);
      const text = readFileSync(path, 'utf8');
      if (!text.includes(before)) throw new Error(`patch ${name}: ${file} no longer contains the code it edits; update bench/experiments/variant.mjs`);
      writeFileSync(path, text.replace(before, after));
    }
  }
  if (!names.includes('bundle')) return join(out, 'dist', 'cli.js');
  // bundle/dist/ sits two levels below OUT like dist/ does below the repo, so
  // ../package.json and ../../templates/ (via OUT/templates) still resolve.
  mkdirSync(join(out, 'bundle'));
  cpSync(join(ROOT, 'package.json'), join(out, 'bundle', 'package.json'));
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'rolldown'), [join(out, 'dist', 'cli.js'), '-d', join(out, 'bundle', 'dist'), '-p', 'node', '-f', 'esm', '-e', 'puppeteer-core'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rolldown failed:\n${r.stderr || r.stdout}`);
  return join(out, 'bundle', 'dist', 'cli.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, ...names] = process.argv.slice(2);
  if (!out) {
    console.error(`usage: node bench/experiments/variant.mjs OUT_DIR [${[...Object.keys(PATCHES), 'bundle'].join('|')}]…`);
    process.exit(2);
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run `npm run build` first');
  const cli = makeVariant(resolve(out), names);
  console.log(`${cli}: ${names.length ? names.join(', ') : 'no patches'}`);
}
