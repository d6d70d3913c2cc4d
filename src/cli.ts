#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EnvironmentError, InterruptedError, UserError, type Diagnostic } from './errors.js';
import { DEFAULT_FORMATS, FORMATS, type Format } from './formats.js';
import { removeTempFilesNow } from './output/atomic.js';
import { packageVersion } from './package-root.js';
import { cacheEnabled } from './stories/cache-setting.js';

/**
 * The command line: parse arguments, call the library, print, choose the
 * exit code. 0 success (warnings allowed), 1 invalid input or usage,
 * 2 environment failure, 130 interrupted.
 */

interface Globals {
  dir: string;
  quiet: boolean;
  verbose: boolean;
  /** The story cache: --cache / --no-cache, else STORYBANK_CACHE (on unless "off"). */
  cache: boolean;
}

const out = process.stdout;
const err = process.stderr;
const color = () => Boolean(err.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';




function sourceLineReader(root: string) {
  const cache = new Map<string, string[] | undefined>();
  return (file: string, line: number): string | undefined => {
    if (!cache.has(file)) {
      try {
        cache.set(file, readFileSync(resolve(root, file), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/));
      } catch {
        cache.set(file, undefined);
      }
    }
    return cache.get(file)?.[line - 1];
  };
}

// The pipeline and its dependencies load only when a command needs them: `--version` and `--help` stay fast.
const lib = () => import('./build.js');
const reports = () => import('./report.js');
let formatDiagnostics: Awaited<ReturnType<typeof reports>>['formatDiagnostics'] | undefined;

function printDiagnostics(diagnostics: readonly Diagnostic[], g: Globals): void {
  const shown = g.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (shown.length === 0) return;
  if (!formatDiagnostics) {
    err.write(`${shown.map((d) => `${d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file}: ${d.severity}: ${d.message}`).join('\n')}\n`);
    return;
  }
  err.write(`${formatDiagnostics(shown, { color: color(), sourceLine: sourceLineReader(g.dir) })}\n`);
}

async function loadReports() {
  const m = await reports();
  formatDiagnostics = m.formatDiagnostics;
  return m;
}

function parseFormats(value: unknown): Format[] {
  const raw = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  if (raw.length === 0) return [...DEFAULT_FORMATS];
  const bad = raw.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length) throw new UserError(`unknown format ${bad.map((b) => `"${b}"`).join(', ')}; choose from ${FORMATS.join(', ')}`);
  return [...new Set(raw as Format[])];
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function humanSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function runBuild(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const formats = parseFormats(argv.format);
  const profileArg = (argv.profile as string[] | undefined)?.flatMap((p) => p.split(',')).filter(Boolean);
  if (argv.all && profileArg?.length) throw new UserError('use either --profile NAME… or --all, not both');
  const { BrowserSession } = await import('./render/browser.js');
  const session = new BrowserSession(argv.browser as string | undefined);
  // Chromium takes about a second to start: start it now, so it comes up
  // while Node imports the pipeline and reads and validates the stories.
  // A launch failure surfaces when the first sheet asks for the page.
  if (formats.includes('pdf')) session.page().catch(() => undefined);
  const tty = Boolean(err.isTTY) && !g.quiet;
  let failed = false;
  try {
    const { build } = await lib();
    await loadReports();
    const run = await build(g.dir, String(argv.out ?? 'out'), {
      profiles: profileArg,
      cache: g.cache,
      formats,
      paper: argv.paper as 'letter' | 'a4' | undefined,
      includePrivate: Boolean(argv['include-private']),
      session,
      onProfileStart: (name, i, total) => {
        if (tty) err.write(`\r\x1b[2K[${i + 1}/${total}] building ${name}…`);
      },
      onProfileDone: (result, i, total) => {
        if (tty) err.write('\r\x1b[2K');
        if (!g.quiet) err.write(`[${i + 1}/${total}] ${result.profile}: ${result.files.map((f) => f.name).join(', ')} (${Math.round(result.milliseconds)} ms)\n`);
      },
    });
    printDiagnostics(run.diagnostics, g);
    if (!g.quiet) {
      for (const w of run.written) out.write(`wrote ${relative(process.cwd(), w.path) || w.path} (${humanSize(w.bytes)})\n`);
      const warnings = run.diagnostics.filter((d) => d.severity === 'warning').length;
      err.write(`Built ${run.builds.length} profile${run.builds.length === 1 ? '' : 's'}, ${run.written.length} files, ${warnings} warning${warnings === 1 ? '' : 's'}.\n`);
    }
    return 0;
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // On failure, report first: the error is printed at once, and the
    // process exits when the browser that was starting has been stopped.
    const closing = session.close();
    if (!failed) await closing;
  }
}

async function runCheck(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const { loadWorkspace } = await lib();
  const { summarizeDiagnostics } = await loadReports();
  const { hasErrors } = await import('./errors.js');
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  const { lintWorkspace } = await import('./lint/lint.js');
  const diagnostics = lintWorkspace(workspace);
  if (argv.json) {
    out.write(`${JSON.stringify(diagnostics, null, 2)}\n`);
  } else {
    printDiagnostics(diagnostics, g);
    if (!g.quiet) {
      err.write(`Checked ${plural(workspace.stories.length, 'story', 'stories')} and ${plural(workspace.profiles.length, 'profile')}: ${summarizeDiagnostics(diagnostics)}.\n`);
    }
  }
  return hasErrors(diagnostics) ? 1 : 0;
}

async function runPlan(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const { loadWorkspace, assertValid, selectProfiles } = await lib();
  const { planToJson, formatPlan } = await loadReports();
  const { planProfile } = await import('./select/assign.js');
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  assertValid(workspace);
  const names = (argv.profile as string[] | undefined)?.flatMap((p) => p.split(',')).filter(Boolean);
  const profiles = selectProfiles(workspace, names);
  const plans = profiles.map((p) => planProfile(p, workspace.stories, workspace.catalog, { includePrivate: Boolean(argv['include-private']) }));
  if (argv.json) {
    const data = plans.map((p) => planToJson(p, workspace));
    out.write(`${JSON.stringify(data.length === 1 ? data[0] : data, null, 2)}\n`);
  } else {
    printDiagnostics(workspace.diagnostics, { ...g, quiet: true });
    out.write(`${plans.map((p) => formatPlan(p, workspace, { color: Boolean(out.isTTY) && !process.env.NO_COLOR })).join('\n\n')}\n`);
  }
  return 0;
}

async function runList(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const { loadWorkspace } = await lib();
  const { filterStories, storiesToJson, formatStoryList } = await loadReports();
  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  const stories = filterStories(workspace.stories, { tag: argv.tag as string | undefined, competency: argv.competency as string | undefined });
  if (argv.json) out.write(`${JSON.stringify(storiesToJson(stories), null, 2)}\n`);
  else out.write(`${formatStoryList(stories, { color: Boolean(out.isTTY) && !process.env.NO_COLOR })}\n`);
  return 0;
}

function globals(argv: Record<string, unknown>): Globals {
  return { dir: resolve(String(argv.dir ?? '.')), quiet: Boolean(argv.quiet), verbose: Boolean(argv.verbose), cache: typeof argv.cache === 'boolean' ? argv.cache : cacheEnabled() };
}

type Handler = (argv: Record<string, unknown>, g: Globals) => Promise<number>;

export function cli(args: string[]): Argv {
  let pending: Promise<number> | undefined;
  const run = (handler: Handler) => (argv: Record<string, unknown>) => {
    pending = handler(argv, globals(argv));
  };
  const parser = yargs(args)
    .scriptName('storybank')
    // storybank speaks English; yargs' own translations are not shipped in the bundle.
    .detectLocale(false)
    .usage('$0 <command> [options]\n\nTurn STAR interview stories into a one-page PDF cheat sheet and a DOCX answer bank per role.')
    .option('dir', { type: 'string', default: '.', describe: 'workspace folder', global: true })
    .option('quiet', { type: 'boolean', alias: 'q', describe: 'print errors only', global: true })
    .option('verbose', { type: 'boolean', describe: 'print notes and details', global: true })
    .option('cache', { type: 'boolean', describe: 'reuse stories parsed by earlier runs; --no-cache parses every file', global: true })
    .command(
      'build',
      'write the cheat sheet PDF and answer bank DOCX for each profile',
      (y) =>
        y
          .option('profile', { type: 'string', array: true, alias: 'p', describe: 'profile name(s); default: all' })
          .option('all', { type: 'boolean', describe: 'build every profile (the default)' })
          .option('format', { type: 'string', describe: `outputs: ${FORMATS.join(',')}`, default: DEFAULT_FORMATS.join(',') })
          .option('out', { type: 'string', describe: 'output folder, relative to the workspace', default: 'out' })
          .option('paper', { choices: ['letter', 'a4'] as const, describe: 'override the paper size' })
          .option('include-private', { type: 'boolean', describe: 'allow private stories on the cheat sheet' })
          .option('browser', { type: 'string', describe: 'path to Chrome or Chromium' })
          .option('watch', { type: 'boolean', describe: 'rebuild when a story, profile or template changes' }),
      run(async (argv, g) => {
        if (argv.watch) {
          const { watchBuild } = await import('./watch.js');
          await loadReports();
          const profiles = (argv.profile as string[] | undefined)?.flatMap((p) => p.split(',')).filter(Boolean);
          return watchBuild(
            argv,
            g,
            { profiles, formats: parseFormats(argv.format), paper: argv.paper as 'letter' | 'a4' | undefined, includePrivate: Boolean(argv['include-private']), browserPath: argv.browser as string | undefined, cache: g.cache },
            (d) => printDiagnostics(d, g),
          );
        }
        return runBuild(argv, g);
      }),
    )
    .command('check', 'validate and lint every story and profile', (y) => y.option('json', { type: 'boolean', describe: 'print diagnostics as JSON' }), run(runCheck))
    .command(
      'plan',
      'show which story answers each question, and why',
      (y) =>
        y
          .option('profile', { type: 'string', array: true, alias: 'p', describe: 'profile name(s); default: all' })
          .option('json', { type: 'boolean' })
          .option('include-private', { type: 'boolean' }),
      run(runPlan),
    )
    .command(
      'list',
      'list stories',
      (y) =>
        y
          .option('tag', { type: 'string', describe: 'only stories with this tag' })
          .option('competency', { type: 'string', describe: 'only stories showing this competency' })
          .option('json', { type: 'boolean' }),
      run(runList),
    )
    .command(
      'new <title>',
      'scaffold stories/<slug>.md (never overwrites)',
      (y) =>
        y
          .positional('title', { type: 'string', describe: 'story title', demandOption: true })
          .option('kind', { choices: ['star', 'answer'] as const, default: 'star' as const }),
      run(async (argv, g) => (await import('./authoring/commands.js')).runNew(argv, g)),
    )
    .command(
      'init [folder]',
      'scaffold a workspace with an example story and profile',
      (y) => y.positional('folder', { type: 'string', describe: 'folder to create (default: --dir, else the current folder)' }),
      run(async (argv, g) => (await import('./authoring/commands.js')).runInit(argv, g)),
    )
    .command(
      'import <notes>',
      'freeform notes -> draft story files, one per question heading',
      (y) =>
        y
          .positional('notes', { type: 'string', describe: 'Markdown notes file', demandOption: true })
          .option('force', { type: 'boolean', describe: 'overwrite existing story files' }),
      run(async (argv, g) => (await import('./authoring/commands.js')).runImport(argv, g)),
    )
    .command(
      'preview',
      'live HTML preview on 127.0.0.1 that reloads on save',
      (y) =>
        y
          .option('profile', { type: 'string', alias: 'p', describe: 'profile to show first' })
          .option('port', { type: 'number', describe: 'port on 127.0.0.1 (default 4173, or the next free one)' })
          .option('paper', { choices: ['letter', 'a4'] as const }),
      run(async (argv, g) => (await import('./preview/commands.js')).runPreview(argv, g)),
    )
    .demandCommand(1, 'Name a command, e.g. `storybank build`. See --help.')
    .strict()
    .recommendCommands()
    .version(packageVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, yargs().terminalWidth()))
    .fail((message, error) => {
      if (error) throw error;
      throw new UserError(message ?? 'invalid usage');
    });
  Object.defineProperty(parser, 'pendingResult', { get: () => pending });
  return parser;
}

