import { describe, expect, it } from 'vitest';
import { normaliseNotes, readLines } from '../../../src/authoring/import/lines.js';
import { checkPlacement } from '../../../src/authoring/import/self-check.js';

const notes = readLines(normaliseNotes('## Why us?\nI use it daily (ask about on-call).\n\n---\nSituation:\n'));
const story = (body: string) => `---\ntitle: Why us\nkind: answer\nquestions: [why-company]\n---\n${body}`;
const placed = [
  { text: 'Why us?', line: 1 },
  { text: 'I use it daily.', line: 2 },
];
const aside = [{ text: 'ask about on-call', line: 2 }];

describe('checkPlacement', () => {
  it('passes when every line is in a file, labels and separators needing no place', () => {
    const text = story('# Imported: Why us?\n\nI use it daily.\n\n## Notes\n\n- ask about on-call\n');
    expect(checkPlacement(notes, [{ path: 'stories/why.md', text, frags: [...placed, ...aside], asides: aside, story: true }])).toEqual([]);
  });

  it('names a line that is in no file, and a piece whose words did not reach its file', () => {
    const text = story('I use it every day.\n');
    expect(checkPlacement(notes, [{ path: 'stories/why.md', text, frags: [placed[1]!], story: true }])).toEqual([
      { line: 1, text: 'Why us?', problem: 'missing' },
      { line: 2, text: 'I use it daily.', problem: 'missing' },
    ]);
  });

  it('names an aside that reached an exported section, and a piece written to two files', () => {
    const text = story('I use it daily, ask about on-call.\n\n## Notes\n\n- ask about on-call\n');
    const problems = checkPlacement(notes, [
      { path: 'stories/why.md', text: `${text}\nWhy us?\n`, frags: [...placed, ...aside], asides: aside, story: true },
      { path: 'stories/profiles/p.md', text: '---\nrole: R\nquestions: [why-company]\n---\nWhy us?\n', frags: [placed[0]!] },
    ]);
    expect(problems).toEqual([
      { line: 1, text: 'Why us?', problem: 'duplicated' },
      { line: 2, text: 'ask about on-call', problem: 'exported-aside' },
    ]);
  });

  it('refuses a story file that does not parse: that is a bug, never written', () => {
    expect(() => checkPlacement(notes, [{ path: 'stories/why.md', text: '---\ntitle: [\n---\n', frags: [], story: true }])).toThrow(/does not parse/);
  });
});
