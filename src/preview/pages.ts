import { createHash } from 'node:crypto';
import { viewsFor } from '../pipeline/build.js';
import { loadPracticeHistory } from '../practice/log.js';
import { diagnosticLocation, formatDiagnostic, hasErrors, sortDiagnostics, UserError, type Diagnostic } from '../diagnostics.js';
import { fontFaceCss } from '../render/html/fonts.js';
import { PAGE, renderCheatSheetHtml } from '../render/html/cheatsheet.js';
import { fitConfigFor } from '../render/pdf/print.js';
import type { Profile } from '../workspace/profile.js';
import type { Paper } from '../workspace/schema.js';
import { closest } from '../support/suggest.js';
import { ANSWER_BANK_CSS, renderAnswerBankBody } from './answer-bank.js';
import { clientScript, PREVIEW_CSS, type FitConfig } from './client.js';
import { escapeHtml as h } from './escape.js';
import { sourceLines, toFailure, type Failure, type Snapshot } from './snapshot.js';

/**
 * The preview's pages, rendered from a snapshot. Pure apart from reading a
 * template file for an error excerpt, so the server, the reload check and
 * the tests all go through `renderPage`.
 */

export const PAPERS: readonly Paper[] = ['letter', 'a4'];

export interface PageContext {
  root: string;
  snapshot: Snapshot;
  /** `--profile`: what `/` opens. */
  profile?: string;
  /** `--paper`: the paper when the URL names none. */
  paper?: Paper;
  /** Stands in for the per-response CSP nonce; the server swaps it in. */
  nonceSlot: string;
}

export interface RenderedPage {
  status: number;
  /** For redirects. */
  location?: string;
  html: string;
  /** Hash of what the user sees; a reload is pushed only when it changes. */
  hash: string;
}

export const ROUTES = ['/', '/cheatsheet', '/answer-bank'] as const;

export async function renderPage(ctx: PageContext, url: URL): Promise<RenderedPage> {
  const { snapshot } = ctx;
  if (!(ROUTES as readonly string[]).includes(url.pathname)) {
    return page(ctx, url, 404, 'Not found', `<main class="sb-doc"><h1>Nothing at ${h(url.pathname)}</h1><p><a href="/">All profiles</a></p></main>`);
  }
  if (snapshot.failure) return failurePage(ctx, url, snapshot.failure);
  const workspace = snapshot.workspace!;
  if (hasErrors(workspace.diagnostics)) {
    return problemsPage(ctx, url, sortDiagnostics(workspace.diagnostics), 'in the workspace');
  }
  if (workspace.profiles.length === 0) {
    return page(
      ctx,
      url,
      200,
      'No profiles',
      `<main class="sb-doc"><h1>No profiles yet</h1><p>Add one as <code>stories/profiles/&lt;name&gt;.md</code> (see the README); this page updates when you save it.</p></main>`,
    );
  }

  const requested = url.searchParams.get('profile') ?? undefined;
  if (url.pathname === '/') {
    const start = ctx.profile && workspace.profiles.some((p) => p.name === ctx.profile) ? ctx.profile : undefined;
    if (start && !url.searchParams.has('index')) return redirect(`/cheatsheet?profile=${encodeURIComponent(start)}`);
    return indexPage(ctx, url, workspace.profiles);
  }
  const fallback = workspace.profiles.find((p) => p.name === ctx.profile) ?? workspace.profiles[0]!;
  if (!requested) {
    const params = new URLSearchParams(url.searchParams);
    params.set('profile', fallback.name);
    return redirect(`${url.pathname}?${params.toString()}`);
  }
  const profile = workspace.profiles.find((p) => p.name === requested);
  if (!profile) {
    const guess = closest(requested, workspace.profiles.map((p) => p.name));
    const hint = guess ? `<p>Did you mean <a href="${url.pathname}?profile=${encodeURIComponent(guess)}">${h(guess)}</a>?</p>` : '';
    return page(
      ctx,
      url,
      404,
      'Unknown profile',
      `<main class="sb-doc"><h1>No profile named “${h(requested)}”</h1>${hint}<p>Profiles in this workspace:</p>${profileLinks(workspace.profiles)}</main>`,
    );
  }
  const paperParam = url.searchParams.get('paper');
  if (paperParam !== null && !(PAPERS as readonly string[]).includes(paperParam)) {
    return page(ctx, url, 400, 'Unknown paper', `<main class="sb-doc"><h1>Unknown paper “${h(paperParam)}”</h1><p>Use letter or a4.</p></main>`);
  }
  const paper = (paperParam as Paper | null) ?? ctx.paper;
  // Read on each request, so a reload after a drill marks what the next build marks.
  const views = viewsFor(workspace, profile, { paper, now: snapshot.now, practice: loadPracticeHistory(ctx.root).history });
  const warnings = workspace.diagnostics.filter((d) => d.severity !== 'error');

  if (url.pathname === '/answer-bank') {
    const model = views.answerBank.model;
    return page(ctx, url, 200, `${model.heading} · answer bank`, renderAnswerBankBody(model), {
      css: ANSWER_BANK_CSS,
      fonts: true,
      toolbar: { profiles: workspace.profiles, current: profile.name, warnings },
    });
  }

  const model = views.cheatSheet.model;
  let sheet: string;
  try {
    sheet = renderCheatSheetHtml(model, snapshot.templates!, undefined, fontsImport());
  } catch (err) {
    if (err instanceof UserError) return problemsPage(ctx, url, err.diagnostics, 'in a template', profile.name);
    return failurePage(ctx, url, toFailure(err));
  }
  const fit = fitConfigFor(model);
  const preview =
    toolbar(url, { profiles: workspace.profiles, current: profile.name, paper: model.profile.paper, warnings }) +
    `<div id="sb-marker" hidden><span></span></div>`;
  return finish(ctx, url, 200, inject(sheet, `<style>${PREVIEW_CSS}</style>`, preview), fit);
}

