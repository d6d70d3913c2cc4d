import { UserError } from '../diagnostics.js';
import { viewsFor } from './build.js';
import { ANSWER_SECONDS } from '../plan/speaking.js';
import { didYouMean } from '../support/suggest.js';
import type { ViewEntry, ViewStory } from '../view/view-model.js';
import type { Profile } from '../workspace/profile.js';
import type { Workspace } from '../workspace/parse.js';
import type { DrillQuestion, DrillSetup } from '../practice/engine.js';
import { summarisePractice, type QuestionPractice } from '../practice/history.js';
import type { LoggedRep } from '../practice/log.js';
import { nextDue, schedule, type Standing } from '../practice/schedule.js';

/**
 * From a profile and the log to the questions of one session. The story
 * for each question comes from the same plan and view model as the cheat
 * sheet, so the cues revealed are the cues printed.
 */

export interface DrillChoice {
  /** Ask exactly these question ids, in this order. */
  questions?: readonly string[];
  /** Ask every question that has a story. */
  all?: boolean;
  /** How many to ask otherwise. */
  count: number;
  includePrivate?: boolean;
  now: Date;
}

/** One question of a profile, as `drill --stats` shows it. */
export interface QuestionStanding {
  number: number;
  id: string;
  text: string;
  /** Undefined for a gap: no story answers it yet, so there is nothing to drill. */
  story?: Pick<ViewStory, 'id' | 'title'>;
  standing?: Standing;
  due?: Date;
  practice?: QuestionPractice;
}

export interface PracticeStanding {
  setup: DrillSetup;
  /** Every question of the profile, in profile order, gaps included. */
  rows: QuestionStanding[];
}

export function budgetSeconds(profile: Profile): number {
  return profile.answer_seconds ?? ANSWER_SECONDS;
}

/** Every question of `profile` with its story, practice and place in the schedule at `now`. */
export function practiceStanding(workspace: Workspace, profile: Profile, reps: readonly LoggedRep[], options: Pick<DrillChoice, 'includePrivate' | 'now'>): PracticeStanding {
  const model = viewsFor(workspace, profile, { includePrivate: options.includePrivate, now: options.now }).cheatSheet.model;
  const history = summarisePractice(reps);
  const answered = model.entries.filter((e): e is ViewEntry & { story: ViewStory } => e.story !== undefined);
  const ordered = schedule(
    answered.map((entry) => ({ question: entry.questionId, story: entry.story.id, entry })),
    (p) => history.of(p.question, p.story).history,
    options.now,
  );
  const questions: DrillQuestion[] = ordered.map(({ pairing: { entry }, standing, due, card }) => ({
    number: entry.number,
    id: entry.questionId,
    text: entry.question,
    story: entry.story,
    standing,
    due,
    practice: history.of(entry.questionId, entry.story.id),
    nextDue: (rating, at) => nextDue(card, rating, at),
  }));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const rows = model.entries.map((entry): QuestionStanding => {
    const q = byId.get(entry.questionId);
    return {
      number: entry.number,
      id: entry.questionId,
      text: entry.question,
      story: entry.story && { id: entry.story.id, title: entry.story.title },
      standing: q?.standing,
      due: q?.due,
      practice: q?.practice,
    };
  });
  return { setup: { profile: profile.name, heading: model.heading, budgetSeconds: budgetSeconds(profile), questions }, rows };
}

export interface PreparedDrill {
  setup: DrillSetup;
  /** Questions of the profile left out because no story answers them. */
  gaps: QuestionStanding[];
  /** Questions that could have been asked: the ones with a story. */
  available: number;
}

/** The session: the chosen questions in the order to ask them. */
export function prepareDrill(workspace: Workspace, profile: Profile, reps: readonly LoggedRep[], choice: DrillChoice): PreparedDrill {
  const { setup, rows } = practiceStanding(workspace, profile, reps, choice);
  const gaps = rows.filter((r) => !r.story);
  const all = setup.questions;
  let questions: DrillQuestion[];
  if (choice.questions?.length) {
    questions = [...new Set(choice.questions.map((id) => id.trim().toLowerCase()))].map((id) => {
      const found = all.find((q) => q.id === id);
      if (found) return found;
      if (gaps.some((g) => g.id === id)) {
        throw new UserError(`no story answers "${id}" in profile ${profile.name} yet, so there are no cues to check against; write one (storybank new "…") and list ${id} in its questions`);
      }
      const known = rows.map((r) => r.id);
      throw new UserError(`profile ${profile.name} does not ask "${id}"${didYouMean(id, known)}; its questions: ${known.join(', ')}`);
    });
  } else {
    questions = choice.all ? all : all.slice(0, choice.count);
  }
  return { setup: { ...setup, questions }, gaps, available: all.length };
}
