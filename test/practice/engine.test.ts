import { describe, expect, it } from 'vitest';
import { readAnswer, startDrill, step, type Drill, type DrillQuestion, type DrillSetup, type Step } from '../../src/practice/engine.js';
import { NO_PRACTICE } from '../../src/practice/history.js';
import type { ViewStory } from '../../src/view/view-model.js';

const AT = new Date('2026-03-02T08:00:00Z');

function question(id: string, number: number, story: string): DrillQuestion {
  return {
    number,
    id,
    text: `Question ${id}?`,
    story: { id: story, title: `Story ${story}`, cues: ['first cue'], metrics: [] } as unknown as ViewStory,
    standing: 'new',
    practice: NO_PRACTICE.of(id, story),
    nextDue: (rating, at) => new Date(at.getTime() + rating * 86_400_000),
  };
}

const SETUP: DrillSetup = {
  profile: 'charge-nurse',
  heading: 'Charge Nurse @ St Olave’s',
  budgetSeconds: 90,
  questions: [question('difficult-stakeholder', 1, 'family-scan'), question('tight-deadline', 2, 'two-admissions'), question('failure', 3, 'wrong-ward')],
};

/** Feeds typed lines at the given times (ms), as line mode does. */
function run(lines: [string, number][]): { last: Step; steps: Step[] } {
  let last = startDrill(SETUP, 0);
  const steps = [last];
  for (const [text, ms] of lines) {
    last = step(last.drill, readAnswer(last.drill, text, ms, new Date(AT.getTime() + ms)));
    steps.push(last);
  }
  return { last, steps };
}

const reps = (steps: Step[]) => steps.flatMap((s) => (s.rep ? [s.rep] : []));
const kinds = (steps: Step[]) => steps.flatMap((s) => s.show.map((x) => x.kind));

describe('the drill engine', () => {
  it('asks, reveals with the time taken, and logs one rep per rating', () => {
    const { last, steps } = run([
      ['', 104_400],
      ['2', 110_000],
      ['  ', 200_000],
      ['4', 201_000],
    ]);
    expect(kinds(steps)).toEqual(['question', 'answer', 'rated', 'question', 'answer', 'rated', 'question']);
    expect(reps(steps)).toEqual([
      { at: '2026-03-02T08:01:50.000Z', profile: 'charge-nurse', question: 'difficult-stakeholder', story: 'family-scan', seconds: 104, rating: 2 },
      { at: '2026-03-02T08:03:21.000Z', profile: 'charge-nurse', question: 'tight-deadline', story: 'two-admissions', seconds: 90, rating: 4 },
    ]);
    expect(last.drill.phase).toEqual({ name: 'asking', index: 2, shownAt: 201_000 });
    const rated = steps[2]!.show[0]!;
    expect(rated.kind === 'rated' && rated.next.toISOString()).toBe('2026-03-04T08:01:50.000Z');
  });

  it('asks again for a rating it cannot read, and logs nothing until it can', () => {
    const { steps } = run([
      ['', 1000],
      ['5', 2000],
      ['good', 3000],
      ['', 4000],
      ['3', 5000],
    ]);
    expect(kinds(steps)).toEqual(['question', 'answer', 'retry', 'retry', 'retry', 'rated', 'question']);
    expect(reps(steps).map((r) => r.rating)).toEqual([3]);
  });

  it('skips a question without logging it', () => {
    const { steps, last } = run([
      ['s', 1000],
      ['', 2000],
      ['skip', 3000],
      ['', 4000],
      ['1', 5000],
    ]);
    expect(reps(steps).map((r) => r.question)).toEqual(['failure']);
    expect(last.drill.skipped.map((q) => q.id)).toEqual(['difficult-stakeholder', 'tight-deadline']);
    expect(last.drill.phase).toEqual({ name: 'done', ended: 'finished' });
  });

  it('stops on q, keeping what was rated, in any phase', () => {
    const asking = run([
      ['', 1000],
      ['1', 2000],
      ['q', 3000],
    ]);
    expect(asking.last.drill.phase).toEqual({ name: 'done', ended: 'stopped' });
    expect(asking.last.drill.done.map((d) => d.rating)).toEqual([1]);
    const revealed = run([
      ['', 1000],
      ['Q', 2000],
    ]);
    expect(revealed.last.drill.done).toEqual([]);
    expect(kinds([revealed.last])).toEqual(['summary']);
  });

  it('ends cleanly at the end of the input, and ignores anything after the end', () => {
    const first = startDrill(SETUP, 0);
    const ended = step(first.drill, { type: 'end', ms: 10 });
    expect(ended.drill.phase).toEqual({ name: 'done', ended: 'input-ended' });
    const after: Drill = step(ended.drill, { type: 'reveal', ms: 20 }).drill;
    expect(after).toBe(ended.drill);
  });

  it('finishes at once when there is nothing to ask', () => {
    const empty = startDrill({ ...SETUP, questions: [] }, 0);
    expect(empty.drill.phase).toEqual({ name: 'done', ended: 'finished' });
    expect(kinds([empty])).toEqual(['summary']);
  });

  it('reads a rating only once the story is shown; before that any line reveals', () => {
    const first = startDrill(SETUP, 0).drill;
    expect(readAnswer(first, '3', 5, AT).type).toBe('reveal');
    const revealed = step(first, { type: 'reveal', ms: 5 }).drill;
    expect(readAnswer(revealed, ' 3 ', 6, AT)).toEqual({ type: 'rate', rating: 3, ms: 6, at: AT });
    expect(readAnswer(revealed, '3.0', 6, AT).type).toBe('reveal');
  });
});
