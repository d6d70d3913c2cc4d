import { stemmer } from 'stemmer';

/**
 * Words as the matchers compare them: lower case, accents and apostrophes
 * folded, British spellings read as American ones ("prioritise" and
 * "prioritize", "behaviour" and "behavior" are one word), Porter-stemmed
 * ("failed", "failing" → "fail"; "stakeholders" → "stakehold"). The one
 * tokenizer and stemmer of the program, shared by the question matcher
 * (notes, profiles) and the job-posting reader, so both read a word the
 * same way.
 */

/** Lower case, accents dropped ("Café" → "cafe"). */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
}

/** Lower-case word tokens of `text`: letters and digits, with inner hyphens kept ("on-call"). */
export function words(text: string): string[] {
  return fold(text)
    .replace(/[’‘`]/g, "'")
    .replace(/'(s|re|ve|ll|d|m|t)\b/g, '')
    .split(/[^\p{L}\p{N}-]+|-{2,}|(?<=\s)-|-(?=\s)/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 0);
}

/** One word of a text with where it stands, for matchers that quote what they matched. */
export interface Token {
  /** Folded word, as `words` gives it (hyphenated words come as their parts). */
  word: string;
  stem: string;
  /** Offsets of the word in the original text: `text.slice(start, end)` is what was written. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const CONTRACTION = /^(s|re|ve|ll|d|m|t)$/;

/**
 * The words of `text` in order, with their offsets. Hyphens and other
 * punctuation separate words here ("on-call" is "on", "call"), so a phrase
 * matches however a writer joined it; the endings of contractions
 * ("you'll", "team's") are dropped as `words` drops them.
 */
export function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = fold(m[0]);
    const before = text[m.index - 1];
    if (CONTRACTION.test(word) && (before === "'" || before === '’')) continue;
    out.push({ word, stem: stem(word), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** British endings and spellings that Porter does not join to their American form. */
const SPELLINGS: [RegExp, string][] = [
  [/(\w{3})is(e|es|ed|ing|ations?|ational|ationally|er|ers|able)$/, '$1iz$2'],
  [/(\w{3})ys(e|es|ed|ing|er|ers)$/, '$1yz$2'],
  [/(\w{2}[bvlnmhi])our(s|ed|ing|able|ite|ites)?$/, '$1or$2'],
  [/(\w+n)tre(s)?$/, '$1ter$2'],
  [/(\w+n)tred$/, '$1tered'],
  [/^(judg|acknowledg)ement(s)?$/, '$1ment$2'],
  [/^programme(s|d)?$/, 'program$1'],
  [/^(licen|defen|offen)ce(s|d)?$/, '$1se$2'],
];

function americanSpelling(word: string): string {
  let out = word;
  for (const [pattern, replacement] of SPELLINGS) out = out.replace(pattern, replacement);
  return out;
}

/** Stems already computed: a posting or a notes file repeats its words, and stemming is most of reading them. */
const STEMS = new Map<string, string>();
const MAX_CACHED_STEMS = 50_000;

/** The stem of one lower-case word ("mentoring" → "mentor", "organised" → "organ"). */
export function stem(word: string): string {
  let found = STEMS.get(word);
  if (found === undefined) {
    found = stemmer(americanSpelling(word));
    if (STEMS.size >= MAX_CACHED_STEMS) STEMS.clear();
    STEMS.set(word, found);
  }
  return found;
}

/** Stems of every word of `text`, in order (duplicates kept). */
export function stems(text: string): string[] {
  return words(text).flatMap((w) => (w.includes('-') ? [stem(w.replace(/-/g, '')), ...w.split('-').map(stem)] : [stem(w)]));
}
