import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { viewsFor } from '../../../src/pipeline/build.js';
import { renderCheatSheetHtml } from '../../../src/render/html/cheatsheet.js';
import { shortPitch } from '../../../src/view/view-model.js';
import { loadTemplates } from '../../../src/render/templates.js';
import { readWorkspaceFiles } from '../../../src/workspace/files.js';
import { parseWorkspace } from '../../../src/workspace/parse.js';
import { memoryWorkspace, star } from '../../helpers/memory.js';
import { summarisePractice, type PracticeHistory } from '../../../src/practice/history.js';
import type { LoggedRep } from '../../../src/practice/log.js';

const fixture = fileURLToPath(new URL('../../fixtures/basic', import.meta.url));
const golden = fileURLToPath(new URL('../../golden/frontend-lead.cheatsheet.html', import.meta.url));
const now = new Date('2026-01-15T12:00:00Z');

/** Fonts are megabytes of base64; the golden file keeps the markup readable. */
function readable(html: string): string {
  return html.replace(/url\(data:font\/woff2;base64,[^)]+\)/g, 'url(data:font/woff2;base64,…)');
}

describe('cheat sheet HTML', () => {
  it('matches the golden file (refresh with UPDATE_GOLDEN=1)', async () => {
    const ws = parseWorkspace(await readWorkspaceFiles(fixture));
    const profile = ws.profiles.find((p) => p.name === 'frontend-lead')!;
    const { model } = viewsFor(ws, profile, { now }).cheatSheet;
    const html = readable(renderCheatSheetHtml(model, await loadTemplates(fixture)));
    if (process.env.UPDATE_GOLDEN) writeFileSync(golden, html);
    expect(html).toBe(readFileSync(golden, 'utf8'));
  });

  it('marks, small, the questions never practised, once anything was practised', async () => {
    const ws = parseWorkspace(await readWorkspaceFiles(fixture));
    const profile = ws.profiles.find((p) => p.name === 'frontend-lead')!;
    const templates = await loadTemplates(fixture);
    const marked = (practice?: PracticeHistory) => {
      const { model } = viewsFor(ws, profile, { now, practice }).cheatSheet;
      const html = renderCheatSheetHtml(model, templates);
      return { model, questions: [...html.matchAll(/data-question="([^"]+)"[^]*?<\/article>/g)].filter((m) => m[0].includes('not practised')).map((m) => m[1]) };
    };
    expect(marked().questions).toEqual([]);
    expect(marked(summarisePractice([])).questions).toEqual([]);
    const rep = (question: string, story: string, profileName: string): LoggedRep => ({
      at: '2026-01-14T18:00:00.000Z', time: new Date('2026-01-14T18:00:00Z'), profile: profileName, question, story, seconds: 95, rating: 3, line: 1,
    });
    // Practised in another profile with the same story counts; the same question with another story does not.
    const some = marked(summarisePractice([rep('about-me', 'pitch', 'frontend-lead'), rep('accessibility', 'screen-reader', 'ic'), rep('leadership', 'checkout-outage', 'ic')]));
    expect(some.questions).toEqual(['leadership', 'production-incident', 'mentoring']);
    expect(some.model.unpractised).toBe(3);
    // The mark sits on the story line, so the question itself keeps its width.
    const html = renderCheatSheetHtml(some.model, templates);
    expect(html).toMatch(/<p class="story">[^<]*(<span class="year">[^<]*<\/span>)?(<span class="see">[^<]*<\/span>)?<span class="unpractised"> · not practised<\/span><\/p>/);
  });

  it('shows story text as literal text, never as markup or template code', async () => {
    const ws = memoryWorkspace({
      'stories/x.md': star('title: "{{title}} <b>bold</b>"\nquestions: [failure]\ncues: ["<script>alert(1)</script>", "{{{evil}}}"]'),
      'stories/profiles/p.md': '---\nrole: "<i>R</i>"\nquestions: [failure]\n---\n<img src="http://example.com/x.png"> pitch\n',
    });
    const { model } = viewsFor(ws, ws.profiles[0]!, { now }).cheatSheet;
    const html = renderCheatSheetHtml(model, await loadTemplates());
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('{{{evil}}}');
    expect(html).toContain('{{title}} &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;i&gt;R&lt;/i&gt;');
    expect(html).toContain('&lt;img src');
    expect(html).not.toMatch(/<script|<img|<i>R/);
  });

  it('a workspace template overrides the built-in one by file name', async () => {
    const ws = parseWorkspace(await readWorkspaceFiles(fixture));
    const { model } = viewsFor(ws, ws.profiles[0]!, { now }).cheatSheet;
    const templates = await loadTemplates(fixture);
    templates.cheatsheet = { ...templates.cheatsheet, source: '<p>{{heading}}: {{#each entries}}{{question}};{{/each}}</p>' };
    expect(renderCheatSheetHtml(model, templates)).toMatch(/^<p>Frontend Lead @ Acme: Tell me about yourself\.;/);
  });

  it('inlines a font subset beyond latin only when the sheet has a character it covers', async () => {
    const faces = (html: string) => html.match(/@font-face/g)?.length ?? 0;
    const sheet = async (title: string) => {
      const ws = memoryWorkspace({
        'stories/x.md': star(`title: ${title}\nquestions: [failure]`),
        'stories/profiles/p.md': '---\nrole: R\nquestions: [failure]\n---\n',
      });
      return renderCheatSheetHtml(viewsFor(ws, ws.profiles[0]!, { now }).cheatSheet.model, await loadTemplates());
    };
    const ascii = await sheet('Café migration — 40% faster');
    expect(faces(ascii)).toBe(4);
    expect(ascii).toContain("font-family:'Source Sans 3'");
    expect(ascii).not.toContain('storybank-fonts');
    // Text that looks like the placeholder stays text.
    const sneaky = await sheet('Notes /*storybank-fonts*/ here');
    expect(sneaky).toContain('Notes /*storybank-fonts*/ here');
    expect(faces(sneaky)).toBe(4);
    expect(faces(await sheet('Mentoring Łukasz'))).toBe(8);
    expect(faces(await sheet('Nguyễn and the payments team'))).toBe(8); // vietnamese
    expect(faces(await sheet('Ελένη from the Athens office'))).toBe(8); // greek
    expect(faces(await sheet('Дмитрий, Łukasz and Nguyễn'))).toBe(16); // cyrillic, latin-ext, vietnamese
    // Characters of a user's own template count too.
    const ws = memoryWorkspace({ 'stories/x.md': star('title: T\nquestions: [failure]'), 'stories/profiles/p.md': '---\nrole: R\nquestions: [failure]\n---\n' });
    const templates = await loadTemplates();
    templates.cheatsheet = { ...templates.cheatsheet, source: '<style>{{{styles.fonts}}}</style><p>Zażółć {{heading}}</p>' };
    expect(faces(renderCheatSheetHtml(viewsFor(ws, ws.profiles[0]!, { now }).cheatSheet.model, templates))).toBe(8);
    // Also when the template writes them as character references.
    // (A new set: compiled templates are kept per set.)
    const withReferences = { ...templates, cheatsheet: { ...templates.cheatsheet, source: '<style>{{{styles.fonts}}}</style><p>&#x141;ukasz &#1044;{{heading}}</p>' } };
    expect(faces(renderCheatSheetHtml(viewsFor(ws, ws.profiles[0]!, { now }).cheatSheet.model, withReferences))).toBe(12);
  });

  it('shortens the pitch to about three sentences', () => {
    expect(shortPitch('One. Two. Three. Four.')).toBe('One. Two. Three.');
    expect(shortPitch('I trained at St. Agnes. I teach now. I fix processes. I like data.')).toBe('I trained at St. Agnes. I teach now. I fix processes.');
  });
});

describe('cheat sheet of a workspace without cues or metrics', () => {
  const plain = fileURLToPath(new URL('../../fixtures/plain', import.meta.url));

  /** The text of each entry, tags stripped. */
  async function entries(profile: string, options: { includePrivate?: boolean } = {}): Promise<Map<string, string>> {
    const ws = parseWorkspace(await readWorkspaceFiles(plain));
    const { model } = viewsFor(ws, ws.profiles.find((p) => p.name === profile)!, { now, ...options }).cheatSheet;
    const html = renderCheatSheetHtml(model, await loadTemplates());
    const out = new Map<string, string>();
    for (const m of html.matchAll(/<article [^>]*data-question="([^"]+)">([\s\S]*?)<\/article>/g)) {
      out.set(m[1]!, m[2]!.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/\s+/g, ' '));
    }
    return out;
  }

  it("shows each STAR story's key Result number through its cue lines", async () => {
    const sheet = await entries('crowded');
    expect(sheet.get('process-improvement')).toContain('Median alert lag went from 4.1h to 1.3h');
    expect(sheet.get('data-driven')).toContain('went down from 31 % to 9 %, a 22-point drop');
    expect(sheet.get('hardest-project')).toContain('18 of 24 students were reading at the expected level');
    expect(sheet.get('difficult-stakeholder')).toContain('We renewed at $1.2M a year, 14% above the prior contract');
    expect(sheet.get('conflict-teammate')).toContain('incident reports went from 5 a month to 1');
    // Told once: the second question that uses a story points back to the first.
    expect(sheet.get('initiative')).toContain('same story as 5');
    expect(sheet.get('initiative')).not.toContain('4.1h');
  });

  it('does not print the about-me story as the pitch when it already answers "Tell me about yourself"', async () => {
    const ws = parseWorkspace(await readWorkspaceFiles(plain));
    const html = async (name: string) => renderCheatSheetHtml(viewsFor(ws, ws.profiles.find((p) => p.name === name)!, { now }).cheatSheet.model, await loadTemplates());
    const sparse = await html('sparse');
    expect(sparse).not.toContain('<p class="pitch">');
    expect(sparse.split("I'm a charge nurse in a step-down ICU").length - 1).toBe(0);
    expect(sparse.split('I&#x27;m a charge nurse in a step-down ICU').length - 1).toBe(1);
    // A profile body is its own pitch.
    expect(await html('crowded')).toContain('<p class="pitch">Twelve years across teaching and nursing');
  });

  it('names the private story a question is waiting for, and the draft', async () => {
    const sheet = await entries('crowded');
    expect(sheet.get('dealbreakers')).toContain("Only “What I won't work without” answers this, and it is private: use --include-private to include it.");
    expect(sheet.get('failure')).toContain('Only “A pilot that went live too early” answers this, and it is still a draft: finish it and take out “draft: true”.');
    expect(sheet.get('prioritization')).toContain('No story yet: write one that lists “prioritization” under questions');
    const withPrivate = await entries('crowded', { includePrivate: true });
    expect(withPrivate.get('dealbreakers')).toContain('Safe staffing ratios');
  });
});
