import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  SimpleField,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
  type ISectionOptions,
  type IStylesOptions,
  type NumberingDefinition,
  type ParagraphChild,
} from 'docx';
import type { List, PhrasingContent, RootContent, Table as MdTable } from 'mdast';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { COMPETENCIES } from '../questions/bank.js';
import type { ViewEntry, ViewModel, ViewSection, ViewStory } from '../view/view-model.js';

/**
 * The DOCX answer bank: every question with its full written answer, in real
 * Word styles (Title, Heading 1 per question, Heading 2 per story, named
 * styles for STAR labels, angle, metrics and speaking time), so Word's
 * navigation pane and style gallery work, and the file looks the same in
 * LibreOffice.
 *
 * Table of contents, and why it is written by hand: a Word TOC field is
 * only as good as its cached result. docx can fill that result in (its
 * `docx/layout` estimator lays the pages out), but that costs 0.5–1 s per
 * document, several times the whole rest of the build, and the design caps
 * the DOCX at pandoc's time. Without it, a TOC field shows blank numbers, or,
 * marked dirty, makes Word ask "update fields that may refer to other
 * files?" when a recruiter opens the file; LibreOffice shows the stale
 * result either way. So the contents are plain paragraphs: each entry is an
 * internal hyperlink to a bookmark on its Heading 1, followed by a
 * `PAGEREF` field with no cached value and no dirty flag. LibreOffice (and a
 * PDF made with it) computes those page numbers itself; Word shows the
 * linked, numbered entries with the page column empty until the user
 * presses F9, and never prompts. There is no leader line, so an empty page
 * column does not look broken.
 *
 * Arial is used throughout (Courier New for code): LibreOffice substitutes
 * the metric-compatible Liberation Sans and Mono, so pages break in the same
 * places in Word and LibreOffice.
 */

const FONT = 'Arial';
const MONO = 'Courier New';
const ACCENT = '1F4E79';
const MUTED = '666666';
const RULE = 'BFBFBF';

/** Twips (1/1440 in). Page sizes are Word's own for Letter and A4. */
const PAPER = {
  letter: { width: 12240, height: 15840 },
  a4: { width: 11906, height: 16838 },
} as const;
const MARGIN = 1296; // 0.9 in
const LIST_INDENT = 360;
const QUOTE_INDENT = 567;

const DOCX_STYLES = {
  starLabel: 'StarLabel',
  angle: 'Angle',
  metrics: 'Metrics',
  meta: 'Meta',
  gap: 'GapNote',
  quote: 'Quote',
  code: 'CodeBlock',
  inlineCode: 'InlineCode',
  tableText: 'TableText',
  tocHeading: 'TOCHeading',
  subtitle: 'Subtitle',
} as const;

export async function renderAnswerBankDocx(model: ViewModel): Promise<Buffer> {
  return makeReproducible(await documentParts(answerBankDocument(model)), model.date.iso);
}

/** The answer bank as a docx Document, before packing. */
export function answerBankDocument(model: ViewModel): Document {
  const content = new ContentWriter();
  const page = PAPER[model.profile.paper];
  const textWidth = page.width - 2 * MARGIN;

  const children: (Paragraph | Table)[] = [
    ...titlePage(model, content),
    ...contents(model, textWidth),
    ...model.entries.flatMap((entry, i) => entryBlocks(entry, model, content, i === 0)),
    ...appendix(model, textWidth),
  ];

  const section: ISectionOptions = {
    properties: {
      titlePage: true,
      page: {
        size: { width: page.width, height: page.height },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 708, footer: 708 },
      },
    },
    headers: {
      default: new Header({ children: [new Paragraph({ style: 'Header', alignment: AlignmentType.RIGHT, children: [new TextRun(headerText(model))] })] }),
      first: new Header({ children: [new Paragraph({ style: 'Header', children: [] })] }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: 'Footer',
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
      first: new Footer({ children: [new Paragraph({ style: 'Footer', children: [] })] }),
    },
    children,
  };

  const title = `Answer bank — ${model.heading}`;
  return new Document({
    title,
    subject: model.heading,
    creator: model.person.name ?? 'storybank',
    lastModifiedBy: 'storybank',
    description: `Answer bank for ${model.heading}, built by storybank`,
    styles: styles(),
    numbering: { config: content.numbering() },
    sections: [section],
  });
}

