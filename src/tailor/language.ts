import { words } from '../support/words.js';
import type { Posting } from './posting.js';

/**
 * Only English postings can be read: the lexicon is English. A posting in
 * another language would match nothing, or worse a few loan words, and give
 * a confident profile of noise; better to say so. English prose is about a
 * third function words ("the", "and", "to", "you"); other languages have
 * their own, so a low share of English ones is a cheap and reliable sign.
 */

const ENGLISH = new Set(
  (
    'the a an and or but of to in on at for with from by as is are was were be been will would can could should may must ' +
    'you your we our us they their it its this that these those who which what when where how if than then so not no all ' +
    'have has had do does did about into over under more most other such only also very up out any each every'
  ).split(' '),
);

/** Below this share of English function words, a posting of some length is not English. */
export const MIN_ENGLISH_SHARE = 0.12;
/** Too few words to judge: give the posting the benefit of the doubt. */
const MIN_WORDS = 20;

export function englishShare(posting: Posting): { share: number; words: number } {
  const all = posting.blocks.flatMap((b) => words(b.text)).filter((w) => /\p{L}/u.test(w));
  if (all.length === 0) return { share: 0, words: 0 };
  return { share: all.filter((w) => ENGLISH.has(w)).length / all.length, words: all.length };
}

export function looksEnglish(posting: Posting): boolean {
  const { share, words: count } = englishShare(posting);
  return count < MIN_WORDS || share >= MIN_ENGLISH_SHARE;
}
