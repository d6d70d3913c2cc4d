import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, REPO_ROOT, removeAllWorkspaces, runCli, STAR_BODY, story, type TempWorkspace } from '../helpers/workspace.js';
import { expectHandled } from './assert.js';
import { hasPoppler, pdfPages, pdfText, readDocx, requestRecorder } from './outputs.js';

/**
 * Full builds (PDF + DOCX) of hostile and unusual content, one build per
 * workspace: the text must arrive literally, nothing may run, nothing may be
 * fetched, and paths with spaces and accents must work end to end.
 */

afterAll(removeAllWorkspaces);

let recorder: Awaited<ReturnType<typeof requestRecorder>>;
beforeAll(async () => {
  recorder = await requestRecorder();
});
afterAll(() => recorder?.close());

/** Files listed on stdout as `wrote PATH (size)`, resolved against the CLI's cwd. */
function writtenFiles(stdout: string, cwd: string): string[] {
  return [...stdout.matchAll(/^wrote (.+) \([\d.]+ [KM]?B\)$/gm)].map((m) => resolve(cwd, m[1]!));
}

describe.skipIf(!hasPoppler)('hostile story content builds literally', { concurrent: true }, () => {
  let ws: TempWorkspace;
  let origin: string;

  beforeAll(async () => {
    origin = recorder.origin;
    ws = await makeWorkspace({
      'storybank.yml': 'name: "Ada {{name}} <b>Lovelace</b>"\nheadline: "<i>Engineer</i> {{headline}}"\n',
      // No explicit cues: the cheat sheet derives them from the sections.
      'stories/body.md': story(
        { title: 'Hostile body', questions: ['failure'], competencies: ['ownership'] },
        [
          '## Situation',
          'Literal {{title}} and }} and {{{title}}} stay text.',
          '',
          '## Task',
          "Raw <script>document.write('RAN'+'-SCRIPT')</script> stays text.",
          '',
          '## Action',
          `Raw <img src="${origin}/raw.png"> stays text.`,
          '',
          '## Result',
          `Link [click me](javascript:alert(1)) and ![pic](${origin}/md.png) done 3 times.`,
          '',
        ].join('\n'),
      ),
      'stories/meta.md': story({
        title: '{{title}} <script>alert(1)</script> {{{title}}}',
        questions: ['hardest-project'],
        competencies: ['system-design'],
        metrics: ['{{#each x}}boom{{/each}}', '<b>bold</b>'],
        cues: ["{{lookup this 'constructor'}}", '<img src=x onerror=alert(1)>'],
      }),
      'stories/profiles/hostile.md': `---\nrole: "Role {{role}}"\ncompany: "<script>alert(2)</script>"\nquestions: [failure, hardest-project]\nask: ["Ask {{{ask}}} <u>this</u>?"]\n---\nPitch with {{pitch}} and <script>alert(3)</script> in it.\n`,
    });
  });

  let result: Awaited<ReturnType<typeof runCli>>;
  let pdf = '';
  let docx: Awaited<ReturnType<typeof readDocx>>;

  beforeAll(async () => {
    result = await runCli(['--dir', ws.dir, 'build'], { cwd: ws.dir });
    expectHandled(result, [0]);
    pdf = pdfText(ws.path('out/hostile/cheatsheet.pdf'));
    docx = await readDocx(ws.path('out/hostile/answer-bank.docx'));
  });

  it('writes one page of PDF and a DOCX, inside --out', () => {
    expect(pdfPages(ws.path('out/hostile/cheatsheet.pdf'))).toBe(1);
    const written = writtenFiles(result.stdout, ws.dir);
    expect(written.map((p) => p.slice(ws.dir.length + 1).split(sep).join('/')).sort()).toEqual(['out/hostile/answer-bank.docx', 'out/hostile/cheatsheet.pdf']);
  });

  it.each([
    // Cue lines, which end without the sentence's full stop.
    'Literal {{title}} and }} and {{{title}}} stay text',
    "Raw <script>document.write('RAN'+'-SCRIPT')</script> stays text",
    '{{title}} <script>alert(1)</script> {{{title}}}',
    '{{#each x}}boom{{/each}}',
    "{{lookup this 'constructor'}}",
    '<img src=x onerror=alert(1)>',
    'Pitch with {{pitch}} and <script>alert(3)</script> in it.',
    'Ada {{name}} <b>Lovelace</b>',
  ])('PDF shows %s literally', (text) => {
    // pdftotext joins a word broken at a line-end hyphen, dropping the hyphen.
    const either = [text, text.replace("'+'-SCRIPT", "'+'SCRIPT")];
    expect(either.some((t) => pdf.includes(t)), pdf).toBe(true);
  });

  it.each([
    'Literal {{title}} and }} and {{{title}}} stay text.',
    "Raw <script>document.write('RAN'+'-SCRIPT')</script> stays text.",
    '{{title}} <script>alert(1)</script> {{{title}}}',
    '{{#each x}}boom{{/each}}',
    'Link click me and [image: pic] done 3 times.',
  ])('DOCX shows %s literally', (text) => {
    expect(docx.text).toContain(text);
  });

  it('raw HTML in a story is text in the DOCX too', () => {
    expect(docx.text).toContain(`Raw <img src="${origin}/raw.png"> stays text.`);
  });

  it('no script ran, no javascript: link survived, nothing was fetched', async () => {
    expect(pdf).not.toContain('RAN-SCRIPT');
    expect(pdf).not.toMatch(/\bboom\b(?!\{)/);
    const pdfBytes = (await readFile(ws.path('out/hostile/cheatsheet.pdf'))).toString('latin1');
    expect(pdfBytes).not.toMatch(/javascript/i);
    for (const [name, content] of docx.parts) expect(content, name).not.toMatch(/javascript:/i);
    expect(recorder.requests).toEqual([]);
  });
});

describe.skipIf(!hasPoppler)('paths with spaces and accents, emoji, right-to-left text, BOM and CRLF', { concurrent: true }, () => {
  let ws: TempWorkspace;
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    const crlfBom = (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`;
    ws = await makeWorkspace({
      'stories/Über mich/café story.md': crlfBom(
        story(
          {
            title: 'Café story 🚀 שלום עולם',
            questions: ['failure'],
            competencies: ['ownership'],
            cues: ['Hebrew שלום עולם here', 'Arabic مرحبا بالعالم here', 'Emoji 🚀🎉 here'],
            metrics: ['٣ أيام', '3 ימים'],
          },
          STAR_BODY.replace('I added retries', 'I added retries 🔁 — قائمة الرسائل, תור הודעות —'),
        ),
      ),
      'stories/naïve façade.md': story({ title: 'Naïve façade', questions: ['hardest-project'], competencies: ['system-design'] }),
      'stories/profiles/Ingeniería de datos.md': `---\nrole: Ingeniera de datos — 数据工程师\nquestions: [failure, hardest-project]\n---\nאני מהנדסת. أنا مهندسة. 🚀\n`,
    });
    result = await runCli(['--dir', ws.dir, 'build'], { cwd: ws.dir });
  });

  it('builds (exit 0) into out/<profile name with accents and spaces>/', async () => {
    expectHandled(result, [0]);
    expect(await ws.list('out')).toEqual(['out/Ingeniería de datos/answer-bank.docx', 'out/Ingeniería de datos/cheatsheet.pdf']);
    for (const path of writtenFiles(result.stdout, ws.dir)) expect(path.startsWith(join(ws.dir, 'out') + sep)).toBe(true);
  });

  it('the PDF is one page and carries the Unicode text', () => {
    const path = ws.path('out/Ingeniería de datos/cheatsheet.pdf');
    expect(pdfPages(path)).toBe(1);
    const text = pdfText(path);
    // (CJK is left out on purpose: it needs a system CJK font, see TROUBLESHOOTING.md.)
    for (const phrase of ['Café story', 'שלום עולם', 'مرحبا بالعالم', 'Naïve façade', 'Ingeniera de datos', '🚀']) {
      expect(text, phrase).toContain(phrase);
    }
    // A BOM must not leak into the output as a character.
    expect(text).not.toContain('\uFEFF');
  });

  it('the DOCX carries the Unicode text', async () => {
    const { text } = await readDocx(ws.path('out/Ingeniería de datos/answer-bank.docx'));
    for (const phrase of ['Café story 🚀 שלום עולם', 'I added retries 🔁 — قائمة الرسائل, תור הודעות —', 'Naïve façade', '٣ أيام']) {
      expect(text, phrase).toContain(phrase);
    }
    expect(text).not.toContain('\uFEFF');
    expect(text).not.toContain('\r');
  });
});

describe.skipIf(!hasPoppler)('workspace templates', { concurrent: true }, () => {
  it('a templates/cheatsheet.hbs override is used, and its scripts and remote resources are blocked', async () => {
    const origin = recorder.origin;
    const builtin = await readFile(join(REPO_ROOT, 'templates', 'cheatsheet.hbs'), 'utf8');
    const hostile = [
      '<p class="custom">CUSTOM-TEMPLATE-MARKER</p>',
      '<p id="js">JS-OFF</p>',
      "<script>document.getElementById('js').textContent = 'JS-' + 'RAN';</script>",
      `<img src="${origin}/tpl.png" alt="">`,
      `<link rel="stylesheet" href="${origin}/tpl.css">`,
      `<style>@import url("${origin}/import.css"); .custom { background: url("${origin}/bg.png"); }</style>`,
      `<iframe src="${origin}/frame.html"></iframe>`,
      `<script src="${origin}/tpl.js"></script>`,
    ].join('\n');
    expect(builtin).toContain('</main>');
    const ws = await makeWorkspace({
      'stories/a.md': story(),
      'stories/profiles/p.md': '---\nrole: Engineer\nquestions: [failure]\n---\n',
      'templates/cheatsheet.hbs': builtin.replace('</main>', `${hostile}\n</main>`),
    });
    const before = recorder.requests.length;
    const r = await runCli(['--dir', ws.dir, 'build'], { cwd: ws.dir });
    expectHandled(r, [0]);
    const text = pdfText(ws.path('out/p/cheatsheet.pdf'));
    expect(text).toContain('CUSTOM-TEMPLATE-MARKER');
    expect(text).toContain('JS-OFF');
    expect(text).not.toContain('JS-RAN');
    expect(recorder.requests.slice(before)).toEqual([]);
    await ws.remove();
  });

  async function buildWithTemplate(file: string, source: string) {
    const ws = await makeWorkspace({ 'stories/a.md': story(), 'stories/profiles/p.md': '---\nrole: Engineer\nquestions: [failure]\n---\n', [file]: source });
    // --format html needs no browser, so these stay fast.
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'html'], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/never-started' } });
    expectHandled(r, [1]);
    expect(await ws.list('out')).toEqual([]);
    await ws.remove();
    return r;
  }
  const at = (file: string, line: number) => new RegExp(`^${file.replace(/[./]/g, '\\$&')}:${line}:\\d+: error: `, 'm');

  it('a syntax error in templates/cheatsheet.hbs gives exit 1 naming the file and line', async () => {
    const r = await buildWithTemplate('templates/cheatsheet.hbs', '<html>\n<body>\n{{#each entries}}\n  {{question}\n{{/each}}\n</body>\n</html>\n');
    expect(r.stderr).toMatch(at('templates/cheatsheet.hbs', 4));
  });

  it('a mismatched block in templates/partials/entry.hbs names the file and the line of the block', async () => {
    const r = await buildWithTemplate('templates/partials/entry.hbs', '<article>\n{{#if story}}\n  {{story.title}}\n{{/each}}\n</article>\n');
    expect(r.stderr).toMatch(/^templates\/partials\/entry\.hbs/m);
    expect(r.stderr).toMatch(at('templates/partials/entry.hbs', 2));
  });

  it('an unknown variable in templates/cheatsheet.hbs names the file and line, in words', async () => {
    const r = await buildWithTemplate('templates/cheatsheet.hbs', '<html>\n<body>\n{{nosuchthing}}\n</body>\n</html>\n');
    expect(r.stderr).toMatch(at('templates/cheatsheet.hbs', 3));
    expect(r.stderr).not.toMatch(/\[object Object\]/);
  });
});
