import { stemmer } from 'stemmer';

/**
 * Words as the matchers compare them: lower case, accents and apostrophes
 * folded, Porter-stemmed ("failed", "failing" → "fail"; "stakeholders" →
 * "stakehold"). The one tokenizer and stemmer of the program, shared by the
 * question matcher (notes, profiles) and the job-posting reader, so both
 * read a word the same way.
 */

/** Lower-case word tokens of `text`: letters and digits, with inner hyphens kept ("on-call"). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .replace(/'(s|re|ve|ll|d|m|t)\b/g, '')
    .split(/[^\p{L}\p{N}-]+|-{2,}|(?<=\s)-|-(?=\s)/u)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length > 0);
}

/** The stem of one lower-case word ("mentoring" → "mentor"). */
export function stem(word: string): string {
  return stemmer(word);
}

/** Stems of every word of `text`, in order (duplicates kept). */
export function stems(text: string): string[] {
  return words(text).flatMap((w) => (w.includes('-') ? [stem(w.replace(/-/g, '')), ...w.split('-').map(stem)] : [stem(w)]));
}
