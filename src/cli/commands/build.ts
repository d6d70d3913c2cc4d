import { relative } from 'node:path';
import { UserError } from '../../diagnostics.js';
import type { Paper } from '../../workspace/schema.js';
import { quote } from '../format/quote.js';
import { formatWatchEvent } from '../format/watch.js';
import { parseFormats, parseProfiles } from '../options.js';
import { humanSize, plural, printDiagnostics, say, tell, type Globals } from '../print.js';

/** `storybank build`: validate, render every profile asked for, write all files or none. */
export async function runBuild(argv: Record<string, unknown>, g: Globals): Promise<number> {
  if (argv.watch) return runWatch(argv, g);
  const formats = parseFormats(argv.format);
  const profiles = parseProfiles(argv.profile);
  if (argv.all && profiles) throw new UserError('use either --profile NAME… or --all, not both');
  const { BrowserSession } = await import('../../render/pdf/browser.js');
  const session = new BrowserSession(argv.browser as string | undefined);
  // Chromium's start is most of a build: spawn it before anything else, so
  // it comes up while Node imports the pipeline, reads and checks the
  // stories and makes the DOCX. (Started lazily instead, its spawn would
  // wait behind all of that.) A launch failure surfaces when the first
  // sheet asks for the page.
  if (formats.includes('pdf')) await session.begin();
  const tty = Boolean(process.stderr.isTTY) && !g.quiet;
  let failed = false;
  try {
    const { build } = await import('../../pipeline/build.js');
    const run = await build(g.dir, String(argv.out ?? 'out'), {
      profiles,
      cache: g.cache,
      formats,
      paper: argv.paper as Paper | undefined,
      includePrivate: Boolean(argv['include-private']),
      session,
      onProfileStart: (name, i, total) => {
        if (tty) process.stderr.write(`\r\x1b[2K[${i + 1}/${total}] building ${quote(name)}…`);
      },
      onProfileDone: (result, i, total) => {
        if (tty) process.stderr.write('\r\x1b[2K');
        if (!g.quiet) tell(`[${i + 1}/${total}] ${quote(result.profile)}: ${result.files.map((f) => f.name).join(', ')} (${Math.round(result.milliseconds)} ms)`);
      },
    });
    printDiagnostics(run.diagnostics, g);
    if (!g.quiet) {
      for (const w of run.written) say(`wrote ${quote(relative(process.cwd(), w.path) || w.path)} (${humanSize(w.bytes)})`);
      const warnings = run.diagnostics.filter((d) => d.severity === 'warning').length;
      tell(`Built ${plural(run.builds.length, 'profile')}, ${run.written.length} files, ${plural(warnings, 'warning')}.`);
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

/** `build --watch`: rebuild on every save until Ctrl-C (the CLI's signal handler stops the browser and exits 130). */
async function runWatch(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const { startWatch } = await import('../../pipeline/watch.js');
  const watcher = startWatch({
    root: g.dir,
    outDir: String(argv.out ?? 'out'),
    profiles: parseProfiles(argv.profile),
    formats: parseFormats(argv.format),
    paper: argv.paper as Paper | undefined,
    includePrivate: Boolean(argv['include-private']),
    browserPath: argv.browser as string | undefined,
    cache: g.cache,
    onEvent: (event) => tell(`${new Date().toTimeString().slice(0, 8)} ${formatWatchEvent(event)}`),
    onDiagnostics: (d) => printDiagnostics(d, g),
  });
  try {
    await watcher.ready;
  } catch (err) {
    await watcher.close();
    throw err;
  }
  tell('Watching stories/, storybank.yml and templates/ for changes. Ctrl-C to stop.');
  await new Promise<never>(() => undefined);
  return 130;
}