type Compile = (file: Document) => Map<string, string | Uint8Array>;

/**
 * The package's parts, uncompressed. `Packer.toBuffer` would deflate them in
 * JavaScript only for makeReproducible to inflate and deflate them again, so
 * the parts come straight from the compiler Packer itself uses (a private
 * static of docx 9); if a docx release moves it, the zip is read back as
 * before. Both give the same bytes in the end (test/render/docx.test.ts).
 */
export async function documentParts(doc: Document, viaZip = false): Promise<ZipEntry[]> {
  const compiler = (Packer as unknown as { compiler?: { compile?: Compile } }).compiler;
  if (!viaZip && typeof compiler?.compile === 'function') {
    return [...compiler.compile(doc)].map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data) }));
  }
  return readZip(await Packer.toBuffer(doc));
}

function headerText(model: ViewModel): string {
  return model.person.name ? `${model.person.name} · ${model.heading}` : model.heading;
}

// ---------------------------------------------------------------- title page

function titlePage(model: ViewModel, content: ContentWriter): Paragraph[] {
  const out: Paragraph[] = [];
  const name = model.person.name?.trim();
  out.push(new Paragraph({ style: 'Title', spacing: { before: 2400 }, children: [new TextRun(name || 'Answer bank')] }));
  out.push(
    new Paragraph({
      style: DOCX_STYLES.subtitle,
      children: [new TextRun(name ? `Answer bank · ${model.heading}` : model.heading)],
    }),
  );
  if (model.person.headline) out.push(new Paragraph({ children: [new TextRun(model.person.headline)] }));
  out.push(new Paragraph({ style: DOCX_STYLES.meta, children: [new TextRun(model.date.label)] }));

  const contact: ParagraphChild[] = [];
  const sep = () => {
    if (contact.length > 0) contact.push(new TextRun({ text: '  ·  ', color: MUTED }));
  };
  if (model.person.email) {
    sep();
    contact.push(link(`mailto:${model.person.email.trim()}`, [new TextRun({ text: model.person.email, style: 'Hyperlink' })]));
  }
  if (model.person.phone) {
    sep();
    contact.push(new TextRun(model.person.phone));
  }
  for (const l of model.person.links) {
    sep();
    // storybank.yml links are not sanitised by the Markdown parser: same rule as story links.
    contact.push(SAFE_URL.test(l.url.trim()) ? link(l.url.trim(), [new TextRun({ text: l.label, style: 'Hyperlink' })]) : new TextRun(l.label));
  }
  if (contact.length > 0) out.push(new Paragraph({ children: contact }));

  if (model.pitch.nodes.length > 0) {
    out.push(new Paragraph({ style: DOCX_STYLES.starLabel, spacing: { before: 480 }, children: [new TextRun('Pitch')] }));
    out.push(...content.blocks(model.pitch.nodes));
  }
  return out;
}

// ---------------------------------------------------------------- contents

const APPENDIX_ANCHOR = 'coverage';

/** One line per question: a link to its heading, and its page number from a PAGEREF field. */
function contents(model: ViewModel, textWidth: number): Paragraph[] {
  const line = (anchor: string, label: string) =>
    new Paragraph({
      style: 'TOC1',
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
      children: [
        new InternalHyperlink({
          anchor,
          children: [new TextRun(label), new TextRun({ children: [new Tab()] }), new SimpleField(`PAGEREF ${anchor} \\h`)],
        }),
      ],
    });
  return [
    new Paragraph({ style: DOCX_STYLES.tocHeading, pageBreakBefore: true, children: [new TextRun('Contents')] }),
    ...model.entries.map((e) => line(questionAnchor(e), `${e.number}. ${e.question}`)),
    line(APPENDIX_ANCHOR, 'Coverage'),
  ];
}

