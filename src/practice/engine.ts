import type { ViewStory } from '../view/view-model.js';
import type { QuestionPractice } from './history.js';
import { RATINGS, type PracticeRep, type Rating } from './log.js';
import type { Standing } from './schedule.js';

/**
 * A practice session as a pure state machine. It never touches the
 * terminal or the clock: each input carries the time it happened, and each
 * step returns the new state, what to show, and the rep to log, if any.
 * The terminal mode and the line mode both drive this one engine.
 *
 *   asking ──reveal──▶ revealed ──rate──▶ asking (next) … ──▶ done
 *      └──skip──▶ next          └──skip──▶ next
 *   stop (q, Ctrl-C) or end of input, in any phase ──▶ done
 */

export interface DrillQuestion {
  /** The question's number on the cheat sheet and in `plan`. */
  number: number;
  id: string;
  text: string;
  /** The story the plan picked, as the cheat sheet shows it (cues, metrics, the angle for this question). */
  story: ViewStory;
  standing: Standing;
  due?: Date;
  practice: QuestionPractice;
  /** When this question would be due again after `rating` at `at`. */
  nextDue(rating: Rating, at: Date): Date;
}

export interface DrillSetup {
  profile: string;
  /** "Frontend Lead @ Acme" */
  heading: string;
  budgetSeconds: number;
  questions: DrillQuestion[];
}

export type Phase =
  | { name: 'asking'; index: number; shownAt: number }
  | { name: 'revealed'; index: number; seconds: number }
  | { name: 'done'; ended: 'finished' | 'stopped' | 'input-ended' };

export interface DoneRep {
  question: DrillQuestion;
  seconds: number;
  rating: Rating;
}

export interface Drill {
  setup: DrillSetup;
  phase: Phase;
  done: DoneRep[];
  skipped: DrillQuestion[];
  /** Monotonic ms when the session started. */
  startedAt: number;
  endedAt?: number;
}

export type DrillInput =
  | { type: 'reveal'; ms: number }
  | { type: 'rate'; rating: Rating; ms: number; at: Date }
  | { type: 'skip'; ms: number }
  | { type: 'stop'; ms: number }
  | { type: 'end'; ms: number };

export type Screen =
  | { kind: 'question'; question: DrillQuestion; position: number; of: number; budgetSeconds: number }
  | { kind: 'answer'; question: DrillQuestion; seconds: number; budgetSeconds: number }
  | { kind: 'rated'; question: DrillQuestion; rating: Rating; next: Date; at: Date }
  | { kind: 'skipped'; question: DrillQuestion }
  | { kind: 'retry'; phase: 'asking' | 'revealed'; hint: string }
  | { kind: 'summary'; drill: Drill };

export interface Step {
  drill: Drill;
  show: Screen[];
  /** The rep to append to the log, exactly once. */
  rep?: PracticeRep;
}

export function startDrill(setup: DrillSetup, ms: number): Step {
  const drill: Drill = { setup, phase: { name: 'asking', index: 0, shownAt: ms }, done: [], skipped: [], startedAt: ms };
  if (setup.questions.length === 0) return finish(drill, 'finished', ms);
  return { drill, show: [questionScreen(drill, 0)] };
}

export function step(drill: Drill, input: DrillInput): Step {
  const { phase } = drill;
  if (phase.name === 'done') return { drill, show: [] };
  if (input.type === 'stop') return finish(drill, 'stopped', input.ms);
  if (input.type === 'end') return finish(drill, 'input-ended', input.ms);
  const question = drill.setup.questions[phase.index]!;
  if (input.type === 'skip') {
    const next = { ...drill, skipped: [...drill.skipped, question] };
    return advance(next, phase.index + 1, input.ms, [{ kind: 'skipped', question }]);
  }
  if (phase.name === 'asking') {
    if (input.type !== 'reveal') return { drill, show: [{ kind: 'retry', phase: 'asking', hint: 'Answer aloud first, then reveal the story.' }] };
    const seconds = Math.max(0, Math.round((input.ms - phase.shownAt) / 1000));
    const next: Drill = { ...drill, phase: { name: 'revealed', index: phase.index, seconds } };
    return { drill: next, show: [{ kind: 'answer', question, seconds, budgetSeconds: drill.setup.budgetSeconds }] };
  }
  if (input.type !== 'rate') return { drill, show: [{ kind: 'retry', phase: 'revealed', hint: 'Rate the answer from 1 to 4.' }] };
  const rep: PracticeRep = {
    at: input.at.toISOString(),
    profile: drill.setup.profile,
    question: question.id,
    story: question.story.id,
    seconds: phase.seconds,
    rating: input.rating,
  };
  const rated: Screen = { kind: 'rated', question, rating: input.rating, next: question.nextDue(input.rating, input.at), at: input.at };
  const next = { ...drill, done: [...drill.done, { question, seconds: phase.seconds, rating: input.rating }] };
  return { ...advance(next, phase.index + 1, input.ms, [rated]), rep };
}

function advance(drill: Drill, index: number, ms: number, show: Screen[]): Step {
  if (index >= drill.setup.questions.length) {
    const end = finish(drill, 'finished', ms);
    return { drill: end.drill, show: [...show, ...end.show] };
  }
  const next: Drill = { ...drill, phase: { name: 'asking', index, shownAt: ms } };
  return { drill: next, show: [...show, questionScreen(next, index)] };
}

function finish(drill: Drill, ended: 'finished' | 'stopped' | 'input-ended', ms: number): Step {
  const done: Drill = { ...drill, phase: { name: 'done', ended }, endedAt: ms };
  return { drill: done, show: [{ kind: 'summary', drill: done }] };
}

function questionScreen(drill: Drill, index: number): Screen {
  return { kind: 'question', question: drill.setup.questions[index]!, position: index + 1, of: drill.setup.questions.length, budgetSeconds: drill.setup.budgetSeconds };
}

/**
 * What a typed line means in the current phase (line mode; the terminal
 * mode maps keys the same way). While asking, any line reveals, so a bare
 * Enter works; while revealed, anything but 1-4, s or q is asked again.
 */
export function readAnswer(drill: Drill, text: string, ms: number, at: Date): DrillInput {
  const word = text.trim().toLowerCase();
  if (word === 'q' || word === 'quit' || word === 'stop') return { type: 'stop', ms };
  if (word === 's' || word === 'skip') return { type: 'skip', ms };
  const rating = RATINGS.find((r) => String(r) === word);
  if (drill.phase.name === 'revealed' && rating) return { type: 'rate', rating, ms, at };
  return { type: 'reveal', ms };
}

/** The question being asked or rated, if any. */
export function current(drill: Drill): DrillQuestion | undefined {
  return drill.phase.name === 'done' ? undefined : drill.setup.questions[drill.phase.index];
}
