import { describe, expect, it } from 'vitest';
import { headingLabel, letterLabels, splitLabels } from '../../../src/authoring/import/labels.js';

const label = (text: string, letters = false) => splitLabels(text, { letters })?.map((c) => [c.key, c.text]);

describe('splitLabels', () => {
  it.each([
    ['Situation: the site was down', 'situation', 'the site was down'],
    ['Situation - the site was down', 'situation', 'the site was down'],
    ['SITUATION — the site was down', 'situation', 'the site was down'],
    ['"Task": keep it running', 'task', 'keep it running'],
    ['“Action:” I rolled back', 'action', 'I rolled back'],
    ['**Result:** it worked', 'result', 'it worked'],
    ['**Impact:** 91.4 %', 'result', '91.4 %'],
    ['_Context:_ a bit of background', 'situation', 'a bit of background'],
    ['Background: I shipped a report', 'situation', 'I shipped a report'],
    ['Outcome - fix shipped in 3 days', 'result', 'fix shipped in 3 days'],
    ['What I learned: ask early', 'lessons', 'ask early'],
    ['What I’d do differently: test first', 'lessons', 'test first'],
    ['lesson: multi-thread by stage 3', 'lessons', 'multi-thread by stage 3'],
    ['how i dealt - I aligned with the new PM', 'action', 'I aligned with the new PM'],
    ['(S) a junior went from a B to failing', 'situation', 'a junior went from a B to failing'],
    ['Situation', 'situation', ''],
    ['Notes:', 'notes', ''],
  ])('%j', (text, key, rest) => {
    expect(label(text)).toEqual([[key, rest]]);
  });

  it.each(['Context matters a lot here.', 'Action-oriented people', 'Results were mixed', 'Impact of my work: big', 'A time you failed', 'Task force of three'])('%j is prose, not a label', (text) => {
    expect(splitLabels(text, { letters: true })).toBeUndefined();
  });

  it('reads lead-ins: the situation sentence loses its lead-in, the task sentence keeps its words', () => {
    expect(label('situation was that a new script came in')).toEqual([['situation', 'A new script came in']]);
    expect(label('the task was to verify it before fill')).toEqual([['task', 'The task was to verify it before fill']]);
    expect(label('the result was that calls dropped')).toEqual([['result', 'Calls dropped']]);
  });

  it('cuts several labels in one paragraph', () => {
    expect(label('**S:** night shift. **T:** I was his RN. **A:** I called the resident. **R:** antibiotics in 52 min.', true)).toEqual([
      ['situation', 'night shift.'],
      ['task', 'I was his RN.'],
      ['action', 'I called the resident.'],
      ['result', 'antibiotics in 52 min.'],
    ]);
    expect(label('Situation: two teams wanted one slot. Task: agree a plan. Result: both shipped.')).toEqual([
      ['situation', 'two teams wanted one slot.'],
      ['task', 'agree a plan.'],
      ['result', 'both shipped.'],
    ]);
  });

  it('trusts one-letter labels only when the answer is written in S/T/A/R shorthand', () => {
    expect(splitLabels('A: I found their safety director', { letters: false })).toBeUndefined();
    expect(label('A: I found their safety director', true)).toEqual([['action', 'I found their safety director']]);
    expect(label('S - a 90-truck fleet', true)).toEqual([['situation', 'a 90-truck fleet']]);
    expect(letterLabels('**S:** x **T:** y')).toEqual(new Set(['situation', 'task']));
    expect(letterLabels('(a) first option')).toEqual(new Set());
  });
});

describe('headingLabel', () => {
  it('names the section of a label heading, and nothing for other headings', () => {
    expect(headingLabel('Outcome')).toBe('result');
    expect(headingLabel('Lessons learned:')).toBe('lessons');
    expect(headingLabel('challenges')).toBeUndefined();
    expect(headingLabel('Situation room')).toBeUndefined();
  });
});
