import { MATCH_THRESHOLD, rankQuestions, type QuestionIndex } from '../../questions/match.js';
import { ASIDE_BLOCK } from './asides.js';
import { headingLabel, splitLabels } from './labels.js';
import type { NoteLine } from './lines.js';

/**
 * Where questions start, in every common shape, mixed freely in one file:
 * Markdown headings of any level, numbered lines (`2.`, `3)`, `Q3.`, `#4 -`),
 * a line bold as a whole, `Q:` / `Question:` lines, a top-level bullet with
 * its answer nested under it, and a short plain line that reads as an
 * interview question with the answer below it.
 */

export type StartKind = 'question' | 'topic' | 'group';

export interface Start {
  /** Index of the first line in the notes' lines. */
  at: number;
  /** Lines it takes (2 for a setext heading). */
  span: number;
  kind: StartKind;
  /** The question (or topic, group) as written, without markup or numbering. */
  text: string;
  /** Answer text written on the question line itself. */
  inlineAnswer?: string;
  /** How it was recognised, for the summary. */
  shape: 'heading' | 'q-line' | 'numbered' | 'bold' | 'bullet' | 'plain';
  /** Asked with `Q:` / `Question:`: the answer may open with `A:` / `Answer:`. */
  qa: boolean;
}

type Strength = 'strong' | 'weak' | undefined;

const PROMPT =
  /^(?:tell (?:me|us)\b|describe\b|give (?:me |us )?(?:an? )?(?:example|instance|time)\b|walk (?:me|us) through\b|talk (?:me|us) (?:through|about)\b|share (?:an?|your|a time)\b|an? (?:time|situation|moment|occasion|example|project) (?:when |where |that |in which )?(?:you|your)\b|explain (?:a|an|how|why|what)\b|(?:have|can|could|would|did|do|are|were|will) you\b|how (?:do|did|would|have|are|will|should|does) (?:you|your)\b)/i;
