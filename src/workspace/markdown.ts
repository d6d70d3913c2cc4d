import type { Heading, Nodes, Parents, Root, RootContent } from 'mdast';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { lineColumnOf } from './decode.js';
import { isSafeUrl } from './safe-url.js';
import { markdownLimitProblem, MAX_NESTING, NESTING_MESSAGE, type LimitProblem } from './markdown-limits.js';
import { parseWithinBudget, ParseTimeout } from './parse-budget.js';

/**
 * Story Markdown is parsed once, to mdast, and every output renders from
 * that tree. Parsing also makes the tree safe: raw HTML becomes literal
 * text, images become their alt text, and links that are not http(s) or
 * mailto lose their target. Renderers can then trust the tree.
 */
export function parseMarkdown(markdown: string, options: { maxChars?: number } = {}): Root {
  // Checked before parsing: past these limits the parser takes seconds to minutes (see markdown-limits.ts).
  // A story's body is small; notes and postings, read once by import and tailor, may be larger (maxChars).
  const problem = markdownLimitProblem(markdown, options.maxChars);
  if (problem) throw new MarkdownLimitError(problem.rule, problem.message, lineColumnOf(markdown, problem.offset));
  let tree: Root;
  try {
    tree = parseWithinBudget(markdown);
  } catch (err) {
    if (!(err instanceof ParseTimeout)) throw err;
    throw new MarkdownLimitError('markdown-too-slow', slowMessage(err.budgetMs), { line: 1, column: 1 });
  }
  const deep = deeperThan(tree, MAX_NESTING);
  if (deep) throw new MarkdownLimitError('markdown-too-deep', NESTING_MESSAGE, deep.position?.start);
  sanitize(tree);
  return tree;
}

const slowMessage = (budgetMs: number) =>
  `this Markdown is too complex to read: parsing it took longer than ${(budgetMs / 1000).toFixed(1)} s (thousands of headings, nested lists or quotes, or emphasis markers); split the file, or simplify it`;

/** Thrown by parseMarkdown; story and profile parsing turn it into a diagnostic. */
export class MarkdownLimitError extends Error {
  constructor(
    readonly rule: LimitProblem['rule'] | 'markdown-too-slow',
    message: string,
    readonly position: { line: number; column: number } | undefined,
  ) {
    super(message);
    this.name = 'MarkdownLimitError';
  }
}

/** A file's Markdown body as a tree, or a diagnostic (with file positions) when it is too long, complex or deeply nested to use. */
export function parseBody(source: { path: string; body: string; bodyLineOffset: number }): { tree?: Root; diagnostics: Diagnostic[] } {
  try {
    return { tree: parseMarkdown(source.body), diagnostics: [] };
  } catch (err) {
    if (!(err instanceof MarkdownLimitError)) throw err;
    const at = err.position ?? { line: 1, column: 1 };
    return {
      diagnostics: [diagnostic(source.path, { line: at.line + source.bodyLineOffset, column: at.column }, 'error', err.rule, err.message)],
    };
  }
}

/** The first node deeper than `limit`, found without recursion. */
function deeperThan(tree: Root, limit: number): Nodes | undefined {
  const stack: [Nodes, number][] = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node;
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return undefined;
}

function sanitize(parent: Parents): void {
  const children = parent.children as Nodes[];
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type === 'html') {
      children[i] = { type: 'text', value: node.value, position: node.position };
    } else if (node.type === 'image' || node.type === 'imageReference') {
      const alt = node.alt ?? '';
      children[i] = { type: 'text', value: alt ? `[image: ${alt}]` : '', position: node.position };
    } else if (node.type === 'link' && !isSafeUrl(node.url)) {
      children.splice(i, 1, ...(node.children as Nodes[]));
      i--;
    } else if (node.type === 'linkReference') {
      // Undefined references would otherwise be dropped by renderers; keep the words.
      children.splice(i, 1, ...(node.children as Nodes[]));
      i--;
    } else if (node.type === 'definition') {
      children.splice(i, 1);
      i--;
    } else if ('children' in node) {
      sanitize(node);
    }
  }
}

/**
 * The words of a tree. Unlike mdast-util-to-string, block children (list
 * items, paragraphs in a quote) are separated, so "good ones" and
 * "retries" in two bullets never fuse into "good onesretries".
 */
export function plainText(nodes: readonly RootContent[] | Nodes): string {
  const list = Array.isArray(nodes) ? nodes : [nodes as Nodes];
  return list
    .map((n) => textOf(n))
    .join('\n\n')
    .trim();
}

/** Containers whose children are blocks. (The parser runs without GFM: no tables or footnotes.) */
const BLOCK_PARENTS = new Set(['root', 'list', 'listItem', 'blockquote']);

function textOf(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join(BLOCK_PARENTS.has(node.type) ? '\n' : '');
  // A thematic break. Raw HTML and images were turned into text by sanitize().
  return '';
}

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’.,-]*/gu);
  return words ? words.length : 0;
}

/**
 * A top-level block of a story body as the story parser sees it: its text
 * (what plainText gives), its line in the body, and, for a heading, its
 * depth. Read from the tree, or from plain Markdown without one
 * (markdown-fast.ts).
 */
export interface BodyBlock {
  text: string;
  line: number;
  column: number;
  /** Set for a heading: its depth (1–6). */
  depth?: number;
  /** The block's tree, when the body was read as a tree. */
  node?: RootContent;
}

/** The top-level blocks of a tree. */
export function treeBlocks(tree: Root): BodyBlock[] {
  return tree.children.map((node) => ({
    text: node.type === 'heading' ? headingText(node) : textOf(node),
    line: node.position?.start.line ?? 0,
    column: node.position?.start.column ?? 0,
    ...(node.type === 'heading' ? { depth: node.depth } : {}),
    node,
  }));
}

/** The words of some blocks, as plainText gives them for their trees. */
export function blocksText(blocks: readonly BodyBlock[]): string {
  return blocks.map((b) => b.text).join('\n\n').trim();
}

export interface RawSection {
  /** Heading text as written, e.g. "Situation:" */
  heading: string;
  /** Lower-case canonical key with trailing punctuation removed, e.g. "situation" */
  key: string;
  /** 1-based line of the heading within the body. */
  line: number;
  column: number;
  blocks: BodyBlock[];
}

/**
 * Cuts a body into sections at headings that `recognise` names (any
 * heading depth, any case). Other headings stay inside the current section
 * as content. Blocks before the first recognised heading are `preamble`.
 */
export function splitSections(
  blocks: readonly BodyBlock[],
  recognise: (headingText: string) => string | undefined,
): { preamble: BodyBlock[]; sections: RawSection[] } {
  const preamble: BodyBlock[] = [];
  const sections: RawSection[] = [];
  let current: RawSection | undefined;
  for (const block of blocks) {
    const key = block.depth !== undefined ? recognise(block.text) : undefined;
    if (key) {
      current = { heading: block.text, key, line: block.line, column: block.column, blocks: [] };
      sections.push(current);
      continue;
    }
    (current ? current.blocks : preamble).push(block);
  }
  return { preamble, sections };
}

export function headingText(node: Heading): string {
  return textOf(node).trim();
}

/** Normalises a heading for matching: lower case, no trailing colon, no STAR prefix letters like "S —". */
export function headingKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/[:.\s]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
