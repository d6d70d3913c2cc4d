import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Packer } from 'docx';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerBankDocument, documentParts, renderAnswerBankDocx } from '../../../src/render/docx/document.js';
import { viewsFor } from '../../../src/pipeline/build.js';
import type { ViewModel } from '../../../src/view/view-model.js';
import { readWorkspaceFiles } from '../../../src/workspace/files.js';
import { parseWorkspace } from '../../../src/workspace/parse.js';
import { fixtureViewModel, NOTES_MARKER, SCRIPT_TEXT, TEMPLATE_TEXT } from '../../helpers/view-model-fixture.js';

interface Docx {
  zip: JSZip;
  document: string;
  styles: string;
  numbering: string;
  rels: string;
  parts: Map<string, string>;
}

async function open(buffer: Buffer): Promise<Docx> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = new Map<string, string>();
  for (const name of Object.keys(zip.files).sort()) {
    if (/\.(xml|rels)$/.test(name)) parts.set(name, await zip.file(name)!.async('string'));
  }
  const part = (name: string) => parts.get(name) ?? '';
  return {
    zip,
    document: part('word/document.xml'),
    styles: part('word/styles.xml'),
    numbering: part('word/numbering.xml'),
    rels: part('word/_rels/document.xml.rels'),
    parts,
  };
}

interface Para {
  style?: string;
  text: string;
  xml: string;
}

/** Top-level-ish paragraphs with their style and visible text (XML entities left as written). */
function paragraphs(xml: string): Para[] {
  return [...xml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const body = m[1]!;
    const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(body)?.[1];
    const text = [...body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
    return { style, text, xml: body };
  });
}

/** How text appears inside <w:t>. */
function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

