import { describe, expect, it } from 'vitest';
import { capitaliseSentences, fragLines, tidyText } from '../../../src/authoring/import/text.js';

describe('tidyText', () => {
  it('splits sentences on separate lines into paragraphs and drops quotes around whole sentences', () => {
    expect(tidyText(['“I did this.', 'Then that.”', '- a list item.', 'Lazy continuation.'])).toBe('I did this.\n\nThen that.\n- a list item.\nLazy continuation.');
    expect(tidyText(['He said “stop” and left.'])).toBe('He said “stop” and left.');
    expect(tidyText(['Text', '---'])).toBe('Text\n\n---');
    expect(tidyText(['A couple matter.', '“Teams that only close tickets.”', '“Outages that keep coming back.”'])).toBe('A couple matter.\n\nTeams that only close tickets.\n\nOutages that keep coming back.');
  });
});

describe('capitaliseSentences', () => {
  it('capitalises sentence starts and "i", changing nothing else', () => {
    expect(capitaliseSentences("i stopped the fill. he confirmed it was a click error. i've used it since.")).toBe("I stopped the fill. He confirmed it was a click error. I've used it since.");
    expect(capitaliseSentences('- calm on the phone\n- i write things down')).toBe('- Calm on the phone\n- I write things down');
  });

  it('leaves abbreviations, initials and words like iPhone or pH alone', () => {
    expect(capitaliseSentences('we ran approx. 60 scripts (e.g. insulin). iPhone users, pH 9, J. froze.')).toBe('We ran approx. 60 scripts (e.g. insulin). iPhone users, pH 9, J. froze.');
  });
});

describe('fragLines', () => {
  it('makes bullets of items after labels when a section has several', () => {
    expect(fragLines([{ text: 'one', line: 1, item: true }, { text: 'two', line: 2, item: true }])).toEqual(['- one', '- two']);
    expect(fragLines([{ text: 'only one', line: 1, item: true }])).toEqual(['only one']);
  });
});