const WH = /^(?:why|what|what[’']s|how|when|where|who|which)\b/i;
const Q_LINE = /^(?:\*\*|__)?[ \t]*(?:Q|Question)[ \t]*\d{0,3}[ \t]*[:.)][ \t]*(?:\*\*|__)?[ \t]*(.+)$/i;
const HASH_NUMBERED = /^#\d{1,3}[ \t]*[-–—.:)][ \t]*(.+)$/;
/** A number inside a bullet: `* 3) …`, `- Q4. …`, `+ #5 - …`. */
const NUMBERED_IN_BULLET = /^(?:Q[ \t]?|#)?\d{1,3}[ \t]*[.):][ \t]+(.+)$|^#\d{1,3}[ \t]*[-–—][ \t]+(.+)$/i;
const BOLD_LINE = /^(?:\*\*|__)(.+?)(?:\*\*|__)[ \t]*(.*)$/;
const INLINE_ANSWER = /^(.*?\S)[ \t]+(?:\*\*|__)?(?:A|Answer)[ \t]*[:.][ \t]*(?:\*\*|__)?[ \t]+(.+)$/;

/** Question text without markup, numbering, `Q:` prefix or wrapping quotes. */
export function cleanQuestion(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/^[ \t]*(?:\d{1,3}[ \t]*[.)]|\(\d{1,3}\)|#\d{1,3}[ \t]*[-–—.:)]?)[ \t]*/, '')
    .replace(/^[ \t]*(?:Q|Question)[ \t]*\d{0,3}[ \t]*[:.)][ \t]*/i, '')
    .replace(/^[ \t]*["“”'‘’]+[ \t]*/, '')
    .replace(/[ \t]*["“”'‘’]+[ \t]*$/, (m) => (/^\s*[’']\s*$/.test(m) ? m.trim() : ''))
    .replace(/[\s:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** How strongly a text reads as an interview question. */
function strength(text: string): Strength {
  if (!text || /^[([]/.test(text)) return undefined;
  if ((text.includes('?') && wordCount(text) <= 40) || PROMPT.test(text)) return 'strong';
  if (WH.test(text) && wordCount(text) <= 20 && !/[.!:;]["”’)]?$/.test(text)) return 'weak';
  return undefined;
}

/** A plain line must look like a question on its own: it ends with `?`, or opens like a prompt with no full stop inside. */
function plainStrength(text: string): Strength {
  if (/^[([]/.test(text) || wordCount(text) > 25 || /:$/.test(text)) return undefined;
  if (/\?["”’)]?(?:[\s\p{Extended_Pictographic}\uFE0F]*|\s*\([^)]*\))$/u.test(text)) return 'strong';
  if (PROMPT.test(text) && !/[.!;]\s/.test(text)) return 'strong';
  if (WH.test(text) && wordCount(text) <= 12 && !/[.!:;,]/.test(text)) return 'weak';
  return undefined;
}

/** Lines that can never start a question: labels, asides, "Notes to self:". */
function isLabelOrAside(line: NoteLine): boolean {
  return splitLabels(line.text, { letters: true, listed: Boolean(line.bullet) }) !== undefined || ASIDE_BLOCK.test(line.text) || /^[([]/.test(line.text);
}

interface Candidate extends Omit<Start, 'kind'> {
  strength: Strength;
  level?: number;
}

function candidate(lines: readonly NoteLine[], i: number, index: QuestionIndex): Candidate | undefined {
  const line = lines[i]!;
  if (line.blank || line.code || line.rule || line.underline) return undefined;
  const base = { at: i, span: line.heading && lines[i + 1]?.underline ? 2 : 1, qa: false };
  if (line.heading) {
    if (headingLabel(line.heading.text)) return undefined;
    const text = cleanQuestion(line.heading.text);
    const known = (rankQuestions(text, index)[0]?.score ?? 0) >= MATCH_THRESHOLD;
    return { ...base, text, shape: 'heading', level: line.heading.level, strength: strength(text) ?? (known ? 'weak' : undefined) };
  }
  if (line.indent > 3) return undefined;
  const q = Q_LINE.exec(line.text);
  if (q) return { ...base, ...inline(q[1]!), shape: 'q-line', qa: true, strength: 'strong' };
  const hash = line.bullet ? undefined : HASH_NUMBERED.exec(line.text);
  if (hash) return { ...base, ...inline(hash[1]!), shape: 'numbered', strength: 'strong' };
  if (isLabelOrAside(line)) return undefined;
  if (line.bullet && /^\d/.test(line.bullet)) {
    const parts = inline(line.text);
    const known = (rankQuestions(parts.text, index)[0]?.score ?? 0) >= MATCH_THRESHOLD;
    const s = strength(parts.text) ?? (known ? 'weak' : undefined);
    return s ? { ...base, ...parts, shape: 'numbered', strength: s } : undefined;
  }
  const bold = line.bullet ? undefined : BOLD_LINE.exec(line.text);
  if (bold) {
    const parts = inline(bold[1]!);
    const rest = bold[2]!.trim();
    const s = strength(parts.text);
    if (s && (rest === '' || /[?:.]$/.test(bold[1]!.trim()))) {
      return { ...base, text: parts.text, inlineAnswer: [parts.inlineAnswer, rest].filter(Boolean).join(' ') || undefined, shape: 'bold', strength: s };
    }
    return undefined;
  }
  if (line.bullet && line.indent <= 1) {
    // "* 3) tell me about…": a numbered question written as a bullet, its answer nested under it.
    const numbered = NUMBERED_IN_BULLET.exec(line.text);
    if (numbered) {
      const parts = inline((numbered[1] ?? numbered[2])!);
      const known = (rankQuestions(parts.text, index)[0]?.score ?? 0) >= MATCH_THRESHOLD;
      const s = strength(parts.text) ?? (known ? 'weak' : undefined);
      if (s) return { ...base, ...parts, shape: 'numbered', strength: s };
    }
  }
  if (line.bullet) {
    // A top-level bullet is a question when its answer is nested under it.
    let n = i + 1;
    while (lines[n]?.blank) n++;
    const next = lines[n];
    const s = line.indent <= 1 ? plainStrength(line.text) : undefined;
    return s && next && next.indent > line.indent ? { ...base, text: cleanQuestion(line.text), shape: 'bullet', strength: s } : undefined;
  }
  const prev = lines[i - 1];
  const standalone = !prev || prev.blank || prev.heading !== undefined || prev.rule || prev.underline;
  const next = lines[i + 1];
  const s = plainStrength(line.text);
  return s && standalone && next && !next.blank ? { ...base, text: cleanQuestion(line.text), shape: 'plain', strength: s } : undefined;
}

/** `Why this company? A: Because…` and `Q: Tell me about yourself A: I'm…` on one line. */
function inline(raw: string): { text: string; inlineAnswer?: string } {
  const m = INLINE_ANSWER.exec(raw.replace(/(?:\*\*|__)[ \t]*$/, ''));
  if (m) return { text: cleanQuestion(m[1]!), inlineAnswer: m[2]!.trim() };
  return { text: cleanQuestion(raw) };
}

/**
 * Every start of a question, topic or group heading, in file order.
 *
 * A heading that only weakly reads as a question ("what you would do
 * differently", "Dealbreakers") is a question at a level where questions
 * are, and not deeper than the question it follows: under a question it is
 * a sub-heading of that answer. A heading that is no question at all is
 * part of the preamble before the first question, a group heading above the
 * question level, a topic at it, and a sub-heading below it.
 */
export function findStarts(lines: readonly NoteLine[], index: QuestionIndex): Start[] {
  const candidates = lines.map((_, i) => candidate(lines, i, index));
  const headingLevels = (s: Strength) => new Set(candidates.filter((c) => c?.shape === 'heading' && c.strength === s).map((c) => c!.level!));
  const strong = headingLevels('strong');
  const levels = strong.size ? strong : headingLevels('weak');
  const top = Math.min(...levels);
  const firstLine = lines.findIndex((l) => !l.blank);
  const starts: Start[] = [];
  let lastLevel: number | undefined;
  let seenQuestion = false;
  for (const c of candidates) {
    if (!c) continue;
    const { strength: s, level, ...start } = c;
    if (c.shape !== 'heading') {
      if (s) starts.push({ ...start, kind: 'question' });
      seenQuestion ||= s !== undefined;
      continue;
    }
    const atQuestionLevel = levels.has(level!) && (lastLevel === undefined || level! <= lastLevel);
    if (s === 'strong' || (s === 'weak' && atQuestionLevel)) {
      starts.push({ ...start, kind: 'question' });
      lastLevel = level;
      seenQuestion = true;
    } else if (level! < top && c.at !== firstLine && ((levels.size > 0 && seenQuestion) || groupsQuestions(lines, c.at + c.span, candidates))) {
      starts.push({ ...start, kind: 'group' });
      lastLevel = undefined;
    } else if (!s && seenQuestion && atQuestionLevel) {
      starts.push({ ...start, kind: 'topic' });
    }
  }
  return starts.some((s) => s.kind === 'question') ? starts : topicsOnly(candidates);
}

/** Notes without a single question, but with headings: one draft story per heading of the shallowest level used twice. */
function topicsOnly(candidates: readonly (Candidate | undefined)[]): Start[] {
  const headings = candidates.filter((c): c is Candidate => c?.shape === 'heading');
  const counts = new Map<number, number>();
  for (const h of headings) counts.set(h.level!, (counts.get(h.level!) ?? 0) + 1);
  const level = [...counts.entries()].filter(([, n]) => n >= 2).sort((a, b) => a[0] - b[0])[0]?.[0];
  return headings.filter((h) => h.level === level).map(({ strength: _, level: __, ...start }) => ({ ...start, kind: 'topic' as const }));
}

/** Whether a question follows `from` with nothing but blank lines and separators between: what a group heading does. */
function groupsQuestions(lines: readonly NoteLine[], from: number, candidates: readonly (Candidate | undefined)[]): boolean {
  for (let i = from; i < lines.length; i++) {
    if (candidates[i]?.strength) return true;
    if (!lines[i]!.blank && !lines[i]!.rule) return false;
  }
  return false;
}
