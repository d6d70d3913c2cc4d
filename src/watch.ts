import { createHash } from 'node:crypto';
import { relative, resolve } from 'node:path';
import { assertValid, loadWorkspace, renderProfile, selectProfiles, viewsFor, writeProfile, type BuildOptions } from './build.js';
import { UserError, type Diagnostic } from './errors.js';
import { BrowserSession } from './render/browser.js';
import { loadTemplates, type TemplateSet } from './render/templates.js';

/**
 * `build --watch`: one warm browser, and on each change only the profiles
 * whose content actually changed are rendered again. A profile's content
 * is its view models plus the templates, hashed.
 */
export interface WatchOptions extends BuildOptions {
  root: string;
  outDir: string;
  browserPath?: string;
  log: (line: string) => void;
  onDiagnostics: (diagnostics: readonly Diagnostic[]) => void;
}

export interface Watcher {
  /** Resolves after the first build. */
  ready: Promise<void>;
  /** Rebuild now (used by tests and by the file watcher). */
  rebuild(reason: string): Promise<string[]>;
  close(): Promise<void>;
}

export function startWatch(options: WatchOptions): Watcher {
  const session = new BrowserSession(options.browserPath);
  const hashes = new Map<string, string>();
  let running: Promise<string[]> = Promise.resolve([]);
  let queued = false;
  let closed = false;

  const once = async (reason: string): Promise<string[]> => {
    const started = performance.now();
    try {
      const workspace = await loadWorkspace(options.root);
      assertValid(workspace);
      const profiles = selectProfiles(workspace, options.profiles);
      const templates = await loadTemplates(options.root);
      const rebuilt: string[] = [];
      const diagnostics: Diagnostic[] = [...workspace.diagnostics];
      for (const profile of profiles) {
        const hash = contentHash(viewsFor(workspace, profile, { ...options, now: new Date(0) }), templates, options);
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
      throw err;
    }
  };

  const rebuild = (reason: string): Promise<string[]> => {
    if (queued) return running;
    queued = true;
    running = running.then(() => {
      queued = false;
      return closed ? [] : once(reason);
    });
    return running;
  };

  let stopWatching: (() => Promise<void>) | undefined;
  const ready = rebuild('initial build').then(async () => {
    const { watch } = await import('chokidar');
    const root = resolve(options.root);
    const watcher = watch([resolve(root, 'stories'), resolve(root, 'storybank.yml'), resolve(root, 'templates')], {
      ignoreInitial: true,
      awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 },
    });
    let timer: NodeJS.Timeout | undefined;
    const changed = new Set<string>();
    watcher.on('all', (_event, path) => {
      changed.add(relative(root, path));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const names = [...changed].join(', ');
        changed.clear();
        void rebuild(`changed ${names}`).catch((err: unknown) => options.log(`rebuild failed: ${(err as Error).message}`));
      }, 30);
    });
    stopWatching = () => watcher.close();
  });

  return {
    ready,
    rebuild,
    async close() {
      closed = true;
      await stopWatching?.();
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
  await watcher.ready;
  process.stderr.write('Watching stories/, storybank.yml and templates/ for changes. Ctrl-C to stop.\n');
  // Runs until Ctrl-C; the CLI's signal handler stops the browser and exits 130.
  await new Promise<never>(() => undefined);
  return 130;
}
