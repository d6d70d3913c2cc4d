import { findCompany } from './company.js';
import { builtinLexicon, type Lexicon } from './lexicon.js';
import { placeBlocks } from './placement.js';
import type { Posting } from './posting.js';
import { findRole, type Found } from './role.js';
import { scorePosting, type CompetencyScore } from './score.js';

/**
 * What a posting asks for, with the reasons: the role and employer it
 * names, each competency it asks for with a weight of 1–3 and the lines
 * that say so. Pure and deterministic: the same posting, the same analysis.
 */

export interface Ask extends CompetencyScore {
  /** 1–3: how strongly the posting asks, relative to its strongest ask. */
  weight: 1 | 2 | 3;
}

export interface Analysis {
  role?: Found;
  company?: Found;
  /** A recruitment agency that posted for an unnamed client. */
  agency?: string;
  /** Every competency the posting asks for, strongest first. */
  asks: Ask[];
  /** The 3–6 asks a profile emphasises (fewer when the posting asks for fewer). */
  emphasis: Ask[];
}

/** A competency below this score is a passing mention, not an ask (one hint-level phrase in a requirement scores 1). */
export const MIN_ASK_SCORE = 2;
/** Weights relative to the strongest ask. */
const WEIGHT_3 = 0.7;
const WEIGHT_2 = 0.4;
export const MIN_EMPHASIS = 3;
export const MAX_EMPHASIS = 6;
/** Beyond the first three, an ask joins the emphasis when it scores at least this share of the third. */
const EMPHASIS_CUTOFF = 0.5;

export function analysePosting(posting: Posting, lexicon: Lexicon = builtinLexicon()): Analysis {
  const placements = placeBlocks(posting.blocks);
  const role = findRole(posting, placements);
  const { company, agency } = findCompany(posting, placements, role?.text);
  const scores = scorePosting(posting, lexicon, role, placements).filter((s) => s.score >= MIN_ASK_SCORE);
  const top = scores[0]?.score ?? 0;
  const asks: Ask[] = scores.map((s) => ({ ...s, weight: s.score >= WEIGHT_3 * top ? 3 : s.score >= WEIGHT_2 * top ? 2 : 1 }));
  const third = asks[MIN_EMPHASIS - 1]?.score ?? 0;
  const emphasis = asks.filter((a, i) => i < MIN_EMPHASIS || (i < MAX_EMPHASIS && a.score >= EMPHASIS_CUTOFF * third));
  return { role, company, agency, asks, emphasis };
}

