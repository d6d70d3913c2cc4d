import { ExternalHyperlink, Paragraph, TextRun, type IParagraphOptions, type IRunOptions, type NumberingDefinition, type ParagraphChild } from 'docx';
import type { List, PhrasingContent, RootContent, Table } from 'mdast';
import { isSafeUrl } from '../../workspace/safe-url.js';
import { BULLETS, bulletDefinition, orderedDefinition } from './numbering.js';
import { COLOUR, FONT, LIST_INDENT, QUOTE_INDENT, STYLE, THEMATIC_BREAK } from './styles.js';

/** Story Markdown (sanitised mdast from the view model) as Word paragraphs and runs. */

interface Marks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
}

interface BlockContext {
  /** Extra left indent from enclosing blockquotes, in twips. */
  indent: number;
  quote: boolean;
  /** Level of the enclosing list item, -1 outside lists. */
  level: number;
  /** Keep every paragraph whole and on the page of the next one: a short block that must not be split. */
  keep?: boolean;
}

export function link(url: string, children: ParagraphChild[]): ParagraphChild {
  return new ExternalHyperlink({ link: url, children });
}

/**
 * Renders sanitised mdast to docx paragraphs. Owns the numbering
 * definitions: every ordered list gets a definition of its own, starting at
 * the list's own start, so no list continues another's count and nothing
 * depends on how an application reads level overrides.
 */
export class ContentWriter {
  private lists: NumberingDefinition[] = [bulletDefinition()];

  numbering(): NumberingDefinition[] {
    return this.lists;
  }

  blocks(nodes: readonly RootContent[], ctx: BlockContext = { indent: 0, quote: false, level: -1 }): Paragraph[] {
    return nodes.flatMap((n) => this.block(n, ctx));
  }

  /** Like `blocks`, with every paragraph kept whole and with the next, so the block moves to a new page as one. */
  keptBlocks(nodes: readonly RootContent[]): Paragraph[] {
    return this.blocks(nodes, { indent: 0, quote: false, level: -1, keep: true });
  }

  private paragraphStyle(ctx: BlockContext): Partial<IParagraphOptions> {
    const keep = kept(ctx);
    // Inside a list: the list's style, so contextual spacing keeps the items together.
    if (ctx.level >= 0) return { style: STYLE.listParagraph, indent: { left: ctx.indent + LIST_INDENT * (ctx.level + 1) }, ...keep };
    if (ctx.quote) return { style: STYLE.quote, indent: { left: ctx.indent }, ...keep };
    return keep;
  }

  private block(node: RootContent, ctx: BlockContext): Paragraph[] {
    switch (node.type) {
      case 'paragraph':
        return [new Paragraph({ ...this.paragraphStyle(ctx), children: this.inlines(node.children, {}) })];
      case 'heading':
        return [new Paragraph({ heading: node.depth <= 3 ? 'Heading3' : 'Heading4', children: this.inlines(node.children, {}) })];
      case 'list':
        return this.list(node, ctx);
      case 'blockquote':
        return this.blocks(node.children, { ...ctx, indent: ctx.indent + QUOTE_INDENT, quote: true });
      case 'code':
        return [codeBlock(node.value, ctx)];
      case 'thematicBreak':
        return [new Paragraph({ border: THEMATIC_BREAK.border, spacing: THEMATIC_BREAK.spacing, children: [], ...kept(ctx) })];
      case 'table':
        return this.tableAsParagraphs(node, ctx);
      case 'html':
        return [new Paragraph({ ...this.paragraphStyle(ctx), children: [new TextRun(node.value)] })];
      default:
        if ('children' in node) return this.blocks(node.children as RootContent[], ctx);
        if ('value' in node && typeof node.value === 'string') {
          return [new Paragraph({ ...this.paragraphStyle(ctx), children: [new TextRun(node.value)] })];
        }
        return [];
    }
  }

