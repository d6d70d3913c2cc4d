import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewsFor } from '../../../src/pipeline/build.js';
import { BrowserSession } from '../../../src/render/pdf/browser.js';
import { clip } from '../../../src/render/html/sheet-text.js';
import { countPages, MIN_FONT_PT, renderCheatSheetPdf } from '../../../src/render/pdf/print.js';
import { loadTemplates } from '../../../src/render/templates.js';
import { memoryWorkspace, star } from '../../helpers/memory.js';

/**
 * The one-page promise and the 7 pt floor hold for any text: long
 * unbroken strings (a pasted hash, a URL, a number run together) in any
 * field the sheet shows. Before, a 7 000-character metric gave "smallest
 * text 6.4 pt" and dropped the only question; 10 000 characters gave three
 * pages.
 */

const now = new Date('2026-01-15T12:00:00Z');
let session: BrowserSession;
beforeAll(() => {
  session = new BrowserSession();
});
afterAll(() => session.close());

const QUESTIONS = ['failure', 'hardest-project', 'tight-deadline', 'conflict-teammate', 'proudest', 'leadership'];
const FIELDS = ['metric', 'cue', 'title', 'angle', 'question', 'pitch', 'ask', 'company', 'name'] as const;

/** One long run of a single kind of character: no space to break at. */
const unbroken = fc
  .tuple(fc.constantFrom('9', 'x', 'é', '-', '/', 'א', '_', 'ab12'), fc.integer({ min: 150, max: 12_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

const yaml = (s: string) => JSON.stringify(s);

function workspaceWith(field: (typeof FIELDS)[number], long: string, questions: number) {
  const asked = QUESTIONS.slice(0, questions);
  const files: Record<string, string> = {
    'storybank.yml': field === 'name' ? `name: ${yaml(long)}\n` : 'name: Dana Okafor\n',
    'stories/profiles/p.md': `---\nrole: Payments Engineer\n${field === 'company' ? `company: ${yaml(long)}\n` : ''}questions: [${asked.join(', ')}]\n${field === 'ask' ? `ask: [${yaml(long)}]\n` : ''}---\n${field === 'pitch' ? long : 'I fix billing.'}\n`,
  };
  if (field === 'question') files['stories/questions.yml'] = `- id: failure\n  text: ${yaml(long)}\n`;
  asked.forEach((q, i) => {
    const first = i === 0;
    files[`stories/s${i}.md`] = star(
      [
        `title: ${yaml(first && field === 'title' ? long : `Story ${i}`)}`,
        `questions: [${q}]`,
        `metrics: [${yaml(first && field === 'metric' ? long : `${i + 2} days`)}]`,
        `cues: [${yaml(first && field === 'cue' ? long : 'Queue first')}, "Then alerts"]`,
        first && field === 'angle' ? `angles: { ${q}: ${yaml(long)} }` : '',
      ].join('\n'),
    );
  });
  const ws = memoryWorkspace(files);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return ws;
}

describe('long unbroken text on the cheat sheet', () => {
  it('clip cuts at a word when one is near, else inside the run, with an ellipsis', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('nine nine nine nine', 12)).toBe('nine nine…');
    expect(clip('9'.repeat(50), 10)).toBe(`${'9'.repeat(9)}…`);
  });

  it('keeps one page and the 7 pt floor, and never leaves out every question', async () => {
    const templates = await loadTemplates();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIELDS), unbroken, fc.integer({ min: 1, max: QUESTIONS.length }), async (field, long, questions) => {
        const ws = workspaceWith(field, long, questions);
        const profile = ws.profiles[0]!;
        const { model } = viewsFor(ws, profile, { now }).cheatSheet;
        const sheet = await renderCheatSheetPdf(session, model, templates, profile.file);
        const context = `${field}: ${long.length} × ${JSON.stringify(long[0])}, ${questions} question(s)`;
        expect(countPages(sheet.pdf), context).toBe(1);
        expect(sheet.smallestPt, context).toBeGreaterThanOrEqual(MIN_FONT_PT - 0.05);
        expect(sheet.fit.dropped.length, context).toBeLessThan(questions);
        if (questions === 1) expect(sheet.fit.dropped, context).toEqual([]);
        expect(sheet.diagnostics.filter((d) => d.rule === 'cheatsheet-pages'), context).toEqual([]);
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
