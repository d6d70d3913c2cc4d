import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE, roleOf } from './layout.js';

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
function isWorkspaceInput(path: string): boolean {
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

