import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { assertValid, loadWorkspace, renderProfile, selectProfiles, viewsFor, writeProfile, type BuildOptions } from './build.js';
import { EnvironmentError, UserError, type Diagnostic } from './errors.js';
import { BrowserSession } from './render/browser.js';
import { loadTemplates, type TemplateSet } from './render/templates.js';
import { CONFIG_FILE, roleOf } from './stories/workspace.js';

/**
 * Watching a workspace, for `build --watch` and `preview`.
 *
 * The watcher sits on the workspace root rather than on stories/,
 * storybank.yml and templates/ one by one: chokidar never reports a file
 * or folder that did not exist when watching began, and "I just added a
 * storybank.yml" must work. Everything else (out/, node_modules/, .git/)
 * is ignored before chokidar descends into it.
 */

/** A path (workspace-relative, forward slashes) whose content can change an output. */
export function isWorkspaceInput(path: string): boolean {
  return roleOf(path) !== undefined || /^templates\/.+\.(hbs|css)$/i.test(path);
}

/** Folders the watcher must descend into to see every input. */
function mayHoldInputs(path: string): boolean {
  return path === '' || path === CONFIG_FILE || path === 'stories' || path.startsWith('stories/') || path === 'templates' || path.startsWith('templates/');
}

export interface WorkspaceWatcher {
  close(): Promise<void>;
}

export interface WatchWorkspaceOptions {
  /**
   * Quiet time after the last event before `onChange` runs. Editors write
   * a file in one go, but "save all" touches several files within a few ms;
   * one render for all of them is cheaper and never shows a half-saved state.
   */
  debounceMs?: number;
}

/**
 * Calls `onChange` with the changed input paths (workspace-relative) after
 * each burst of changes. Editor swap files and unrelated files never
 * trigger it. Resolves once the initial scan is done.
 */
export async function watchWorkspace(
  root: string,
  onChange: (paths: string[]) => void,
  options: WatchWorkspaceOptions = {},
): Promise<WorkspaceWatcher> {
  const { watch } = await import('chokidar');
  const base = resolve(root);
  const rel = (path: string) => relative(base, path).split(sep).join('/');
  const watcher = watch(base, {
    ignoreInitial: true,
    ignored: (path) => !mayHoldInputs(rel(path)),
  });
  const debounceMs = options.debounceMs ?? 25;
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) run();
    }, ms);
    timers.add(t);
  };
  let emptyWaits = 0;
  const flush = async () => {
    const paths = [...changed].sort();
    changed.clear();
    // chokidar drops a second "change" for a file within 50 ms of the first. A plain
    // writeFile is two events (truncate, then write); under load the write can land
    // after we have read the file. So remember what each file looked like when we
    // read it, and look once more after that window: if it moved, read it again.
    const before = await fingerprints(base, paths);
    if (closed) return;
    // An empty input is nearly always one caught between truncate and write: give
    // the write a moment rather than flash an "empty story" error.
    if ([...before.values()].some((f) => f.startsWith('0:')) && emptyWaits < EMPTY_WAITS) {
      emptyWaits++;
      for (const p of paths) changed.add(p);
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), EMPTY_WAIT_MS);
      return;
    }
    emptyWaits = 0;
    onChange(paths);
    later(CHANGE_THROTTLE_MS, () => {
      void fingerprints(base, paths).then((after) => {
        const moved = paths.filter((p) => before.get(p) !== after.get(p));
        if (moved.length > 0) queue(moved);
      });
    });
  };
  const queue = (paths: string[]) => {
    for (const p of paths) changed.add(p);
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };
  watcher.on('all', (event, path) => {
    const name = rel(path);
    // A removed or added folder may carry stories with it.
    if (!isWorkspaceInput(name) && event !== 'addDir' && event !== 'unlinkDir') return;
    queue([name]);
  });
  await new Promise<void>((resolveReady, reject) => {
    watcher.once('ready', resolveReady);
    watcher.once('error', reject);
  });
  // Later errors (a folder that became unreadable) must not end the process; the next save tells the story.
  watcher.on('error', () => undefined);
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const t of timers) clearTimeout(t);
      await watcher.close();
    },
  };
}

/** chokidar's throttle for repeated "change" events of one file, plus a margin. */
const CHANGE_THROTTLE_MS = 70;
/** How long, at most, an empty file is given to fill (EMPTY_WAITS × EMPTY_WAIT_MS) before it is taken as empty. */
const EMPTY_WAITS = 4;
const EMPTY_WAIT_MS = 25;

/** Size and modification time per path ("gone" when missing): enough to see that a file moved on. */
async function fingerprints(base: string, paths: readonly string[]): Promise<Map<string, string>> {
  const entries = await Promise.all(
    paths.map(async (p) => {
      try {
        const s = await stat(join(base, p));
        return [p, `${s.size}:${s.mtimeMs}`] as const;
      } catch {
        return [p, 'gone'] as const;
      }
    }),
  );
  return new Map(entries);
}

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
  log: (line: string) => void;
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
      const rebuilt: string[] = [];
      const diagnostics: Diagnostic[] = [...workspace.diagnostics];
      for (const profile of profiles) {
        const views = viewsFor(workspace, profile, { ...options, now: new Date(0) });
        // Only what the writers use: the plans also carry whole candidate stories (backups, excluded ones),
        // whose private notes or unused text must not trigger a rebuild.
        const hash = contentHash([profile.file, views.cheatSheet.model, views.answerBank.model], templates, options);
        if (hashes.get(profile.name) === hash) continue;
        const result = await renderProfile(workspace, profile, options, { session: () => session, templates: async () => templates });
        await writeProfile(options.root, options.outDir, result);
        diagnostics.push(...result.diagnostics);
        hashes.set(profile.name, hash);
        rebuilt.push(profile.name);
      }
      options.onDiagnostics(diagnostics);
      const ms = Math.round(performance.now() - started);
      options.log(rebuilt.length ? `${reason}: rebuilt ${rebuilt.join(', ')} in ${ms} ms` : `${reason}: nothing to rebuild (${ms} ms)`);
      return rebuilt;
    } catch (err) {
      if (err instanceof UserError) {
        options.onDiagnostics(err.diagnostics);
        options.log(`${reason}: ${err.message}; waiting for the next change`);
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
        void rebuild(`changed ${paths.join(', ')}`).catch((err: unknown) =>
          options.log(`rebuild failed: ${(err as Error).message}${err instanceof EnvironmentError && err.hint ? ` (${err.hint})` : ''}; waiting for the next change`),
        );
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

/** CLI glue: runs until Ctrl-C. */
export async function watchBuild(
  argv: Record<string, unknown>,
  g: { dir: string; quiet: boolean },
  options: BuildOptions & { browserPath?: string },
  print: (diagnostics: readonly Diagnostic[]) => void,
): Promise<number> {
  const watcher = startWatch({
    ...options,
    root: g.dir,
    outDir: String(argv.out ?? 'out'),
    log: (line) => process.stderr.write(`${new Date().toTimeString().slice(0, 8)} ${line}\n`),
    onDiagnostics: (d) => (g.quiet ? undefined : print(d)),
  });
  try {
    await watcher.ready;
  } catch (err) {
    await watcher.close();
    throw err;
  }
  process.stderr.write('Watching stories/, storybank.yml and templates/ for changes. Ctrl-C to stop.\n');
  // Runs until Ctrl-C; the CLI's signal handler stops the browser and exits 130.
  await new Promise<never>(() => undefined);
  return 130;
}
