/**
 * How much Markdown the parser is given. micromark (behind
 * mdast-util-from-markdown) is linear on prose, but matching emphasis and
 * link brackets costs the square of the markers in a paragraph:
 * `*_` × 10 000 took 11 s, `[a](` × 50 000 took 10 s, and a 2 MB body of
 * plain list items 3 s. Parsing is synchronous, so while it ran Ctrl-C
 * waited and the preview froze. These limits stop the known patterns
 * deterministically, in one pass before parsing, at the line where a limit
 * was crossed; parse-budget.ts stops the rest by time.
 *
 * Real stories are far below every limit: a two-minute answer is about
 * 2 KB with a few dozen markers.
 */

/**
 * Characters of Markdown in one file's body: about 10 000 words, where a
 * story told in two minutes is 300. Past this even plain paragraphs take
 * the parser a second.
 */
export const MAX_MARKDOWN_CHARS = 64 * 1024;
/** Emphasis runs (`*`, `_`) and brackets (`[`, `]`) in one paragraph. */
export const MAX_MARKERS_PER_PARAGRAPH = 500;
/** The same, in one file. */
export const MAX_MARKERS_PER_FILE = 5000;
/**
 * Real stories nest a few levels; thousands of `>` or list markers would
 * overflow the stack of every recursive tree walker (ours and the renderers').
 */
export const MAX_NESTING = 64;

export interface LimitProblem {
  /** Offset in the Markdown text where the limit was crossed (the start of its line). */
  offset: number;
  rule: 'markdown-too-long' | 'markdown-too-complex' | 'markdown-too-deep';
  message: string;
}

/** A line opening more than MAX_NESTING block quotes or list items. */
const TOO_MANY_CONTAINERS = new RegExp(`^(?:[ \\t]*(?:>|[*+-][ \\t]|\\d{1,9}[.)][ \\t])){${MAX_NESTING + 1}}`);
const BLANK = /^[ \t]*$/;
/** An opening or closing code fence: markers inside fenced code are text, not syntax. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const WORD = /[\p{L}\p{N}]/u;

export const NESTING_MESSAGE = `Markdown is nested more than ${MAX_NESTING} levels deep (block quotes, lists or emphasis); flatten it`;

/** The first limit `markdown` crosses, or undefined. Linear in its length. */
export function markdownLimitProblem(markdown: string, maxChars = MAX_MARKDOWN_CHARS): LimitProblem | undefined {
  if (markdown.length > maxChars) {
    const kb = Math.round(markdown.length / 1024);
    return {
      offset: 0,
      rule: 'markdown-too-long',
      message: `the Markdown text is ${kb} KB; storybank reads at most ${Math.round(maxChars / 1024)} KB of it in one file (about 10 000 words; an answer is a few hundred): split the file, or keep long material elsewhere`,
    };
  }
  let total = 0;
  let paragraph = 0;
  let paragraphStart = 0;
  let fence: string | undefined;
  for (let start = 0; start <= markdown.length; ) {
    const newline = markdown.indexOf('\n', start);
    const end = newline < 0 ? markdown.length : newline;
    const line = markdown.slice(start, end);
    if (TOO_MANY_CONTAINERS.test(line)) return { offset: start, rule: 'markdown-too-deep', message: NESTING_MESSAGE };
    const opener = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length) fence = undefined;
    } else if (opener) {
      fence = opener;
    } else if (BLANK.test(line)) {
      paragraph = 0;
    } else {
      if (paragraph === 0) paragraphStart = start;
      const markers = countMarkers(line);
      paragraph += markers;
      total += markers;
      if (paragraph > MAX_MARKERS_PER_PARAGRAPH) {
        return {
          offset: paragraphStart,
          rule: 'markdown-too-complex',
          message: `this paragraph is too complex to read: more than ${MAX_MARKERS_PER_PARAGRAPH} emphasis markers and brackets (*, _, [, ]); split it, or put code in a \`\`\` block`,
        };
      }
      if (total > MAX_MARKERS_PER_FILE) {
        return {
          offset: start,
          rule: 'markdown-too-complex',
          message: `the file is too complex to read: more than ${MAX_MARKERS_PER_FILE} emphasis markers and brackets (*, _, [, ]) by this line; split it, or put code in \`\`\` blocks`,
        };
      }
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * Emphasis runs and brackets on one line: what micromark has to pair up.
 * An underscore inside a word (snake_case) can neither open nor close
 * emphasis, so it costs nothing and is not counted; escaped characters are
 * text.
 */
function countMarkers(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      i++;
    } else if (c === '[' || c === ']') {
      n++;
    } else if ((c === '*' || c === '_') && line[i - 1] !== c) {
      let end = i;
      while (line[end + 1] === c) end++;
      const intraword = c === '_' && WORD.test(line[i - 1] ?? '') && WORD.test(line[end + 1] ?? '');
      if (!intraword) n++;
      i = end;
    }
  }
  return n;
}
