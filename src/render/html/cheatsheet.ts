import { randomUUID } from 'node:crypto';
import type { TemplateDelegate } from 'handlebars';
import { diagnostic, UserError } from '../../diagnostics.js';
import type { Paper } from '../../workspace/schema.js';
import { fontFaceCss } from './fonts.js';
import { createHandlebars } from '../handlebars.js';
import type { TemplateFile, TemplateSet } from '../templates.js';
import type { ViewEntry, ViewModel } from '../../view/view-model.js';
import { sheetEntries, sheetTexts } from './sheet-text.js';

/** Printable geometry per paper, in CSS px (96/in). Margins suit home printers. */
export const PAGE: Record<Paper, { css: string; width: number; height: number; label: string }> = {
  letter: { css: 'letter', width: 8.5 * 96, height: 11 * 96, label: 'Letter' },
  a4: { css: 'A4', width: (210 / 25.4) * 96, height: (297 / 25.4) * 96, label: 'A4' },
};
const PAGE_MARGIN_IN = 0.45;
const MAX_FOOTER_ITEMS = { numbers: 8, ask: 5 };

/** How the fitter laid the sheet out; the defaults are the roomiest layout. */
export interface Fit {
  scale: number;
  columns: number;
  /** Question ids left out to make the page fit. */
  dropped: string[];
}
export const DEFAULT_FIT: Fit = { scale: 1, columns: 2, dropped: [] };

export interface CheatSheetEntry extends ViewEntry {
  /** 1 = first to go when the page does not fit: gaps, then lowest score, later questions first. */
  dropOrder: number;
  competencies: string;
}

export function printableArea(paper: Paper): { width: number; height: number } {
  const m = PAGE_MARGIN_IN * 96;
  return { width: PAGE[paper].width - 2 * m, height: PAGE[paper].height - 2 * m };
}

/** Drop order: gaps first, then the lowest-scored entries, ties going to the later question. */
export function dropOrder(entries: readonly ViewEntry[]): Map<string, number> {
  const ranked = [...entries].sort(
    (a, b) => Number(b.gap) - Number(a.gap) || a.score - b.score || b.number - a.number,
  );
  return new Map(ranked.map((e, i) => [e.questionId, i + 1]));
}

const compiled = new WeakMap<TemplateSet, TemplateDelegate>();

function compile(templates: TemplateSet): TemplateDelegate {
  const cached = compiled.get(templates);
  if (cached) return cached;
  const hb = createHandlebars();
  for (const partial of templates.partials) {
    const name = partial.name.replace(/^partials\//, '').replace(/\.hbs$/, '');
    hb.registerPartial(name, precompileChecked(hb, partial));
  }
  const template = precompileChecked(hb, templates.cheatsheet);
  compiled.set(templates, template);
  return template;
}

/** Parses eagerly so that a syntax error in a user template names its file and line. */
function precompileChecked(hb: ReturnType<typeof createHandlebars>, file: TemplateFile): TemplateDelegate {
  try {
    hb.parse(file.source);
  } catch (err) {
    const problem = describeTemplateError((err as Error).message);
    throw new UserError(`template ${file.shownAs} has a syntax error`, [
      diagnostic(file.shownAs, problem.position, 'error', 'template-syntax', problem.message),
    ]);
  }
  return hb.compile(file.source, { strict: true });
}

/**
 * Handlebars words its errors for its own developers ("Parse error on line
 * 4: … Expecting 'ID', got 'EOF'", "if doesn't match each - 2:3",
 * "\"x\" not defined in [object Object] - 3:2"); turn them into a position
 * and a sentence.
 */
function describeTemplateError(raw: string): { position?: { line: number; column: number }; message: string } {
  const lines = raw.split('\n');
  const first = lines[0] ?? raw;
  const at = / - (\d+):(\d+)\s*$/.exec(first);
  const position = at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : undefined;
  const text = at ? first.slice(0, at.index) : first;
  const parse = /^Parse error on line (\d+):/.exec(first);
  if (parse) {
    const expecting = lines.find((l) => l.startsWith('Expecting'));
    const detail = expecting ? expecting.replace(/^Expecting /, 'expected ').replace(/'/g, '') : 'unexpected text';
    return { position: { line: Number(parse[1]), column: 1 }, message: `syntax error: ${detail}` };
  }
  const undefinedName = /^"([^"]+)" not defined in /.exec(text);
  if (undefinedName) {
    return { position, message: `"${undefinedName[1]}" is not defined here (templates run in strict mode: check the name, or guard it with {{#if}})` };
  }
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(text);
  if (mismatch) return { position, message: `{{/${mismatch[2]}}} closes {{#${mismatch[1]}}}; the block names must match` };
  return { position, message: text.trim() };
}

