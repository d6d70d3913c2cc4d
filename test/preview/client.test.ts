import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewsFor } from '../../src/pipeline/build.js';
import { loadWorkspace } from '../../src/workspace/load.js';
import { BrowserSession, findBrowser, launchArgs } from '../../src/render/pdf/browser.js';
import { printableArea } from '../../src/render/html/cheatsheet.js';
import { renderCheatSheetPdf } from '../../src/render/pdf/print.js';
import { loadTemplates } from '../../src/render/templates.js';
import { startPreview, type Preview } from '../../src/preview/server.js';
import { FIXTURES } from '../helpers/workspace.js';
import { writeFixture } from './helpers.js';

/**
 * The preview script in a real browser (the user's, here headless Chromium
 * with JavaScript on): it must fit the sheet the way the PDF fitter does,
 * draw the page-end marker where the printed page ends, and reload itself
 * after a save. The preview server itself never starts a browser; this test does.
 */

/** Enough long entries that the sheet must scale down and then drop questions. */
function overfullWorkspace(): Record<string, string> {
  const ids = [
    'hardest-project', 'proudest', 'technical-decision', 'system-design-story', 'scaling-challenge', 'production-incident',
    'tight-deadline', 'unexpected-issues', 'multiple-projects', 'conflict-teammate', 'disagree-manager', 'difficult-stakeholder',
    'influence-without-authority', 'persuade-team', 'failure', 'mistake', 'do-differently', 'feedback-received', 'feedback-given',
    'leadership', 'mentoring', 'delegation', 'ambiguity', 'initiative',
  ];
  const files: Record<string, string> = { 'storybank.yml': 'name: Alex Overfull\n' };
  ids.forEach((id, i) => {
    const cue = (n: number) => `"Cue ${n} for story ${i}: a long line that keeps going so that it wraps onto a second line in a column"`;
    files[`stories/s${String(i).padStart(2, '0')}.md`] = `---
title: Story number ${i} with a fairly long title that wraps
questions: [${id}]
competencies: [ownership]
metrics: ["Metric ${i} one, a long number to remember", "Metric ${i} two, another long one"]
cues: [${[1, 2, 3, 4, 5].map(cue).join(', ')}]
---
## Situation
Situation ${i}.

## Task
Task ${i}.

## Action
Action ${i}.

## Result
Result ${i}.
`;
  });
  files['stories/profiles/overfull.md'] = `---\nrole: Everything Engineer\nquestions: [${ids.join(', ')}]\n---\n`;
  return files;
}

interface SheetState {
  scale: number;
  columns: number;
  hidden: string[];
  status: string;
  statusTitle: string;
  markerTop: number;
  markerHidden: boolean;
  sheetTop: number;
  sheetWidth: number;
}

async function sheetState(page: Page): Promise<SheetState> {
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-sb-scale'), { timeout: 15_000 });
  return page.evaluate(() => {
    const root = document.documentElement;
    const marker = document.getElementById('sb-marker')!;
    const sheet = document.querySelector('.sheet')!.getBoundingClientRect();
    return {
      scale: Number(root.getAttribute('data-sb-scale')),
      columns: Number(root.getAttribute('data-sb-columns')),
      hidden: [...document.querySelectorAll<HTMLElement>('article.entry')].filter((e) => e.hidden).map((e) => e.dataset.question!),
      status: document.getElementById('sb-status')!.textContent ?? '',
      statusTitle: document.getElementById('sb-status')!.title,
      markerTop: parseFloat(marker.style.top),
      markerHidden: marker.hidden,
      sheetTop: sheet.top + window.scrollY,
      sheetWidth: sheet.width,
    };
  });
}

let browser: Browser;
let session: BrowserSession;

beforeAll(async () => {
  const { launch } = await import('puppeteer-core');
  browser = await launch({ executablePath: findBrowser().path, headless: true, args: launchArgs() });
  session = new BrowserSession();
});

afterAll(async () => {
  await browser?.close();
  await session?.close();
});

async function compareWithPdf(root: string, profileName: string, preview: Preview): Promise<{ state: SheetState; pdfFit: { scale: number; columns: number; dropped: string[] } }> {
  const workspace = await loadWorkspace(root);
  const profile = workspace.profiles.find((p) => p.name === profileName)!;
  const model = viewsFor(workspace, profile, {}).cheatSheet.model;
  const pdf = await renderCheatSheetPdf(session, model, await loadTemplates(root), profile.file);

  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.setViewport({ width: 1000, height: 1400 });
  await page.goto(`${preview.url}cheatsheet?profile=${profileName}`);
  const state = await sheetState(page);
  await page.close();
  // No CSP violations, no script errors.
  expect(problems).toEqual([]);
  return { state, pdfFit: pdf.fit };
}

