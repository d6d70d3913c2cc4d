import {
  Bookmark,
  InternalHyperlink,
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
  type ParagraphChild,
} from 'docx';
import type { ViewEntry, ViewModel, ViewSection, ViewStory } from '../../view/view-model.js';
import { isSafeUrl } from '../../workspace/safe-url.js';
import { link, type ContentWriter } from './runs.js';
import { BULLETS } from './numbering.js';
import { COLOUR, LIST_INDENT, STYLE, TABLE } from './styles.js';

/** The answer bank's parts, in reading order: title page, contents, one block per question, the coverage appendix. */

const SEPARATOR = '  ·  ';

export function titlePage(model: ViewModel, content: ContentWriter): Paragraph[] {
  const out: Paragraph[] = [];
  const name = model.person.name?.trim();
  out.push(new Paragraph({ style: STYLE.title, spacing: { before: 2400 }, children: [new TextRun(name || 'Answer bank')] }));
  out.push(new Paragraph({ style: STYLE.subtitle, children: [new TextRun(name ? `Answer bank · ${model.heading}` : model.heading)] }));
  if (model.person.headline) out.push(new Paragraph({ children: [new TextRun(model.person.headline)] }));
  out.push(new Paragraph({ style: STYLE.meta, children: [new TextRun(model.date.label)] }));

  const contact: ParagraphChild[] = [];
  const sep = () => {
    if (contact.length > 0) contact.push(new TextRun({ text: SEPARATOR, color: COLOUR.muted }));
  };
  if (model.person.email) {
    sep();
    contact.push(link(`mailto:${model.person.email.trim()}`, [new TextRun({ text: model.person.email, style: STYLE.hyperlink })]));
  }
  if (model.person.phone) {
    sep();
    contact.push(new TextRun(model.person.phone));
  }
  for (const l of model.person.links) {
    sep();
    // storybank.yml links are not sanitised by the Markdown parser: same rule as story links.
    const url = l.url.trim();
    contact.push(isSafeUrl(url) ? link(url, [new TextRun({ text: l.label, style: STYLE.hyperlink })]) : new TextRun(l.label));
  }
  if (contact.length > 0) out.push(new Paragraph({ children: contact }));

  if (model.pitch.nodes.length > 0) {
    out.push(new Paragraph({ style: STYLE.starLabel, spacing: { before: 480 }, children: [new TextRun('Pitch')] }));
    out.push(...content.blocks(model.pitch.nodes));
  }
  return out;
}

const APPENDIX_ANCHOR = 'coverage';
const ASK_ANCHOR = 'ask';

/** A Result this short moves to the next page whole, with its key numbers, rather than leave its end alone on a page. */
const SHORT_RESULT_CHARS = 700;

function questionAnchor(entry: Pick<ViewEntry, 'number'>): string {
  return `q${entry.number}`;
}

/**
 * One line per question: a link to the bookmark on its heading, then a
 * `PAGEREF` field with no cached value and no dirty flag, which LibreOffice
 * fills in and Word leaves empty until F9 (see document.ts for why this is
 * not a TOC field).
 */
export function contents(model: ViewModel, textWidth: number): Paragraph[] {
  const line = (anchor: string, label: string) =>
    new Paragraph({
      style: STYLE.toc1,
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
      children: [
        new InternalHyperlink({
          anchor,
          children: [new TextRun(label), new TextRun({ children: [new Tab()] }), new SimpleField(`PAGEREF ${anchor} \\h`)],
        }),
      ],
    });
  return [
    new Paragraph({ style: STYLE.tocHeading, pageBreakBefore: true, children: [new TextRun('Contents')] }),
    ...model.entries.map((e) => line(questionAnchor(e), `${e.number}. ${e.question}`)),
    ...(model.ask.length > 0 ? [line(ASK_ANCHOR, ASK_HEADING)] : []),
    line(APPENDIX_ANCHOR, 'Coverage'),
  ];
}

const ASK_HEADING = 'Questions to ask them';

/** The profile's `ask:` list: the candidate's own questions, after the answers. */
export function askBlocks(model: ViewModel): Paragraph[] {
  if (model.ask.length === 0) return [];
  return [
    new Paragraph({ heading: 'Heading1', children: [new Bookmark({ id: ASK_ANCHOR, children: [new TextRun(ASK_HEADING)] })] }),
    ...model.ask.map(
      (question) =>
        new Paragraph({
          style: STYLE.listParagraph,
          indent: { left: LIST_INDENT, hanging: LIST_INDENT },
          numbering: { reference: BULLETS, level: 0 },
          keepLines: true,
          children: [new TextRun(question)],
        }),
    ),
  ];
}

