import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { allStrong, BlockBuilder, type Block, type PostingMeta } from './posting.js';

/**
 * A careers page saved as HTML, parsed as a browser parses it (parse5, the
 * WHATWG algorithm): only the text a reader sees in the posting itself.
 * Scripts, styles, navigation, site header and footer, cookie banners and
 * hidden elements are skipped; when the page marks its content (`<main>`,
 * `role="main"`, else `<article>`), only that is read. Structured data
 * (schema.org JSON-LD) gives the job title and employer when present.
 */

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/** Never visible, or not part of the posting wherever they are. */
const SKIPPED = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas', 'button', 'select', 'option', 'textarea', 'input', 'form', 'nav', 'dialog', 'aside', 'footer', 'img', 'picture', 'video', 'audio', 'map']);
const SKIPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'dialog', 'alertdialog', 'search', 'complementary', 'menu', 'menubar', 'toolbar']);
/** Consent and cookie banners, by the names every cookie library gives them. */
const BANNER_NAME = /cookie|consent|gdpr|ccpa|onetrust|cookiebot|privacy-?banner|newsletter|skip-?link|breadcrumb/i;

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const ITEMS = new Set(['li', 'dt', 'dd']);
/** Elements that start a new line of text; everything else is inline. */
const BLOCKS = new Set([
  'address', 'article', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot',
  'th', 'thead', 'tr', 'ul', 'br',
]);

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function children(node: ParentNode): Node[] {
  return node.nodeName === 'template' ? (node as DefaultTreeAdapterMap['template']).content.childNodes : node.childNodes;
}

function skipped(el: Element): boolean {
  if (SKIPPED.has(el.tagName)) return true;
  if (el.attrs.some((a) => a.name === 'hidden') || attr(el, 'aria-hidden') === 'true') return true;
  const role = attr(el, 'role');
  if (role && SKIPPED_ROLES.has(role)) return true;
  if (BANNER_NAME.test(`${attr(el, 'id') ?? ''} ${attr(el, 'class') ?? ''}`)) return true;
  const style = attr(el, 'style')?.replace(/\s+/g, '');
  if (style && /display:none|visibility:hidden/i.test(style)) return true;
  // The site's header is chrome, unless the posting's title sits in it.
  if (el.tagName === 'header' && !findFirst(el, (e) => e.tagName === 'h1')) return true;
  return false;
}

