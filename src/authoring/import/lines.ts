import type { Nodes } from 'mdast';
import { UserError } from '../../diagnostics.js';
import { headingText, MarkdownLimitError, parseMarkdown } from '../../workspace/markdown.js';

/**
 * Notes as lines, each with what Markdown makes of it. The block structure
 * (headings, setext underlines, separators, fenced code) comes from the
 * mdast tree with positions; everything else is read line by line, because
 * notes are not documents: a tab-indented answer after a blank line is an
 * indented code block to CommonMark, but to the person who wrote it, it is
 * prose. Such code blocks are read as prose here.
 */

export interface NoteLine {
  /** 1-based line number in the notes file. */
  no: number;
  /** The line as written, without the line ending. */
  raw: string;
  /** Indentation in columns, a tab counting as four. */
  indent: number;
  /** The text after the indentation and any list marker, trailing blanks removed. */
  text: string;
  /** The list marker when the line is a list item: `-`, `*`, `+`, `1.`, `2)`. */
  bullet?: string;
  /** A Markdown heading: its level and its text without markup. */
  heading?: { level: number; text: string };
  /** The underline of a setext heading: part of the heading above it. */
  underline?: boolean;
  /** A separator (`---`, `***`, `___`), which carries no words. */
  rule?: boolean;
  /** Inside fenced code, fences included: taken literally, never read for questions or labels. */
  code?: boolean;
  blank: boolean;
}

const BULLET = /^([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const RULE = /^ {0,3}(?:[-*+][ \t]+)?((?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;

/** The text of a notes file without BOM, with `\n` line endings. */
export function normaliseNotes(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Reads normalised notes text into lines. */
export function readLines(text: string): NoteLine[] {
  const raws = text.split('\n');
  const lines = raws.map((raw, i) => plainLine(raw, i + 1));
  for (const node of blockNodes(text)) {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) continue;
    const first = lines[start - 1]!;
    if (node.type === 'heading') {
      // A setext underline under a paragraph of several lines is a separator to the person writing notes, not a heading.
      if (end - start > 1) continue;
      first.heading = { level: node.depth, text: headingText(node) };
      if (end > start) lines[end - 1]!.underline = true;
    } else if (node.type === 'thematicBreak') {
      first.rule = true;
    } else if (node.type === 'code' && FENCE.test(first.raw)) {
      for (let i = start; i <= end; i++) lines[i - 1]!.code = true;
    }
  }
  for (const line of lines) if (!line.code && RULE.test(line.raw) && !line.underline) line.rule = true;
  return lines;
}

function plainLine(raw: string, no: number): NoteLine {
  const lead = /^[ \t]*/.exec(raw)![0];
  const indent = [...lead].reduce((n, ch) => (ch === '\t' ? n + 4 - (n % 4) : n + 1), 0);
  let text = raw.slice(lead.length).replace(/[ \t]+$/, '');
  const marker = BULLET.exec(text);
  let bullet: string | undefined;
  if (marker && !RULE.test(text)) {
    bullet = marker[1];
    text = text.slice(marker[0].length);
  }
  return { no, raw, indent, text, bullet, blank: text === '' && !bullet };
}

/** Headings, separators and code blocks anywhere in the tree (also inside lists and quotes). */
function blockNodes(text: string): Nodes[] {
  let tree;
  try {
    // Notes are read once, whole: the import command's own size limit applies, not a story's.
    tree = parseMarkdown(text, { maxChars: Infinity });
  } catch (e) {
    if (e instanceof MarkdownLimitError) {
      throw new UserError(`the notes at line ${e.position?.line ?? 1} cannot be read: ${e.message}; simplify that part and import again`);
    }
    throw e;
  }
  const out: Nodes[] = [];
  const stack: Nodes[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'heading' || node.type === 'thematicBreak' || node.type === 'code') out.push(node);
    else if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return out;
}

/** The line's text with indentation removed up to `cut` columns, for Markdown output. */
export function dedented(line: NoteLine, cut: number): string {
  const expanded = line.raw.replace(/^[ \t]+/, (ws) => [...ws].reduce((s, ch) => s + (ch === '\t' ? ' '.repeat(4 - (s.length % 4)) : ch), ''));
  return expanded.slice(Math.min(cut, line.indent)).replace(/[ \t]+$/, '');
}
