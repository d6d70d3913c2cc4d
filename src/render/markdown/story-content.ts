import type { BlockContent, Heading, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { isSafeUrl } from '../../workspace/safe-url.js';

/**
 * Story Markdown (sanitised mdast from the view model) made ready to be
 * written out again. The view model's trees are shared with the other
 * writers, so what changes is copied, never edited in place.
 *
 * - A soft line break becomes a space: answers are pasted into web forms,
 *   where a wrapped source line would arrive as a hard line break.
 * - Raw HTML and images are text already (the parser made them so); any
 *   that remain become text, and text standing on its own between blocks
 *   (a block of raw HTML, once sanitised) becomes a paragraph like any other.
 * - Links keep only http(s) and mailto targets.
 * - Headings go one level below the story title (`###`), but no deeper than
 *   Markdown has.
 * - A node the serializer does not know is replaced by its content, so
 *   that nothing a future parser option produces can stop the export.
 */
export function storyContent(nodes: readonly RootContent[]): RootContent[] {
  return nodes.flatMap(flow);
}

function flow(node: RootContent): RootContent[] {
  switch (node.type) {
    case 'paragraph':
      return [{ type: 'paragraph', children: phrasing(node.children) }];
    case 'heading':
      return [{ type: 'heading', depth: Math.min(6, Math.max(4, node.depth + 1)) as Heading['depth'], children: phrasing(node.children) }];
    case 'blockquote':
      return [{ type: 'blockquote', children: storyContent(node.children) as BlockContent[] }];
    case 'list':
      return [{ ...node, children: node.children.map((item) => ({ ...item, children: storyContent(item.children) as BlockContent[] })) }];
    case 'code':
    case 'thematicBreak':
      return [node];
    case 'table':
      return [
        {
          ...node,
          children: node.children.map((row) => ({ type: 'tableRow', children: row.children.map((cell) => ({ type: 'tableCell', children: phrasing(cell.children) })) })),
        },
      ];
    default:
      return isPhrasing(node) ? [paragraphOf(phrasing([node]))] : unknownFlow(node);
  }
}

function unknownFlow(node: Nodes): RootContent[] {
  if ('children' in node) return storyContent(node.children as RootContent[]);
  return 'value' in node && typeof node.value === 'string' ? [paragraphOf([text(node.value)])] : [];
}

function phrasing(nodes: readonly PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap(inline);
}

function inline(node: PhrasingContent): PhrasingContent[] {
  switch (node.type) {
    case 'text':
    case 'html':
      return [text(node.value)];
    case 'strong':
    case 'emphasis':
    case 'delete':
      return [{ type: node.type, children: phrasing(node.children) }];
    case 'inlineCode':
    case 'break':
      return [node];
    case 'link': {
      const url = node.url.trim();
      const children = phrasing(node.children);
      if (!isSafeUrl(url)) return children;
      return [{ type: 'link', url, title: node.title, children: children.length > 0 ? children : [text(url)] }];
    }
    case 'image':
      return node.alt ? [text(node.alt)] : [];
    default:
      if ('children' in node) return phrasing(node.children as PhrasingContent[]);
      return 'value' in node && typeof node.value === 'string' ? [text(node.value)] : [];
  }
}

const PHRASING = new Set(['text', 'html', 'strong', 'emphasis', 'delete', 'inlineCode', 'break', 'link', 'image']);

function isPhrasing(node: Nodes): node is PhrasingContent {
  return PHRASING.has(node.type);
}

function paragraphOf(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

/** A line break inside a Markdown paragraph is a space, not a new line. */
function text(value: string): PhrasingContent {
  return { type: 'text', value: value.replace(/[ \t]*\n[ \t]*/g, ' ') };
}
