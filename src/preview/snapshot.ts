import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { EnvironmentError, sortDiagnostics, UserError, type Diagnostic } from '../diagnostics.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { buildTime } from '../view/view-model.js';
import { readWorkspaceFiles } from '../workspace/files.js';
import { decodeText } from '../workspace/decode.js';
import { StoryCache } from '../workspace/cache/story-cache.js';
import { parseWorkspace, type Workspace } from '../workspace/parse.js';

/**
 * Everything the preview serves, read once per change: the parsed
 * workspace and the templates, or why they could not be read. Pages are
 * rendered from a snapshot on request, so a reload costs one parse and one
 * Handlebars render, never a browser.
 */
export interface Snapshot {
  /** Increases with every reload; shown in logs and sent with reload events. */
  version: number;
  /** The date printed on the sheet; fixed per snapshot so page hashes only move when content does. */
  now: Date;
  workspace?: Workspace;
  templates?: TemplateSet;
  /** Set when the workspace could not be read at all. */
  failure?: Failure;
  /** Workspace-relative path → bytes, for source excerpts under diagnostics (decoded only when shown). */
  sources: Map<string, Uint8Array>;
  milliseconds: number;
  /** Parsed stories, so the next reload re-parses only the files that changed. */
  stories?: StoryCache;
}

const EMPTY_RETRIES = 4;
const EMPTY_RETRY_MS = 25;

export interface Failure {
  kind: 'input' | 'environment' | 'internal';
  message: string;
  hint?: string;
  diagnostics: Diagnostic[];
}

/**
 * Reads the workspace. `changed` (workspace-relative paths) lets a story
 * save skip re-reading the templates; without it everything is read.
 */
export async function loadSnapshot(root: string, version: number, previous?: Snapshot, changed?: readonly string[]): Promise<Snapshot> {
  const started = performance.now();
  const sources = new Map<string, Uint8Array>();
  const done = (rest: Partial<Snapshot>): Snapshot => ({ version, now: buildTime(), sources, milliseconds: performance.now() - started, ...rest });
  try {
    let files = await readWorkspaceFiles(root);
    // A file that had text and now reads empty (or a new, empty one) is nearly always
    // being saved right now: truncated, not yet written. Reading it a moment later
    // avoids flashing an "empty story" error for one reload.
    for (let i = 0; i < EMPTY_RETRIES && files.some((f) => f.bytes.length === 0 && previous?.sources.get(f.path)?.length !== 0); i++) {
      await new Promise((r) => setTimeout(r, EMPTY_RETRY_MS));
      files = await readWorkspaceFiles(root);
    }
    for (const file of files) sources.set(file.path, file.bytes);
    const templatesChanged = !changed || changed.length === 0 || changed.some((p) => p === 'templates' || p.startsWith('templates/'));
    const templates = !templatesChanged && previous?.templates ? previous.templates : sameTemplates(previous?.templates, await loadTemplates(root));
    const stories = new StoryCache('preview', previous?.stories?.entriesInUse());
    return done({ workspace: parseWorkspace(files, { cache: stories }), templates, stories });
  } catch (err) {
    return done({ failure: toFailure(err) });
  }
}

/**
 * Keeps the previous TemplateSet object when nothing in it changed: the
 * renderer caches compiled templates per object, so an unchanged set
 * skips recompiling on every story save.
 */
function sameTemplates(previous: TemplateSet | undefined, next: TemplateSet): TemplateSet {
  return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

export function toFailure(err: unknown): Failure {
  if (err instanceof UserError) return { kind: 'input', message: err.message, diagnostics: sortDiagnostics(err.diagnostics) };
  if (err instanceof EnvironmentError) return { kind: 'environment', message: err.message, hint: err.hint, diagnostics: [] };
  return {
    kind: 'internal',
    message: `internal error: ${(err as Error)?.message ?? String(err)}`,
    hint: 'This is a bug in storybank, not in your stories. Run `storybank build --verbose` for details.',
    diagnostics: [],
  };
}

/** The source line a diagnostic points at: workspace files from the snapshot, templates read on demand. */
export async function sourceLines(root: string, snapshot: Snapshot, diagnostics: readonly Diagnostic[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const d of diagnostics) {
    if (d.line <= 0 || out.has(d.file)) continue;
    const bytes = snapshot.sources.get(d.file);
    let text = bytes ? decodeText(d.file, bytes).text : undefined;
    const path = resolve(root, d.file);
    if (!bytes && path.startsWith(resolve(root) + sep)) {
      text = await readFile(path, 'utf8').catch(() => undefined);
    }
    if (text !== undefined) out.set(d.file, text.replace(/^\uFEFF/, '').split(/\r?\n/));
  }
  return out;
}