export async function main(args: string[]): Promise<number> {
  const parser = cli(args);
  let g: Globals = { dir: process.cwd(), quiet: false, verbose: false, cache: false };
  try {
    const argv = (await parser.parseAsync()) as Record<string, unknown>;
    g = globals(argv);
    const pending = (parser as unknown as { pendingResult?: Promise<number> }).pendingResult;
    return pending ? await pending : 0;
  } catch (error) {
    return report(error, g);
  }
}

function report(error: unknown, g: Globals): number {
  // After Ctrl-C, a failure is the interruption's doing: say nothing more.
  if (interrupted !== undefined) return interrupted;
  if (error instanceof UserError) {
    if (error.diagnostics.length) printDiagnostics(error.diagnostics, { ...g, quiet: false });
    err.write(`storybank: ${error.message}\n`);
    return 1;
  }
  if (error instanceof EnvironmentError) {
    err.write(`storybank: ${error.message}\n`);
    if (error.hint) err.write(`  fix: ${error.hint}\n`);
    if (g.verbose && error.cause) err.write(`${String((error.cause as Error).stack ?? error.cause)}\n`);
    return 2;
  }
  if (error instanceof InterruptedError) return 130;
  err.write(`storybank: internal error: ${(error as Error)?.message ?? String(error)}\n`);
  err.write('  This is a bug in storybank, not in your stories. Run again with --verbose for details.\n');
  if (g.verbose) err.write(`${(error as Error)?.stack ?? ''}\n`);
  return 2;
}