// ---------------------------------------------------------------- error views

async function problemsPage(ctx: PageContext, url: URL, diagnostics: Diagnostic[], where: string, current?: string): Promise<RenderedPage> {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const others = diagnostics.filter((d) => d.severity !== 'error');
  const lines = await sourceLines(ctx.root, ctx.snapshot, errors);
  const n = errors.length;
  const body =
    `<main class="sb-doc sb-problems"><h1>${n} error${n === 1 ? '' : 's'} ${h(where)}</h1>` +
    `<p class="sb-hint">Fix ${n === 1 ? 'it' : 'them'} and save: this page updates by itself.</p>` +
    `<ol class="sb-diagnostics">${errors.map((d) => diagnosticHtml(d, lines.get(d.file))).join('')}</ol>` +
    (others.length > 0
      ? `<details><summary>${others.length} warning${others.length === 1 ? '' : 's'}</summary><ol class="sb-diagnostics">${others.map((d) => diagnosticHtml(d, undefined)).join('')}</ol></details>`
      : '') +
    `</main>`;
  const profiles = ctx.snapshot.workspace?.profiles ?? [];
  return page(ctx, url, 200, `${n} error${n === 1 ? '' : 's'}`, body, {
    toolbar: profiles.length > 0 ? { profiles, current: current ?? url.searchParams.get('profile') ?? undefined, warnings: [] } : undefined,
  });
}

/** One diagnostic: the same `file:line:col: severity: message` line as the CLI, then the source line and a caret. */
function diagnosticHtml(d: Diagnostic, lines: string[] | undefined): string {
  const where = diagnosticLocation(d);
  const text = formatDiagnostic(d).slice(where.length + 2);
  const severity = text.slice(0, text.indexOf(':'));
  const message = text.slice(severity.length + 2);
  const source = d.line > 0 ? lines?.[d.line - 1] : undefined;
  const excerpt =
    source !== undefined
      ? `<pre class="sb-source"><span class="sb-gutter">${String(d.line).padStart(4)} | </span>${h(source)}\n<span class="sb-gutter">     | </span>${' '.repeat(Math.max(0, d.column - 1))}<span class="sb-caret">^</span></pre>`
      : '';
  return `<li class="sb-${h(d.severity)}"><p><code class="sb-where">${h(where)}</code>: <span class="sb-sev">${h(severity)}</span>: ${h(message)} <span class="sb-rule">[${h(d.rule)}]</span></p>${excerpt}</li>`;
}

