import Handlebars from 'handlebars';
import type { RootContent } from 'mdast';
import { mdastToHtml } from './html/markdown.js';

/**
 * The one place templates get their helpers. An isolated Handlebars
 * environment per render keeps user templates from leaking between workspaces.
 * Story text only ever enters as data; the only helper that returns HTML
 * renders an already-sanitised mdast tree.
 */
export function createHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  hb.registerHelper('markdown', (nodes: unknown) =>
    Array.isArray(nodes) ? new hb.SafeString(mdastToHtml(nodes as RootContent[])) : '',
  );
  hb.registerHelper('join', (list: unknown, separator: unknown) =>
    Array.isArray(list) ? list.map(String).join(typeof separator === 'string' ? separator : ', ') : '',
  );
  hb.registerHelper('upper', (text: unknown) => String(text ?? '').toUpperCase());
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  hb.registerHelper('inc', (n: unknown) => Number(n) + 1);
  return hb;
}

