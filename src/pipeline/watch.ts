import { createHash } from 'node:crypto';
import { loadWorkspace } from '../workspace/load.js';
import { assertValid, renderProfile, selectProfiles, viewsFor, writeProfile, type BuildOptions } from './build.js';
import { EnvironmentError, UserError, type Diagnostic } from '../diagnostics.js';
import { BrowserSession } from '../render/pdf/browser.js';
import { loadTemplates, type TemplateSet } from '../render/templates.js';
import { watchWorkspace, type WorkspaceWatcher } from '../workspace/watch.js';
import { loadPracticeHistory } from '../practice/log.js';

/**
 * `build --watch`: one warm browser, and on each change only the profiles
 * whose content actually changed are rendered again. A profile's content
 * is its two view models (cheat sheet, answer bank) plus the templates and
 * build options, hashed.
 */
export interface WatchOptions extends BuildOptions {
  root: string;
  outDir: string;
  browserPath?: string;
  /** What happened on each rebuild; the CLI turns these into lines. */
  onEvent: (event: WatchEvent) => void;
  onDiagnostics: (diagnostics: readonly Diagnostic[]) => void;
  /** Test hook; defaults to 25 ms. */
  debounceMs?: number;
}

export interface Watcher {
  /** Resolves after the first build and once the file watcher is listening. */
  ready: Promise<void>;
  /** Rebuild now (used by tests and by the file watcher); resolves to the profiles rebuilt. */
  rebuild(reason: string): Promise<string[]>;
  close(): Promise<void>;
}

export type WatchEvent =
  /** A rebuild ran: the profiles rewritten (none when no output changed). */
  | { type: 'rebuilt'; reason: string; profiles: string[]; milliseconds: number }
  /** The workspace has errors; nothing was built, the outputs are as they were. */
  | { type: 'invalid'; reason: string; message: string }
  /** A rebuild failed for a reason outside the workspace (a browser crash, a file in the way). */
  | { type: 'failed'; error: Error };

export function startWatch(options: WatchOptions): Watcher {
  let session = new BrowserSession(options.browserPath);
  const hashes = new Map<string, string>();
  let running: Promise<string[]> = Promise.resolve([]);
  let queued: Promise<string[]> | undefined;
  let queuedReasons: string[] = [];
  let closed = false;

  const once = async (reason: string): Promise<string[]> => {
    const started = performance.now();
    try {
      const workspace = await loadWorkspace(options.root, { cache: options.cache });
      assertValid(workspace);
      const profiles = selectProfiles(workspace, options.profiles);
      const templates = await loadTemplates(options.root);
      const log = loadPracticeHistory(options.root);
      const buildOptions = { ...options, practice: log.history };
      const rebuilt: string[] = [];
      const diagnostics: Diagnostic[] = [...workspace.diagnostics, ...log.diagnostics];
      for (const profile of profiles) {
        const views = viewsFor(workspace, profile, { ...buildOptions, now: new Date(0) });
        // Only what the writers use: the plans also carry whole candidate stories (backups, excluded ones),
        // whose private notes or unused text must not trigger a rebuild.
        const hash = contentHash([profile.file, views.cheatSheet.model, views.answerBank.model], templates, options);
        if (hashes.get(profile.name) === hash) continue;
        const result = await renderProfile(workspace, profile, buildOptions, { session: () => session, templates: async () => templates });
        await writeProfile(options.root, options.outDir, result);
        diagnostics.push(...result.diagnostics);
        hashes.set(profile.name, hash);
        rebuilt.push(profile.name);
      }
      options.onDiagnostics(diagnostics);
      const ms = Math.round(performance.now() - started);
      options.onEvent({ type: 'rebuilt', reason, profiles: rebuilt, milliseconds: ms });
      return rebuilt;
    } catch (err) {
      if (err instanceof UserError) {
        options.onDiagnostics(err.diagnostics);
        options.onEvent({ type: 'invalid', reason, message: err.message });
        return [];
      }
      // A crashed or hung browser would fail every later rebuild too: start a fresh one next time.
      if (err instanceof EnvironmentError && !closed) {
        const broken = session;
        session = new BrowserSession(options.browserPath);
        await broken.close();
      }
      throw err;
    }
  };

  /**
   * Rebuilds run one at a time. Calls that arrive while one runs share a
   * single follow-up rebuild, so a burst of saves costs at most two builds.
   * A failed rebuild does not poison the queue.
   */
  const rebuild = (reason: string): Promise<string[]> => {
    queuedReasons.push(reason);
    if (queued) return queued;
    const next = running
      .catch(() => [])
      .then(() => {
        const reasons = queuedReasons;
        queued = undefined;
        queuedReasons = [];
        return closed ? [] : once(reasons.join('; '));
      });
    queued = next;
    running = next;
    return next;
  };

  let watcher: WorkspaceWatcher | undefined;
  const ready = rebuild('initial build').then(async () => {
    if (closed) return;
    watcher = await watchWorkspace(
      options.root,
      (paths) => {
        void rebuild(`changed ${paths.join(', ')}`).catch((err: unknown) => options.onEvent({ type: 'failed', error: err as Error }));
      },
      { debounceMs: options.debounceMs },
    );
    if (closed) await watcher.close();
  });

  return {
    ready,
    rebuild,
    async close() {
      closed = true;
      await watcher?.close();
      // Let a rebuild in flight finish writing before the browser goes away (but never hang on it).
      await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 10_000).unref())]);
      await session.close();
    },
  };
}

function contentHash(views: unknown, templates: TemplateSet, options: BuildOptions): string {
  const hash = createHash('sha256');
  // Source positions move when lines are added above a story's text; they do not change the output.
  hash.update(JSON.stringify(views, (key, value: unknown) => (key === 'position' || key === 'at' ? undefined : value)));
  hash.update(JSON.stringify([templates, options.formats, options.paper, options.includePrivate]));
  return hash.digest('hex');
}

