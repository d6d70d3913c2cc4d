import { describe, expect, it } from 'vitest';
import { dedented, normaliseNotes, readLines } from '../../../src/authoring/import/lines.js';

const read = (text: string) => readLines(normaliseNotes(text));

describe('readLines', () => {
  it('takes headings from the Markdown tree, ATX and setext, with their level and text', () => {
    const lines = read('# Title\n\n ## Why us? \n\nTell me about yourself\n---\n\n### **Bold** heading ###\n');
    expect(lines[0]!.heading).toEqual({ level: 1, text: 'Title' });
    expect(lines[2]!.heading).toEqual({ level: 2, text: 'Why us?' });
    expect(lines[4]!.heading).toEqual({ level: 2, text: 'Tell me about yourself' });
    expect(lines[5]!.underline).toBe(true);
    expect(lines[7]!.heading).toEqual({ level: 3, text: 'Bold heading' });
  });

  it('reads a separator under a paragraph of several lines as a separator, not as a heading', () => {
    const lines = read('I did this.\nThen that.\n---\nNext.\n');
    expect(lines.slice(0, 4).map((l) => l.heading)).toEqual([undefined, undefined, undefined, undefined]);
    expect(lines[2]!.rule).toBe(true);
  });

  it('marks separators, also as a list item, and fenced code', () => {
    const lines = read('- ---\n***\n\n```\nSituation: not a label\n```\n');
    expect(lines[0]!.rule).toBe(true);
    expect(lines[1]!.rule).toBe(true);
    expect(lines.slice(3, 6).map((l) => l.code)).toEqual([true, true, true]);
  });

  it('reads a tab-indented answer after a blank line as prose, though CommonMark makes it code', () => {
    const lines = read('Q2. Tell me about an incident\n\tSituation — the site was down.\n\n\tSituation — another time, smaller.\n');
    expect(lines[3]!.code).toBeUndefined();
    expect(lines[3]!.indent).toBe(4);
    expect(lines[3]!.text).toBe('Situation — another time, smaller.');
  });

  it('splits list markers and indentation off the text; a tab counts as four columns', () => {
    const [a, b, c] = read('- Tell me about yourself\n\t- 5 yrs in sales\n  12) Why us?\n');
    expect([a!.bullet, a!.indent, a!.text]).toEqual(['-', 0, 'Tell me about yourself']);
    expect([b!.bullet, b!.indent, b!.text]).toEqual(['-', 4, '5 yrs in sales']);
    expect([c!.bullet, c!.indent, c!.text]).toEqual(['12)', 2, 'Why us?']);
    expect(dedented(b!, 4)).toBe('- 5 yrs in sales');
  });

  it('drops a BOM and reads CRLF and CR line endings as LF', () => {
    expect(normaliseNotes('\uFEFF# A\r\nb\rc')).toBe('# A\nb\nc');
    expect(read('\uFEFF# A\r\nb').map((l) => l.no)).toEqual([1, 2]);
  });
});
