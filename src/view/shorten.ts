import { findNumbers } from '../support/numbers.js';

/**
 * Shortening a sentence for a cue line. A sentence is cut into clauses (at
 * commas, semicolons, colons, spaced dashes, and before "because",
 * "while"…, never inside brackets or quotes); the cue is the run of whole
 * clauses around the part that matters (its number) that fits. Only when
 * one clause alone is too long is it cut at a word, and then never inside
 * a number with its unit ("22 %" stays whole), and never ending on "and" or
 * "to".
 */

export interface Span {
  start: number;
  end: number;
}

/** Words that open a clause of their own even without a comma. */
const CLAUSE_WORDS = /\s(?=(?:because|while|whereas|although|though|until|so that|but)\s)/giu;

/** A clause that opens with one of these, followed by more of the sentence, only leads into what comes next. */
const LEADS_IN = /^[\s,;]*(?:(?:and|but|or|so)\s+)?(?:because|since|if|when|while|although|though|as|unless|once|after|before|until)\b/iu;

/** How far over the limit a whole sentence may run rather than be cut at a word. */
const SLACK = 1.2;

/** Words a cut line must not end on. */
const DANGLING = new Set(['and', 'or', 'but', 'so', 'the', 'a', 'an', 'to', 'of', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'into', 'that', 'which', 'while', 'as', 'than', 'our', 'my', 'their', 'his', 'her', 'its', 'we', 'i', 'was', 'were', 'is', 'are', 'be', 'after', 'before']);

/** Where the clauses of `text` begin and end; together they cover it. */
export function clauses(text: string): Span[] {
  const cuts = new Set<number>();
  let depth = 0;
  let quoted = false;
  // After a colon comes a list ("work: alert timing, charting and data requests"): cut before it, never inside.
  let listing = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    else if (ch === '"') quoted = !quoted;
    else if (ch === '“') quoted = true;
    else if (ch === '”') quoted = false;
    if (depth > 0 || quoted) continue;
    if (ch === ';') listing = false;
    if (/[,;:]/.test(ch) && text[i + 1] === ' ' && !(listing && ch === ',')) cuts.add(i + 1);
    if (ch === ':') listing = true;
    // A spaced dash starts a clause: "fell 22 % — the best on the ward".
    if (/[—–-]/.test(ch) && text[i - 1] === ' ' && text[i + 1] === ' ') cuts.add(i - 1);
  }
  for (const m of text.matchAll(CLAUSE_WORDS)) if (!insideBrackets(text, m.index)) cuts.add(m.index);
  const points = [0, ...[...cuts].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b), text.length];
  const out: Span[] = [];
  for (let i = 0; i < points.length - 1; i++) if (points[i + 1]! > points[i]!) out.push({ start: points[i]!, end: points[i + 1]! });
  return out;
}

function insideBrackets(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return (before.match(/[([]/g)?.length ?? 0) > (before.match(/[)\]]/g)?.length ?? 0);
}

/** A shortened sentence, and what shortening it took. */
export interface Shortened {
  text: string;
  /** Words before the kept part were left out. */
  fragment: boolean;
  /** Cut inside a clause, at a word. */
  cut: boolean;
}

/**
 * `sentence` in at most `max` characters, keeping `focus` (a span of it).
 * With `ellipsis`, a line cut inside a clause ends in "…".
 */
