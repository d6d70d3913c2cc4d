import { createEmptyCard, fsrs, generatorParameters, State, type Card, type Grade } from 'ts-fsrs';
import type { LoggedRep, Rating } from './log.js';

/**
 * Which question comes next: FSRS (the scheduler Anki uses), replayed over
 * the log. Pure: the same reps and the same `now` give the same order.
 *
 * The order is
 *   1. due: questions whose time has come, or that are still being learnt
 *      (rated "again", or "hard" the first time), earliest due first;
 *   2. new: never practised, in the profile's order;
 *   3. ahead: the rest, soonest due first, for when there is time to spare.
 * So an "again" comes back before anything new, and a "good" or "easy"
 * waits its turn.
 */

/**
 * Fuzz off: FSRS would otherwise spread due dates at random. One short
 * learning step: an "again" (or a first "hard") stays "being learnt" for
 * the next session, while a first "good" already counts as known for days.
 */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true, learning_steps: ['10m'], relearning_steps: ['10m'] }));

export type Standing = 'due' | 'new' | 'ahead';

/** One question to schedule: what is asked and the story told for it, in profile order. */
export interface Pairing {
  question: string;
  story: string;
}

export interface Scheduled<P extends Pairing = Pairing> {
  pairing: P;
  standing: Standing;
  /** Undefined for a new question. */
  due?: Date;
  card?: Card;
}

/** The card a question's reps add up to, or undefined when it was never practised. */
export function replay(reps: readonly LoggedRep[]): Card | undefined {
  let card: Card | undefined;
  for (const rep of reps) card = scheduler.next(card ?? createEmptyCard(rep.time), rep.time, rep.rating as Grade).card;
  return card;
}

/** When a question would be due after rating it `rating` at `at`. */
export function nextDue(card: Card | undefined, rating: Rating, at: Date): Date {
  return scheduler.next(card ?? createEmptyCard(at), at, rating as Grade).card.due;
}

/**
 * Orders `pairings` (in profile order) for practice at `now`, given each
 * one's reps (oldest first).
 */
export function schedule<P extends Pairing>(pairings: readonly P[], repsOf: (p: P) => readonly LoggedRep[], now: Date): Scheduled<P>[] {
  const items = pairings.map((pairing, index) => {
    const card = replay(repsOf(pairing));
    const standing: Standing = !card ? 'new' : learning(card) || card.due <= now ? 'due' : 'ahead';
    return { index, item: { pairing, standing, due: card?.due, card } satisfies Scheduled<P> };
  });
  const rank: Record<Standing, number> = { due: 0, new: 1, ahead: 2 };
  return items
    .sort(
      (a, b) =>
        rank[a.item.standing] - rank[b.item.standing] ||
        (a.item.due?.getTime() ?? 0) - (b.item.due?.getTime() ?? 0) ||
        a.index - b.index,
    )
    .map((x) => x.item);
}

function learning(card: Card): boolean {
  return card.state === State.Learning || card.state === State.Relearning;
}
