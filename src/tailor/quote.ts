import type { Block } from './posting.js';

/**
 * Quotes of a posting, for evidence: the clause around a match, as the
 * posting wrote it, starting on the line it names. Long clauses are cut
 * at words around the match and marked with "…".
 */

/** Where a clause ends: sentence punctuation, a colon or semicolon, a dash or bracket between words. */
const CLAUSE_BREAK = /[.;:!?•|](?=\s|$)|\s[—–-]\s|\s\(|\)\s/g;
export const QUOTE_MAX = 90;

export interface Quote {
  quote: string;
  line: number;
  endLine: number;
}

/** The clause of `block` around characters [start, end). */
export function quoteAround(block: Block, start: number, end: number): Quote {
  const { text, lines } = block;
  const first = lines[start] ?? 0;
  const last = lines[Math.max(start, end - 1)] ?? first;
  // From the start of the match's first line to the end of its last line.
  let from = start;
  while (from > 0 && lines[from - 1] === first) from--;
  let to = end;
  while (to < text.length && lines[to] === last) to++;
  // Then only the clause that holds the match.
  for (const m of text.slice(from, to).matchAll(CLAUSE_BREAK)) {
    const at = from + m.index;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  while (from < start && /\s/.test(text[from]!)) from++;
  while (to > end && /\s/.test(text[to - 1]!)) to--;
  let cutStart = false;
  let cutEnd = false;
  if (to - from > QUOTE_MAX) {
    // Keep the match whole, with up to 20 characters before it, cut at words.
    const lead = Math.max(from, Math.min(start - 20, to - QUOTE_MAX));
    if (lead > from) {
      from = text.indexOf(' ', lead) + 1 || lead;
      if (from > start) from = start;
      cutStart = true;
    }
    if (to - from > QUOTE_MAX) {
      let stop = from + QUOTE_MAX;
      while (stop > end && !/\s/.test(text[stop]!)) stop--;
      to = Math.max(stop, end);
      cutEnd = true;
    }
  }
  let quote = text.slice(from, to).replace(/[\s,–—-]+$/, '');
  const lead = quote.length - quote.replace(/^[\s,–—-]+/, '').length;
  quote = quote.slice(lead);
  const startLine = lines[from + lead] ?? first;
  const endLine = lines[from + lead + quote.length - 1] ?? last;
  return { quote: `${cutStart ? '…' : ''}${quote}${cutEnd ? '…' : ''}`.replace(/"/g, "'"), line: startLine, endLine };
}
