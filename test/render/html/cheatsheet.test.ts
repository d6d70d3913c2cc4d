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
    // List items are sentences of their own; "St." and "approx." end none.
    expect(shortPitch('5 yrs in SaaS sales\nCarry a $1.1M quota\n2023: 132% of quota\nI like complex deals')).toBe('5 yrs in SaaS sales. Carry a $1.1M quota. 2023: 132% of quota.');
    expect(shortPitch('I work at St. Agnes since 2019. We cut waits to approx. 2 hours. I precept. I chair.')).toBe('I work at St. Agnes since 2019. We cut waits to approx. 2 hours. I precept.');
  });
});