// ---------------------------------------------------------------- entries

function questionAnchor(entry: Pick<ViewEntry, 'number'>): string {
  return `q${entry.number}`;
}

function entryBlocks(entry: ViewEntry, model: ViewModel, content: ContentWriter, first: boolean): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({
      heading: 'Heading1',
      pageBreakBefore: first,
      children: [new Bookmark({ id: questionAnchor(entry), children: [new TextRun(`${entry.number}. ${entry.question}`)] })],
    }),
  ];
  const story = entry.story;
  if (entry.gap || !story) {
    out.push(
      new Paragraph({
        style: DOCX_STYLES.gap,
        children: [new TextRun(gapNote(entry))],
      }),
    );
    return out;
  }
  out.push(...storyBlocks(story, model, content));
  return out;
}

function gapNote(entry: Pick<ViewEntry, 'questionId'>): string {
  return `No story yet — write one that lists “${entry.questionId}” under questions, or shows the competencies this question asks about.`;
}

function storyBlocks(story: ViewStory, model: ViewModel, content: ContentWriter): Paragraph[] {
  const out: Paragraph[] = [];
  const title: ParagraphChild[] = [new TextRun(story.title)];
  if (story.year !== undefined) title.push(new TextRun({ text: ` · ${story.year}`, color: MUTED, bold: false }));
  out.push(new Paragraph({ heading: 'Heading2', children: title }));

  if (story.angle) {
    out.push(
      new Paragraph({
        style: DOCX_STYLES.angle,
        children: [new TextRun({ text: 'Angle: ', bold: true }), new TextRun(story.angle)],
      }),
    );
  }

  for (const section of story.sections) out.push(...sectionBlocks(section, story.kind === 'star', content));
  if (story.lessons) out.push(...sectionBlocks(story.lessons, true, content));

  if (story.metrics.length > 0) {
    const runs: ParagraphChild[] = [new TextRun({ text: 'Key numbers: ', bold: true })];
    story.metrics.forEach((m, i) => {
      if (i > 0) runs.push(new TextRun({ text: '  ·  ', color: MUTED }));
      runs.push(new TextRun(m));
    });
    out.push(new Paragraph({ style: DOCX_STYLES.metrics, children: runs }));
  }

  // Length advice belongs to `storybank check`, not to a document that may be sent to someone.
  const meta = `Speaking time: ${story.speakingTime} (${story.words} words)`;
  out.push(new Paragraph({ style: DOCX_STYLES.meta, children: [new TextRun(meta)] }));
  return out;
}

function sectionBlocks(section: ViewSection, labelled: boolean, content: ContentWriter): Paragraph[] {
  const label = labelled ? [new Paragraph({ style: DOCX_STYLES.starLabel, children: [new TextRun(section.label)] })] : [];
  return [...label, ...content.blocks(section.nodes)];
}

// ---------------------------------------------------------------- appendix

function appendix(model: ViewModel, textWidth: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: 'Heading1', pageBreakBefore: true, children: [new Bookmark({ id: APPENDIX_ANCHOR, children: [new TextRun('Coverage')] })] }),
    new Paragraph({ heading: 'Heading2', children: [new TextRun('Questions and stories')] }),
    table(
      textWidth,
      [0.42, 0.3, 0.28],
      ['Question', 'Story', 'Competencies'],
      model.entries.map((e) => [
        `${e.number}. ${e.question}`,
        e.story ? `${e.story.title}${e.story.year !== undefined ? ` (${e.story.year})` : ''}` : '— no story yet —',
        e.story ? e.story.competencies.map(competencyLabel).join(', ') : '',
      ]),
    ),
  ];
  if (model.coverage.length > 0) {
    out.push(
      new Paragraph({ heading: 'Heading2', children: [new TextRun('Competencies this role emphasises')] }),
      table(
        textWidth,
        [0.26, 0.1, 0.64],
        ['Competency', 'Weight', 'Stories'],
        model.coverage.map((c) => [c.label, String(c.weight), c.stories.length > 0 ? c.stories.join('; ') : '— none yet —']),
      ),
    );
  }
  return out;
}

