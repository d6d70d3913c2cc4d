import type { Page } from 'puppeteer-core';
import { diagnostic, EnvironmentError, type Diagnostic } from '../errors.js';
import type { BrowserSession } from './browser.js';
import { DEFAULT_FIT, dropOrder, printableArea, renderCheatSheetHtml, type Fit } from './html.js';
import type { TemplateSet } from './templates.js';
import type { ViewModel } from './view-model.js';

/** Body text is never printed smaller than this. */
export const MIN_FONT_PT = 7;
const COLUMN_CHOICES = [2, 3];
/** Print layout differs from screen layout by a few px; keep a little room. */
const SAFETY = 0.985;
const PDF_TIMEOUT_MS = 60_000;

export interface CheatSheetPdf {
  pdf: Buffer;
  /** The HTML exactly as fitted (for --format html). */
  html: string;
  fit: Fit;
  /** Smallest font size on the page, in pt, after scaling. */
  smallestPt: number;
  diagnostics: Diagnostic[];
}

interface InPageResult {
  scale: number;
  columns: number;
  dropped: string[];
  smallestPt: number;
  fits: boolean;
}

/**
 * Fits the sheet on one page by measuring the rendered layout inside the
 * page (one evaluate call), then prints once. Order of resort: layout
 * (columns), scale down to the 7 pt floor, then drop the lowest-ranked entries.
 */
export async function renderCheatSheetPdf(
  session: BrowserSession,
  model: ViewModel,
  templates: TemplateSet,
  profileFile: string,
): Promise<CheatSheetPdf> {
  const diagnostics: Diagnostic[] = [];
  const page = await session.page();
  const area = printableArea(model.profile.paper);
  const firstHtml = renderCheatSheetHtml(model, templates, DEFAULT_FIT);

  await guard(page.emulateMediaType('print'), 'preparing the page');
  await guard(page.setViewport({ width: Math.floor(area.width), height: Math.floor(area.height) }), 'preparing the page');
  await guard(page.setContent(firstHtml, { waitUntil: 'load', timeout: PDF_TIMEOUT_MS }), 'loading the cheat sheet');

  const order = [...dropOrder(model.entries).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  const result = await guard(
    page.evaluate(fitInPage, {
      maxHeight: area.height * SAFETY,
      minFontPx: (MIN_FONT_PT * 96) / 72,
      columnChoices: COLUMN_CHOICES,
      dropOrder: order,
    }),
    'measuring the cheat sheet',
  );

  let fit: Fit = { scale: result.scale, columns: result.columns, dropped: result.dropped };
  let pdf = await print(page);
  // The in-page measurement is the plan; the printed page count is the proof.
  for (let attempt = 0; countPages(pdf) > 1 && attempt < 4; attempt++) {
    fit = { ...fit, scale: Math.max(fit.scale * 0.97, 0.5) };
    await guard(page.evaluate((s: number) => document.documentElement.style.setProperty('--scale', String(s)), fit.scale), 'rescaling');
    pdf = await print(page);
  }
  const pages = countPages(pdf);
  const smallestPt = (result.smallestPt * fit.scale) / result.scale;

  const questionText = new Map(model.entries.map((e) => [e.questionId, e.question]));
  for (const id of fit.dropped) {
    diagnostics.push(
      diagnostic(profileFile, undefined, 'warning', 'cheatsheet-dropped', `cheat sheet: left out question "${questionText.get(id)}" (${id}) to fit one page; it is still in the answer bank`),
    );
  }
  if (fit.scale < 0.999) {
    diagnostics.push(
      diagnostic(profileFile, undefined, 'note', 'cheatsheet-scaled', `cheat sheet: scaled to ${Math.round(fit.scale * 100)}% (${fit.columns} columns, smallest text ${smallestPt.toFixed(1)} pt) to fit one page`),
    );
  }
  if (pages !== 1) {
    diagnostics.push(diagnostic(profileFile, undefined, 'warning', 'cheatsheet-pages', `cheat sheet has ${pages} pages; shorten the pitch or the "ask" list`));
  }
  return { pdf: stampDates(pdf), html: renderCheatSheetHtml(model, templates, fit), fit, smallestPt, diagnostics };
}

/**
 * Runs inside the page (JavaScript is off for the page's own scripts, but
 * DevTools evaluation still works). Must be self-contained.
 */
function fitInPage(opts: { maxHeight: number; minFontPx: number; columnChoices: number[]; dropOrder: string[] }): InPageResult {
  const root = document.documentElement;
  const sheet = document.querySelector('.sheet') ?? document.body;
  const set = (scale: number, columns: number) => {
    root.style.setProperty('--scale', String(scale));
    root.style.setProperty('--columns', String(columns));
    sheet.setAttribute('data-columns', String(columns));
  };
  const height = () => Math.max(sheet.getBoundingClientRect().height, sheet.scrollHeight);
  const fits = () => height() <= opts.maxHeight;

  // The floor comes from the smallest text actually on the page, so custom templates are held to it too.
  set(1, opts.columnChoices[0] ?? 2);
  let smallest = Infinity;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent || !n.textContent.trim() || !n.parentElement) continue;
    const px = parseFloat(getComputedStyle(n.parentElement).fontSize);
    if (px > 0 && px < smallest) smallest = px;
  }
  if (!Number.isFinite(smallest)) smallest = opts.minFontPx;
  const floor = Math.min(1, opts.minFontPx / smallest);

  const bestScale = (columns: number): number | undefined => {
    set(1, columns);
    if (fits()) return 1;
    set(floor, columns);
    if (!fits()) return undefined;
    let lo = floor;
    let hi = 1;
    for (let i = 0; i < 9; i++) {
      const mid = (lo + hi) / 2;
      set(mid, columns);
      if (fits()) lo = mid;
      else hi = mid;
    }
    return Math.floor(lo * 1000) / 1000;
  };
  const bestLayout = (): { scale: number; columns: number } | undefined => {
    let best: { scale: number; columns: number } | undefined;
    for (const columns of opts.columnChoices) {
      const scale = bestScale(columns);
      // Fewer columns win ties: wider lines read faster.
      if (scale !== undefined && (!best || scale > best.scale + 0.02)) best = { scale, columns };
      if (scale === 1) break;
    }
    return best;
  };

  const dropped: string[] = [];
  let layout = bestLayout();
  for (const id of opts.dropOrder) {
    if (layout) break;
    const entry = document.querySelector(`[data-question="${CSS.escape(id)}"]`);
    if (!entry) continue;
    entry.remove();
    dropped.push(id);
    set(floor, opts.columnChoices[opts.columnChoices.length - 1] ?? 3);
    if (fits()) layout = bestLayout();
  }
  const final = layout ?? { scale: floor, columns: opts.columnChoices[opts.columnChoices.length - 1] ?? 3 };
  set(final.scale, final.columns);
  return { ...final, dropped, smallestPt: ((smallest * final.scale) * 72) / 96, fits: fits() };
}