export function entryBlocks(entry: ViewEntry, content: ContentWriter, first: boolean): Paragraph[] {
  const heading = new Paragraph({
    heading: 'Heading1',
    pageBreakBefore: first,
    children: [new Bookmark({ id: questionAnchor(entry), children: [new TextRun(`${entry.number}. ${entry.question}`)] })],
  });
  const story = entry.story;
  if (entry.gap || !story) return [heading, new Paragraph({ style: STYLE.gap, children: [new TextRun(entry.gapNote ?? '')] })];
  if (entry.repeatOf !== undefined) return [heading, ...repeatBlocks(entry, story)];
  return [heading, ...storyBlocks(story, content)];
}

function storyHead(story: ViewStory): Paragraph[] {
  const title: ParagraphChild[] = [new TextRun(story.title)];
  if (story.year !== undefined) title.push(new TextRun({ text: ` · ${story.year}`, color: COLOUR.muted, bold: false }));
  const out = [new Paragraph({ heading: 'Heading2', children: title })];
  if (story.angle) {
    out.push(new Paragraph({ style: STYLE.angle, children: [new TextRun({ text: 'Angle: ', bold: true }), new TextRun(story.angle)] }));
  }
  return out;
}

/** A story told in full under an earlier question: its title, this question's angle, and a link back. */
function repeatBlocks(entry: ViewEntry, story: ViewStory): Paragraph[] {
  const first = { number: entry.repeatOf! };
  return [
    ...storyHead(story),
    new Paragraph({
      style: STYLE.meta,
      children: [
        new TextRun('Same story as '),
        new InternalHyperlink({ anchor: questionAnchor(first), children: [new TextRun({ text: `question ${first.number}`, style: STYLE.hyperlink })] }),
        new TextRun(entry.repeatOfQuestion ? ` (“${entry.repeatOfQuestion}”), told in full there.` : ', told in full there.'),
      ],
    }),
  ];
}

function storyBlocks(story: ViewStory, content: ContentWriter): Paragraph[] {
  const out: Paragraph[] = storyHead(story);
  const sections = [...story.sections.map((s) => ({ section: s, labelled: story.kind === 'star' })), ...(story.lessons ? [{ section: story.lessons, labelled: true }] : [])];
  sections.forEach(({ section, labelled }, i) => out.push(...sectionBlocks(section, labelled, content, i === sections.length - 1)));

  if (story.metrics.length > 0) {
    const runs: ParagraphChild[] = [new TextRun({ text: 'Key numbers: ', bold: true })];
    story.metrics.forEach((m, i) => {
      if (i > 0) runs.push(new TextRun({ text: SEPARATOR, color: COLOUR.muted }));
      runs.push(new TextRun(m));
    });
    out.push(new Paragraph({ style: STYLE.metrics, children: runs }));
  }

  const meta = story.speakingLine;
  out.push(new Paragraph({ style: STYLE.meta, children: [new TextRun(meta)] }));
  return out;
}

/**
 * A section's label and text. A short Result is kept whole; the answer's
 * last block is kept with the key numbers and speaking time after it, so
 * neither starts a page on its own.
 */
function sectionBlocks(section: ViewSection, labelled: boolean, content: ContentWriter, last: boolean): Paragraph[] {
  const label = labelled ? [new Paragraph({ style: STYLE.starLabel, children: [new TextRun(section.label)] })] : [];
  if (section.key === 'result' && section.text.length <= SHORT_RESULT_CHARS) return [...label, ...content.keptBlocks(section.nodes)];
  if (!last) return [...label, ...content.blocks(section.nodes)];
  return [...label, ...content.blocks(section.nodes.slice(0, -1)), ...content.keptBlocks(section.nodes.slice(-1))];
}

export function appendix(model: ViewModel, textWidth: number): (Paragraph | Table)[] {
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
        e.story ? e.story.competencyLabels.join(', ') : '',
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

/** Column widths are fractions of the text width, in a fixed layout: each application would auto-fit them its own way. */
function table(textWidth: number, fractions: number[], header: string[], rows: string[][]): Table {
  const widths = fractions.map((f) => Math.floor(textWidth * f));
  const border = TABLE.border;
  const cell = (text: string, i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      shading: head ? { type: ShadingType.CLEAR, color: 'auto', fill: TABLE.headFill } : undefined,
      margins: TABLE.cellMargins,
      children: [new Paragraph({ style: STYLE.tableText, children: [new TextRun({ text, bold: head || undefined })] })],
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