/**
 * The cheat sheet as a complete HTML document: fonts inlined, no external
 * requests. `fontsCss` replaces the inlined @font-face rules (the preview
 * links one cached stylesheet instead).
 */
export function renderCheatSheetHtml(model: ViewModel, templates: TemplateSet, fit: Fit = DEFAULT_FIT, fontsCss?: string): string {
  const template = compile(templates);
  const order = dropOrder(model.entries);
  const dropped = new Set(fit.dropped);
  const entries: CheatSheetEntry[] = sheetEntries(model.entries)
    .filter((e) => !dropped.has(e.questionId))
    .map((e) => ({ ...e, dropOrder: order.get(e.questionId) ?? 0, competencies: '' }));
  const area = printableArea(model.profile.paper);
  const page = PAGE[model.profile.paper];
  const pageCss =
    `@page{size:${page.css};margin:${PAGE_MARGIN_IN}in}` +
    `:root{--scale:${fit.scale};--columns:${fit.columns};--page-width:${area.width}px;--page-height:${area.height}px}` +
    `@media screen{html{background:#d9d9d9}body{width:${page.width}px;min-height:${page.height}px;margin:16px auto;` +
    `padding:${PAGE_MARGIN_IN}in;background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.3)}}`;
  const text = sheetTexts(model);
  const data = {
    ...model,
    entries,
    heading: text.heading,
    person: { ...model.person, name: text.name },
    pitch: text.pitch,
    // The footer is a reminder strip; the answer bank keeps the full lists.
    numbers: text.numbers.slice(0, MAX_FOOTER_ITEMS.numbers),
    ask: text.ask.slice(0, MAX_FOOTER_ITEMS.ask),
    paperLabel: page.label,
    footer: model.ask.length > 0 || model.numbers.length > 0,
    fit,
    styles: { fonts: FONTS_MARKER, css: templates.css.source, page: pageCss },
  };
  let html: string;
  try {
    html = template(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (err) {
    const problem = describeTemplateError((err as Error).message);
    throw new UserError(`template ${templates.cheatsheet.shownAs} failed`, [
      diagnostic(templates.cheatsheet.shownAs, problem.position, 'error', 'template-render', problem.message),
    ]);
  }
  // The fonts go in last, chosen from the finished page's text, so a
  // template's own words count too and 100 KB of base64 skip Handlebars.
  const css = fontsCss ?? fontFaceCss(withCharacterReferences(html));
  return html.replaceAll(FONTS_MARKER, () => css);
}

/**
 * Stands in for the @font-face rules while the template runs: no character
 * of it is HTML-escaped, and the random part keeps story text from ever
 * matching it.
 */
const FONTS_MARKER = `/*storybank-fonts-${randomUUID()}*/`;

/** The page's text with numeric character references (`&#x141;`, as a template may write them) as the characters they stand for. */
function withCharacterReferences(html: string): string {
  return html.replace(/&#(?:x([0-9a-f]{1,6})|(\d{1,7}));/gi, (ref, hex: string | undefined, dec: string | undefined) => {
    const code = hex ? parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  });
}