  private list(node: List, ctx: BlockContext): Paragraph[] {
    const level = Math.min(ctx.level + 1, 8);
    let reference = BULLETS;
    if (node.ordered) {
      reference = `ol-${this.lists.length}`;
      this.lists.push(orderedDefinition(reference, node.start ?? 1));
    }
    const out: Paragraph[] = [];
    const marker = (children: ParagraphChild[]) =>
      new Paragraph({
        style: STYLE.listParagraph,
        indent: { left: ctx.indent + LIST_INDENT * (level + 1), hanging: LIST_INDENT },
        numbering: { reference, level },
        ...kept(ctx),
        children,
      });
    for (const item of node.children) {
      const inner: BlockContext = { indent: ctx.indent, quote: ctx.quote, level, keep: ctx.keep };
      const [first, ...rest] = item.children;
      // The bullet or number goes on the item's first paragraph; an item that
      // starts with something else (a nested list, code) gets an empty one.
      if (first?.type === 'paragraph') out.push(marker(this.inlines(first.children, {})));
      else out.push(marker([]), ...(first ? this.block(first, inner) : []));
      for (const child of rest) out.push(...this.block(child, inner));
    }
    return out;
  }

  /** GFM tables only arrive if the parser grows GFM support; kept simple: one paragraph per row. */
  private tableAsParagraphs(node: Table, ctx: BlockContext): Paragraph[] {
    return node.children.map(
      (row, r) =>
        new Paragraph({
          style: STYLE.tableText,
          ...kept(ctx),
          children: row.children.flatMap((cell, i) => [
            ...(i > 0 ? [new TextRun({ text: ' | ', color: COLOUR.muted })] : []),
            ...this.inlines(cell.children, { bold: r === 0 }),
          ]),
        }),
    );
  }

  /** Adjacent text (and raw HTML, which is text here) becomes one run, as Word would write it. */
  private inlines(nodes: readonly PhrasingContent[], marks: Marks): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    let text = '';
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'html') {
        text += softBreaksToSpaces(node.value);
        continue;
      }
      if (text) out.push(run(text, marks));
      text = '';
      out.push(...this.inline(node, marks));
    }
    if (text) out.push(run(text, marks));
    return out;
  }

  private inline(node: PhrasingContent, marks: Marks): ParagraphChild[] {
    switch (node.type) {
      case 'text':
        return [run(softBreaksToSpaces(node.value), marks)];
      case 'strong':
        return this.inlines(node.children, { ...marks, bold: true });
      case 'emphasis':
        return this.inlines(node.children, { ...marks, italics: true });
      case 'delete':
        return this.inlines(node.children, { ...marks, strike: true });
      case 'inlineCode':
        return [run(node.value, { ...marks, code: true })];
      case 'break':
        return [new TextRun({ break: 1 })];
      case 'link': {
        const url = node.url.trim();
        // The parser already dropped unsafe targets; checked again because a Word link is one click away.
        if (!isSafeUrl(url)) return this.inlines(node.children, marks);
        const inLink = { ...marks, link: true };
        const text = node.children.length > 0 ? this.inlines(node.children, inLink) : [run(url, inLink)];
        return [link(url, text)];
      }
      case 'html':
        return [run(node.value, marks)];
      default:
        if ('children' in node) return this.inlines(node.children as PhrasingContent[], marks);
        if ('value' in node && typeof node.value === 'string') return [run(node.value, marks)];
        if ('alt' in node && typeof node.alt === 'string') return [run(node.alt, marks)];
        return [];
    }
  }
}

/**
 * How a story paragraph breaks across pages: never leaving one line alone
 * (widow and orphan control, which docx can only set per paragraph), and,
 * in a kept block, not at all.
 */
function kept(ctx: BlockContext): Partial<IParagraphOptions> {
  return ctx.keep ? { widowControl: true, keepNext: true, keepLines: true } : { widowControl: true };
}

/** A line break inside a Markdown paragraph is a space, not a new line. */
function softBreaksToSpaces(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, ' ');
}

function run(text: string, marks: Marks): TextRun {
  const options: IRunOptions = {
    text,
    bold: marks.bold,
    italics: marks.italics,
    strike: marks.strike,
    style: marks.link ? STYLE.hyperlink : marks.code ? STYLE.inlineCode : undefined,
    // Code inside a link takes the Hyperlink style, so the monospace font is set on the run.
    font: marks.link && marks.code ? FONT.mono : undefined,
  };
  return new TextRun(options);
}

function codeBlock(value: string, ctx: BlockContext): Paragraph {
  const lines = value.split('\n');
  const left = ctx.level >= 0 ? ctx.indent + LIST_INDENT * (ctx.level + 1) : ctx.indent;
  return new Paragraph({
    style: STYLE.code,
    ...kept(ctx),
    indent: left > 0 ? { left } : undefined,
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
  });
}
