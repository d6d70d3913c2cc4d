/**
 * The quick read of plain story Markdown. `check` needs each section's
 * text, not its tree, and building a Markdown tree is most of what it
 * costs per story. A body written in plain style (ATX headings `## Result`,
 * paragraphs, one level of `-`, `+` or `1.` list items, no inline markup)
 * has an obvious block structure and an obvious text; it is read here line
 * by line, in one pass, into the same blocks and texts the tree would give
 * (story.ts builds a story from either). The tree itself is built later,
 * only when something renders the story.
 *
 * Anything beyond that style (emphasis, links, code, quotes, indentation,
 * setext headings, HTML, entities, nested lists, a list that interrupts a
 * paragraph) makes the whole body go through the full parser, as before. A
 * property test holds the two readings equal.
 */

import type { BodyBlock } from './markdown.js';

/** Characters that can start inline markup, an entity, HTML or a hard break anywhere in a line. */
const MARKUP = /[\\*_`[\]<>!&~|]/;
const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ITEM = /^([-+]|\d{1,9}[.)])( {1,4})(\S.*)$/;
const BLANK = /^[ \t]*$/;
/** Lines the full parser might read as a thematic break, setext underline or nested container. */
const TRICKY = /^(?:[-=+]+[ \t]*|(?:[-+][ \t]*){3,})$/;

/** The body's top-level blocks, or undefined when it is not plain (then the full parser reads it). */
export function readPlainMarkdown(body: string): BodyBlock[] | undefined {
  const blocks: BodyBlock[] = [];
  /** The block being built: a paragraph's lines, or a list's items (each item its lines). */
  let paragraph: { line: number; lines: string[] } | undefined;
  let list: { line: number; marker: string; items: string[][]; blankSince: boolean } | undefined;
  const endParagraph = () => {
    if (paragraph) blocks.push({ text: paragraph.lines.join('\n'), line: paragraph.line, column: 1 });
    paragraph = undefined;
  };
  const endList = () => {
    if (list) blocks.push({ text: list.items.map((item) => item.join('\n')).join('\n'), line: list.line, column: 1 });
    list = undefined;
  };
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const no = i + 1;
    if (BLANK.test(raw)) {
      endParagraph();
      if (list) list.blankSince = true;
      continue;
    }
    if (/^[ \t]/.test(raw) || MARKUP.test(raw) || TRICKY.test(raw)) return undefined;
    const line = raw.replace(/[ \t]+$/, '');
    if (line.startsWith('#')) {
      const heading = ATX.exec(line);
      if (!heading || (heading[2] ?? '').includes('#')) return undefined;
      endParagraph();
      endList();
      blocks.push({ text: heading[2] ?? '', line: no, column: 1, depth: heading[1]!.length });
      continue;
    }
    const item = ITEM.exec(line);
    // "1." alone, "-\ttab", "-     five spaces": list items too, with rules of their own.
    if (!item && /^(?:[-+]|\d{1,9}[.)])(?:[ \t]|$)/.test(line)) return undefined;
    if (item) {
      // A list that interrupts a paragraph, or a list item that opens another container, has rules of its own.
      if (paragraph || /^(?:[-+]|\d{1,9}[.)])(?:[ \t]|$)|^#/.test(item[3]!)) return undefined;
      const marker = /\d/.test(item[1]!) ? item[1]!.slice(-1) : item[1]!;
      if (list && list.marker !== marker) endList();
      list ??= { line: no, marker, items: [], blankSince: false };
      list.items.push([item[3]!]);
      list.blankSince = false;
      continue;
    }
    if (list && !list.blankSince) {
      // A lazy continuation line: part of the item above.
      list.items[list.items.length - 1]!.push(line);
      continue;
    }
    endList();
    paragraph ??= { line: no, lines: [] };
    paragraph.lines.push(line);
  }
  endParagraph();
  endList();
  return blocks;
}
