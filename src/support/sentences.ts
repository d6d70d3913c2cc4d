/**
 * Sentences of prose, for cue lines and the short pitch. The Unicode
 * sentence rules (Intl.Segmenter, from the ICU that Node ships) do the
 * splitting; they break after every full stop followed by a capital, so
 * the pieces an abbreviation or an initial cut off are joined again here:
 * "St. Agnes", "Dr. Patel", "e.g. The rota", "No. 5", "J. R. Smith".
 * Dotted numbers ("v2.1", "4.1h") never split: the rules only break after
 * a stop followed by a space.
 */

const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Words written before a name: a stop after them never ends the sentence. */
const TITLES = new Set(['st', 'dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'sr', 'jr', 'mt', 'ft', 'rev', 'fr', 'gen', 'col', 'capt', 'cpt', 'lt', 'sgt', 'hon', 'gov', 'sen', 'supt', 'insp', 'messrs']);

/** Abbreviations that are always followed by more of the sentence. */
const INSIDE = new Set(['e.g', 'i.e', 'eg', 'ie', 'approx', 'vs', 'cf', 'ca', 'viz', 'esp', 'incl', 'excl', 'resp', 'appt', 'dept', 'univ', 'assoc', 'avg']);

/** Abbreviations that stand before a number: "No. 5", "p. 12", "Vol. 3". */
const BEFORE_NUMBER = new Set(['no', 'nos', 'vol', 'fig', 'figs', 'p', 'pp', 'ch', 'sec', 'art', 'ref', 'ext', 'tel', 'rm', 'apt', 'ste', 'nr', 'op']);

/** Splits prose into sentences, whitespace collapsed. */
export function splitSentences(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const out: string[] = [];
  for (const { segment } of SEGMENTER.segment(clean)) {
    const piece = segment.trim();
    if (!piece) continue;
    const last = out[out.length - 1];
    if (last !== undefined && continues(last, piece)) out[out.length - 1] = `${last} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** Whether `next` is the rest of the sentence `before`, cut after an abbreviation or an initial. */
function continues(before: string, next: string): boolean {
  if (!before.endsWith('.')) return false;
  const words = before.slice(0, -1).split(/[\s(“"‘']+/);
  const word = words[words.length - 1] ?? '';
  const key = word.toLowerCase();
  if (TITLES.has(key) || INSIDE.has(key)) return true;
  if (BEFORE_NUMBER.has(key) && /^\d/.test(next)) return true;
  // An initial: one capital after a title or another initial, or standing alone ("J. R. Smith", "Dr. A. Patel").
  // "Plan B." or "Vitamin D." after a word still ends the sentence.
  if (/^\p{Lu}$/u.test(word) && /^\p{Lu}/u.test(next)) {
    if (words.length === 1) return true;
    const prior = words[words.length - 2] ?? '';
    return prior.endsWith('.') || TITLES.has(prior.toLowerCase());
  }
  return false;
}
