import { beforeAll, describe, expect, it } from 'vitest';
import { renderProfile } from '../../../src/pipeline/build.js';
import { OUTPUT_NAMES } from '../../../src/render/formats.js';
import { renderAnswerBankText } from '../../../src/render/text/answer-bank.js';
import type { ViewModel } from '../../../src/view/view-model.js';
import { parseWorkspace } from '../../../src/workspace/parse.js';
import { fixtureFiles, fixtureViewModel, NOTES_MARKER, SCRIPT_TEXT, TEMPLATE_TEXT } from '../../helpers/view-model-fixture.js';

describe('renderAnswerBankText', () => {
  let model: ViewModel;
  let txt: string;
  let lines: string[];

  beforeAll(() => {
    model = fixtureViewModel();
    txt = renderAnswerBankText(model);
    lines = txt.split('\n');
  });

  it('has no Markdown syntax: no emphasis marks, headings, link brackets or code fences', () => {
    expect(txt).not.toMatch(/\*\*|__|```|\]\(|^#{1,6} |^> /m);
    // The fixture's bold, italic and inline code arrive as their words.
    expect(txt).toContain('Suppliers send vehicle fitment data in files of every shape; a bad file used to block all the good ones.');
    expect(txt).toContain(`The old loader also wrote ${TEMPLATE_TEXT} placeholders literally`);
    // Raw HTML in a story is text, as everywhere.
    expect(txt).toContain(SCRIPT_TEXT);
  });

  it('writes questions and STAR labels as lines of their own, one blank line between blocks and two between questions', () => {
    const question = lines.indexOf('2. Tell me about the most challenging project you have worked on.');
    expect(question).toBeGreaterThan(0);
    expect(lines.slice(question - 2, question)).toEqual(['', '']);
    expect(lines.slice(question, question + 5)).toEqual([
      '2. Tell me about the most challenging project you have worked on.',
      '',
      'Supplier ingestion platform (2024)',
      '',
      'Situation',
    ]);
    for (const label of ['Task', 'Action', 'Result', 'Lessons']) {
      const at = lines.indexOf(label);
      expect(at, label).toBeGreaterThan(question);
      expect(lines[at - 1], label).toBe('');
      expect(lines[at + 1], label).not.toBe('');
    }
    expect(txt).toContain('Key numbers: 3 concurrent jobs cap · 0 duplicate rows after retries');
    expect(txt).toMatch(/^Speaking time: about \d+ s \(\d+ words\), about (\d+ min )?\d+ s under the 1\.5–2 min guidance$/m);
    expect(txt.endsWith('\n')).toBe(true);
    expect(txt).not.toMatch(/\n{4}/);
  });

  it('writes lists as "- " and "1. ", nested ones indented, links as "text (url)"', () => {
    expect(txt).toContain('1. bad files never block good ones\n2. retries never duplicate rows\n3. bursts never overload Cassandra');
    expect(txt).toContain('- Chose an idempotent schema:\n  - partition by supplier and file hash\n  - upsert rows by natural key');
    expect(txt).toContain('- Added acceptance checks, with row-level isolation (https://example.com/isolation) and file-level errors.');
    // An unsafe link keeps its words and loses its target.
    expect(txt).toContain('- Capped processing at three jobs, see this.');
    expect(txt).not.toMatch(/javascript:/i);
    expect(txt).toContain('  Bad input is normal input; design for it.');
    expect(txt).toContain('    SELECT * FROM parts WHERE supplier = ?;');
    expect(txt).toContain('alex@example.com · +1 555 0100 · github.com/alex-example (https://github.com/alex-example) · Portfolio (https://alex.example.com)');
  });

  it('keeps the privacy rules of the DOCX: no notes, no private story, not even its title', () => {
    expect(txt).not.toContain(NOTES_MARKER);
    expect(txt).not.toContain('PRIVATE-STORY-TEXT');
    expect(txt).not.toContain('Private health story');
    expect(txt).toContain('4. Tell me about a time you failed.\n\nNo story to share yet: the only story for this question is private');
  });

  it('tells a reused story once, and ends with the questions to ask them', () => {
    expect(txt.split('Suppliers send').length - 1).toBe(1);
    expect(txt).toContain(
      '5. Walk me through a system you designed.\n\nSupplier ingestion platform (2024)\n\nAngle: Start from the failure modes, then the schema.\n\nSame story as question 2 (“Tell me about the most challenging project you have worked on.”), told in full there.',
    );
    expect(txt.endsWith('Questions to ask them\n\n- What would my first project be?\n- How is on-call shared & paid?\n')).toBe(true);
  });

  it('is what `build --format txt` writes, as answer-bank.txt, without starting a browser', async () => {
    const ws = parseWorkspace(fixtureFiles());
    const result = await renderProfile(ws, ws.profiles[0]!, { formats: ['txt'], now: new Date('2026-03-14T09:26:53Z') }, {
      session: () => {
        throw new Error('no browser for a text answer bank');
      },
      templates: () => Promise.reject(new Error('no templates for a text answer bank')),
    });
    expect(result.files.map((f) => f.name)).toEqual([OUTPUT_NAMES.txt]);
    expect(OUTPUT_NAMES.txt).toBe('answer-bank.txt');
    expect(Buffer.from(result.files[0]!.bytes).toString('utf8')).toBe(txt);
  });
});
