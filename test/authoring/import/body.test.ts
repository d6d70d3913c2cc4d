import { describe, expect, it } from 'vitest';
import { readBody, type Body } from '../../../src/authoring/import/body.js';
import { normaliseNotes, readLines } from '../../../src/authoring/import/lines.js';
import { sectionText } from '../../../src/authoring/import/text.js';

const body = (answer: string, options = { qa: false, topic: false }) => readBody(readLines(normaliseNotes(answer)), undefined, options);
const sections = (b: Body, event = 0) => Object.fromEntries([...b.events[event]!.sections].map(([k, f]) => [k, sectionText(f)]));

describe('readBody', () => {
  it('reads labelled STAR sections, text before the first label opening the Situation', () => {
    const b = body('one of my patients was on a vent for 40 days.\n**S:** the family felt shut out.\n**T:** I owned the calls.\n**A:** a standing 9pm call.\n**R:** calls dropped to 2 a shift.\n');
    expect(b.kind).toBe('star');
    expect(sections(b)).toEqual({
      situation: 'one of my patients was on a vent for 40 days.\n\nthe family felt shut out.',
      task: 'I owned the calls.',
      action: 'a standing 9pm call.',
      result: 'calls dropped to 2 a shift.',
    });
  });

  it('makes one event per Situation: labels starting over tell a second event', () => {
    const b = body('Situation - a paving contractor ignored the spec.\nTask - get it followed.\nAction - I met the PM.\nResult - no more bad pours.\n\nSituation - a second one, different job: a $180k claim.\nTask - be fair.\nAction - I read the borings.\nResult - settled at $71k.\n');
    expect(b.events).toHaveLength(2);
    expect(sections(b, 1).situation).toBe('A $180k claim.');
    expect(sectionText(b.events[1]!.notes)).toBe('In the notes this story was introduced as "a second one, different job".');
  });

  it('merges a label that repeats within one event, bullets staying bullets', () => {
    const b = body('- S: a carrier, 340 trucks\n- T: get a real eval\n- A: found the safety director\n- A: ran a 30-truck pilot\n- R: closed at $196k\n- lesson: multi-thread early\n');
    expect(b.events).toHaveLength(1);
    expect(sections(b)).toEqual({
      situation: 'a carrier, 340 trucks',
      task: 'get a real eval',
      action: '- found the safety director\n- ran a 30-truck pilot',
      result: 'closed at $196k',
      lessons: 'multi-thread early',
    });
  });

  it('"A:" opens an answer unless the answer is written in S/T/A/R shorthand', () => {
    const qa = body('A:\n(S) a launch.\n(T) my flow.\n(A) I cut scope.\n(R) shipped early.\n', { qa: true, topic: false });
    expect(sections(qa)).toMatchObject({ situation: 'a launch.', action: 'I cut scope.' });
    const free = body('A: I separate taste from usability, and I show work early.\n', { qa: true, topic: false });
    expect([free.kind, sectionText(free.answer)]).toEqual(['answer', 'I separate taste from usability, and I show work early.']);
  });

  it('keeps free-form answers as written, labels that are not STAR included, and a Lessons label as its own section', () => {
    const b = body('strengths: detail, in a useful way.\nweakness: slow to delegate.\nResult: still working on it.\n\nLessons: review, do not redo.\n');
    expect(b.kind).toBe('answer');
    expect(sectionText(b.answer)).toBe('strengths: detail, in a useful way.\nweakness: slow to delegate.\n\nResult: still working on it.');
    expect(sectionText(b.lessons)).toBe('review, do not redo.');
  });

  it('takes asides out, and a "Notes to self:" block whole', () => {
    const b = body('I moved close to 5 days (remember to mention the audit).\n\nNotes to self:\n- bring calculator lol\n- ask what busy season looks like\n');
    expect(sectionText(b.answer)).toBe('I moved close to 5 days.');
    expect(b.asides.map((a) => [a.text, a.ask])).toEqual([
      ['remember to mention the audit', false],
      ['Notes to self:', false],
      ['bring calculator lol', false],
      ['ask what busy season looks like', true],
    ]);
  });

  it('reads "same story as …" as a reference, with the lines it came from', () => {
    const b = body('same story as the sepsis one above, but lead with the handoff\n');
    expect(b.reference).toEqual({ key: 'sepsis', angle: 'Lead with the handoff', lines: [1] });
    expect(body('same story as the sepsis one\n', { qa: false, topic: true }).reference).toBeUndefined();
  });
});