export function shortenAround(sentence: string, focus: Span | undefined, max: number, options: { ellipsis: boolean }): Shortened {
  const text = sentence.replace(/\s+/g, ' ').trim();
  const whole = tidy(text);
  if (whole.length <= max) return { text: whole, fragment: false, cut: false };
  const parts = clauses(text);
  const at = focus ?? { start: 0, end: 0 };
  let lo = Math.max(0, parts.findIndex((p) => p.end > at.start));
  let hi = lo;
  while (hi < parts.length - 1 && parts[hi]!.end < at.end) hi++;
  const piece = (a: number, b: number) => tidy(text.slice(parts[a]!.start, parts[b]!.end));
  const words = (a: number, b: number) => {
    const from = parts[a]!.start;
    const inner = focus && { start: focus.start - from, end: focus.end - from };
    return { ...cutAtWords(text.slice(from, parts[b]!.end), inner, max, options), fragment: a > 0 };
  };
  // A sentence a little over the limit reads better whole than cut at a word.
  const asIs = { text: whole, fragment: false, cut: false };
  if (piece(lo, hi).length > max) return whole.length <= max * SLACK ? asIs : words(lo, hi);
  // Grow by whole clauses; the one before comes first, as it usually holds the subject.
  for (;;) {
    if (lo > 0 && piece(lo - 1, hi).length <= max) lo--;
    else if (hi < parts.length - 1 && piece(lo, hi + 1).length <= max) hi++;
    else break;
  }
  // Never end on a clause that leads into the next ("…, and because the initiative was open,").
  while (hi > lo && hi < parts.length - 1 && LEADS_IN.test(text.slice(parts[hi]!.start, parts[hi]!.end)) && parts[hi]!.start >= at.end) hi--;
  const kept = piece(lo, hi);
  // "Dr. Patel, our medical director" is no line: when whole clauses leave half the room, cut the next one at a word.
  if (kept.length < max * 0.45 && hi < parts.length - 1) {
    if (whole.length <= max * SLACK) return asIs;
    const more = words(lo, hi + 1);
    if (more.text.length > kept.length + 10) return more;
  }
  return { text: kept, fragment: lo > 0, cut: false };
}

/** One clause cut to `max` at word boundaries, around the focus, numbers kept whole. */
function cutAtWords(clause: string, focus: Span | undefined, max: number, options: { ellipsis: boolean }): Shortened {
  const words = wordSpans(clause);
  const first = focus ? Math.max(0, words.findIndex((w) => w.end > focus.start)) : 0;
  let last = first;
  if (focus) while (last < words.length - 1 && words[last]!.end < focus.end) last++;
  const room = max - (options.ellipsis ? 1 : 0);
  const length = (a: number, b: number) => words[b]!.end - words[a]!.start;
  let lo = first;
  let hi = last;
  // From the start of the clause when the focus fits with it, else from just before the focus.
  if (length(0, hi) <= room) lo = 0;
  while (hi < words.length - 1 && length(lo, hi + 1) <= room) hi++;
  while (lo > 0 && length(lo - 1, hi) <= room) lo--;
  // Never end on a word that needs the next one.
  while (hi > last && DANGLING.has(bare(clause.slice(words[hi]!.start, words[hi]!.end)))) hi--;
  const cut = hi < words.length - 1;
  const body = tidy(clause.slice(words[lo]!.start, words[hi]!.end));
  return { text: cut && options.ellipsis ? `${body}…` : body, fragment: lo > 0, cut };
}

/** Word spans, with each number and its unit ("22 %", "3 days") as one. */
function wordSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/\S+/g)) spans.push({ start: m.index, end: m.index + m[0].length });
  for (const n of findNumbers(text)) {
    const inside = spans.filter((s) => s.end > n.start && s.start < n.end);
    if (inside.length > 1) {
      const merged = { start: inside[0]!.start, end: inside[inside.length - 1]!.end };
      spans.splice(spans.indexOf(inside[0]!), inside.length, merged);
    }
  }
  return spans;
}

function bare(word: string): string {
  return word.toLowerCase().replace(/[^\p{L}']/gu, '');
}

/** A piece of a sentence as a line: no trailing stop or comma, no leading "and", a capital to start. */
export function tidy(text: string): string {
  let out = withoutFullStop(text.trim().replace(/[\s,;:—–-]+$/u, '').replace(/\s+(?:and|or|but|so)$/iu, '').replace(/[\s,;:—–-]+$/u, ''))
    .replace(/^(?:and then|and|but|so|then|also)\s+/iu, '')
    .trim();
  // Lower-case words only: "iPhone" or "eBay" keep their case.
  const first = /^\p{Ll}+(?![\p{L}\p{N}])/u.exec(out);
  if (first) out = out[0]!.toUpperCase() + out.slice(1);
  return out;
}

/** The sentence's full stop goes; the stop of "U.S." or "etc." and an ellipsis stay. */
function withoutFullStop(text: string): string {
  if (!text.endsWith('.') || text.endsWith('..')) return text;
  const last = text.slice(text.lastIndexOf(' ') + 1, -1);
  return /^(?:\p{L}{1,3}\.)+\p{L}{0,3}$/u.test(last) || /^etc$/i.test(last) ? text : text.slice(0, -1);
}