/** Runs `use` against a preview of `root`, then stops it and removes the folder. */
async function withPreview(root: string, use: (preview: Preview) => Promise<void>): Promise<void> {
  const preview = await startPreview({ root, port: 0 });
  try {
    await use(preview);
  } finally {
    await preview.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** The same on the standard fixture, with a page showing the backend cheat sheet, fitted. */
async function withSheetPage(use: (page: Page, root: string) => Promise<void>): Promise<void> {
  const root = await writeFixture();
  await withPreview(root, async (preview) => {
    const page = await browser.newPage();
    try {
      await page.goto(`${preview.url}cheatsheet?profile=backend`);
      await sheetState(page);
      await use(page, root);
    } finally {
      await page.close();
    }
  });
}

describe('preview script in a browser', () => {
  it('fits each sheet like the PDF does and marks the page end', async () => {
    // Sheets at full size (basic), and one scaled down a little with nothing left out (full), on both papers.
    for (const fixture of ['basic', 'full']) {
      const root = await mkdtemp(join(tmpdir(), 'storybank-preview-client-'));
      await cp(join(FIXTURES, fixture), root, { recursive: true });
      await withPreview(root, async (preview) => {
        const workspace = await loadWorkspace(root);
        for (const profile of workspace.profiles) {
          const { state, pdfFit } = await compareWithPdf(root, profile.name, preview);
          const area = printableArea(profile.paper ?? workspace.config.paper ?? 'letter');
          expect(state.columns, profile.name).toBe(pdfFit.columns);
          // The PDF fitter may shave a further 3 % after printing; the preview never prints.
          expect(Math.abs(state.scale - pdfFit.scale), `${profile.name}: preview ${state.scale} vs PDF ${pdfFit.scale}`).toBeLessThanOrEqual(0.035);
          expect([...state.hidden].sort(), profile.name).toEqual([...pdfFit.dropped].sort());
          // The toolbar takes no room from the sheet: it is as wide as the printable area.
          expect(Math.abs(state.sheetWidth - area.width)).toBeLessThan(1);
          expect(state.markerHidden).toBe(false);
          expect(Math.abs(state.markerTop - (state.sheetTop + area.height))).toBeLessThanOrEqual(1);
          expect(state.status).toMatch(/^Fits one (Letter|A4) page · \d+% · [23] columns/);
        }
      });
    }
  });

  it('scales down, then leaves out the same questions as the PDF, and says which', async () => {
    const root = await writeFixture(overfullWorkspace());
    await withPreview(root, async (preview) => {
      const { state, pdfFit } = await compareWithPdf(root, 'overfull', preview);
      expect(pdfFit.dropped.length).toBeGreaterThan(0);
      // Hidden in page order; the PDF lists them in drop order.
      expect([...state.hidden].sort()).toEqual([...pdfFit.dropped].sort());
      expect(state.columns).toBe(pdfFit.columns);
      expect(Math.abs(state.scale - pdfFit.scale)).toBeLessThanOrEqual(0.035);
      expect(state.status).toContain(`${pdfFit.dropped.length} questions left out to fit (still in the answer bank)`);
      expect(state.statusTitle).toContain('Left out to fit one page:');
      expect(state.statusTitle.split('\n')).toHaveLength(pdfFit.dropped.length + 1);
    });
  });

  it('reloads itself after a save and shows the new text, fitted', async () => {
    await withSheetPage(async (page, root) => {
      await page.waitForFunction(() => document.getElementById('sb-live')?.getAttribute('data-state') === 'live');
      const story = join(root, 'stories/deadline.md');
      const text = await readFile(story, 'utf8');
      const started = performance.now();
      const reloaded = page.waitForNavigation({ timeout: 10_000 });
      await writeFile(story, text.replace('Shipping the export before the audit', 'Shipping the audit export early'));
      await reloaded;
      const state = await sheetState(page);
      const fitted = performance.now() - started;
      console.log(`browser: save → page reloaded and fitted in ${fitted.toFixed(0)} ms`);
      expect(await page.evaluate(() => document.body.innerText)).toContain('Shipping the audit export early');
      expect(state.markerHidden).toBe(false);
    });
  });

  it('switches paper and profile from the toolbar', async () => {
    await withSheetPage(async (page) => {
      let navigation = page.waitForNavigation();
      await page.select('#sb-switch select[name=paper]', 'a4');
      await navigation;
      expect(new URL(page.url()).search).toBe('?profile=backend&paper=a4');
      expect((await sheetState(page)).status).toMatch(/^Fits one A4 page/);
      // The paper chosen in the URL stays when the profile changes.
      navigation = page.waitForNavigation();
      await page.select('#sb-switch select[name=profile]', 'lead');
      await navigation;
      expect(new URL(page.url()).search).toBe('?profile=lead&paper=a4');
      await sheetState(page);
      // The answer bank view is one click away.
      navigation = page.waitForNavigation();
      await page.click('#sb-bar a[href^="/answer-bank"]');
      await navigation;
      expect(new URL(page.url()).pathname).toBe('/answer-bank');
      expect(await page.$eval('h1', (h) => h.textContent)).toContain('Engineering Lead');
    });
  });
});
