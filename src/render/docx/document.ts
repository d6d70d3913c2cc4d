import { AlignmentType, Document, Footer, Header, Packer, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { readZip, type ZipEntry } from '../../output/zip.js';
import type { ViewModel } from '../../view/view-model.js';
import { appendix, askBlocks, contents, entryBlocks, titlePage } from './blocks.js';
import { makeReproducible } from './reproducible.js';
import { ContentWriter } from './runs.js';
import { ANSWER_BANK_STYLES, PAGE, PAPER, STYLE } from './styles.js';

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
 */
export async function renderAnswerBankDocx(model: ViewModel): Promise<Buffer> {
  return makeReproducible(await documentParts(answerBankDocument(model)), model.date.iso);
}

/** The answer bank as a docx Document, before packing. */
export function answerBankDocument(model: ViewModel): Document {
  const content = new ContentWriter();
  const page = PAPER[model.profile.paper];
  const textWidth = page.width - 2 * PAGE.margin;

  const children = [
    ...titlePage(model, content),
    ...contents(model, textWidth),
    ...model.entries.flatMap((entry, i) => entryBlocks(entry, content, i === 0)),
    ...askBlocks(model),
    ...appendix(model, textWidth),
  ];

  const { margin, headerFooter } = PAGE;
  const section: ISectionOptions = {
    properties: {
      // The title page has no header or footer.
      titlePage: true,
      page: {
        size: { width: page.width, height: page.height },
        margin: { top: margin, bottom: margin, left: margin, right: margin, header: headerFooter, footer: headerFooter },
      },
    },
    headers: {
      default: new Header({ children: [new Paragraph({ style: STYLE.header, alignment: AlignmentType.RIGHT, children: [new TextRun(headerText(model))] })] }),
      first: new Header({ children: [new Paragraph({ style: STYLE.header, children: [] })] }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: STYLE.footer,
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
      first: new Footer({ children: [new Paragraph({ style: STYLE.footer, children: [] })] }),
    },
    children,
  };

  return new Document({
    title: `Answer bank — ${model.heading}`,
    subject: model.heading,
    creator: model.person.name ?? 'storybank',
    lastModifiedBy: 'storybank',
    description: `Answer bank for ${model.heading}, built by storybank`,
    styles: ANSWER_BANK_STYLES,
    // Read after the children are written: the writer adds a definition per ordered list it meets.
    numbering: { config: content.numbering() },
    sections: [section],
  });
}

function headerText(model: ViewModel): string {
  return model.person.name ? `${model.person.name} · ${model.heading}` : model.heading;
}

type Compile = (file: Document) => Map<string, string | Uint8Array>;

/**
 * The package's parts, uncompressed. `Packer.toBuffer` would deflate them in
 * JavaScript only for makeReproducible to inflate and deflate them again, so
 * the parts come straight from the compiler Packer itself uses (a private
 * static of docx 9); if a docx release moves it, the zip is read back as
 * before. Both give the same bytes in the end (test/render/docx/document.test.ts).
 */
export async function documentParts(doc: Document, viaZip = false): Promise<ZipEntry[]> {
  const compiler = (Packer as unknown as { compiler?: { compile?: Compile } }).compiler;
  if (!viaZip && typeof compiler?.compile === 'function') {
    return [...compiler.compile(doc)].map(([name, data]) => ({ name, data: typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data) }));
  }
  return readZip(await Packer.toBuffer(doc));
}
