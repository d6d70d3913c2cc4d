import { BUILTIN_QUESTIONS } from './bank.js';
import type { Catalog } from './catalog.js';
import { indexCatalog, rankQuestions } from './match.js';

/** `storybank questions`: the question bank a workspace knows, optionally searched by words. */

export interface QuestionRow {
  id: string;
  text: string;
  competencies: string[];
  /** built-in; workspace: defined in stories/questions.yml; overridden: a built-in with the workspace's wording. */
  source: 'built-in' | 'workspace' | 'overridden';
}

/** Below this, a word match is not shown as a search result. */
const SEARCH_THRESHOLD = 0.3;

export function listQuestions(catalog: Catalog, search?: string): QuestionRow[] {
  const builtin = new Map(BUILTIN_QUESTIONS.map((q) => [q.id, q]));
  const rows: QuestionRow[] = [...catalog.questions.values()].map((q) => {
    const original = builtin.get(q.id);
    const same = original && original.text === q.text && original.competencies.join() === q.competencies.join();
    return { id: q.id, text: q.text, competencies: [...q.competencies], source: !original ? 'workspace' : same ? 'built-in' : 'overridden' };
  });
  const query = search?.trim().toLowerCase();
  if (!query) return rows;
  // Words first ("conflict", "failed"), then plain substrings of ids, texts and competencies.
  const scores = new Map(rankQuestions(query.replace(/[-_]+/g, ' '), indexCatalog(catalog)).map((m) => [m.id, m.score]));
  const contains = (r: QuestionRow) => [r.id, r.text.toLowerCase(), ...r.competencies].some((f) => f.includes(query));
  return rows
    .map((row) => ({ row, score: Math.max(scores.get(row.id) ?? 0, contains(row) ? SEARCH_THRESHOLD + 0.01 : 0) }))
    .filter((r) => r.score >= SEARCH_THRESHOLD)
    .sort((a, b) => b.score - a.score || (a.row.id < b.row.id ? -1 : 1))
    .map((r) => r.row);
}