const COMPETENCY_LABELS = new Map(COMPETENCIES.map((c) => [c.id, c.label]));

function competencyLabel(id: string): string {
  return COMPETENCY_LABELS.get(id) ?? id;
}

function table(textWidth: number, fractions: number[], header: string[], rows: string[][]): Table {
  const widths = fractions.map((f) => Math.floor(textWidth * f));
  const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE6F1' } : undefined,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      children: [new Paragraph({ style: DOCX_STYLES.tableText, children: [new TextRun({ text, bold: head || undefined })] })],
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, i, false)) })),
    ],
  });
}

// ---------------------------------------------------------------- mdast → docx

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
}

const SAFE_URL = /^(https?:|mailto:)/i;

function link(url: string, children: ParagraphChild[]): ParagraphChild {
  return new ExternalHyperlink({ link: url, children });
}

/**
 * Renders sanitised mdast to docx paragraphs. Owns the numbering
 * definitions: every ordered list gets a definition of its own, starting at
 * the list's own start, so no list continues another's count and nothing
 * depends on how an application reads level overrides.
 */
class ContentWriter {
  private lists: NumberingDefinition[] = [bulletDefinition()];

  numbering(): NumberingDefinition[] {
    return this.lists;
  }

  blocks(nodes: readonly RootContent[], ctx: BlockContext = { indent: 0, quote: false, level: -1 }): Paragraph[] {
    return nodes.flatMap((n) => this.block(n, ctx));
  }

  private paragraphStyle(ctx: BlockContext): Partial<IParagraphOptions> {
    // Inside a list: the list's style, so contextual spacing keeps the items together.
    if (ctx.level >= 0) return { style: 'ListParagraph', indent: { left: ctx.indent + LIST_INDENT * (ctx.level + 1) } };
    if (ctx.quote) return { style: DOCX_STYLES.quote, indent: { left: ctx.indent } };
    return {};
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
        return [
          new Paragraph({
            border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 1 } },
            spacing: { after: 160 },
            children: [],
          }),
        ];
      case 'table':
        return this.tableAsParagraphs(node);
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
    let reference = 'bullets';
    if (node.ordered) {
      reference = `ol-${this.lists.length}`;
      this.lists.push(orderedDefinition(reference, node.start ?? 1));
    }
    const out: Paragraph[] = [];
    const marker = (children: ParagraphChild[]) =>
      new Paragraph({
        style: 'ListParagraph',
        indent: { left: ctx.indent + LIST_INDENT * (level + 1), hanging: LIST_INDENT },
        numbering: { reference, level },
        children,
      });
    for (const item of node.children) {
      const inner: BlockContext = { indent: ctx.indent, quote: ctx.quote, level };
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
  private tableAsParagraphs(node: MdTable): Paragraph[] {
    return node.children.map(
      (row, r) =>
        new Paragraph({
          style: DOCX_STYLES.tableText,
          children: row.children.flatMap((cell, i) => [
            ...(i > 0 ? [new TextRun({ text: ' | ', color: MUTED })] : []),
            ...this.inlines(cell.children, { bold: r === 0 }),
          ]),
        }),
    );
  }

  /** Adjacent text (and raw HTML, which is text here) becomes one run, as Word would write it. */
  inlines(nodes: readonly PhrasingContent[], marks: Marks): ParagraphChild[] {
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
        if (!SAFE_URL.test(url)) return this.inlines(node.children, marks);
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
    style: marks.link ? 'Hyperlink' : marks.code ? DOCX_STYLES.inlineCode : undefined,
    font: marks.link && marks.code ? MONO : undefined,
  };
  return new TextRun(options);
}

function codeBlock(value: string, ctx: BlockContext): Paragraph {
  const lines = value.split('\n');
  const left = ctx.level >= 0 ? ctx.indent + LIST_INDENT * (ctx.level + 1) : ctx.indent;
  return new Paragraph({
    style: DOCX_STYLES.code,
    indent: left > 0 ? { left } : undefined,
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined })),
  });
}

