import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewsFor } from '../../../src/pipeline/build.js';
import { BrowserSession } from '../../../src/render/pdf/browser.js';
import { fitSheet } from '../../../src/render/pdf/fit.js';
import { DEFAULT_FIT, printableArea, renderCheatSheetHtml, type Fit } from '../../../src/render/html/cheatsheet.js';
import type { ViewModel } from '../../../src/view/view-model.js';
import { countPages, fitConfigFor, MAX_FONT_PT, MIN_FONT_PT, renderCheatSheetPdf } from '../../../src/render/pdf/print.js';
import { loadTemplates } from '../../../src/render/templates.js';
import { readWorkspaceFiles } from '../../../src/workspace/files.js';
import type { Paper } from '../../../src/workspace/schema.js';
import { parseWorkspace, type Workspace } from '../../../src/workspace/parse.js';
import { memoryWorkspace, star } from '../../helpers/memory.js';

const fixture = fileURLToPath(new URL('../../fixtures/basic', import.meta.url));
/** A nurse's workspace: stories without cues or metrics, a 4-question and a 20-question profile. */
const plain = fileURLToPath(new URL('../../fixtures/plain', import.meta.url));
const now = new Date('2026-01-15T12:00:00Z');
let session: BrowserSession;

beforeAll(() => {
  session = new BrowserSession();
});
afterAll(async () => {
  await session.close();
});

function pdfInfo(pdf: Buffer): { pages: number; size: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'storybank-pdf-test-'));
  const file = join(dir, 'x.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    size: /Page size:\s+([\d.]+ x [\d.]+)/.exec(info)![1]!,
    text,
  };
}

/** Every word on the page with its box, in pt from the top left (pdftotext -bbox). */
function wordBoxes(pdf: Buffer): { word: string; yMin: number; yMax: number }[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf, encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    word: m[3]!,
    yMin: Number(m[1]),
    yMax: Number(m[2]),
  }));
}

/** The height of the smallest word box: it grows in proportion to the font size. */
function smallestWordHeight(pdf: Buffer): number {
  return Math.min(...wordBoxes(pdf).map((w) => w.yMax - w.yMin));
}

/** The sheet printed at a fixed layout, without fitting. */
async function printAt(model: ViewModel, fit: Fit): Promise<Buffer> {
  const page = await session.page();
  const area = printableArea(model.profile.paper);
  await page.emulateMediaType('print');
  await page.setViewport({ width: Math.floor(area.width), height: Math.floor(area.height) });
  await page.setContent(renderCheatSheetHtml(model, await loadTemplates(), fit), { waitUntil: 'load' });
  return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
}

async function render(ws: Workspace, profileName: string, paper?: Paper) {
  const profile = ws.profiles.find((p) => p.name === profileName)!;
  const { model } = viewsFor(ws, profile, { now, paper }).cheatSheet;
  return { model, sheet: await renderCheatSheetPdf(session, model, await loadTemplates(), profile.file) };
}

