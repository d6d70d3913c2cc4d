import type { Nodes, Root } from 'mdast';
import { MarkdownLimitError, parseMarkdown } from '../workspace/markdown.js';
import { allStrong, BlockBuilder, type Block } from './posting.js';
import { readTextPosting } from './read-text.js';

/**
 * A Markdown posting, read through the same parser as stories (mdast):
 * headings (ATX or setext), list items, paragraphs, table rows. Emphasis
 * and links are dropped, their words kept; raw HTML tags are dropped.
 */

/** A text node that was raw HTML before the story sanitizer made it text. */
const RAW_TAG = /^\s*(<!--[\s\S]*-->|<\/?[A-Za-z][^>]*>)\s*$/;

export function readMarkdownPosting(text: string): Block[] {
  let tree: Root;
  try {
    // A posting is read once, whole (the posting reader has its own 1 MB limit).
    tree = parseMarkdown(text, { maxChars: Infinity });
  } catch (err) {
    // Pathologically nested Markdown is still text: read it line by line.
    if (err instanceof MarkdownLimitError) return readTextPosting(text);
    throw err;
  }
  const blocks: Block[] = [];
  const push = (block: Block | undefined) => {
    if (!block) return;
    // A paragraph that is all bold and short ("**What you'll do**") is a heading.
    if (block.kind === 'text' && allStrong(block) && block.text.length <= 70 && !/[.!?]$/.test(block.text)) {
      blocks.push({ ...block, kind: 'heading', level: 4, text: block.text.replace(/:$/, ''), lines: block.lines.slice(0, block.text.replace(/:$/, '').length) });
    } else {
      blocks.push(block);
    }
  };
  const stack: { node: Nodes; kind: Block['kind']; level: number }[] = tree.children.map((node) => ({ node, kind: 'text' as const, level: 0 })).reverse();
  while (stack.length > 0) {
    const { node, kind } = stack.pop()!;
    switch (node.type) {
      case 'heading': {
        const b = new BlockBuilder();
        inline(node, b);
        push(b.take('heading', node.depth));
        break;
      }
      case 'paragraph': {
        const b = new BlockBuilder();
        inline(node, b);
        push(b.take(kind));
        break;
      }
      case 'code': {
        const b = new BlockBuilder();
        b.add(node.value, (node.position?.start.line ?? 0) + 1);
        push(b.take('text'));
        break;
      }
      case 'tableRow': {
        const b = new BlockBuilder();
        for (const cell of node.children) {
          inline(cell, b);
          b.add(' · ', cell.position?.end.line ?? 0);
        }
        push(b.take('item'));
        break;
      }
      case 'list':
      case 'listItem':
      case 'blockquote':
      case 'table': {
        const childKind = node.type === 'listItem' || node.type === 'table' ? 'item' : kind;
        for (const child of [...node.children].reverse()) stack.push({ node: child as Nodes, kind: childKind, level: 0 });
        break;
      }
      default:
        // Thematic breaks, definitions, raw HTML blocks: no visible words.
        break;
    }
  }
  return blocks;
}

/** The words of inline content, appended to `b` with their lines. */
function inline(node: Nodes, b: BlockBuilder): void {
  const stack: (Nodes | 'end-strong')[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === 'end-strong') {
      b.endStrong();
      continue;
    }
    if (n.type === 'text' || n.type === 'inlineCode') {
      if (n.type === 'text' && RAW_TAG.test(n.value)) continue;
      b.add(n.value, n.position?.start.line ?? 0);
    } else if (n.type === 'break') {
      b.add(' ', n.position?.start.line ?? 0);
    } else if ('children' in n) {
      if (n.type === 'strong') {
        b.beginStrong();
        stack.push('end-strong');
      }
      for (const child of [...(n.children as Nodes[])].reverse()) stack.push(child);
    }
  }
}
