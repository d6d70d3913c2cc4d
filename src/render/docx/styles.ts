import { BorderStyle, ShadingType, type IStylesOptions } from 'docx';

/**
 * How the answer bank looks, in one place: fonts, colours, page geometry and
 * every Word style the writer uses. The other modules refer to styles by
 * `STYLE` id and take colours and sizes from here; none sets a font or a
 * colour of its own. `ANSWER_BANK_STYLES` is plain data in docx's `styles`
 * option form, so a user's override can later be merged into it (or replace
 * it with `externalStyles` XML) without touching the writer.
 *
 * Arial is used throughout (Courier New for code): LibreOffice substitutes
 * the metric-compatible Liberation Sans and Mono, so pages break in the same
 * places in Word and LibreOffice.
 *
 * Lengths are twips (1/1440 in) unless docx wants otherwise: font sizes in
 * half-points, border sizes in eighths of a point.
 */

export const FONT = { body: 'Arial', mono: 'Courier New' } as const;

export const COLOUR = {
  text: '222222',
  accent: '1F4E79',
  muted: '666666',
  /** Secondary text: subtitle, angle, quotes. */
  soft: '444444',
  /** Heading 3 and 4, under the accent-coloured heading 1 and 2. */
  minorHeading: '333333',
  rule: 'BFBFBF',
  link: '1155CC',
  gap: '7F6000',
  metricsFill: 'EEF3F8',
  codeFill: 'F3F3F3',
  tableHeadFill: 'DCE6F1',
} as const;

/** Word's own page sizes for Letter and A4. */
export const PAPER = {
  letter: { width: 12240, height: 15840 },
  a4: { width: 11906, height: 16838 },
} as const;

export const PAGE = {
  margin: 1296, // 0.9 in
  /** Distance of the header and footer from the page edge: Word's default. */
  headerFooter: 708,
} as const;

export const LIST_INDENT = 360;
export const QUOTE_INDENT = 567;

/** Borders and padding set on elements directly: tables and thematic breaks have no paragraph style to carry them. */
export const TABLE = {
  border: { style: BorderStyle.SINGLE, size: 4, color: COLOUR.rule },
  cellMargins: { top: 60, bottom: 60, left: 100, right: 100 },
  headFill: COLOUR.tableHeadFill,
} as const;

export const THEMATIC_BREAK = {
  border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: COLOUR.rule, space: 1 } },
  spacing: { after: 160 },
} as const;

/** Style ids as they appear in styles.xml; the built-in ones keep Word's ids so Word treats them as its own. */
export const STYLE = {
  title: 'Title',
  subtitle: 'Subtitle',
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
  toc1: 'TOC1',
  listParagraph: 'ListParagraph',
  hyperlink: 'Hyperlink',
  header: 'Header',
  footer: 'Footer',
} as const;

const heading = (size: number, before: number, after: number, outlineLevel: number, color: string = COLOUR.accent) => ({
  run: { font: FONT.body, size, bold: true, color },
  paragraph: { spacing: { before, after }, keepNext: true, keepLines: true, outlineLevel },
});

/** Named styles rather than direct formatting, so Word's style gallery and navigation pane work. */
export const ANSWER_BANK_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT.body, size: 22, color: COLOUR.text },
      paragraph: { spacing: { after: 120, line: 276 } },
    },
    title: { run: { font: FONT.body, size: 52, bold: true, color: COLOUR.accent }, paragraph: { spacing: { after: 120 } } },
    heading1: heading(32, 360, 120, 0),
    heading2: heading(26, 200, 80, 1),
    heading3: heading(22, 160, 60, 2, COLOUR.minorHeading),
    heading4: {
      run: { font: FONT.body, size: 22, bold: true, italics: true, color: COLOUR.minorHeading },
      paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, outlineLevel: 3 },
    },
    hyperlink: { run: { color: COLOUR.link, underline: { type: 'single' } } },
    // No space between items (contextual spacing), a paragraph's worth after the list.
    listParagraph: { paragraph: { spacing: { before: 0, after: 120 }, contextualSpacing: true } },
  },
  paragraphStyles: [
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: 28, color: COLOUR.soft },
      paragraph: {
        spacing: { after: 240 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: COLOUR.rule, space: 8 } },
      },
    },
    {
      id: STYLE.starLabel,
      name: 'STAR Label',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { bold: true, smallCaps: true, size: 21, color: COLOUR.accent, characterSpacing: 10 },
      paragraph: { spacing: { before: 160, after: 40 }, keepNext: true, keepLines: true },
    },
    {
      id: STYLE.angle,
      name: 'Angle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { italics: true, color: COLOUR.soft },
      // An angle introduces the answer: never the last line of a page.
      paragraph: { spacing: { before: 60, after: 120 }, indent: { left: 0 }, keepNext: true, keepLines: true },
    },
    {
      id: STYLE.metrics,
      name: 'Metrics',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: 20 },
      paragraph: {
        spacing: { before: 160, after: 80 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOUR.metricsFill },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLOUR.accent, space: 6 } },
        indent: { left: 120 },
        keepNext: true,
      },
    },
    {
      id: STYLE.meta,
      name: 'Meta',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: 18, color: COLOUR.muted },
      paragraph: { spacing: { after: 160 } },
    },
    { id: STYLE.gap, name: 'Gap Note', basedOn: 'Normal', next: 'Normal', run: { italics: true, color: COLOUR.gap } },
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { italics: true, color: COLOUR.soft },
      paragraph: {
        indent: { left: QUOTE_INDENT },
        border: { left: { style: BorderStyle.SINGLE, size: 12, color: COLOUR.rule, space: 8 } },
      },
    },
    {
      id: STYLE.code,
      name: 'Code Block',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: FONT.mono, size: 18 },
      paragraph: {
        spacing: { after: 120, line: 240 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: COLOUR.codeFill },
      },
    },
    { id: STYLE.tableText, name: 'Table Text', basedOn: 'Normal', run: { size: 19 }, paragraph: { spacing: { after: 0, line: 240 } } },
    {
      id: STYLE.tocHeading,
      name: 'TOC Heading',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: FONT.body, size: 32, bold: true, color: COLOUR.accent },
      paragraph: { spacing: { before: 0, after: 240 } },
    },
    { id: STYLE.toc1, name: 'toc 1', basedOn: 'Normal', next: 'Normal', uiPriority: 39, paragraph: { spacing: { after: 80 } } },
    { id: STYLE.header, name: 'header', basedOn: 'Normal', run: { size: 16, color: COLOUR.muted }, paragraph: { spacing: { after: 0 } } },
    { id: STYLE.footer, name: 'footer', basedOn: 'Normal', run: { size: 16, color: COLOUR.muted }, paragraph: { spacing: { after: 0 } } },
  ],
  characterStyles: [{ id: STYLE.inlineCode, name: 'Inline Code', basedOn: 'DefaultParagraphFont', run: { font: FONT.mono, size: 20 } }],
};
