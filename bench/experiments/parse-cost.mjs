#!/usr/bin/env node
// CPU per story, by loading stage, on a generated workspace:
//   node bench/experiments/parse-cost.mjs [--stories N]
// Each stage runs over every story twice; the first pass (cold JIT, what a
// CLI run pays) and the second (warm) are both shown, in µs per story.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStoryWorkspace } from '../lib/generate.mjs';

const argv = process.argv.slice(2);
const n = Number(argv.includes('--stories') ? argv[argv.indexOf('--stories') + 1] : 1000);
const ROOT = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'storybank-parse-'));
try {
  const ws = generateStoryWorkspace(join(work, 'ws'), n, ROOT);
  const { readWorkspaceFiles } = await import('../../dist/stories/fs.js');
  const { readSource, decodeText } = await import('../../dist/stories/source.js');
  const { parseMarkdown } = await import('../../dist/stories/markdown.js');
  const { parseStory } = await import('../../dist/stories/story.js');
  const { parseWorkspace } = await import('../../dist/stories/workspace.js');
  const { lintWorkspace } = await import('../../dist/lint/lint.js');
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const rows = [];
  const stage = (label, fn) => {
    const passes = [];
    for (let pass = 0; pass < 2; pass++) {
      const c = cpu();
      fn();
      passes.push(((cpu() - c) / n) * 1000);
    }
    rows.push([label, ...passes]);
  };
  const stageAsync = async (label, fn) => {
    const passes = [];
    for (let pass = 0; pass < 2; pass++) {
      const c = cpu();
      await fn();
      passes.push(((cpu() - c) / n) * 1000);
    }
    rows.push([label, ...passes]);
  };
  let files;
  await stageAsync('read files: fs/promises readFile (as shipped)', async () => {
    files = await readWorkspaceFiles(ws);
  });
  const names = readdirSync(join(ws, 'stories'), { recursive: true }).filter((f) => f.endsWith('.md'));
  stage('read files: readFileSync', () => names.forEach((f) => readFileSync(join(ws, 'stories', f))));
  const stories = files.filter((f) => f.path.startsWith('stories/') && !f.path.startsWith('stories/profiles/'));
  const texts = stories.map((f) => decodeText(f.path, f.bytes).text);
  let sources;
  stage('front matter: gray-matter + yaml (readSource)', () => {
    sources = texts.map((t, i) => readSource(stories[i].path, t).source);
  });
  stage('body: micromark (parseMarkdown)', () => sources.forEach((s) => parseMarkdown(s.body)));
  stage('story: zod + body + cues (parseStory)', () => sources.forEach((s) => parseStory('x', s)));
  let workspace;
  stage('whole parseWorkspace', () => {
    workspace = parseWorkspace(files);
  });
  stage('lintWorkspace', () => lintWorkspace(workspace));
  console.log(`${n} generated stories, CPU µs per story (first pass = cold JIT, second = warm)`);
  for (const [label, a, b] of rows) console.log(`${label.padEnd(48)} ${String(Math.round(a)).padStart(6)} ${String(Math.round(b)).padStart(6)}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
