import type { LoggedRep, Rating } from './log.js';

/**
 * What the log says about each question, for `plan`, the cheat sheet and
 * `drill --stats`. Practice counts for a question together with the story
 * told for it, whichever profile it was practised in: telling the same
 * story for "a failure" rehearses it for every role, and a new story for
 * the question starts afresh.
 */

export interface QuestionPractice {
  reps: number;
  last?: { time: Date; rating: Rating; seconds: number };
  /** Mean spoken time, when there are reps. */
  averageSeconds?: number;
  /** Every rep of this question and story, oldest first. */
  history: LoggedRep[];
}

export interface PracticeHistory {
  /** Reps in the whole log, every profile. */
  total: number;
  of(question: string, story: string): QuestionPractice;
}

export function practiceKey(question: string, story: string): string {
  return `${question}\u0000${story}`;
}

/** Oldest first; reps at the same moment keep their order in the file. */
export function chronological(reps: readonly LoggedRep[]): LoggedRep[] {
  return [...reps].sort((a, b) => a.time.getTime() - b.time.getTime() || a.line - b.line);
}

export function summarisePractice(reps: readonly LoggedRep[]): PracticeHistory {
  const groups = new Map<string, LoggedRep[]>();
  for (const rep of chronological(reps)) {
    const key = practiceKey(rep.question, rep.story);
    const list = groups.get(key);
    if (list) list.push(rep);
    else groups.set(key, [rep]);
  }
  return {
    total: reps.length,
    of(question, story) {
      const history = groups.get(practiceKey(question, story)) ?? [];
      const last = history.at(-1);
      return {
        reps: history.length,
        last: last && { time: last.time, rating: last.rating, seconds: last.seconds },
        averageSeconds: history.length ? history.reduce((sum, r) => sum + r.seconds, 0) / history.length : undefined,
        history,
      };
    },
  };
}

export const NO_PRACTICE: PracticeHistory = summarisePractice([]);
