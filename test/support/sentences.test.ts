import { describe, expect, it } from 'vitest';
import { findNumbers } from '../../src/support/numbers.js';
import { splitSentences } from '../../src/support/sentences.js';

describe('splitSentences', () => {
  it('keeps titles, initials and abbreviations inside their sentence', () => {
    expect(splitSentences('6 yrs ICU nurse at St. Agnes (Baltimore), charge nurse on a 24-bed unit. Next I moved on.')).toEqual([
      '6 yrs ICU nurse at St. Agnes (Baltimore), charge nurse on a 24-bed unit.',
      'Next I moved on.',
    ]);
    expect(splitSentences('Dr. Patel asked me to lead. It worked.')).toEqual(['Dr. Patel asked me to lead.', 'It worked.']);
    expect(splitSentences('Mr. J. R. Smith joined the ward. He stayed.')).toEqual(['Mr. J. R. Smith joined the ward.', 'He stayed.']);
    expect(splitSentences('We had to pick one, e.g. The Leeds site or the York one. We chose York.')).toHaveLength(2);
    expect(splitSentences('It took approx. 40 minutes, i.e. half the time. Then I left.')).toEqual([
      'It took approx. 40 minutes, i.e. half the time.',
      'Then I left.',
    ]);
    expect(splitSentences('I sold supplies in the U.S. mid-Atlantic region. Sales rose.')).toEqual([
      'I sold supplies in the U.S. mid-Atlantic region.',
      'Sales rose.',
    ]);
    expect(splitSentences('We shipped v2.1 on time. Ward No. 5 was next.')).toEqual(['We shipped v2.1 on time.', 'Ward No. 5 was next.']);
    expect(splitSentences('I was No. 2 in the region by Q3. My manager noticed.')).toEqual(['I was No. 2 in the region by Q3.', 'My manager noticed.']);
  });

  it('still ends a sentence after a capital letter that is not an initial', () => {
    expect(splitSentences('We fell back to plan B. It worked. So did I. Then we left.')).toEqual(['We fell back to plan B.', 'It worked.', 'So did I.', 'Then we left.']);
  });

  it('collapses line breaks and ignores empty text', () => {
    expect(splitSentences('A wrapped\nsource line.\n\nAnother one!')).toEqual(['A wrapped source line.', 'Another one!']);
    expect(splitSentences('  \n ')).toEqual([]);
  });
});

describe('findNumbers', () => {
  it('finds quantities with their units, and tells names and years apart', () => {
    const found = findNumbers('In 2021, Year 4 on Ward 5 went from 31 % to 9 % in two weeks: $1.2M, 1,200 accounts, a 24-bed unit at 0900, v2.1.');
    expect(found.filter((n) => n.quantity).map((n) => n.text)).toEqual(['31 %', '9 %', 'two', '$1.2M', '1,200 accounts', '24-bed']);
    expect(found.filter((n) => !n.quantity).map((n) => n.text)).toEqual(['2021', '4', '5', '0900']);
    expect(findNumbers('two days early')[0]).toMatchObject({ value: '2', spelled: true });
    expect(findNumbers('1,200 accounts')[0]!.value).toBe('1200');
  });
});