/** First element below `root` (depth first, document order) that satisfies `test`. */
function findFirst(root: ParentNode, test: (el: Element) => boolean, skip: (el: Element) => boolean = () => false): Element | undefined {
  const stack: Node[] = [...children(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (test(node)) return node;
    if (skip(node)) continue;
    stack.push(...[...children(node)].reverse());
  }
  return undefined;
}

function textOf(root: ParentNode): string {
  let out = '';
  const stack: Node[] = [...children(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === '#text') out += (node as DefaultTreeAdapterMap['textNode']).value;
    else if (isElement(node)) stack.push(...[...children(node)].reverse());
  }
  return out.replace(/\s+/g, ' ').trim();
}

export function readHtmlPosting(html: string): { blocks: Block[]; meta: PostingMeta } {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const meta = readMeta(document);
  const body = findFirst(document, (e) => e.tagName === 'body') ?? document;
  const content =
    findFirst(body, (e) => e.tagName === 'main' || attr(e, 'role') === 'main', skipped) ??
    findFirst(body, (e) => e.tagName === 'article', skipped) ??
    body;
  return { blocks: readBlocks(content), meta };
}

function readBlocks(root: ParentNode): Block[] {
  const blocks: Block[] = [];
  const builder = new BlockBuilder();
  // The innermost open element that decides what kind of block its text is.
  const kinds: { kind: Block['kind']; level: number }[] = [{ kind: 'text', level: 0 }];
  const flush = () => {
    const { kind, level } = kinds.at(-1)!;
    const block = builder.take(kind, level);
    if (!block) return;
    // A paragraph that is all bold and short ("<p><strong>Requirements</strong></p>") is a heading.
    if (block.kind === 'text' && allStrong(block) && block.text.length <= 70 && !/[.!?]$/.test(block.text)) {
      const text = block.text.replace(/:$/, '');
      blocks.push({ ...block, kind: 'heading', level: 4, text, lines: block.lines.slice(0, text.length) });
    } else {
      blocks.push(block);
    }
  };
  type Step = { node: Node } | { close: Element };
  const stack: Step[] = [...children(root)].reverse().map((node) => ({ node }));
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('close' in step) {
      const el = step.close;
      if (el.tagName === 'strong' || el.tagName === 'b') builder.endStrong();
      if (BLOCKS.has(el.tagName)) {
        flush();
        if (HEADINGS[el.tagName] || ITEMS.has(el.tagName)) kinds.pop();
      }
      continue;
    }
    const node = step.node;
    if (node.nodeName === '#text') {
      const text = node as DefaultTreeAdapterMap['textNode'];
      builder.add(text.value, text.sourceCodeLocation?.startLine ?? 0);
      continue;
    }
    if (!isElement(node) || skipped(node)) continue;
    if (BLOCKS.has(node.tagName)) {
      flush();
      const level = HEADINGS[node.tagName];
      if (level) kinds.push({ kind: 'heading', level });
      else if (ITEMS.has(node.tagName)) kinds.push({ kind: 'item', level: 0 });
    }
    if (node.tagName === 'strong' || node.tagName === 'b') builder.beginStrong();
    stack.push({ close: node });
    for (const child of [...children(node)].reverse()) stack.push({ node: child });
  }
  flush();
  return blocks;
}

function readMeta(document: ParentNode): PostingMeta {
  const meta: PostingMeta = {};
  const head = findFirst(document, (e) => e.tagName === 'head');
  const title = head && findFirst(head, (e) => e.tagName === 'title');
  if (title) meta.pageTitle = textOf(title) || undefined;
  const metaTag = (key: string) => head && findFirst(head, (e) => e.tagName === 'meta' && (attr(e, 'property') === key || attr(e, 'name') === key));
  const siteName = metaTag('og:site_name') ?? metaTag('author');
  if (siteName) meta.siteName = attr(siteName, 'content')?.trim() || undefined;
  const stack: Node[] = [document as Node];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!('childNodes' in node)) continue;
    if (isElement(node) && node.tagName === 'script' && /ld\+json/i.test(attr(node, 'type') ?? '')) {
      readJsonLd(textOf(node), meta);
      continue;
    }
    stack.push(...children(node as ParentNode));
  }
  return meta;
}

/** schema.org JobPosting title and hiringOrganization, or an Organization's name. Broken JSON is ignored. */
function readJsonLd(json: string, meta: PostingMeta): void {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return;
  }
  const queue: unknown[] = [data];
  while (queue.length > 0) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const record = item as Record<string, unknown>;
    if (record['@graph']) queue.push(record['@graph']);
    const types = ([] as unknown[]).concat(record['@type'] ?? []).map(String);
    if (types.includes('JobPosting')) {
      if (typeof record.title === 'string') meta.jobTitle ??= plain(record.title);
      const org = record.hiringOrganization;
      const name = typeof org === 'string' ? org : org && typeof org === 'object' ? (org as Record<string, unknown>).name : undefined;
      if (typeof name === 'string') meta.hiringOrganization ??= plain(name);
    } else if (types.some((t) => /Organization|Corporation|Hospital|School|EducationalOrganization|NGO/.test(t)) && typeof record.name === 'string') {
      meta.organization ??= plain(record.name);
    }
  }
}

/** A JSON-LD string may carry HTML entities or tags: its visible text. */
function plain(value: string): string | undefined {
  return textOf(parseFragment(value)) || undefined;
}
