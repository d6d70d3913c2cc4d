import { describe, expect, it } from 'vitest';
import { indexReferables, readReference, referable, resolveReference } from '../../../src/authoring/import/refs.js';

describe('readReference', () => {
  it.each([
    ['same story as the sepsis one above, but this time lead with the handoff', 'sepsis', 'Lead with the handoff'],
    ['use the month-end close story, but tell it as a deadline story: the date was fixed', 'month-end close', 'Tell it as a deadline story: the date was fixed'],
    ['same story as the cold-chain one, angle = the success criteria doc', 'cold-chain', 'The success criteria doc'],
    ['see above, the fill rate story — angle is how I chose it over my backlog', 'fill rate', 'How I chose it over my backlog'],
    ['see above - the sofa one, angle: the vendor damage data', 'sofa', 'The vendor damage data'],
    ['same as the seminar flop above really — lead with asking the kids', 'seminar flop', 'Lead with asking the kids'],
    ['same story as the launch that went badly — use the 10 % re-launch as the data', 'launch that went badly', 'Use the 10 % re-launch as the data'],
    ['see above', '', ''],
  ])('%j', (note, key, angle) => {
    expect(readReference(note)).toEqual({ key, angle });
  });

  it.each(['I used the same approach as before, and it worked.', 'Use the right tool for the job.', 'See, the thing is'])('%j is an answer, not a reference', (note) => {
    expect(readReference(note)).toBeUndefined();
  });
});

describe('resolveReference', () => {
  const stories = indexReferables([
    referable('caught-sepsis', { question: 'Tell me about a time you caught something others missed', title: 'Early sepsis eval' }, 'asked specifically for a sepsis eval', 8),
    referable('difficult-family', { question: 'Describe a difficult family member', title: 'The daughter on the phone' }, 'the daughter kept calling', 11),
    referable('mentoring', { question: 'Tell me about a time you helped a new nurse grow', title: 'A new grad’s first month' }, 'sepsis drills with the new grad, a long night on the ward', 42),
    referable('mentoring-2', { question: 'Tell me about a time you helped a new nurse grow', title: 'The night checklist' }, 'a checklist for the second new grad', 50),
    referable('audit', { question: 'What are you proudest of?', title: 'The falls audit' }, 'I audited falls; the ward night shift was short', 60),
  ]);

  it('picks the story whose words cover the key, rare words counting more', () => {
    expect(resolveReference({ key: 'family member', angle: '' }, stories, 20)).toBe('difficult-family');
  });

  it('between equal matches, prefers the story above the reference', () => {
    expect(resolveReference({ key: 'sepsis', angle: '' }, stories, 20)).toBe('caught-sepsis');
  });

  it('between equal matches, prefers the story whose question or title names the key, even below', () => {
    expect(resolveReference({ key: 'night', angle: '' }, stories, 70)).toBe('mentoring-2');
  });

  it('"same as #2" and "question 3" count the questions of the notes, each once', () => {
    expect(resolveReference({ key: '#2', angle: '' }, stories, 70)).toBe('difficult-family');
    expect(resolveReference({ key: 'question 4', angle: '' }, stories, 70)).toBe('audit');
    expect(resolveReference({ key: 'q9', angle: '' }, stories, 70)).toBeUndefined();
  });

  it('"see above" is the story right above; a key that matches nothing resolves to nothing', () => {
    expect(resolveReference({ key: '', angle: '' }, stories, 20)).toBe('difficult-family');
    expect(resolveReference({ key: 'billing migration', angle: '' }, stories, 20)).toBeUndefined();
  });
});
