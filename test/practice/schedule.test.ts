import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chronological, summarisePractice } from '../../src/practice/history.js';
import type { LoggedRep, Rating } from '../../src/practice/log.js';
import { nextDue, schedule, type Pairing } from '../../src/practice/schedule.js';

/** A fixed clock: 2 March 2026, 08:00 UTC. */
const T0 = Date.parse('2026-03-02T08:00:00Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

const PAIRINGS: Pairing[] = [
  { question: 'about-me', story: 'pitch' },
  { question: 'difficult-stakeholder', story: 'family-scan' },
  { question: 'tight-deadline', story: 'two-admissions' },
  { question: 'failure', story: 'wrong-ward' },
  { question: 'mentoring', story: 'new-graduate' },
];

let line = 0;
function rep(question: string, rating: Rating, at: number, story = PAIRINGS.find((p) => p.question === question)!.story): LoggedRep {
  const time = new Date(at);
  return { at: time.toISOString(), time, profile: 'charge-nurse', question, story, seconds: 90, rating, line: ++line };
}

function order(reps: readonly LoggedRep[], now: number): string[] {
  const history = summarisePractice(reps);
  return schedule(PAIRINGS, (p) => history.of(p.question, p.story).history, new Date(now)).map((s) => `${s.pairing.question}:${s.standing}`);
}

describe('the practice schedule', () => {
  it('asks never-practised questions in profile order', () => {
    expect(order([], T0)).toEqual(['about-me:new', 'difficult-stakeholder:new', 'tight-deadline:new', 'failure:new', 'mentoring:new']);
  });

  it('brings a question rated 1 back before one rated 4, and before anything new', () => {
    const reps = [rep('tight-deadline', 1, T0), rep('about-me', 4, T0 + MIN)];
    for (const now of [T0 + 2 * MIN, T0 + 3 * 60 * MIN, T0 + DAY]) {
      expect(order(reps, now)).toEqual(['tight-deadline:due', 'difficult-stakeholder:new', 'failure:new', 'mentoring:new', 'about-me:ahead']);
    }
  });

  it('orders 1 before 2 before 3 before 4 when all were rated at the same moment', () => {
    const reps = [rep('mentoring', 4, T0), rep('failure', 3, T0), rep('tight-deadline', 2, T0), rep('about-me', 1, T0)];
    const ordered = order(reps, T0 + MIN).map((s) => s.split(':')[0]);
    expect(ordered).toEqual(['about-me', 'tight-deadline', 'difficult-stakeholder', 'failure', 'mentoring']);
  });

  it('puts questions whose time has come first, the longest overdue first', () => {
    const reps = [rep('failure', 3, T0), rep('mentoring', 3, T0 - 5 * DAY), rep('about-me', 4, T0)];
    // "good" on a first try waits two days: the one from five days ago is due, today's is not.
    expect(order(reps, T0 + MIN)).toEqual(['mentoring:due', 'difficult-stakeholder:new', 'tight-deadline:new', 'failure:ahead', 'about-me:ahead']);
    // Ten days on, both are due, the longer overdue first.
    expect(order(reps, T0 + 10 * DAY).slice(0, 2)).toEqual(['mentoring:due', 'failure:due']);
  });

  it('counts practice for a question with the story told, not with another one', () => {
    const reps = [rep('about-me', 1, T0, 'old-pitch')];
    expect(order(reps, T0 + MIN)[0]).toBe('about-me:new');
  });

  it('says when a question comes back after each rating, later for better ratings', () => {
    const at = new Date(T0);
    const due = ([1, 2, 3, 4] as const).map((r) => nextDue(undefined, r, at).getTime() - T0);
    expect(due).toEqual([10 * MIN, 15 * MIN, 2 * DAY, 8 * DAY]);
  });

  it('gives the same order for the same log and the same clock, whatever order the lines are in', () => {
    const arbitraryRep = fc.record({
      question: fc.constantFrom(...PAIRINGS.map((p) => p.question)),
      rating: fc.constantFrom<Rating>(1, 2, 3, 4),
      minutes: fc.integer({ min: 0, max: 30 * 24 * 60 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryRep, { maxLength: 25, selector: (r) => r.minutes }), fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer(), (raw, nowMinutes, seed) => {
        const reps = raw.map((r) => rep(r.question, r.rating, T0 + r.minutes * MIN));
        const now = T0 + nowMinutes * MIN;
        const first = order(reps, now);
        expect(order(reps, now)).toEqual(first);
        const shuffled = shuffle(reps, seed).map((r, i) => ({ ...r, line: i + 1 }));
        expect(order(shuffled, now)).toEqual(first);
        expect(chronological(shuffled).map((r) => r.time.getTime())).toEqual(chronological(reps).map((r) => r.time.getTime()));
      }),
      { numRuns: 200 },
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
