import type { Root, RootContent } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';

/**
 * Sanitised mdast to an HTML fragment. Raw HTML never reaches here (the
 * parser turned it into text) and `allowDangerousHtml` stays off, so this
 * output is safe to mark as a Handlebars SafeString.
 */
export function mdastToHtml(nodes: readonly RootContent[]): string {
  const root: Root = { type: 'root', children: [...nodes] };
  return toHtml(toHast(root));
}