async function print(page: Page): Promise<Buffer> {
  const bytes = await guard(
    page.pdf({ preferCSSPageSize: true, printBackground: true, timeout: PDF_TIMEOUT_MS, tagged: true, outline: false }),
    'printing the PDF',
  );
  return Buffer.from(bytes);
}

/** Page objects in a Chromium PDF (`/Type /Page`, not `/Pages`). */
export function countPages(pdf: Buffer): number {
  const matches = pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g);
  return matches ? matches.length : 0;
}

/**
 * Chromium stamps the current time into the PDF; with SOURCE_DATE_EPOCH set
 * we overwrite it in place (same length), so reproducible builds stay
 * byte-identical at no cost.
 */
function stampDates(pdf: Buffer, env: NodeJS.ProcessEnv = process.env): Buffer {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (!epoch || !/^\d+$/.test(epoch)) return pdf;
  const d = new Date(Number(epoch) * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
  const text = pdf.toString('latin1').replace(/\((D:\d{14})([^)]*)\)/g, (_m, date: string, zone: string) => {
    const fixedZone = "+00'00'".slice(0, zone.length).padEnd(zone.length, "'");
    return `(${stamp.slice(0, date.length)}${fixedZone})`;
  });
  return Buffer.from(text, 'latin1');
}

/** Any browser failure mid-render is the environment's fault, not the user's input. */
async function guard<T>(promise: Promise<T>, what: string): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    if (err instanceof EnvironmentError) throw err;
    throw new EnvironmentError(
      `the browser failed while ${what}: ${(err as Error).message.split('\n')[0]}`,
      'run again; if it keeps failing, try another browser with --browser PATH',
      { cause: err },
    );
  }
}
