#!/usr/bin/env node
// Whole-process A/B of patched copies of dist/ (see variant.mjs), runs alternated:
//   node bench/experiments/compare.mjs [--runs N] [--dir WS] [--args "build -p X --format pdf,docx"] orig fitprune earlylaunch+docxcompile …
// Each variant is a '+'-joined list of patches ('orig' = none). Prints
// medians and the paired (same-round) difference against the first variant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alternate, pairedMedian } from '../lib/measure.mjs';
import { makeVariant } from './variant.mjs';

const argv = process.argv.slice(2);
const take = (flag, dflt) => {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv.splice(i, 2)[1] : dflt;
};
const runs = Number(take('--runs', '5'));
const dir = resolve(take('--dir', '.'));
const args = take('--args', 'build -p senior-backend --format pdf,docx').split(' ');
const variants = argv.length ? argv : ['orig', 'fitprune+earlylaunch+docxcompile+readsync'];
const work = mkdtempSync(join(tmpdir(), 'storybank-compare-'));
const env = { ...process.env, TMPDIR: work };
try {
  const contenders = variants.map((v, i) => {
    const cli = makeVariant(join(work, `v${i}`), v === 'orig' ? [] : v.split('+'));
    return { name: v, command: (d) => ({ cmd: process.execPath, args: [cli, ...args, '--dir', dir, ...(args[0] === 'build' ? ['--out', join(d, 'out'), '-q'] : ['-q'])] }) };
  });
  const r = alternate(contenders, { runs, workDir: join(work, 'runs'), env, onSample: (n, ms) => process.stderr.write(`  ${n}: ${Math.round(ms)} ms\n`) });
  console.log(`storybank ${args.join(' ')} (--dir ${dir}), ${runs} runs each, alternated`);
  for (const v of variants) {
    const delta = v === variants[0] ? '' : `  paired Δ vs ${variants[0]}: ${Math.round(pairedMedian(r[v], r[variants[0]], (a, b) => a - b))} ms`;
    console.log(`${v.padEnd(44)} median ${String(Math.round(r[v].median)).padStart(6)} ms  (${Math.round(r[v].min)}–${Math.round(r[v].max)})${delta}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
