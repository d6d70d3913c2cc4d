import type { Page } from 'puppeteer-core';
import { diagnostic, EnvironmentError, type Diagnostic } from '../../diagnostics.js';
import type { BrowserSession } from './browser.js';
import { mark } from '../../support/trace.js';
import { fullTmpdirHint, tmpdirIsFull } from './profile-folder.js';
import { fitSheet, type FitConfig } from './fit.js';
import { DEFAULT_FIT, dropOrder, PAGE, printableArea, renderCheatSheetHtml, type Fit } from '../html/cheatsheet.js';
import type { TemplateSet } from '../templates.js';
import type { ViewModel } from '../../view/view-model.js';

/** Body text is never printed smaller than this. */
export const MIN_FONT_PT = 7;
/**
 * A short sheet grows until its smallest text is this big (cue lines
 * about 13 pt, questions about 14 pt): as large as reads well at arm's
 * length, and no larger, or a two-question sheet would shout.
 */
export const MAX_FONT_PT = 12.5;
const COLUMN_CHOICES = [2, 3];
/** Print layout differs from screen layout by a few px; keep a little room. */
const SAFETY = 0.985;

/** What the in-page fitter needs to know; the PDF and the preview fit with the same numbers. */
export function fitConfigFor(model: ViewModel): FitConfig {
  const area = printableArea(model.profile.paper);
  return {
    maxHeight: area.height * SAFETY,
    pageHeight: area.height,
    minFontPx: (MIN_FONT_PT * 96) / 72,
    maxFontPx: (MAX_FONT_PT * 96) / 72,
    columnChoices: COLUMN_CHOICES,
    dropOrder: [...dropOrder(model.entries).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id),
    paperLabel: PAGE[model.profile.paper].label,
  };
}
const PDF_TIMEOUT_MS = 60_000;

export interface CheatSheetPdf {
  pdf: Buffer;
  /** The HTML exactly as fitted (for --format html); rendered only when asked for, after the print. */
  fittedHtml: () => string;
  fit: Fit;
  /** Smallest font size on the page, in pt, after scaling. */
  smallestPt: number;
  diagnostics: Diagnostic[];
}

/**
 * Fits the sheet on one page by measuring the rendered layout inside the
 * page (one evaluate call), then prints once. Order of resort: layout
 * (columns), scale (up to fill a short page, down to the 7 pt floor), then
 * drop the lowest-ranked entries.
 */
export async function renderCheatSheetPdf(
  session: BrowserSession,
  model: ViewModel,
  templates: TemplateSet,
  profileFile: string,
  /** Called once the sheet has gone to the browser: other work can run while the browser lays it out. */
  onContentSent?: () => void,
): Promise<CheatSheetPdf> {
  const diagnostics: Diagnostic[] = [];
  // The HTML is made while the browser may still be starting.
  const area = printableArea(model.profile.paper);
  const firstHtml = renderCheatSheetHtml(model, templates, DEFAULT_FIT);
  mark('pdf: HTML rendered');
  const page = await session.page();
  mark('pdf: page ready');

  await guard(Promise.all([page.emulateMediaType('print'), page.setViewport({ width: Math.floor(area.width), height: Math.floor(area.height) })]), 'preparing the page');
  const loading = page.setContent(firstHtml, { waitUntil: 'load', timeout: PDF_TIMEOUT_MS });
  onContentSent?.();
  await guard(loading, 'loading the cheat sheet');

  mark('pdf: content set');
  const result = await guard(page.evaluate(fitSheet, fitConfigFor(model)), 'measuring the cheat sheet');
  mark(`pdf: fitted (scale ${result.scale}, ${result.columns} columns)`);

  let fit: Fit = { scale: result.scale, columns: result.columns, dropped: result.dropped };
  let pdf = await print(page);
  // The in-page measurement is the plan; the printed page count is the proof.
  for (let attempt = 0; countPages(pdf) > 1 && attempt < 4; attempt++) {
    // Never below the 7 pt floor: past it, a second page is reported rather than hidden in small print.
    const scale = Math.max(fit.scale * 0.97, (result.scale * MIN_FONT_PT) / result.smallestPt);
    if (scale >= fit.scale) break;
    fit = { ...fit, scale };
    await guard(page.evaluate((s: number) => document.documentElement.style.setProperty('--scale', String(s)), fit.scale), 'rescaling');
    pdf = await print(page);
  }
  const pages = countPages(pdf);
  mark(`pdf: printed (${pages} page${pages === 1 ? '' : 's'})`);
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
  return { pdf: stampDate(pdf, model.date.instant), fittedHtml: () => renderCheatSheetHtml(model, templates, fit), fit, smallestPt, diagnostics };
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
 * Chromium stamps the time it printed into the PDF; the build's own date
 * (the one the DOCX and the pages carry, SOURCE_DATE_EPOCH when set) goes
 * there instead, overwritten in place at the same length, so reproducible
 * builds stay byte-identical at no cost.
 */
function stampDate(pdf: Buffer, instant: string): Buffer {
  const d = new Date(instant);
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
      tmpdirIsFull() ? fullTmpdirHint() : 'run again; if it keeps failing, try another browser with --browser PATH',
      { cause: err },
    );
  }
}
