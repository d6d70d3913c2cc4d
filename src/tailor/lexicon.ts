import { z } from 'zod';
import { COMPETENCIES } from '../questions/bank.js';
import { tokens, type Token } from '../support/words.js';
import data from './lexicon.json' with { type: 'json' };

/**
 * The competency lexicon (lexicon.json), checked and compiled once: each
 * phrase becomes the stems it is matched on. Kept as data so that a reader
 * can see, and a maintainer change, how a posting's words count towards a
 * competency without reading code.
 */

const COMPETENCY_IDS = new Set(COMPETENCIES.map((c) => c.id));
const competencyId = z.string().refine((id) => COMPETENCY_IDS.has(id), { message: 'not a competency id of src/questions/bank.ts' });

const EntrySchema = z.object({
  seeds: z.array(z.string()).default([]),
  phrases: z.record(z.string(), z.union([z.literal(1), z.literal(2), z.literal(3)])),
  not: z.array(z.string()).default([]),
});

export const LexiconSchema = z.object({
  about: z.string(),
  syntax: z.array(z.string()),
  sources: z.array(z.object({ name: z.string(), publisher: z.string(), licence: z.string() })).min(1),
  roles: z.object({ about: z.string(), points: z.number().positive(), families: z.record(z.string(), z.array(competencyId).min(1).max(3)) }),
  competencies: z.record(competencyId, EntrySchema),
});
export type LexiconData = z.infer<typeof LexiconSchema>;

/** A step of a compiled phrase: a stem, an exact word (`=word`), or a gap of 0–GAP_WORDS words (`*`). */
type Step = { stem: string } | { word: string } | typeof GAP;
const GAP = Symbol('gap');
/** What `*` in a phrase stands for: up to this many words. */
export const GAP_WORDS = 4;

export interface Phrase {
  /** The competency it counts for; for a role family, the family's name. */
  competency: string;
  /** As written in lexicon.json. */
  text: string;
  weight: number;
  steps: Step[];
  /** The steps as text: two phrases with one key match the same words ("metric", "metrics"). */
  key: string;
}

export interface RoleFamily {
  phrase: Phrase;
  competencies: string[];
}

export interface Lexicon {
  phrases: Phrase[];
  /** Phrases that do not count, per competency. */
  exclusions: Map<string, Phrase[]>;
  /** Phrases by the stem they start with, for matching without trying every phrase at every word. */
  byFirstStem: Map<string, Phrase[]>;
  /** What a job title alone says a role needs ("product manager" → prioritization…). */
  roles: RoleFamily[];
  /** Points each of a title's competencies gets. */
  rolePoints: number;
}

function compile(competency: string, text: string, weight: number): Phrase {
  const steps: Step[] = [];
  for (const part of text.split(/\s+/)) {
    if (part === '*') steps.push(GAP);
    else if (part.startsWith('=')) steps.push(...tokens(part.slice(1)).map((t) => ({ word: t.word })));
    else steps.push(...tokens(part).map((t) => ({ stem: t.stem })));
  }
  if (steps.length === 0 || steps[0] === GAP || steps.at(-1) === GAP) throw new Error(`lexicon: "${text}" (${competency}) must start and end with a word`);
  const key = steps.map((s) => (s === GAP ? '*' : 'stem' in s ? s.stem : tokens(s.word)[0]!.stem)).join(' ');
  return { competency, text, weight, steps, key };
}

function firstStem(phrase: Phrase): string {
  const first = phrase.steps[0] as { stem: string } | { word: string };
  return 'stem' in first ? first.stem : tokens(first.word)[0]!.stem;
}