/** 30 long stories and a profile of 20 questions: far more than a page holds. */
function hugeWorkspace(): Workspace {
  const questions = [
    'about-me', 'hardest-project', 'tight-deadline', 'conflict-teammate', 'disagree-manager', 'failure', 'proudest',
    'leadership', 'mentoring', 'ambiguity', 'prioritization', 'technical-decision', 'production-incident',
    'scaling-challenge', 'customer-impact', 'initiative', 'delegation', 'cross-team', 'data-quality', 'mistake',
  ];
  const long = 'I worked through a long and detailed sequence of steps with several people and systems involved, and I wrote it all down. ';
  const files: Record<string, string> = {
    'stories/profiles/huge.md': `---\nrole: Principal Engineer\ncompany: Big Co\nquestions: [${questions.join(', ')}]\nask: ["One?", "Two?"]\n---\n${long.repeat(3)}\n`,
  };
  for (let i = 0; i < 30; i++) {
    const q = questions[i % questions.length];
    files[`stories/story-${String(i).padStart(2, '0')}.md`] = star(
      `title: Story number ${i} with a fairly long descriptive title\nquestions: [${q}]\ncompetencies: [ownership, delivery]\nmetrics: ["${i} metric one", "${i} metric two"]\ncues: ["${long.slice(0, 80)}", "${long.slice(10, 90)}", "${long.slice(20, 100)}", "${long.slice(5, 85)}", "${long.slice(15, 95)}"]`,
      { Situation: long.repeat(4), Task: long.repeat(2), Action: long.repeat(8), Result: `${long.repeat(2)} 30% faster.` },
    );
  }
  const ws = memoryWorkspace(files);
  expect(ws.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return ws;
}

describe('cheat sheet PDF', () => {
  it('prints one A4 page with embedded fonts and the questions in reading order', async () => {
    const ws = parseWorkspace(await readWorkspaceFiles(fixture));
    const { model, sheet } = await render(ws, 'frontend-lead');
    const info = pdfInfo(sheet.pdf);
    expect(info.pages).toBe(1);
    const [w, h] = info.size.split(' x ').map(Number);
    // A4 is 595.28 × 841.89 pt; Chromium rounds to whole device pixels.
    expect(Math.abs(w! - 595.28)).toBeLessThan(1);
    expect(Math.abs(h! - 841.89)).toBeLessThan(1);
    const positions = model.entries.map((e) => info.text.replace(/\s+/g, ' ').indexOf(e.question));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(info.text).toContain('Maria López');
    const fonts = execFileSync('pdffonts', ['-'], { input: sheet.pdf, encoding: 'utf8' });
    expect(fonts).toMatch(/SourceSans3/);
    expect(fonts.split('\n').slice(2).filter(Boolean).every((l) => / yes yes /.test(l))).toBe(true);
    expect(sheet.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });

  it('prints Polish, Vietnamese, Greek and Cyrillic names in the embedded typeface', async () => {
    const names = 'Łukasz, Nguyễn, Ελένη and Дмитрий';
    const ws = memoryWorkspace({
      'stories/a.md': star(`title: Mentoring ${names}\nquestions: [failure]`),
      'stories/profiles/p.md': '---\nrole: R\nquestions: [failure]\n---\n',
    });
    const { sheet } = await render(ws, 'p');
    expect(pdfInfo(sheet.pdf).text.normalize('NFC').replace(/\s+/g, ' ')).toContain(names);
    const fonts = execFileSync('pdffonts', ['-'], { input: sheet.pdf, encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const families = new Set(fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '').replace(/-.*/, '')));
    expect([...families].every((f) => f.startsWith('SourceSans3')), fonts.join('\n')).toBe(true);
  });

  it('fits at the largest scale that fits, to within half a percent, in few layouts', async () => {
    const ws = parseWorkspace(await readWorkspaceFiles(fileURLToPath(new URL('../../../', import.meta.url))));
    for (const profile of ws.profiles) {
      const { model } = viewsFor(ws, profile, { now }).cheatSheet;
      const config = fitConfigFor(model);
      const page = await session.page();
      const area = printableArea(model.profile.paper);
      await page.emulateMediaType('print');
      await page.setViewport({ width: Math.floor(area.width), height: Math.floor(area.height) });
      await page.setContent(renderCheatSheetHtml(model, await loadTemplates(), DEFAULT_FIT));
      // Count the layouts: every measurement reads the sheet's height.
      const counted = fitSheet.toString().replace('const height = () =>', 'const height = () => (window.__layouts = (window.__layouts ?? 0) + 1, 0) +');
      const { fit, layouts, biggerFits } = await page.evaluate(`(() => {
        window.__layouts = 0;
        const fit = (${counted})(${JSON.stringify(config)});
        const layouts = window.__layouts;
        const sheet = document.querySelector('.sheet');
        document.documentElement.style.setProperty('--scale', String(fit.scale + 0.006));
        const biggerFits = Math.max(sheet.getBoundingClientRect().height, sheet.scrollHeight) <= ${config.maxHeight};
        return { fit, layouts, biggerFits };
      })()`) as { fit: { scale: number; fits: boolean; dropped: string[] }; layouts: number; biggerFits: boolean };
      expect(fit.fits, profile.name).toBe(true);
      expect(fit.dropped, profile.name).toEqual([]);
      const ceiling = MAX_FONT_PT / (fit.smallestPt / fit.scale);
      if (fit.scale < ceiling - 0.001) expect(biggerFits, `${profile.name}: ${fit.scale} + 0.006 should not fit`).toBe(false);
      expect(layouts, profile.name).toBeLessThanOrEqual(10);
    }
  });

  it('grows a tiny workspace on one letter page to the text ceiling, without a note', async () => {
    const ws = memoryWorkspace({
      'stories/a.md': star('title: Only story\nquestions: [failure]'),
      'stories/profiles/p.md': '---\nrole: R\nquestions: [failure]\npaper: letter\n---\n',
    });
    const { sheet } = await render(ws, 'p');
    expect(pdfInfo(sheet.pdf)).toMatchObject({ pages: 1, size: '612 x 792' });
    expect(sheet.fit.scale).toBeGreaterThan(1.2);
    expect(sheet.smallestPt).toBeCloseTo(MAX_FONT_PT, 1);
    expect(sheet.diagnostics).toEqual([]);
  });

  for (const paper of ['letter', 'a4'] as const) {
    it(`prints a sparse ${paper} sheet (4 questions) with its smallest text at 11 pt or more, read from the PDF`, async () => {
      const ws = parseWorkspace(await readWorkspaceFiles(plain));
      const { model, sheet } = await render(ws, 'sparse', paper);
      expect(model.entries).toHaveLength(4);
      expect(pdfInfo(sheet.pdf).pages).toBe(1);
      expect(sheet.smallestPt).toBeGreaterThanOrEqual(11);
      // From the PDF itself: the smallest word, against the same sheet printed at scale 1, where the smallest text is 0.9rem of 10.5 pt.
      const unscaled = await printAt(model, { scale: 1, columns: sheet.fit.columns, dropped: [] });
      const ratio = smallestWordHeight(sheet.pdf) / smallestWordHeight(unscaled);
      expect(0.9 * 10.5 * ratio).toBeGreaterThanOrEqual(11);
      expect(sheet.diagnostics.filter((d) => d.rule === 'cheatsheet-scaled')).toEqual([]);
    });

    it(`fills a crowded ${paper} sheet (20 questions) on one page, without dropping any`, async () => {
      const ws = parseWorkspace(await readWorkspaceFiles(plain));
      const { model, sheet } = await render(ws, 'crowded', paper);
      expect(model.entries).toHaveLength(20);
      const info = pdfInfo(sheet.pdf);
      expect(info.pages).toBe(1);
      expect(sheet.fit.dropped).toEqual([]);
      expect(sheet.smallestPt).toBeGreaterThanOrEqual(MIN_FONT_PT);
      for (const e of model.entries) expect(info.text.replace(/\s+/g, ' ')).toContain(e.question.slice(0, 25));
      // The page is used: the entries reach into the bottom sixth of it (the footer is below them).
      const pageHeight = Number(info.size.split(' x ')[1]);
      const boxes = wordBoxes(sheet.pdf);
      const footerTop = boxes.find((w) => w.word === 'ASK')!.yMin;
      const entriesBottom = Math.max(...boxes.filter((w) => w.yMax < footerTop).map((w) => w.yMax));
      expect(entriesBottom / pageHeight).toBeGreaterThan(0.75);
    });
  }

  for (const paper of ['letter', 'a4'] as const) {
    it(`fits a huge workspace on one ${paper} page: scales to the floor, then drops and names questions`, async () => {
      const ws = hugeWorkspace();
      const { model, sheet } = await render(ws, 'huge', paper);
      const info = pdfInfo(sheet.pdf);
      expect(info.pages).toBe(1);
      expect(countPages(sheet.pdf)).toBe(1);
      expect(sheet.smallestPt).toBeGreaterThanOrEqual(MIN_FONT_PT - 0.05);
      expect(sheet.fit.dropped.length).toBeGreaterThan(0);
      const warnings = sheet.diagnostics.filter((d) => d.rule === 'cheatsheet-dropped').map((d) => d.message);
      expect(warnings).toHaveLength(sheet.fit.dropped.length);
      for (const id of sheet.fit.dropped) {
        const question = model.entries.find((e) => e.questionId === id)!.question;
        expect(warnings.some((w) => w.includes(question))).toBe(true);
        expect(info.text.replace(/\s+/g, ' ')).not.toContain(question);
      }
      // The kept questions are the higher-ranked ones, and they are all printed.
      const kept = model.entries.filter((e) => !sheet.fit.dropped.includes(e.questionId));
      for (const e of kept) expect(info.text.replace(/\s+/g, ' ')).toContain(e.question.slice(0, 30));
      expect(sheet.diagnostics.some((d) => d.rule === 'cheatsheet-scaled')).toBe(true);
    });
  }

  it('is sandboxed: no request leaves the page and scripts do not run', async () => {
    let hits = 0;
    const server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const page = await session.page();
      await page.setContent(
        `<html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css"></head><body>` +
          `<img src="http://127.0.0.1:${port}/x.png"><script>document.body.dataset.ran = "yes"</script>` +
          `<iframe src="http://127.0.0.1:${port}/frame"></iframe></body></html>`,
        { waitUntil: 'load' },
      );
      await page.pdf();
      const ran = await page.evaluate(() => document.body.dataset.ran ?? 'no');
      expect(ran).toBe('no');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});
