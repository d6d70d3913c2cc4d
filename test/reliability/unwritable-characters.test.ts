import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS, OUTPUT_NAMES } from '../../src/render/formats.js';
import { REPLACEMENT } from '../../src/workspace/decode.js';
import { makeWorkspace, removeAllWorkspaces, runCli, story, type CliResult, type TempWorkspace } from '../helpers/workspace.js';
import { expectHandled, lines } from './assert.js';
import { hasTool } from '../helpers/tools.js';
import { flat, pdfPages, pdfText, readDocx } from './outputs.js';

/**
 * Characters XML 1.0 forbids (U+FFFF, U+FFFE, C0 controls) and the other
 * unprintable ones (C1, DEL, non-characters), in every place a story,
 * profile or storybank.yml can hold text, through every writer: each output
 * shows the replacement mark, none carries the raw character, the DOCX
 * opens in LibreOffice, and `build` warns at the file, line and column.
 */

afterAll(removeAllWorkspaces);

/** What XML 1.0 cannot carry, plus the controls and non-characters decoding replaces. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFDD0-\uFDEF\uFFFE\uFFFF]|[\uD83F\uD87F\uD8BF\uD8FF\uD93F\uD97F\uD9BF\uD9FF\uDA3F\uDA7F\uDABF\uDAFF\uDB3F\uDB7F\uDBBF\uDBFF][\uDFFE\uDFFF]/u;


describe.skipIf(!hasTool('poppler'))('unwritable characters through every writer', () => {
  let ws: TempWorkspace;
  let r: CliResult;

  beforeAll(async () => {
    ws = await makeWorkspace({
      'storybank.yml': 'name: "Dana \uFFFE Okafor"\n',
      'stories/billing.md': story(
        {
          title: 'Billing \uFFFF rewrite',
          questions: ['failure', 'hardest-project'],
          competencies: ['ownership'],
          metrics: ['p99 900\u0001 ms to 300 ms'],
          cues: ['Queue \u001b[31mfirst', 'Retries\u0085 then alerts'],
          angles: { failure: 'Own the \uFDD0 outage' },
        },
        [
          '## Situation',
          'Invoices failed \u{1FFFF} every night.',
          '',
          '## Task',
          'I had to stop the \u007F failures.',
          '',
          '## Action',
          'I moved billing to a queue\u000B with retries.',
          '',
          '## Result',
          'Failures fell from 8 a month to 0\u009B.',
          '',
        ].join('\n'),
      ),
      'stories/profiles/p.md': '---\nrole: "Payments \uFFFF engineer"\nquestions: [failure, hardest-project]\n---\nI fix \u000C billing.\n',
    });
    r = await runCli(['--dir', ws.dir, 'build', '--format', FORMATS.join(',')], { cwd: ws.dir });
  });

  it('builds (exit 0) and warns once per file, at the first such character', () => {
    expectHandled(r, [0]);
    const warned = lines(r.stderr).filter((l) => l.includes('cannot appear in a document'));
    expect(warned).toEqual([
      `stories/billing.md:2:17: warning: U+FFFF (a Unicode non-character) cannot appear in a document; it is shown as "${REPLACEMENT}" (and 6 more in this file)`,
      // JSON-style front matter writes the C0 controls as YAML escapes: replaced after YAML reads them.
      `stories/billing.md:5:11: warning: U+0001 (a control character) cannot appear in a document; it is shown as "${REPLACEMENT}" (and 1 more in this file)`,
      `stories/profiles/p.md:2:17: warning: U+FFFF (a Unicode non-character) cannot appear in a document; it is shown as "${REPLACEMENT}" (and 1 more in this file)`,
      `storybank.yml:1:13: warning: U+FFFE (a Unicode non-character) cannot appear in a document; it is shown as "${REPLACEMENT}"`,
    ]);
  });

  it.each(FORMATS.filter((f) => f !== 'pdf' && f !== 'docx'))('the %s output shows the mark and carries no raw character', async (format) => {
    const text = (await readFile(ws.path(`out/p/${OUTPUT_NAMES[format]}`))).toString('utf8');
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).toContain(`Billing ${REPLACEMENT} rewrite`);
    // The cheat sheet shows the cue lines; the answer banks show the sections.
    expect(text).toContain(format === 'html' ? `Retries${REPLACEMENT} then alerts` : `Invoices failed ${REPLACEMENT} every night.`);
  });

  it('every part of the DOCX is XML 1.0, with the mark in the text', async () => {
    const docx = await readDocx(ws.path('out/p/answer-bank.docx'));
    for (const [name, content] of docx.parts) expect(FORBIDDEN.test(content), name).toBe(false);
    for (const phrase of [`Billing ${REPLACEMENT} rewrite`, `Invoices failed ${REPLACEMENT} every night.`, `Failures fell from 8 a month to 0${REPLACEMENT}.`, `Dana ${REPLACEMENT} Okafor`]) {
      expect(docx.text).toContain(phrase);
    }
  });

  it('the PDF is one page with the mark in its text', () => {
    const path = ws.path('out/p/cheatsheet.pdf');
    expect(pdfPages(path)).toBe(1);
    const text = pdfText(path);
    expect(text).not.toMatch(FORBIDDEN);
    expect(text).toContain(`Billing ${REPLACEMENT} rewrite`);
  });

  it.skipIf(!hasTool('soffice'))(
    'LibreOffice opens the DOCX',
    async () => {
      const profile = pathToFileURL(ws.path('lo-profile')).href;
      execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', ws.path('lo'), ws.path('out/p/answer-bank.docx')], {
        stdio: 'ignore',
        timeout: 170_000,
      });
      expect(flat(pdfText(join(ws.path('lo'), 'answer-bank.pdf')))).toContain('Billing');
    },
    180_000,
  );
});
