import type { Question } from '../questions/bank.js';
import type { Catalog } from '../questions/catalog.js';
import type { Ask } from './analyse.js';

/**
 * The questions of a tailored profile, in the order an interview runs:
 * the opening, behavioural questions for what the posting asks most, the
 * failure question every interviewer asks, motivation, and the candidate's
 * own questions last.
 */

export interface ChosenQuestion {
  question: Question;
  /** The competency of the posting it was chosen for; undefined for the questions asked everywhere. */
  for?: string;
}

const OPENING = ['about-me'];
const MOTIVATION = ['why-company', 'why-role'];
const CLOSING = ['questions-for-us'];
/** Asked in nearly every behavioural interview, whatever the role. */
const EVERYWHERE = ['hardest-project', 'proudest', 'conflict-teammate', 'tight-deadline', 'failure'];
export const MIN_QUESTIONS = 8;
export const MAX_QUESTIONS = 12;
const FIXED = OPENING.length + MOTIVATION.length + CLOSING.length;

/** Questions per emphasised competency, by its weight. */
const PER_WEIGHT: Record<number, number> = { 3: 2, 2: 1, 1: 1 };
/** How much a question's first, second and third competency count. */
const POSITION = [1, 0.8, 0.6];

function lookup(catalog: Catalog, ids: readonly string[]): Question[] {
  return ids.map((id) => catalog.questions.get(id)).filter((q): q is Question => q !== undefined);
}

/** How well a question serves the emphasis, and how squarely it asks about `focus`. */
function fit(question: Question, focus: string, weights: ReadonlyMap<string, number>): number {
  let score = question.competencies[0] === focus ? 2 : 0;
  question.competencies.forEach((c, i) => (score += (weights.get(c) ?? 0) * (POSITION[i] ?? 0.5)));
  return score;
}

export function chooseQuestions(emphasis: readonly Ask[], catalog: Catalog): ChosenQuestion[] {
  const fixed = new Set([...OPENING, ...MOTIVATION, ...CLOSING]);
  const behavioural: ChosenQuestion[] = [];
  const taken = new Set<string>();
  const room = MAX_QUESTIONS - FIXED;
  const pool = [...catalog.questions.values()].filter((q) => !q.explicitOnly && !fixed.has(q.id));
  const weights = new Map(emphasis.map((a) => [a.id, a.weight]));
  const add = (question: Question, focus?: string) => {
    if (taken.has(question.id) || behavioural.length >= room) return;
    taken.add(question.id);
    behavioural.push({ question, for: focus });
  };
  // Two rounds: first each competency's first question, heaviest first, then the extra ones for the heaviest.
  for (const round of [0, 1]) {
    for (const ask of emphasis) {
      if ((PER_WEIGHT[ask.weight] ?? 1) <= round) continue;
      // An extra question must be squarely about the competency: among its first two.
      const reach = round === 0 ? Infinity : 2;
      const best = pool
        .filter((q) => !taken.has(q.id) && q.competencies.slice(0, reach).includes(ask.id))
        .map((q, order) => ({ q, order, score: fit(q, ask.id, weights) }))
        .sort((a, b) => b.score - a.score || a.order - b.order)[0];
      if (best) add(best.q, ask.id);
    }
  }
  // Every interviewer asks about a failure; then the common questions fill a short list.
  const failure = catalog.questions.get('failure');
  if (failure && !behavioural.some((c) => c.question.competencies.includes('learning-from-failure'))) add(failure);
  for (const q of lookup(catalog, EVERYWHERE)) if (behavioural.length < MIN_QUESTIONS - FIXED) add(q);
  return [
    ...lookup(catalog, OPENING).map((question) => ({ question })),
    ...behavioural,
    ...lookup(catalog, MOTIVATION).map((question) => ({ question })),
    ...lookup(catalog, CLOSING).map((question) => ({ question })),
  ];
}

/** For a posting that matches nothing: the questions asked in nearly every interview. */
export function questionsAskedEverywhere(catalog: Catalog): ChosenQuestion[] {
  return lookup(catalog, [...OPENING, ...EVERYWHERE, ...MOTIVATION, ...CLOSING]).map((question) => ({ question }));
}
