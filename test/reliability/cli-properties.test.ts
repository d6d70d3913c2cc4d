import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FORMATS, OUTPUT_NAMES } from '../../src/render/formats.js';
import { makeWorkspace, removeAllWorkspaces, runCli, type FileTree } from '../helpers/workspace.js';
import { expectHandled } from './assert.js';
import { readDocx } from './outputs.js';

/**
 * Whole-process properties over hostile input: random bytes, Markdown made
 * from the pathological alphabet (runs of emphasis, brackets, containers,
 * headings, thousands long), and random front matter. `check` and a build
 * of every format that needs no browser always end (within a generous
 * bound; bench/pathological.mjs has the real figures), exit 0, 1 or 2, and
 * write either complete, valid files or none.
 */

afterAll(removeAllWorkspaces);

/** Every format but the PDF (which needs a browser; the sandbox and fit tests cover it). */
const TEXT_FORMATS = FORMATS.filter((f) => f !== 'pdf');
/** Generous: a run takes a second or two; a hang or a parser gone quadratic takes minutes. */
const BOUND_MS = 45_000;
/** XML 1.0 cannot carry these; neither can any output (they become the replacement mark at decode time). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const PROFILE = '---\nrole: Site Reliability Engineer\nquestions: [failure, hardest-project, tight-deadline]\n---\nI keep payments up.\n';
const STAR = '## Situation\nThe queue stalled.\n\n## Task\nI had to drain it.\n\n## Action\nI added back-pressure.\n\n## Result\nLag fell from 40 min to 2.\n';

/** The characters and runs that make Markdown parsers slow, repeated up to thousands of times. */
const pathologicalMarkdown = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        '*', '_', '*_', '_*', '**', '[', ']', '[a](', '](', '![', '(', ')', '<', '<a', '&#', '`', '```\n', '\\', '~', '|',
        '> ', '- ', '1. ', '  ', '\n', '\n\n', '===\n', '---\n', '# ', 'a\n===\n', '> - ', 'word ', '<!--', '\t', '\uFFFF', '\u001b', 'é', '😀',
      ),
      fc.integer({ min: 1, max: 3000 }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((runs) => runs.map(([unit, n]) => unit.repeat(n)).join(''));

const STORY_KEYS = ['title', 'kind', 'questions', 'competencies', 'tags', 'year', 'metrics', 'cues', 'angles', 'private', 'draft'];
const frontMatter = fc
  .oneof(
    fc.dictionary(fc.constantFrom(...STORY_KEYS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
    fc.record({ title: fc.string({ maxLength: 40 }), questions: fc.constant(['failure']), metrics: fc.array(fc.string({ maxLength: 400 }), { maxLength: 4 }) }),
  )
  .map((value) => stringify(value));

const workspaces: fc.Arbitrary<{ what: string; files: FileTree }> = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }).map((bytes) => ({ what: 'random bytes as a story', files: { 'stories/profiles/p.md': PROFILE, 'stories/x.md': bytes } })),
  fc.tuple(pathologicalMarkdown, fc.boolean()).map(([body, asProfile]) => ({
    what: `pathological Markdown (${body.length} chars) in ${asProfile ? 'the profile' : 'a story'}`,
    files: asProfile
      ? { 'stories/profiles/p.md': `${PROFILE}${body}\n`, 'stories/a.md': `---\ntitle: Queue\nquestions: [failure]\n---\n${STAR}` }
      : { 'stories/profiles/p.md': PROFILE, 'stories/a.md': `---\ntitle: Queue\nquestions: [failure]\n---\n## Situation\n${body}\n\n${STAR.slice(STAR.indexOf('## Task'))}` },
  })),
  frontMatter.map((yaml) => ({ what: 'random front matter', files: { 'stories/profiles/p.md': PROFILE, 'stories/a.md': `---\n${yaml}---\n${STAR}` } })),
);

async function expectValidOutputsOrNone(ws: Awaited<ReturnType<typeof makeWorkspace>>, code: number | null, context: string): Promise<void> {
  const written = await ws.list('out');
  if (code !== 0) {
    expect(written, context).toEqual([]);
    return;
  }
  const expected = TEXT_FORMATS.map((f) => `out/p/${OUTPUT_NAMES[f]}`).sort();
  expect(written, context).toEqual(expected);
  for (const format of TEXT_FORMATS) {
    const path = ws.path(`out/p/${OUTPUT_NAMES[format]}`);
    if (format === 'docx') {
      const docx = await readDocx(path);
      for (const [name, content] of docx.parts) expect(FORBIDDEN.test(content), `${context}: ${name}`).toBe(false);
      expect(docx.xml, context).toMatch(/<\/w:document>\s*$/);
    } else {
      const bytes = await readFile(path);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(FORBIDDEN.test(text), `${context}: ${format}`).toBe(false);
      if (format === 'html') expect(text, context).toMatch(/<\/html>\s*$/);
    }
  }
}

describe('check and build on hostile input', () => {
  it('end in time, exit 0, 1 or 2, and write valid files or none', async () => {
    await fc.assert(
      fc.asyncProperty(workspaces, async ({ what, files }) => {
        const ws = await makeWorkspace(files);
        for (const args of [['check'], ['build', '--format', TEXT_FORMATS.join(',')]]) {
          const r = await runCli(['--dir', ws.dir, '--no-cache', ...args], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/never-started' }, timeoutMs: BOUND_MS * 2 });
          const context = `${what}: ${args[0]}`;
          expectHandled(r, [0, 1, 2]);
          expect(r.ms, context).toBeLessThan(BOUND_MS);
          if (args[0] === 'build') await expectValidOutputsOrNone(ws, r.code, context);
        }
        await ws.remove();
      }),
      { numRuns: 24 },
    );
  }, 900_000);
});
