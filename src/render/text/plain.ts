import type { List, PhrasingContent, RootContent } from 'mdast';
import { isSafeUrl } from '../../workspace/safe-url.js';

/**
 * Story Markdown (sanitised mdast from the view model) as plain text, for
 * pasting into application forms and ATS fields, which show every `*` and
 * `#` as typed: no Markdown syntax at all. Paragraphs are one line each
 * (the form wraps them), separated by a blank line; bullets are "- ",
 * numbered items "1. ", nested items indented by two spaces; a link is
 * "text (url)"; quotes and code are indented.
 */
export function plainBlocks(nodes: readonly RootContent[]): string[] {
  return nodes.flatMap((n) => block(n));
}

function block(node: RootContent): string[] {
  switch (node.type) {
    case 'paragraph':
      return nonEmpty(inline(node.children));
    case 'heading':
      return nonEmpty(inline(node.children));
    case 'list':
      return [listLines(node, 0).join('\n')];
    case 'blockquote':
      return plainBlocks(node.children).map((b) => indent(b, '  '));
    case 'code':
      return [indent(node.value, '    ')];
    case 'thematicBreak':
      return [];
    case 'table':
      return [node.children.map((row) => row.children.map((cell) => inline(cell.children)).join(' · ')).join('\n')];
    default:
      if ('children' in node) return plainBlocks(node.children as RootContent[]);
      return 'value' in node && typeof node.value === 'string' ? nonEmpty(oneLine(node.value)) : [];
  }
}

function listLines(list: List, depth: number): string[] {
  const out: string[] = [];
  const pad = '  '.repeat(depth);
  list.children.forEach((item, i) => {
    const marker = list.ordered ? `${(list.start ?? 1) + i}. ` : '- ';
    const hang = ' '.repeat(marker.length);
    let first = true;
    for (const child of item.children) {
      if (child.type === 'list') {
        if (first) out.push(`${pad}${marker.trimEnd()}`);
        out.push(...listLines(child, depth + 1));
      } else {
        for (const text of block(child)) {
          const lines = text.split('\n');
          lines.forEach((line, j) => out.push(`${pad}${first && j === 0 ? marker : hang}${line}`));
          first = false;
        }
      }
      first = false;
    }
    if (item.children.length === 0) out.push(`${pad}${marker.trimEnd()}`);
  });
  return out;
}

/** Phrasing as one line of text; a hard line break stays a line break. */
export function inline(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
        case 'html':
          return oneLine(node.value);
        case 'inlineCode':
          return node.value;
        case 'break':
          return '\n';
        case 'link': {
          const label = inline(node.children).trim();
          const url = node.url.trim();
          if (!isSafeUrl(url)) return label;
          const shown = url.replace(/^mailto:/i, '');
          return !label || label === url || label === shown ? shown : `${label} (${shown})`;
        }
        default:
          if ('children' in node) return inline(node.children as PhrasingContent[]);
          if ('value' in node && typeof node.value === 'string') return oneLine(node.value);
          return 'alt' in node && typeof node.alt === 'string' ? node.alt : '';
      }
    })
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .trim();
}

/** A wrapped source line is one line of prose. */
function oneLine(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, ' ');
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

function nonEmpty(text: string): string[] {
  return text.trim() ? [text] : [];
}