/** Set once Ctrl-C (or SIGTERM) arrives: the exit code, whatever else fails while stopping. */
let interrupted: number | undefined;

/** Ctrl-C: stop every browser, remove half-written files, exit 130. */
async function onSignal(signal: NodeJS.Signals): Promise<void> {
  const code = signal === 'SIGINT' ? 130 : 143;
  interrupted = code;
  process.exitCode = code;
  const { BrowserSession } = await import('./render/browser.js');
  BrowserSession.killAll();
  removeTempFilesNow();
  // A browser still starting can only be stopped once it is up (about a
  // second); a hung one is not waited for.
  setTimeout(() => process.exit(code), 5000).unref();
  await Promise.all([...BrowserSession.live].map((s) => s.close()));
  process.exit(code);
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
const isBin = process.argv[1] && /storybank$|cli\.js$/.test(process.argv[1]);
if (isEntry || isBin) {
  process.once('SIGINT', (s) => void onSignal(s));
  process.once('SIGTERM', (s) => void onSignal(s));
  process.on('exit', () => removeTempFilesNow());
  // `storybank list | head` closes the pipe early; that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
  main(hideBin(process.argv)).then(
    (code) => {
      process.exitCode = interrupted ?? code;
    },
    (error: unknown) => {
      process.exitCode = report(error, { dir: process.cwd(), quiet: false, verbose: false, cache: false });
    },
  );
}