async function failurePage(ctx: PageContext, url: URL, failure: Failure): Promise<RenderedPage> {
  if (failure.diagnostics.length > 0) return problemsPage(ctx, url, failure.diagnostics, 'in the workspace');
  const title = failure.kind === 'input' ? 'The workspace cannot be read' : failure.kind === 'environment' ? 'storybank cannot run here' : 'storybank hit a bug';
  const body =
    `<main class="sb-doc sb-problems"><h1>${h(title)}</h1><p class="sb-message">${h(failure.message)}</p>` +
    (failure.hint ? `<p class="sb-hint">${h(failure.hint)}</p>` : '') +
    `<p class="sb-hint">This page updates by itself when something changes.</p></main>`;
  return page(ctx, url, 200, title, body);
}

// ---------------------------------------------------------------- index

function indexPage(ctx: PageContext, url: URL, profiles: readonly Profile[]): Promise<RenderedPage> {
  return page(ctx, url, 200, 'storybank preview', `<main class="sb-doc"><h1>Profiles</h1>${profileLinks(profiles)}</main>`, {
    toolbar: { profiles, warnings: ctx.snapshot.workspace?.diagnostics.filter((d) => d.severity !== 'error') ?? [] },
  });
}

function profileLinks(profiles: readonly Profile[]): string {
  return `<ul class="sb-profiles">${profiles
    .map((p) => {
      const q = encodeURIComponent(p.name);
      const role = p.company ? `${p.role} @ ${p.company}` : p.role;
      return `<li><strong>${h(p.name)}</strong> — ${h(role)}: <a href="/cheatsheet?profile=${q}">cheat sheet</a> · <a href="/answer-bank?profile=${q}">answer bank</a></li>`;
    })
    .join('')}</ul>`;
}

// ---------------------------------------------------------------- page frame

interface ToolbarState {
  profiles: readonly Profile[];
  current?: string;
  /** Only on the cheat sheet. */
  paper?: Paper;
  warnings: readonly Diagnostic[];
}

/**
 * The bar at the top: profile and paper switchers (a plain GET form, so it
 * works without the script), the two views, fit status and the live dot.
 * Everything in it carries `data-sb-preview`, which the fitter skips.
 */
function toolbar(url: URL, state: ToolbarState): string {
  const current = state.current;
  const q = current ? `?profile=${encodeURIComponent(current)}` : '';
  const paperQ = url.searchParams.get('paper') ? `&paper=${encodeURIComponent(url.searchParams.get('paper')!)}` : '';
  const view = url.pathname === '/answer-bank' ? '/answer-bank' : '/cheatsheet';
  const options = state.profiles
    .map((p) => `<option value="${h(p.name)}"${p.name === current ? ' selected' : ''}>${h(p.name)} — ${h(p.role)}</option>`)
    .join('');
  const paperSelect = state.paper
    ? `<label>Paper <select name="paper">${PAPERS.map((p) => `<option value="${p}"${p === state.paper ? ' selected' : ''}>${PAGE[p].label}</option>`).join('')}</select></label>`
    : '';
  const nav = current
    ? `<nav><a href="/cheatsheet${q}${paperQ}"${url.pathname === '/cheatsheet' ? ' aria-current="page"' : ''}>Cheat sheet</a>` +
      `<a href="/answer-bank${q}"${url.pathname === '/answer-bank' ? ' aria-current="page"' : ''}>Answer bank</a><a href="/?index">All profiles</a></nav>`
    : '';
  const warnings = state.warnings.length
    ? `<details><summary>${state.warnings.length} warning${state.warnings.length === 1 ? '' : 's'}</summary><ol>${state.warnings.map((d) => `<li>${h(formatDiagnostic(d))}</li>`).join('')}</ol></details>`
    : '';
  return (
    `<header id="sb-bar" data-sb-preview><span class="sb-brand">storybank preview</span>` +
    `<form id="sb-switch" action="${view}" method="get"><label>Profile <select name="profile">${options}</select></label>${paperSelect}<noscript><button>Show</button></noscript></form>` +
    `${nav}<span id="sb-status" role="status"></span>${warnings}<span id="sb-live" title="Connecting…">●</span></header>`
  );
}

