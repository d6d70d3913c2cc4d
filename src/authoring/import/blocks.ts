import { slugify } from '../../support/slug.js';
import type { NoteLine } from './lines.js';
import type { Start } from './questions.js';

/**
 * The notes cut at every question (or topic) start: what comes before the
 * first one is the preamble (a title, notes to self); group headings above
 * the questions ("# Behavioural", "# Technical") become a tag of the
 * stories under them.
 */

export interface Group {
  text: string;
  line: number;
  /** The tag it gives, when it is short enough to be one. */
  tag?: string;
  /** Text under the heading before its first question ("Questions I expect from the platform team."). */
  lines: NoteLine[];
}

export interface Block {
  start: Start;
  /** 1-based line of the start. */
  line: number;
  /** The answer: every line after the start, up to the next start. */
  lines: NoteLine[];
  /** The group heading the block is under, if any. */
  group?: Group;
  /** Whether this block is the first under its group (the one the heading is written to). */
  firstInGroup: boolean;
}

export interface Cut {
  preamble: NoteLine[];
  blocks: Block[];
}

export function cutBlocks(lines: readonly NoteLine[], starts: readonly Start[]): Cut {
  const first = starts[0]?.at ?? lines.length;
  const preamble = lines.slice(0, first);
  const blocks: Block[] = [];
  let group: Group | undefined;
  let firstInGroup = false;
  starts.forEach((start, i) => {
    const end = starts[i + 1]?.at ?? lines.length;
    if (start.kind === 'group') {
      const words = start.text.split(/\s+/).length;
      const tag = words <= 3 ? slugify(start.text, '') || undefined : undefined;
      group = { text: start.text, line: start.at + 1, tag, lines: lines.slice(start.at + start.span, end) };
      firstInGroup = true;
      return;
    }
    blocks.push({ start, line: start.at + 1, lines: lines.slice(start.at + start.span, end), group, firstInGroup });
    firstInGroup = false;
  });
  // A group heading with no question after it is an ordinary heading at the end of the last answer.
  if (firstInGroup && group && blocks.length) {
    const last = blocks[blocks.length - 1]!;
    last.lines.push(...lines.slice(group.line - 1));
  }
  return { preamble, blocks };
}