function bulletDefinition(): NumberingDefinition {
  const glyphs = ['•', '◦', '▪'];
  return {
    reference: 'bullets',
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      format: LevelFormat.BULLET,
      text: glyphs[level % glyphs.length]!,
      alignment: AlignmentType.LEFT,
      style: {
        paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } },
        run: { font: FONT },
      },
    })),
  };
}

function orderedDefinition(reference: string, start: number): NumberingDefinition {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return {
    reference,
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      format: formats[level % formats.length]!,
      text: `%${level + 1}.`,
      start,
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT } } },
    })),
  };
}

// ---------------------------------------------------------------- styles

function styles(): IStylesOptions {
  const heading = (size: number, before: number, after: number, outlineLevel: number, color = ACCENT) => ({
    run: { font: FONT, size, bold: true, color },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel },
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: 22, color: '222222' },
        paragraph: { spacing: { after: 120, line: 276 } },
      },
      title: { run: { font: FONT, size: 52, bold: true, color: ACCENT }, paragraph: { spacing: { after: 120 } } },
      heading1: heading(32, 360, 120, 0),
      heading2: heading(26, 200, 80, 1),
      heading3: heading(22, 160, 60, 2, '333333'),
      heading4: { run: { font: FONT, size: 22, bold: true, italics: true, color: '333333' }, paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, outlineLevel: 3 } },
      hyperlink: { run: { color: '1155CC', underline: { type: 'single' } } },
      // No space between items (contextual spacing), a paragraph's worth after the list.
      listParagraph: { paragraph: { spacing: { before: 0, after: 120 }, contextualSpacing: true } },
    },
    paragraphStyles: [
      {
        id: DOCX_STYLES.subtitle,
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 28, color: '444444' },
        paragraph: {
          spacing: { after: 240 },
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: RULE, space: 8 } },
        },
      },
      {
        id: DOCX_STYLES.starLabel,
        name: 'STAR Label',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { bold: true, smallCaps: true, size: 21, color: ACCENT, characterSpacing: 10 },
        paragraph: { spacing: { before: 160, after: 40 }, keepNext: true, keepLines: true },
      },
      {
        id: DOCX_STYLES.angle,
        name: 'Angle',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true, color: '444444' },
        paragraph: {
          spacing: { before: 60, after: 120 },
          indent: { left: 0 },
        },
      },
      {
        id: DOCX_STYLES.metrics,
        name: 'Metrics',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 20 },
        paragraph: {
          spacing: { before: 160, after: 80 },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF3F8' },
          border: { left: { style: BorderStyle.SINGLE, size: 18, color: ACCENT, space: 6 } },
          indent: { left: 120 },
          keepNext: true,
        },
      },
      {
        id: DOCX_STYLES.meta,
        name: 'Meta',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { size: 18, color: MUTED },
        paragraph: { spacing: { after: 160 } },
      },
      {
        id: DOCX_STYLES.gap,
        name: 'Gap Note',
        basedOn: 'Normal',
        next: 'Normal',
        run: { italics: true, color: '7F6000' },
      },
      {
        id: DOCX_STYLES.quote,
        name: 'Quote',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        run: { italics: true, color: '444444' },
        paragraph: {
          indent: { left: QUOTE_INDENT },
          border: { left: { style: BorderStyle.SINGLE, size: 12, color: RULE, space: 8 } },
        },
      },
      {
        id: DOCX_STYLES.code,
        name: 'Code Block',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: MONO, size: 18 },
        paragraph: {
          spacing: { after: 120, line: 240 },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F3F3F3' },
        },
      },
      {
        id: DOCX_STYLES.tableText,
        name: 'Table Text',
        basedOn: 'Normal',
        run: { size: 19 },
        paragraph: { spacing: { after: 0, line: 240 } },
      },
      {
        id: DOCX_STYLES.tocHeading,
        name: 'TOC Heading',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: FONT, size: 32, bold: true, color: ACCENT },
        paragraph: { spacing: { before: 0, after: 240 } },
      },
      {
        id: 'TOC1',
        name: 'toc 1',
        basedOn: 'Normal',
        next: 'Normal',
        uiPriority: 39,
        paragraph: { spacing: { after: 80 } },
      },
      { id: 'Header', name: 'header', basedOn: 'Normal', run: { size: 16, color: MUTED }, paragraph: { spacing: { after: 0 } } },
      { id: 'Footer', name: 'footer', basedOn: 'Normal', run: { size: 16, color: MUTED }, paragraph: { spacing: { after: 0 } } },
    ],
    characterStyles: [
      {
        id: DOCX_STYLES.inlineCode,
        name: 'Inline Code',
        basedOn: 'DefaultParagraphFont',
        run: { font: MONO, size: 20 },
      },
    ],
  };
}