/** Base styles for the preview's own pages (errors, index, answer bank). */
const DOC_CSS = `
body{margin:0;background:#f4f4f2;color:#1b1b1b;font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif}
.sb-doc{max-width:60rem;margin:24px auto;padding:24px 32px;background:#fff;box-shadow:0 1px 6px rgba(0,0,0,.18)}
.sb-doc h1{font-size:1.5rem;margin:0 0 .5rem}
.sb-problems h1{color:#b3261e}
.sb-hint{color:#555}
.sb-message{font-size:1.05rem}
.sb-diagnostics{padding-left:1.4rem}
.sb-diagnostics li{margin:0 0 1rem}
.sb-diagnostics p{margin:0 0 .25rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:14px;overflow-wrap:anywhere}
.sb-error .sb-sev{color:#b3261e;font-weight:700}
.sb-warning .sb-sev{color:#8a5a00;font-weight:700}
.sb-where{font-weight:700}
.sb-rule{color:#777}
.sb-source{margin:0;padding:.5rem .75rem;background:#f6f6f6;border-left:3px solid #b3261e;overflow:auto;font-size:13px}
.sb-gutter{color:#888}
.sb-caret{color:#b3261e;font-weight:700}
.sb-profiles li{margin:.3rem 0}
`;

async function page(
  ctx: PageContext,
  url: URL,
  status: number,
  title: string,
  body: string,
  extra: { css?: string; fonts?: boolean; toolbar?: ToolbarState } = {},
): Promise<RenderedPage> {
  const bar = extra.toolbar ? toolbar(url, extra.toolbar) : `<header id="sb-bar" data-sb-preview><span class="sb-brand">storybank preview</span><a href="/?index">All profiles</a><span id="sb-status" role="status"></span><span id="sb-live" title="Connecting…">●</span></header>`;
  const doc =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${h(title)}</title><style>${extra.fonts ? fontsImport() : ''}${DOC_CSS}${extra.css ?? ''}${PREVIEW_CSS}</style></head><body>${body}</body></html>`;
  return finish(ctx, url, status, inject(doc, '', bar), undefined);
}

/**
 * The inlined fonts of every subset (~450 KB), served once as a cacheable stylesheet
 * instead of inside every page: a reload then re-parses only the sheet.
 * (The PDF keeps them inline; it never fetches anything.)
 */
export function fontsStylesheet(): { path: string; css: string } {
  const css = fontFaceCss();
  fontsPath ??= `/fonts-${createHash('sha256').update(css).digest('hex').slice(0, 12)}.css`;
  return { path: fontsPath, css };
}
let fontsPath: string | undefined;

function fontsImport(): string {
  return `@import url("${fontsStylesheet().path}");`;
}

/** Head additions before </head>; the preview's elements at the end of <body>. */
function inject(html: string, head: string, body: string): string {
  const withHead = head ? insertBefore(html, '</head>', head) : html;
  return insertBefore(withHead, '</body>', `<div id="sb-preview" data-sb-preview>${body}</div>`);
}

function insertBefore(html: string, tag: string, text: string): string {
  // Not html.toLowerCase(): a page can carry hundreds of KB of inlined fonts, and copying them costs more than the render.
  let at = html.lastIndexOf(tag);
  if (at < 0) at = html.lastIndexOf(tag.toUpperCase());
  return at < 0 ? html + text : html.slice(0, at) + text + html.slice(at);
}

/** Hashes the page as the user sees it, then adds the script that carries that hash back on the reload channel. */
function finish(ctx: PageContext, url: URL, status: number, html: string, fit: FitConfig | undefined): RenderedPage {
  const hash = createHash('sha256').update(html).digest('base64url').slice(0, 22);
  const events = `/events?${new URLSearchParams({ page: pageKey(url), v: hash }).toString()}`;
  const script = `<script nonce="${ctx.nonceSlot}">${clientScript({ events, fit })}</script>`;
  return { status, html: insertBefore(html, '</body>', `<div data-sb-preview hidden>${script}</div>`), hash };
}

function redirect(location: string): RenderedPage {
  return { status: 302, location, html: `<!doctype html><a href="${h(location)}">${h(location)}</a>`, hash: `redirect:${location}` };
}

/** What identifies a page for the reload channel: path and query, without our own parameters. */
export function pageKey(url: URL): string {
  const params = new URLSearchParams(url.searchParams);
  params.sort();
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}


