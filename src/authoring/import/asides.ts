/**
 * Asides: what people write to themselves in their notes ("(ask about
 * on-call!!)", "(remember to mention the audit)", "TODO: check the number",
 * "lol", a "Notes to self:" block). They must never reach an exported
 * section: they go to `## Notes`, or to the profile's `ask:` list when they
 * are questions for the interviewer.
 */

export interface Aside {
  /** The aside without its parentheses or marker. */
  text: string;
  line: number;
  /** A question for the interviewer, for the profile's `ask:` list. */
  ask: boolean;
}

/** How a parenthesised note to self starts. */
const STARTS =
  /^(?:ask\b|remember\b|todo\b|tbd\b|notes? to self\b|nb\b|n\.b\.|ps\b|p\.s\.|don[’']?t\b|do not\b|mention\b|check\b|double[- ]check\b|confirm\b|look up\b|find out\b|questions? (?:for|to ask)\b|q for them\b)/i;
/** Words that make any parenthesis a note to self. */
const ANYWHERE = /\blol\b|\blmao\b|!!|\btodo\b|\bdon[’']?t (?:say|mention|bring up)\b|\bmention (?:it |this |that )?only if\b|\bnote to self\b/i;
/** Unbracketed markers that make the rest of the line an aside: `TODO: …`, `NB - …`, and a bare upper-case `TODO …`. */
const MARKERS = [
  /(?:^|(?<=[.!?;,]\s+|\s[-–—]\s+))(?:\*\*|__)?(?:TODO|TBD|NB|N\.B\.|PS|P\.S\.|notes? to self)(?:\*\*|__)?[ \t]*[:\-–—][ \t]*(?=\S)/i,
  /(?:^|(?<=[.!?;,]\s+|\s[-–—]\s+))TODO[ \t]+(?=\S)/,
];
/** `**** later on…`: a line set apart as an afterthought. */
const STARS_MARK = /^(?:\*{3,}|_{3,})[ \t]+(?=\S)/;
/** Whole lines that are asides without brackets. */
const ASIDE_LINE = /^(?:ask (?:them|the interviewer|the panel)\b|questions? (?:for|to ask) them\b)/i;
/** "Notes to self:" on a line of its own: the lines under it are asides. */
export const ASIDE_BLOCK = /^(?:\*\*|__)?(?:notes? (?:to|for) (?:self|me|myself)|reminders?|things to remember|todo)(?:\*\*|__)?[ \t]*:?[ \t]*(?:\*\*|__)?$/i;
/** Questions for the interviewer. */
const ASK = /^(?:ask\b|questions? (?:for|to ask)\b|q for them\b|things to ask\b)/i;

/** Whether a parenthesised text is a note to self rather than part of what would be said. */
export function isAsideText(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && (STARTS.test(t) || ANYWHERE.test(t));
}

export function makeAside(text: string, line: number): Aside {
  const clean = text.trim().replace(/^[([]\s*|\s*[)\]]$/g, '').trim();

  return { text: clean, line, ask: ASK.test(clean.replace(/^(?:nb|n\.b\.|ps|p\.s\.|note)\s*[:\-–—]\s*/i, '')) };
}

/**
 * Cuts the asides out of one line of an answer: parenthesised notes to
 * self anywhere, and everything after a `TODO:`-style marker. Returns what
 * is left of the line (trimmed; empty when the line was all aside).
 */
export function cutAsides(text: string, line: number): { rest: string; asides: Aside[] } {
  const asides: Aside[] = [];
  let rest = text;
  const stars = STARS_MARK.exec(rest);
  if (stars) return { rest: '', asides: [makeAside(rest.slice(stars[0].length), line)] };
  if (ASIDE_LINE.test(rest.replace(/^[*_]+/, ''))) return { rest: '', asides: [makeAside(rest.replace(/^[*_]+|[*_]+$/g, ''), line)] };
  for (const span of parentheses(rest).reverse()) {
    const inner = rest.slice(span.start + 1, span.closed ? span.end - 1 : span.end);
    if (!isAsideText(inner)) continue;
    asides.unshift(makeAside(inner, line));
    rest = `${rest.slice(0, span.start).replace(/[ \t]+$/, '')}${rest.slice(span.end)}`;
  }
  const marker = MARKERS.map((m) => m.exec(rest)).find((m) => m !== null);
  if (marker) {
    // The marker stays with the aside: "TODO:" is what says it is one.
    asides.push(makeAside(rest.slice(marker.index).replace(/^[*_]+|(?<=:)[*_]+/g, ''), line));
    rest = rest.slice(0, marker.index);
  }
  rest = rest.replace(/[ \t]+([.,;:!?])/g, '$1').replace(/[ \t]{2,}/g, ' ').trim();
  // What remains of "(…)." is the full stop alone: no words, nothing to keep.
  if (!/[\p{L}\p{N}]/u.test(rest)) rest = '';
  return { rest, asides };
}

/** Balanced `( … )` spans, outermost only. */
function parentheses(text: string): { start: number; end: number; closed: boolean }[] {
  const out: { start: number; end: number; closed: boolean }[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') {
      if (depth === 0) start = i;
      depth++;
    } else if (ch === ')' && depth > 0) {
      depth--;
      if (depth === 0) out.push({ start, end: i + 1, closed: true });
    }
  }
  // An unclosed "(ask about …" running to the end of the line is still an aside.
  if (depth > 0 && start >= 0) out.push({ start, end: text.length, closed: false });
  return out;
}

/**
 * The ask: entries an aside gives: "questions for them: class sizes? is
 * there a mentor program?" is two questions; "ask them: what does success
 * look like?" loses its "ask them:".
 */
export function askEntries(aside: Aside): string[] {
  const text = aside.text
    .replace(/^(?:nb|n\.b\.|ps|p\.s\.|note)\s*[:\-–—]\s*/i, '')
    .replace(/^(?:ask(?: them| the interviewer| the panel)?|questions? (?:for|to ask) (?:them|the interviewer)(?: at the end)?|q for them|things to ask)\s*[:\-–—]\s*/i, '')
    .replace(/!{2,}/g, '')
    .trim();
  const parts = text.split(/(?<=\?)\s+(?=\S)/).map((p) => p.trim()).filter(Boolean);
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1));
}
