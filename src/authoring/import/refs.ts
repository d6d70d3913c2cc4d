import { stems } from '../../support/words.js';
import { capitalise } from './labels.js';

/**
 * "Same story as the sepsis one above, but lead with the handoff",
 * "use the month-end close story", "see above - the sofa one, angle: …":
 * an answer that points at another story. The question joins that story's
 * `questions`, and the rest of the note becomes its angle for it.
 */

export interface Reference {
  /** The words naming the other story ("sepsis", "month-end close"); empty for a bare "see above". */
  key: string;
  /** What is left of the note: how to tell the story for this question. */
  angle: string;
}

const OPENERS: readonly { pattern: RegExp; named: boolean }[] = [
  { pattern: /^(?:it[’']?s |this is |again,? )?(?:the )?same (?:story |one |example |answer |thing )?as\s+/i, named: true },
  { pattern: /^(?:use|reuse|tell|pull out) (?:the|my)\s+(?=.*?\b(?:story|one|example)\b)/i, named: true },
  { pattern: /^see (?:the|my)\s+(?=.*?\b(?:story|one|above)\b)/i, named: true },
  { pattern: /^(?:see|same as|as) (?:above|earlier|before|previous)\b[\s,;:—–-]*/i, named: false },
];

const NAME_BONUS = 1.25;

/** A change of mind inside a note. */
const CORRECTION = /\b(?:actually|no wait|i mean|or rather|scratch that)\b[,\s]*(?:no\b[,\s]*)?/i;

/** Where the words naming the story end. */
const KEY_END = /\s*(?:[,;:—–(=]|\s-\s|\.(?:\s|$)|\b(?:but|really|angle|except|only|though|this time|and (?:lead|focus|talk|tell|mention))\b)/i;
const KEY_NOISE = /(?:^|\s)(?:the|my)\s|\s+(?:one|story|example|answer|thing)\b|\s+(?:above|below|earlier|before)\b/gi;

/** The reference an answer makes, if the answer is one. */
export function readReference(answer: string): Reference | undefined {
  const text = answer.replace(/\s+/g, ' ').trim();
  // "same story as the X one - actually no, use the Y story": the note's last word on it counts.
  const correction = CORRECTION.exec(text);
  if (correction) {
    const corrected = readReference(text.slice(correction.index + correction[0].length));
    if (corrected) return corrected;
  }
  for (const { pattern, named } of OPENERS) {
    const m = pattern.exec(text);
    if (!m) continue;
    let rest = text.slice(m[0].length);
    let key = '';
    // "see above - the sofa one, angle: …" names the story after all.
    const naming = named ? rest : /^(?:the|my)\s+(.+?)\s+(?:story|one)\b/i.exec(rest)?.[0] ?? '';
    if (naming) {
      const end = named ? KEY_END.exec(rest) : undefined;
      const raw = named ? rest.slice(0, end ? end.index : rest.length) : naming;
      key = ` ${raw} `.replace(KEY_NOISE, ' ').trim();
      rest = rest.slice(raw.length);
    }
    return { key, angle: cleanAngle(rest) };
  }
  return undefined;
}

/** "…, but this time lead with X" → "Lead with X"; "angle = X" → "X". */
function cleanAngle(text: string): string {
  let t = text;
  for (let previous = ''; previous !== t; ) {
    previous = t;
    t = t
      .replace(/^[\s,;:—–=.-]+/, '')
      .replace(/^(?:but|and|so|really|though|also)\b\s*/i, '')
      .replace(/^(?:this time|here|for this one|for this question)\b[\s,]*/i, '')
      .replace(/^(?:the )?angle(?: here)?(?:\s+is\b)?\s*/i, '');
  }
  return capitalise(t.trim());
}

export interface Referable {
  id: string;
  /** Stems of everything that names the story: question, title, text. */
  words: ReadonlySet<string>;
  /** Stems of its question and title alone: on a tie, the story a key names outright wins. */
  nameWords: ReadonlySet<string>;
  /** The question it answers, as written: "same as #2" counts questions. */
  question: string;
  /** Position in the notes, to prefer stories above the reference. */
  order: number;
}

/** A story as a reference can find it: build once per import, not once per reference. */
export function referable(id: string, name: { question: string; title: string }, text: string, order: number): Referable {
  return { id, words: new Set(stems(`${name.question}\n${name.title}\n${text}`)), nameWords: new Set(stems(`${name.question}\n${name.title}`)), question: name.question, order };
}

/** "#2", "q2", "question 2", "no. 2": a reference by the question's number. */
const BY_NUMBER = /^(?:#|q|question|no\.?|number)\s*(\d{1,3})$/i;

const IGNORED = new Set(['the', 'a', 'an', 'of', 'my', 'i', 'with', 'to', 'on', 'in', 'at', 'for', 'that', 'one', 'stori', 'stor', 'stories', 'abov', 'about', 'time', 'tell', 'me', 'you']);

/** Stories as references find them, with an index from each word to the stories that have it. */
export interface Referables {
  list: readonly Referable[];
  byWord: ReadonlyMap<string, readonly number[]>;
}

export function indexReferables(list: readonly Referable[]): Referables {
  const byWord = new Map<string, number[]>();
  list.forEach((c, i) => {
    for (const w of c.words) {
      const at = byWord.get(w);
      if (at) at.push(i);
      else byWord.set(w, [i]);
    }
  });
  return { list, byWord };
}

/**
 * The story a reference points at: the one whose words best cover the key,
 * rare words counting more; above the reference before below it. A bare
 * "see above" is the story right above.
 */
export function resolveReference(ref: Reference, candidates: Referables, order: number, minScore = 0.5): string | undefined {
  const { list, byWord } = candidates;
  const numbered = BY_NUMBER.exec(ref.key.trim());
  if (numbered) return nthQuestion(list, Number(numbered[1]));
  const key = [...new Set(stems(ref.key))].filter((w) => !IGNORED.has(w));
  if (key.length === 0) {
    let above: Referable | undefined;
    for (const c of list) if (c.order < order && (!above || c.order >= above.order)) above = c;
    return above?.id;
  }
  const weight = new Map(key.map((w) => [w, Math.log((list.length + 1) / ((byWord.get(w)?.length ?? 0) + 0.5))]));
  const total = key.reduce((n, w) => n + weight.get(w)!, 0);
  // Only stories that share a word can score: score those, in notes order.
  const scores = new Map<number, number>();
  // A word in the story's question or title counts a quarter more than one in its text.
  for (const w of key) for (const i of byWord.get(w) ?? []) scores.set(i, (scores.get(i) ?? 0) + ((list[i]!.nameWords.has(w) ? NAME_BONUS : 1) * weight.get(w)!) / total);
  let best: { id: string; score: number; named: number; above: boolean } | undefined;
  for (const i of [...scores.keys()].sort((a, b) => a - b)) {
    const c = list[i]!;
    const score = scores.get(i)!;
    const named = key.filter((w) => c.nameWords.has(w)).length;
    const isAbove = c.order < order;
    const tie = best !== undefined && Math.abs(score - best.score) <= 1e-9;
    const better = !best || score > best.score + 1e-9 || (tie && (named > best.named || (named === best.named && isAbove && !best.above)));
    if (better) best = { id: c.id, score, named, above: isAbove };
  }
  return best && best.score >= minScore ? best.id : undefined;
}

/** The first story of the n-th question of the notes (questions counted in notes order, each once). */
function nthQuestion(list: readonly Referable[], n: number): string | undefined {
  const seen = new Set<string>();
  for (const c of [...list].sort((a, b) => a.order - b.order)) {
    if (seen.has(c.question)) continue;
    seen.add(c.question);
    if (seen.size === n) return c.id;
  }
  return undefined;
}
