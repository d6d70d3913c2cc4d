import { slugify, uniqueId } from '../support/slug.js';
import { closest } from '../support/suggest.js';
import { stem, stems, words } from '../support/words.js';
import type { Catalog } from './catalog.js';
import { NO_ID_VARIANT, PHRASES, PHRASINGS, RULES, STOPWORDS, SYNONYMS } from './phrasings.js';

/**
 * Fuzzy matching of a question as someone wrote it in their notes
 * ("Tell me about a time you failed. How did you deal with the situation?")
 * to a question id of the catalog (`failure`).
 *
 * Both sides become bags of content words: boilerplate ("tell me about a
 * time", "how did you handle it") and function words are dropped, words are
 * Porter-stemmed and mapped through a synonym table (colleague →
 * teammate); a few questions are known by their shape ("Why Northwind?").
 * Words are weighted by how rare they are across the catalog, so
 * "deadline" or "dealbreaker" decide more than "work". A question scores
 * the geometric mean of how much of it the heading covers and how much of
 * the heading it explains; each question is tried in several phrasings (its
 * text, its id, a few common alternatives) and keeps its best score.
 */

export interface QuestionMatch {
  id: string;
  score: number;
}

/** Scores at or above this are treated as "clearly the same question". */
export const MATCH_THRESHOLD = 0.5;

/** What a question known by its shape scores: clearly a match, but a better worded one still wins. */
const RULE_SCORE = 0.8;

/** Synonyms by stem, so one entry covers every form of a word. */
const BY_STEM = new Map(Object.entries(SYNONYMS).map(([word, to]) => [stem(word), to]));

/**
 * Content words of a piece of text, stemmed: "Tell me about a time you
 * failed" → ["fail"]. Tokenised and stemmed like every matcher of the
 * program (support/words.ts); phrases and synonyms fold what people write
 * into the bank's words first.
 */
export function contentWords(text: string): string[] {
  let t = text.toLowerCase().replace(/&/g, ' and ');
  for (const [pattern, to] of PHRASES) t = t.replace(pattern, to);
  const out: string[] = [];
  for (const word of words(t).flatMap((w) => (w.includes('-') && !SYNONYMS[w] ? w.split('-') : [w]))) {
    if (word.length < 2 || /^\d+$/.test(word) || STOPWORDS.has(word)) continue;
    const to = SYNONYMS[word] ?? BY_STEM.get(stem(word)) ?? word;
    const s = stem(to);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

interface IndexedQuestion {
  id: string;
  variants: string[][];
}

/** A catalog prepared for matching; build once per import. */
export interface QuestionIndex {
  questions: IndexedQuestion[];
  weight(word: string): number;
}

export function indexCatalog(catalog: Catalog): QuestionIndex {
  const questions: IndexedQuestion[] = [...catalog.questions.values()].map((q) => ({
    id: q.id,
    variants: [q.text, ...(NO_ID_VARIANT.has(q.id) ? [] : [q.id.replace(/-/g, ' ')]), ...(PHRASINGS[q.id] ?? [])].map(contentWords).filter((v) => v.length > 0),
  }));
  const df = new Map<string, number>();
  for (const q of questions) {
    for (const word of new Set(q.variants.flat())) df.set(word, (df.get(word) ?? 0) + 1);
  }
  const n = questions.length;
  // Words no question uses still count against a heading, but no more than the rarest known word.
  const weight = (word: string) => Math.log((n + 1) / Math.min(df.get(word) ?? 0.5, n));
  return { questions, weight };
}

/** Catalog questions ranked by how well they match `text`, best first; only scores above zero. */
export function rankQuestions(text: string, index: QuestionIndex): QuestionMatch[] {
  const heading = contentWords(text);
  const rule = RULES.find((r) => r.test(text.trim()) && index.questions.some((q) => q.id === r.id));
  if (heading.length === 0 && !rule) return [];
  const headingWeight = heading.reduce((sum, w) => sum + index.weight(w), 0);
  const matches: QuestionMatch[] = [];
  for (const q of index.questions) {
    let best = 0;
    for (const variant of q.variants) {
      const shared = variant.filter((w) => heading.includes(w)).reduce((sum, w) => sum + index.weight(w), 0);
      if (shared === 0) continue;
      const variantWeight = variant.reduce((sum, w) => sum + index.weight(w), 0);
      best = Math.max(best, Math.sqrt((shared / variantWeight) * (shared / headingWeight)));
    }
    if (rule?.id === q.id) best = Math.max(best, RULE_SCORE);
    if (best > 0) matches.push({ id: q.id, score: best });
  }
  return matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}

/** The clearly matching question, if any. */
export function matchQuestion(text: string, index: QuestionIndex): QuestionMatch | undefined {
  const [best] = rankQuestions(text, index);
  return best && best.score >= MATCH_THRESHOLD ? best : undefined;
}

/**
 * The question id someone probably meant by an unknown one: by spelling
 * first ("tight-dealine" → tight-deadline), then by words, so a word or a
 * phrase finds its question ("conflict" → conflict-teammate, "failed" →
 * failure, "tell-me-about-yourself" → about-me). Between equal word
 * matches, the one whose id has the word wins ("stakeholder" →
 * difficult-stakeholder).
 */
export function suggestQuestionId(typed: string, index: QuestionIndex): string | undefined {
  const ids = index.questions.map((q) => q.id);
  const spelled = closest(typed, ids);
  if (spelled) return spelled;
  const typedStems = new Set(stems(typed.replace(/[-_]+/g, ' ')));
  const inId = (id: string) => stems(id.replace(/-/g, ' ')).some((w) => typedStems.has(w));
  const ranked = rankQuestions(typed.replace(/[-_]+/g, ' '), index)
    .filter((m) => m.score >= MATCH_THRESHOLD)
    .map((m) => ({ ...m, score: m.score + (inId(m.id) ? 0.1 : 0) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return ranked[0]?.id;
}

/** `; did you mean "x"?` for an unknown question id, or nothing. */
export function questionHint(typed: string, index: QuestionIndex): string {
  const id = suggestQuestionId(typed, index);
  return id ? `; did you mean "${id}"?` : '';
}

/** Words an id can do without: the prompt and the grammar, not what the question is about. */
const ID_STOPWORDS = new Set(
  (
    'a an the and or of to in on at for with from by as about tell me us describe give example share walk through talk time times ' +
    'you your yours yourself i my we our is are was were be been do does did have has had would could should can will that this ' +
    'what which who when where how whats hows please situation instance occasion some any'
  ).split(' '),
);

/** An id for a new question from its words: "How do you reduce alert fatigue" → reduce-alert-fatigue; not one of `taken`. */
export function questionIdFor(question: string, taken: ReadonlySet<string> = new Set()): string {
  const kept = question
    .replace(/n[’']t\b/gi, 'nt')
    .replace(/[’'](s|re|ve|ll|d|m)\b/gi, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !ID_STOPWORDS.has(w.toLowerCase()))
    .slice(0, 5);
  return uniqueId(slugify(kept.join(' '), 'question'), taken);
}
