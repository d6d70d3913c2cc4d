import { BUILTIN_QUESTIONS, COMPETENCIES, type Question } from './bank.js';

/** The questions a workspace knows: the built-in bank plus stories/questions.yml. */
export interface Catalog {
  questions: Map<string, Question>;
  competencies: Set<string>;
}

export function builtinCatalog(): Catalog {
  return {
    questions: new Map(BUILTIN_QUESTIONS.map((q) => [q.id, { ...q, competencies: [...q.competencies] }])),
    competencies: new Set(COMPETENCIES.map((c) => c.id)),
  };
}

