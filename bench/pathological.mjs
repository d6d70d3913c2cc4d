#!/usr/bin/env node
// Pathological input: how long `storybank check` takes (whole process,
// --no-cache) on one story built to make a Markdown or YAML parser slow,
// every file under the 2 MB limit. The promise (DESIGN.md, README): any
// such story is checked in under 2 s, or reported as too complex.
//
//   npm run build && node bench/pathological.mjs
//   node bench/pathological.mjs --cli /path/to/other/dist/bin/storybank.js --cap 600 --only emph-120k,list-2mb
//
// Options: --cli PATH (another build, e.g. an older commit's), --cap S
// (kill a run after S seconds, default 300), --only a,b (case names),
// --out FILE (default bench/pathological.json).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const CLI = resolve(option('--cli', join(HERE, '..', 'dist', 'bin', 'storybank.js')));
const CAP_S = Number(option('--cap', '300'));
const ONLY = option('--only', '')?.split(',').filter(Boolean);
const OUT = resolve(option('--out', join(HERE, 'pathological.json')));

const MB2 = 2 * 1024 * 1024 - 4096;
const fill = (unit, bytes) => unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));
const nestedList = (bytes) => {
  const lines = [];
  for (let size = 0, depth = 0; size < bytes; depth++) {
    const line = `${'  '.repeat(depth % 400)}- item ${depth}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
};

/** name → [what, story body (Markdown) or full front matter (YAML)] */
const CASES = {
  tiny: ['an ordinary story: the floor (node start-up, imports, one file)', { body: 'The nightly import failed twice a week.' }],
  'emph-40k': ['`*_` × 10 000, x, `_*` × 10 000 in one section (40 KB)', { body: `${'*_'.repeat(10_000)}x${'_*'.repeat(10_000)}` }],
  'emph-120k': ['the same at 120 KB', { body: `${'*_'.repeat(30_000)}x${'_*'.repeat(30_000)}` }],
  'emph-2mb': ['the same at 2 MB', { body: `${fill('*_', MB2 / 2)}x${fill('_*', MB2 / 2)}` }],
  'link-open-50k': ['`[a](` × 50 000 (200 KB)', { body: '[a]('.repeat(50_000) }],
  'brackets-2mb': ['`[` × 1 M then `]` × 1 M', { body: `${fill('[', MB2 / 2)}a${fill(']', MB2 / 2)}` }],
  'mismatched-2mb': ['`*a_ ` repeated to 2 MB', { body: fill('*a_ ', MB2) }],
  'list-nested-2mb': ['a 2 MB indented nested list', { body: nestedList(MB2) }],
  'list-flat-2mb': ['2 MB of `- item` lines', { body: fill('- I led the migration of the billing service\n', MB2) }],
  'prose-2mb': ['2 MB of ordinary paragraphs', { body: fill('I led the migration of the billing service to a queue, and failures fell to zero.\n\n', MB2) }],
  'setext-60k': ['`a\\n===` repeated over 60 KB (setext headings)', { body: 'Step\n===\n'.repeat(6500) }],
  'containers-60k': ['`> - > - > - a` repeated over 60 KB', { body: '> - > - > - a\n'.repeat(4300) }],
  'list-flat-60k': ['60 KB of `- a` list items', { body: '- a\n'.repeat(15_000) }],
  'yaml-keys-400k': ['400 KB of distinct front-matter keys', { yaml: Array.from({ length: 40_000 }, (_, i) => `k${i}: v`).join('\n') }],
  'yaml-keys-2mb': ['the same to 2 MB', { yaml: Array.from({ length: 190_000 }, (_, i) => `k${i}: v`).join('\n') }],
};

function storyText({ body, yaml }) {
  const front = yaml ?? 'title: Pathological\nquestions: [failure]';
  const text = `---\n${front}\n---\n## Situation\n${body ?? 'S.'}\n\n## Task\nT.\n\n## Action\nI acted.\n\n## Result\nIt took 3 days.\n`;
  return text.length > 2 * 1024 * 1024 ? text.slice(0, 2 * 1024 * 1024 - 1) : text;
}

const results = [];
const root = mkdtempSync(join(os.tmpdir(), 'storybank-pathological-'));
try {
  for (const [name, [what, input]] of Object.entries(CASES)) {
    if (ONLY?.length && !ONLY.includes(name)) continue;
    const ws = join(root, name);
    mkdirSync(join(ws, 'stories', 'profiles'), { recursive: true });
    writeFileSync(join(ws, 'stories', 'profiles', 'p.md'), '---\nrole: Engineer\nquestions: [failure]\n---\n');
    const text = storyText(input);
    writeFileSync(join(ws, 'stories', 'story.md'), text);
    const started = performance.now();
    const r = spawnSync(process.execPath, [CLI, '--dir', ws, '--no-cache', 'check'], { encoding: 'utf8', timeout: CAP_S * 1000, killSignal: 'SIGKILL' });
    const seconds = (performance.now() - started) / 1000;
    const said = (r.stderr ?? '').split('\n').find((l) => / (error|warning): /.test(l)) ?? '';
    const row = { name, what, kb: Math.round(Buffer.byteLength(text) / 1024), seconds: Number(seconds.toFixed(2)), exit: r.status, killed: r.signal === 'SIGKILL', said: said.slice(0, 160) };
    results.push(row);
    console.log(`${name.padEnd(16)} ${String(row.kb).padStart(5)} KB  ${row.killed ? `> ${CAP_S} s (killed)` : `${row.seconds.toFixed(2)} s, exit ${row.exit}`}  ${row.said}`);
    rmSync(ws, { recursive: true, force: true });
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
writeFileSync(OUT, `${JSON.stringify({ cli: CLI, node: process.version, load: os.loadavg().map((l) => Number(l.toFixed(1))), cases: results }, null, 2)}\n`);