export function compileLexicon(raw: unknown): Lexicon {
  const parsed = LexiconSchema.parse(raw);
  const phrases: Phrase[] = [];
  const exclusions = new Map<string, Phrase[]>();
  for (const [competency, entry] of Object.entries(parsed.competencies)) {
    for (const [text, weight] of Object.entries(entry.phrases)) phrases.push(compile(competency, text, weight));
    exclusions.set(competency, entry.not.map((text) => compile(competency, text, 0)));
  }
  const byFirstStem = new Map<string, Phrase[]>();
  for (const p of phrases) byFirstStem.set(firstStem(p), [...(byFirstStem.get(firstStem(p)) ?? []), p]);
  const roles = Object.entries(parsed.roles.families).map(([text, competencies]) => ({ phrase: compile(text, text, 0), competencies }));
  return { phrases, exclusions, byFirstStem, roles, rolePoints: parsed.roles.points };
}

let compiled: Lexicon | undefined;

/** The built-in lexicon, compiled on first use. */
export function builtinLexicon(): Lexicon {
  compiled ??= compileLexicon(data);
  return compiled;
}

/** Where a phrase matched: token indexes [start, end). */
export interface PhraseMatch {
  phrase: Phrase;
  start: number;
  end: number;
}

function stepMatches(step: Exclude<Step, typeof GAP>, token: Token | undefined): boolean {
  if (!token) return false;
  return 'stem' in step ? token.stem === step.stem : token.word === step.word;
}

/** End (exclusive) of a match of `steps` starting at token `at`, taking the shortest gaps; undefined when there is none. */
function matchAt(steps: readonly Step[], toks: readonly Token[], at: number): number | undefined {
  const go = (step: number, pos: number): number | undefined => {
    if (step === steps.length) return pos;
    const s = steps[step]!;
    if (s === GAP) {
      for (let skip = 0; skip <= GAP_WORDS && pos + skip <= toks.length; skip++) {
        const end = go(step + 1, pos + skip);
        if (end !== undefined) return end;
      }
      return undefined;
    }
    return stepMatches(s, toks[pos]) ? go(step + 1, pos + 1) : undefined;
  };
  return go(0, at);
}

/** Words that turn what follows into its opposite: "you will not manage the engineers". */
const NEGATORS = new Set(['not', 'no', 'never', 'nor', 'cannot', 'don', 'doesn', 'didn', 'won', 'isn', 'aren', 'wasn', 'shouldn', 'needn']);
/** How far back a negation reaches, in words, within one clause. */
const NEGATION_REACH = 3;

function negated(text: string, toks: readonly Token[], start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - NEGATION_REACH; i--) {
    // A clause break between the negation and the phrase ends its reach.
    if (/[.;:,!?()—–]/.test(text.slice(toks[i]!.end, toks[i + 1]!.start))) return false;
    if (NEGATORS.has(toks[i]!.word)) return true;
  }
  return false;
}

/**
 * The lexicon's phrases found in `text` (already split into `toks`), minus
 * those inside an exclusion of their competency and those negated.
 */
export function findPhrases(lexicon: Lexicon, text: string, toks: readonly Token[]): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (let i = 0; i < toks.length; i++) {
    for (const phrase of lexicon.byFirstStem.get(toks[i]!.stem) ?? []) {
      const end = matchAt(phrase.steps, toks, i);
      if (end !== undefined) found.push({ phrase, start: i, end });
    }
  }
  return found.filter((m) => !excluded(lexicon, m, toks) && !negated(text, toks, m.start));
}

function excluded(lexicon: Lexicon, m: PhraseMatch, toks: readonly Token[]): boolean {
  for (const not of lexicon.exclusions.get(m.phrase.competency) ?? []) {
    // An exclusion covers a match when it starts at or before it and reaches into it.
    for (let i = Math.max(0, m.start - not.steps.length - GAP_WORDS); i < m.end; i++) {
      const end = matchAt(not.steps, toks, i);
      if (end !== undefined && end > m.start) return true;
    }
  }
  return false;
}

/** The role families a job title belongs to ("Customer Support Team Lead": support, team lead). */
export function roleFamilies(lexicon: Lexicon, title: string): RoleFamily[] {
  const toks = tokens(title);
  return lexicon.roles.filter((family) => toks.some((_, i) => matchAt(family.phrase.steps, toks, i) !== undefined));
}
