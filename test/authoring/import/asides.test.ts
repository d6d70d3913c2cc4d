import { describe, expect, it } from 'vitest';
import { askEntries, cutAsides, isAsideText, makeAside } from '../../../src/authoring/import/asides.js';

describe('isAsideText', () => {
  it.each([
    'ask about on-call for pipelines!!',
    'remember to mention the audit',
    'TODO: get the exact number',
    'lol i cried in my car',
    "don't say burnout",
    'do NOT mention the reorg',
    'territory got cut in half, mention only if asked',
    'as far as I know lol',
    'questions for them: class sizes?',
    'confirm the $600k with Dana',
    'check if the stat is from Q2',
  ])('%j is a note to self', (text) => {
    expect(isAsideText(text)).toBe(true);
  });

  it.each(['fleet telematics', 'square footage, headcount, order count', 'my PI covered it', 'e.g. high solvent, pH 9', 'some chains do it centrally, I hate it', 'S', 'asked around', 'mentioned in the review'])(
    '%j is part of what would be said',
    (text) => {
      expect(isAsideText(text)).toBe(false);
    },
  );
});

describe('cutAsides', () => {
  it('cuts a parenthesised aside out of a sentence and keeps the rest of the line', () => {
    expect(cutAsides('he signed off 10 days later (remember to mention the SOC 2 report) and stayed.', 4)).toEqual({
      rest: 'he signed off 10 days later and stayed.',
      asides: [{ text: 'remember to mention the SOC 2 report', line: 4, ask: false }],
    });
  });

  it('leaves nothing of a line that is all aside, not even its full stop', () => {
    expect(cutAsides('(TODO: check the ACV in the CRM).', 9).rest).toBe('');
  });

  it('keeps parentheses that are part of the answer', () => {
    expect(cutAsides('I ran a 30-truck pilot (fleet telematics) over 6 weeks', 1)).toEqual({ rest: 'I ran a 30-truck pilot (fleet telematics) over 6 weeks', asides: [] });
  });

  it('takes everything after a TODO:, NB: or PS: marker, marker included', () => {
    expect(cutAsides('the hardest part is cutting things. TODO: bring the unit plan', 3)).toEqual({
      rest: 'the hardest part is cutting things.',
      asides: [{ text: 'TODO: bring the unit plan', line: 3, ask: false }],
    });
    expect(cutAsides('Todo lists help me plan', 3).asides).toEqual([]);
  });

  it('reads "**** later on…" and an unclosed "(ask about …" as asides', () => {
    expect(cutAsides('**** later on we moved it to BigQuery', 7).asides[0]!.text).toBe('later on we moved it to BigQuery');
    expect(cutAsides('great team (ask about the on-call rota', 2)).toEqual({ rest: 'great team', asides: [{ text: 'ask about the on-call rota', line: 2, ask: true }] });
  });
});

describe('questions for the interviewer', () => {
  it('are the asides that ask them something', () => {
    expect(makeAside('(ask them how they measure success)', 1).ask).toBe(true);
    expect(makeAside('NB: ask them how long reviews take', 1).ask).toBe(true);
    expect(makeAside('remember to say 6 of 14, the DM will ask', 1).ask).toBe(false);
  });

  it('become ask: entries without "ask them:", one per question', () => {
    expect(askEntries(makeAside('ask them: what does success look like in 90 days?', 1))).toEqual(['What does success look like in 90 days?']);
    expect(askEntries(makeAside('questions for them at the end: class sizes? is there a mentor program?', 1))).toEqual(['Class sizes?', 'Is there a mentor program?']);
    expect(askEntries(makeAside('ask about ramp time + quota for new AEs!!', 1))).toEqual(['Ask about ramp time + quota for new AEs']);
  });
});