describe('renderAnswerBankDocx', () => {
  let model: ViewModel;
  let buffer: Buffer;
  let docx: Docx;
  let paras: Para[];

  beforeAll(async () => {
    model = fixtureViewModel('letter');
    buffer = await renderAnswerBankDocx(model);
    docx = await open(buffer);
    paras = paragraphs(docx.document);
  });

  it('gives every question a Heading 1, numbered, in profile order', () => {
    const headings = paras.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings).toEqual([...model.entries.map((e) => xmlText(`${e.number}. ${e.question}`)), 'Questions to ask them', 'Coverage']);
    expect(model.entries.length).toBeGreaterThanOrEqual(5);
  });

  it('defines real Word styles for headings, STAR labels, angle, metrics and meta', () => {
    for (const id of ['Title', 'Heading1', 'Heading2', 'Normal', 'StarLabel', 'Metrics', 'Angle', 'Meta', 'ListParagraph']) {
      expect(docx.styles).toContain(`w:styleId="${id}"`);
    }
    const heading1 = /<w:style [^>]*w:styleId="Heading1">[\s\S]*?<\/w:style>/.exec(docx.styles)![0];
    expect(heading1).toContain('<w:outlineLvl w:val="0"/>');
    expect(heading1).toContain('<w:sz w:val="32"/>');
    const angle = /<w:style [^>]*w:styleId="Angle">[\s\S]*?<\/w:style>/.exec(docx.styles)![0];
    expect(angle).toContain('<w:i/>');
    // Body: Arial 11 pt, 1.15 line spacing.
    expect(docx.styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Arial"[\s\S]*<w:sz w:val="22"\/>[\s\S]*w:line="276"/);
  });

  it('writes the story title, angle, STAR sections with labels, lessons, metrics and speaking time', () => {
    const styled = (style: string) => paras.filter((p) => p.style === style).map((p) => p.text);
    expect(styled('Heading2')).toContain('Supplier ingestion platform · 2024');
    expect(styled('StarLabel')).toEqual(expect.arrayContaining(['Situation', 'Task', 'Action', 'Result', 'Lessons']));
    expect(styled('Angle')).toContain('Angle: Start from the failure modes, then the schema.');
    expect(styled('Metrics')).toContain('Key numbers: 3 concurrent jobs cap  ·  0 duplicate rows after retries');
    const meta = styled('Meta').filter((t) => t.startsWith('Speaking time:'));
    // Once per story told in full: a reused story is not timed twice.
    expect(meta.length).toBe(model.entries.filter((e) => e.story && e.repeatOf === undefined).length);
    expect(meta[0]).toMatch(/^Speaking time: about \d+ s \(\d+ words\), about (\d+ min )?\d+ s under the 1\.5–2 min guidance$/);
    // Inline formatting survives.
    const situation = paras.find((p) => p.text.startsWith('Suppliers send'))!;
    expect(situation.xml).toMatch(/<w:b\/>[\s\S]*vehicle fitment/);
    expect(situation.xml).toMatch(/<w:i\/>[\s\S]*>all</);
    expect(situation.xml).toContain('<w:rStyle w:val="InlineCode"/>');
  });

  it('writes a gap as a short note under its question', () => {
    const i = paras.findIndex((p) => p.style === 'Heading1' && p.text.endsWith('Tell me about a time you failed.'));
    expect(paras[i + 1]!.style).toBe('GapNote');
    // Only a private story answers it: the answer bank says so without naming it.
    expect(paras[i + 1]!.text).toBe('No story to share yet: the only story for this question is private, and private stories stay out of the answer bank.');
    expect(docx.document).not.toContain('Private health story');
  });

  it('tells a reused story once: the second time, its title, the angle for that question and a link back', () => {
    const second = model.entries.find((e) => e.repeatOf !== undefined)!;
    expect(second.questionId).toBe('system-design-story');
    const i = paras.findIndex((p) => p.style === 'Heading1' && p.text === xmlText(`${second.number}. ${second.question}`));
    const block = paras.slice(i + 1, paras.findIndex((p, j) => j > i && p.style === 'Heading1'));
    expect(block.map((p) => p.style)).toEqual(['Heading2', 'Angle', 'Meta']);
    expect(block[1]!.text).toBe('Angle: Start from the failure modes, then the schema.');
    expect(block[2]!.text).toBe(xmlText(`Same story as question ${second.repeatOf} (“${second.repeatOfQuestion}”), told in full there.`));
    expect(block[2]!.xml).toContain(`<w:hyperlink w:history="1" w:anchor="q${second.repeatOf}">`);
    expect(docx.document.split('Suppliers send').length - 1).toBe(1);
  });

  it("lists the profile's own questions for them, in the contents too", () => {
    const i = paras.findIndex((p) => p.style === 'Heading1' && p.text === 'Questions to ask them');
    expect(i).toBeGreaterThan(0);
    expect(paras.slice(i + 1, i + 1 + model.ask.length).map((p) => p.text)).toEqual(model.ask.map(xmlText));
    expect(paras[i + 1]!.xml).toContain('<w:numPr>');
    expect(paras.filter((p) => p.style === 'TOC1').map((p) => p.text)).toContain('Questions to ask them');
    expect(paras[i]!.xml).toContain('<w:bookmarkStart w:name="ask"');
  });

  it('keeps labels, angles and a short Result with what follows them', () => {
    for (const id of ['StarLabel', 'Angle', 'Metrics', 'Heading1', 'Heading2']) {
      const style = new RegExp(`<w:style [^>]*w:styleId="${id}">[\\s\\S]*?</w:style>`).exec(docx.styles)![0];
      expect(style, id).toContain('<w:keepNext/>');
    }
    const result = paras.find((p) => p.text.startsWith('Bad files are isolated'))!;
    expect(result.xml).toContain('<w:keepNext/>');
    expect(result.xml).toContain('<w:keepLines/>');
    const situation = paras.find((p) => p.text.startsWith('Suppliers send'))!;
    expect(situation.xml).not.toContain('<w:keepNext/>');
    expect(situation.xml).toContain('<w:widowControl/>');
  });

  it('renders bullet and numbered lists with real numbering, each ordered list counting from 1', () => {
    expect(docx.document).toContain('<w:numPr>');
    const numId = (text: string) => {
      const p = paras.find((x) => x.text === text);
      expect(p, text).toBeDefined();
      return { num: /<w:numId w:val="(\d+)"\/>/.exec(p!.xml)?.[1], level: /<w:ilvl w:val="(\d+)"\/>/.exec(p!.xml)?.[1] };
    };
    const firstOrdered = numId('bad files never block good ones');
    const secondOrdered = numId('measured the burst profile');
    const bullet = numId('Chose an idempotent schema:');
    const nested = numId('partition by supplier and file hash');
    expect(firstOrdered.num).toBeDefined();
    expect(secondOrdered.num).not.toBe(firstOrdered.num);
    expect(bullet.level).toBe('0');
    expect(nested.level).toBe('1');
    expect(docx.numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(docx.numbering).toContain('<w:numFmt w:val="decimal"/>');
    // Each ordered list has a definition of its own that starts at 1.
    const starts = [...docx.numbering.matchAll(/<w:lvl w:ilvl="0"[^>]*>\s*<w:start w:val="(\d+)"\/>\s*<w:numFmt w:val="decimal"\/>/g)];
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.every((m) => m[1] === '1')).toBe(true);
  });

  it('renders blockquotes indented and code in a monospace block', () => {
    expect(paras.find((p) => p.text === 'Bad input is normal input; design for it.')?.style).toBe('Quote');
    expect(paras.find((p) => p.text.startsWith('SELECT * FROM parts'))?.style).toBe('CodeBlock');
    expect(docx.styles).toMatch(/w:styleId="CodeBlock">[\s\S]*?w:ascii="Courier New"/);
  });

  it('makes story links real external hyperlinks and drops unsafe ones', () => {
    expect(docx.rels).toMatch(/Target="https:\/\/example\.com\/isolation" TargetMode="External"/);
    const link = paras.find((p) => p.text.startsWith('Added acceptance checks'))!;
    expect(link.xml).toMatch(/<w:hyperlink [^>]*r:id="rId\w+"[^>]*>[\s\S]*row-level isolation[\s\S]*<\/w:hyperlink>/);
    for (const [name, xml] of docx.parts) expect(xml, name).not.toMatch(/javascript:/i);
  });

  it('has a contents list that links to a bookmark on every question, with page references', () => {
    for (const e of model.entries) {
      expect(docx.document).toContain(`<w:hyperlink w:history="1" w:anchor="q${e.number}">`);
      expect(docx.document).toMatch(new RegExp(`<w:bookmarkStart w:name="q${e.number}" w:id="\\d+"/><w:r><w:t xml:space="preserve">${e.number}\\. `));
      expect(docx.document).toContain(`PAGEREF q${e.number} \\h`);
    }
    expect(paras.find((p) => p.style === 'TOCHeading')?.text).toBe('Contents');
    expect(paras.filter((p) => p.style === 'TOC1')).toHaveLength(model.entries.length + 2);
    // Nothing asks Word to update fields on open, and no empty TOC field waits for one.
    expect(docx.document).not.toContain('w:dirty');
    expect(docx.parts.get('word/settings.xml')).not.toContain('updateFields');
    expect(docx.document).not.toMatch(/instrText[^>]*>\s*TOC /);
  });

  it('ends with a coverage appendix of native tables with a shaded header row', () => {
    const tables = docx.document.match(/<w:tbl>/g) ?? [];
    expect(tables).toHaveLength(2);
    expect(docx.document).toContain('<w:tblHeader/>');
    expect(docx.document).toContain('w:fill="DCE6F1"');
    const coverage = docx.document.slice(docx.document.indexOf('>Coverage<'));
    for (const e of model.entries) expect(coverage).toContain(xmlText(`${e.number}. ${e.question}`));
    expect(coverage).toContain('System design, Scalability, Reliability, Ownership');
    expect(coverage).toContain('>Scalability<');
  });

  it('has a title page with name, role, date, contact and pitch', () => {
    const first = paras.slice(0, 10);
    expect(first[0]).toMatchObject({ style: 'Title', text: 'Alex Example' });
    expect(first[1]!.text).toBe(xmlText('Answer bank · Senior Backend Engineer @ Example Corp'));
    expect(first.map((p) => p.text)).toEqual(expect.arrayContaining(['14 Mar 2026', 'Backend engineer · data platforms']));
    expect(docx.rels).toContain('Target="mailto:alex@example.com"');
    expect(docx.rels).toContain('Target="https://github.com/alex-example"');
    expect(first.some((p) => p.text.startsWith('Five years of backend work on fitment data'))).toBe(true);
  });

  it('puts "Page X of Y" in the footer and the role in the header, not on the title page', () => {
    const footers = [...docx.parts].filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    const footer = footers.find((x) => x.includes('PAGE'))!;
    expect(footer).toMatch(/Page <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]* of <\/w:t>[\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(docx.document).toContain('<w:titlePg/>');
    const headers = [...docx.parts].filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(headers.some((x) => x.includes(xmlText('Senior Backend Engineer @ Example Corp')))).toBe(true);
  });

  it('uses the profile paper: Letter or A4', async () => {
    expect(docx.document).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    const a4 = await open(await renderAnswerBankDocx(fixtureViewModel('a4')));
    expect(a4.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('keeps story text as literal text: markup and template syntax are escaped', () => {
    expect(docx.document).toContain(xmlText(SCRIPT_TEXT));
    expect(docx.document).toContain(TEMPLATE_TEXT);
    expect(docx.document).not.toContain('<script');
  });

  it('never exports Notes sections or private stories', () => {
    for (const [name, xml] of docx.parts) {
      expect(xml, name).not.toContain(NOTES_MARKER);
      expect(xml, name).not.toContain('PRIVATE-STORY-TEXT');
      expect(xml, name).not.toContain('Private health story');
    }
  });

  it('is byte-identical for the same model, with dates from the build time', async () => {
    const again = await renderAnswerBankDocx(fixtureViewModel('letter'));
    expect(again.equals(buffer)).toBe(true);
    const core = docx.parts.get('docProps/core.xml')!;
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-14T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-03-14T00:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:creator>Alex Example</dc:creator>');
    for (const file of Object.values(docx.zip.files)) expect(file.date.toISOString()).toBe('2026-03-14T00:00:00.000Z');
    // A different build day changes only the dates.
    const later = await renderAnswerBankDocx({ ...model, date: { iso: '2026-03-15', label: '15 Mar 2026' } });
    expect(later.equals(buffer)).toBe(false);
  });

  it("takes docx's uncompressed parts directly, the same parts its zip holds", async () => {
    // If a docx release moves its compiler, the slower path still works; this says so.
    expect(typeof (Packer as unknown as { compiler?: { compile?: unknown } }).compiler?.compile, 'docx Packer.compiler.compile').toBe('function');
    const doc = answerBankDocument(model);
    const direct = await documentParts(doc);
    const viaZip = await documentParts(doc, true);
    expect(direct.map((p) => p.name)).toEqual(viaZip.map((p) => p.name));
    direct.forEach((part, i) => expect(part.data.equals(viaZip[i]!.data), part.name).toBe(true));
    // Every part of the written file is one of them (dates and ids aside).
    expect([...docx.parts.keys()].sort()).toEqual(direct.map((p) => p.name).filter((n) => /\.(xml|rels)$/.test(n)).sort());
  });

  it('gives a valid zip for SOURCE_DATE_EPOCH=0 (before DOS dates begin)', async () => {
    const d = await open(await renderAnswerBankDocx({ ...model, date: { iso: '1970-01-01', label: '1 Jan 1970' } }));
    expect(d.parts.get('docProps/core.xml')).toContain('>1970-01-01T00:00:00Z</dcterms:created>');
    for (const file of Object.values(d.zip.files)) expect(file.date.getUTCFullYear()).toBe(1980);
  });

  it('links only safe contact URLs from storybank.yml', async () => {
    const evil: ViewModel = { ...model, person: { ...model.person, links: [{ label: 'Evil', url: 'javascript:alert(1)' }, ...model.person.links] } };
    const d = await open(await renderAnswerBankDocx(evil));
    for (const [name, xml] of d.parts) expect(xml, name).not.toMatch(/javascript:/i);
    expect(d.document).toContain('>Evil<');
  });

  it('works without a name or contact details', async () => {
    const bare: ViewModel = { ...model, person: { links: [] } };
    const d = await open(await renderAnswerBankDocx(bare));
    const p = paragraphs(d.document);
    expect(p[0]).toMatchObject({ style: 'Title', text: 'Answer bank' });
    expect(d.parts.get('docProps/core.xml')).toContain('<dc:creator>storybank</dc:creator>');
  });
});

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The DOCX converted by LibreOffice, as the text of each page. */
function libreOfficePages(bytes: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'storybank-docx-'));
  try {
    writeFileSync(join(dir, 'answer-bank.docx'), bytes);
    // A profile of its own, so parallel conversions do not fight over one.
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'answer-bank.docx')], {
      stdio: 'ignore',
      timeout: 120_000,
    });
    execFileSync('pdftotext', ['-layout', join(dir, 'answer-bank.pdf'), join(dir, 'answer-bank.txt')]);
    return readFileSync(join(dir, 'answer-bank.txt'), 'utf8').split('\f').filter((p) => p.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('renderAnswerBankDocx in LibreOffice', () => {
  // Twenty questions from a nurse's workspace (reused stories, gaps), and the sample workspace's staff profile (long answers, metrics).
  it.skipIf(!onPath('soffice') || !onPath('pdftotext')).each([
    ['test/fixtures/plain', 'crowded'],
    ['.', 'staff-lead'],
  ])(
    'never ends a page on a heading, a story title or a STAR label, nor starts one with key numbers; moves a short Result whole (%s, %s)',
    async (folder, name) => {
      const ws = parseWorkspace(await readWorkspaceFiles(fileURLToPath(new URL(`../../../${folder}`, import.meta.url))));
      const profile = ws.profiles.find((p) => p.name === name)!;
      const { model } = viewsFor(ws, profile, { now: new Date('2026-03-14T09:26:53Z') }).answerBank;
      const pages = libreOfficePages(await renderAnswerBankDocx(model));
      const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
      const openers = [...model.entries.map((e) => `${e.number}. ${e.question}`), ...model.entries.flatMap((e) => (e.story ? [e.story.title] : []))];
      // The coverage tables at the end list titles in cells; the pages before them are the answers.
      const answers = pages.slice(0, pages.findIndex((p) => p.includes('Questions and stories')));
      expect(answers.length).toBeGreaterThan(6);
      for (const [n, page] of answers.entries()) {
        const lines = page.split('\n').map((l) => l.trim()).filter((l) => l && !/^Page \d+ of \d+$/.test(l));
        const last = lines[lines.length - 1]!;
        expect(last.replace(/\s+/g, '').toUpperCase(), `page ${n + 1} ends on a label`).not.toMatch(/^(SITUATION|TASK|ACTION|RESULT|LESSONS|PITCH)$/);
        expect(openers.some((o) => o.startsWith(last.split(/\s{2,}/)[0]!)), `page ${n + 1} ends on "${last}"`).toBe(false);
        // lines[0] is the running header.
        expect(lines[1], `page ${n + 1} starts with the end of an answer`).not.toMatch(/^(Key numbers:|Speaking time:)/);
      }
      const shortResults = model.entries.flatMap((e) => (e.story && e.repeatOf === undefined ? e.story.sections.filter((s) => s.key === 'result') : []));
      expect(shortResults.length).toBeGreaterThanOrEqual(4);
      for (const result of shortResults) {
        const text = flat(result.text);
        const pageOf = (part: string) => pages.findIndex((p) => flat(p).includes(part));
        expect(pageOf(text.slice(-30)), text).toBe(pageOf(text.slice(0, 30)));
      }
    },
    180_000,
  );


  it.skipIf(!onPath('soffice') || !onPath('pdftotext'))(
    'converts to PDF with every question, and page numbers in the contents',
    async () => {
      const model = fixtureViewModel('a4');
      const dir = mkdtempSync(join(tmpdir(), 'storybank-docx-'));
      try {
        writeFileSync(join(dir, 'answer-bank.docx'), await renderAnswerBankDocx(model));
        // A profile of its own, so parallel conversions do not fight over one.
        const profile = pathToFileURL(join(dir, 'lo-profile')).href;
        execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'answer-bank.docx')], {
          stdio: 'ignore',
          timeout: 120_000,
        });
        execFileSync('pdftotext', ['-layout', join(dir, 'answer-bank.pdf'), join(dir, 'answer-bank.txt')]);
        const text = readFileSync(join(dir, 'answer-bank.txt'), 'utf8');
        const flat = text.replace(/\s+/g, ' ');
        for (const e of model.entries) expect(flat).toContain(`${e.number}. ${e.question}`);
        expect(flat).toContain(SCRIPT_TEXT);
        expect(flat).toMatch(/Page 2 of \d+/);
        // LibreOffice computes the PAGEREF fields: every contents line ends in a page number.
        const contents = text.slice(text.indexOf('Contents'), text.indexOf('Page 2 of'));
        expect(contents).toMatch(/1\. Tell me about yourself\.\s+\d+/);
        expect(contents).toMatch(/Coverage\s+\d+/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