// ---------------------------------------------------------------- reproducibility

/**
 * docx stamps `docProps/core.xml` and every zip entry with the current time,
 * gives hyperlink relationships random ids, and numbers bookmarks from a
 * counter that runs on across documents. This rewrites the package so that
 * the same model always gives the same bytes: dates from the model's build
 * date (SOURCE_DATE_EPOCH), ids numbered in order of appearance, entries
 * re-deflated in their original order with a fixed timestamp. Only
 * node:zlib is used: jszip is a dev dependency, and this is all we need.
 */
function makeReproducible(parts: readonly ZipEntry[], isoDate: string): Buffer {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? isoDate : '1980-01-01';
  const stamp = `${day}T00:00:00Z`;
  const entries = [...parts].sort((a, b) => packageRank(a.name) - packageRank(b.name));
  const ids = randomRelationshipIds(entries);
  const out = entries.map(({ name, data }) => {
    if (!name.endsWith('.xml') && !name.endsWith('.rels')) return { name, data };
    let text = data.toString('utf8');
    if (name === 'docProps/core.xml') {
      text = text.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
    }
    if (ids.size > 0) text = text.replace(/"(rId[A-Za-z0-9_-]{21})"/g, (m, id: string) => (ids.has(id) ? `"${ids.get(id)}"` : m));
    if (name === 'word/document.xml') text = renumberBookmarks(text);
    return { name, data: Buffer.from(text, 'utf8') };
  });
  return writeZip(out, new Date(stamp));
}

/** Package parts first, as Word writes them: tools that sniff a .docx look there. The sort is stable. */
function packageRank(name: string): number {
  const i = ['[Content_Types].xml', '_rels/.rels'].indexOf(name);
  return i < 0 ? 2 : i;
}

/** Bookmark ids come from a process-wide counter in docx; number them from 1 per document. */
function renumberBookmarks(xml: string): string {
  const ids = new Map<string, number>();
  return xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)"/g, (_, head: string, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `${head}${ids.get(id)}"`;
  });
}

/** Random relationship ids (`rId` + a 21-character nanoid) in .rels parts, renamed rIdH1, rIdH2… in order. */
function randomRelationshipIds(entries: readonly ZipEntry[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const { name, data } of entries) {
    if (!name.endsWith('.rels')) continue;
    for (const m of data.toString('utf8').matchAll(/\bId="(rId[A-Za-z0-9_-]{21})"/g)) {
      if (!ids.has(m[1]!)) ids.set(m[1]!, `rIdH${ids.size + 1}`);
    }
  }
  return ids;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip's stored or deflated entries, in central-directory order. Enough for docx's own output. */
function readZip(zip: Buffer): ZipEntry[] {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('docx package is not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('docx package has a broken central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + size);
    entries.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function writeZip(entries: readonly ZipEntry[], stamp: Date): Buffer {
  // DOS dates start in 1980; SOURCE_DATE_EPOCH=0 is a common choice.
  const date = stamp.getUTCFullYear() < 1980 ? new Date(Date.UTC(1980, 0, 1)) : stamp;
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(day, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(day, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
