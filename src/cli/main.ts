import { resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import { EnvironmentError, InterruptedError, UserError } from '../diagnostics.js';
import { removeTempFilesNow } from '../output/atomic.js';
import { DEFAULT_FORMATS, FORMATS } from '../render/formats.js';
import { packageVersion } from '../support/package.js';
import { cacheEnabled } from '../workspace/cache/setting.js';
import { quote } from './format/quote.js';
import { formatTrace } from './format/trace.js';
import { traceEnabled, traceMarks } from '../support/trace.js';
import { printDiagnostics, tell, type Globals } from './print.js';

/**
 * The command line: parse arguments, call the library, print, choose the
 * exit code. 0 success (warnings allowed), 1 invalid input or usage,
 * 2 environment failure, 130 interrupted.
 *
 * Each command's module loads only when that command runs, so `--version`
 * and `--help` stay fast and `check` never loads the renderers.
 */

type Handler = (argv: Record<string, unknown>, g: Globals) => Promise<number>;
type Lazy = () => Promise<Handler>;

const commands = {
  build: async () => (await import('./commands/build.js')).runBuild,
  check: async () => (await import('./commands/check.js')).runCheck,
  plan: async () => (await import('./commands/plan.js')).runPlan,
  list: async () => (await import('./commands/list.js')).runList,
  new: async () => (await import('./commands/new.js')).runNew,
  init: async () => (await import('./commands/init.js')).runInit,
  import: async () => (await import('./commands/import.js')).runImport,
  preview: async () => (await import('./commands/preview.js')).runPreview,
  questions: async () => (await import('./commands/questions.js')).runQuestions,
  drill: async () => (await import('./commands/drill.js')).runDrill,
  profileNew: async () => (await import('./commands/profile.js')).runProfileNew,
  match: async () => (await import('./commands/match.js')).runMatch,
} satisfies Record<string, Lazy>;

function globals(argv: Record<string, unknown>): Globals {
  return {
    dir: resolve(String(argv.dir ?? '.')),
    quiet: Boolean(argv.quiet),
    verbose: Boolean(argv.verbose),
    cache: typeof argv.cache === 'boolean' ? argv.cache : cacheEnabled(),
  };
}

function parser(args: string[], started: (run: Promise<number>) => void): Argv {
  const run = (load: Lazy) => (argv: Record<string, unknown>) => {
    started(load().then((handler) => handler(argv, globals(argv))));
  };
  return yargs(args)
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
      run(commands.build),
    )
    .command('check', 'validate and lint every story and profile', (y) => y.option('json', { type: 'boolean', describe: 'print diagnostics as JSON' }), run(commands.check))
    .command(
      'plan',
      'show which story answers each question, and why',
      (y) =>
        y
          .option('profile', { type: 'string', array: true, alias: 'p', describe: 'profile name(s); default: all' })
          .option('json', { type: 'boolean' })
          .option('include-private', { type: 'boolean' })
          .option('cues', { type: 'boolean', describe: 'show each cue line and the sentence it came from (also with --verbose)' }),
      run(commands.plan),
    )
    .command(
      'list',
      'list stories',
      (y) =>
        y
          .option('tag', { type: 'string', describe: 'only stories with this tag' })
          .option('competency', { type: 'string', describe: 'only stories showing this competency' })
          .option('json', { type: 'boolean' }),
      run(commands.list),
    )
    .command(
      'new <title>',
      'scaffold stories/<slug>.md (never overwrites)',
      (y) =>
        y
          .positional('title', { type: 'string', describe: 'story title', demandOption: true })
          .option('kind', { choices: ['star', 'answer'] as const, default: 'star' as const }),
      run(commands.new),
    )
    .command(
      'init [folder]',
      'scaffold a workspace with an example story and profile',
      (y) => y.positional('folder', { type: 'string', describe: 'folder to create (default: --dir, else the current folder)' }),
      run(commands.init),
    )
    .command(
      'import <notes>',
      'interview notes in any common shape -> one story per question; starts a workspace and a profile of those questions',
      (y) =>
        y
          .positional('notes', { type: 'string', describe: 'Markdown notes file', demandOption: true })
          .option('force', { type: 'boolean', describe: 'replace story files (and the profile) an earlier import wrote' }),
      run(commands.import),
    )
    .command(
      'questions [search]',
      'the question bank: ids, texts and competencies (the workspace\'s own marked)',
      (y) =>
        y
          .positional('search', { type: 'string', describe: 'words or part of an id, e.g. conflict' })
          .option('json', { type: 'boolean', describe: 'print the questions as JSON' }),
      run(commands.questions),
    )
    .command(
      'preview',
      'live HTML preview on 127.0.0.1 that reloads on save',
      (y) =>
        y
          .option('profile', { type: 'string', alias: 'p', describe: 'profile to show first' })
          .option('port', { type: 'string', describe: 'port on 127.0.0.1 (default 4173, or the next free one)' })
          .option('paper', { choices: ['letter', 'a4'] as const }),
      run(commands.preview),
    )
    .command(
      'drill',
      'rehearse answers aloud against the clock; ratings schedule what comes next',
      (y) =>
        y
          .option('profile', { type: 'string', alias: 'p', describe: 'profile to practise (default: the first by name)' })
          .option('count', { type: 'number', alias: 'n', describe: 'questions in this session (default 5): due ones first, then new ones' })
          .option('question', { type: 'string', array: true, describe: 'ask these question ids, in this order' })
          .option('all', { type: 'boolean', describe: 'ask every question that has a story' })
          .option('stats', { type: 'boolean', describe: 'show reps, last rating, due date and average time per question' })
          .option('json', { type: 'boolean', describe: 'with --stats: print JSON' })
          .option('now', { type: 'string', describe: 'the time to schedule against (ISO 8601, or seconds since 1970); default now or SOURCE_DATE_EPOCH' })
          .option('include-private', { type: 'boolean', describe: 'let private stories answer, as on the cheat sheet with --include-private' })
          .example('$0 drill', 'five questions of the first profile, due ones first')
          .example('$0 drill -p lead --question failure', 'practise one question')
          .example('$0 drill --stats', 'progress per question'),
      run(commands.drill),
    )
    .command('profile <action>', 'create role profiles (profile new NAME --from POSTING)', (y) =>
      y
        .command(
          'new <name>',
          'a profile from a job posting (.txt, .md or .html), every weight explained; never overwrites',
          (yy) =>
            yy
              .positional('name', { type: 'string', describe: 'profile name: stories/profiles/<name>.md', demandOption: true })
              .option('from', { type: 'string', describe: 'the posting file; - reads standard input', demandOption: true, requiresArg: true }),
          run(commands.profileNew),
        )
        .demandCommand(1, 'Say what to do with profiles, e.g. `storybank profile new northwind-sre --from posting.html`.'),
    )
    .command(
      'match <posting>',
      'what a job posting asks for, which stories show it, and what to write next',
      (y) =>
        y
          .positional('posting', { type: 'string', describe: 'the posting file (.txt, .md or .html); - reads standard input', demandOption: true })
          .option('profile', { type: 'string', alias: 'p', describe: "compare with this profile's emphasis (and use its tags)" })
          .option('json', { type: 'boolean', describe: 'print the report as JSON' }),
      run(commands.match),
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
}

/** Runs one command line; resolves to the exit code. Never throws. */
export async function main(args: string[]): Promise<number> {
  let pending: Promise<number> | undefined;
  let g: Globals = { dir: process.cwd(), quiet: false, verbose: false, cache: false };
  try {
    const argv = (await parser(args, (run) => (pending = run)).parseAsync()) as Record<string, unknown>;
    g = globals(argv);
    return pending ? await pending : 0;
  } catch (error) {
    return report(error, g);
  }
}

/** With STORYBANK_TRACE=1: where the run spent its time, on stderr. */
export function printTrace(): void {
  if (traceEnabled()) for (const line of formatTrace(traceMarks())) tell(line);
}

/** Prints a failure the way its kind deserves and returns the exit code. */
function report(error: unknown, g: Globals): number {
  // After Ctrl-C, a failure is the interruption's doing: say nothing more.
  if (interrupted !== undefined) return interrupted;
  if (error instanceof UserError) {
    if (error.diagnostics.length) printDiagnostics(error.diagnostics, { ...g, quiet: false });
    tell(`storybank: ${quoteMessage(error.message)}`);
    return 1;
  }
  if (error instanceof EnvironmentError) {
    tell(`storybank: ${quoteMessage(error.message)}`);
    if (error.hint) tell(`  fix: ${quote(error.hint)}`);
    if (g.verbose && error.cause) tell(quoteLines(String((error.cause as Error).stack ?? error.cause)));
    return 2;
  }
  if (error instanceof InterruptedError) return 130;
  tell(`storybank: internal error: ${quote((error as Error)?.message ?? String(error))}`);
  tell('  This is a bug in storybank, not in your stories. Run again with --verbose for details.');
  if (g.verbose) tell(quoteLines((error as Error)?.stack ?? ''));
  return 2;
}

/**
 * A message's own lines stay lines (init lists the files in its way), each
 * quoted; every line after the first is indented, so that a newline inside
 * a value (a file name) can never start a line that reads as a diagnostic.
 */
function quoteMessage(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 || /^\s/.test(line) ? quote(line) : `  ${quote(line)}`))
    .join('\n');
}

/** A stack's frames stay lines; what is inside each is quoted. */
function quoteLines(text: string): string {
  return text.split('\n').map(quote).join('\n');
}

/** Set once Ctrl-C (or SIGTERM) arrives: the exit code, whatever else fails while stopping. */
let interrupted: number | undefined;

/** The exit code to use: the interruption's, once there was one. */
export function exitCode(code: number): number {
  return interrupted ?? code;
}

/** Ctrl-C: stop every browser, remove half-written files, exit 130 (143 for SIGTERM). */
async function onSignal(signal: NodeJS.Signals): Promise<void> {
  const code = signal === 'SIGINT' ? 130 : 143;
  interrupted = code;
  process.exitCode = code;
  const { BrowserSession } = await import('../render/pdf/browser.js');
  BrowserSession.killAll();
  removeTempFilesNow();
  // A browser still starting can only be stopped once it is up (about a
  // second); a hung one is not waited for. The timer also keeps the process
  // alive until the browsers are closed: ending early would leave a browser
  // still starting, writing to its profile folder after we removed it.
  setTimeout(() => process.exit(code), 5000);
  await Promise.all([...BrowserSession.live].map((s) => s.close()));
  process.exit(code);
}

/** What the process does around a command: signals, broken pipes, temp files on exit. */
export function installProcessHandlers(): void {
  process.once('SIGINT', (s) => void onSignal(s));
  process.once('SIGTERM', (s) => void onSignal(s));
  process.on('exit', () => removeTempFilesNow());
  // `storybank list | head` closes the pipe early; that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    });
  }
}
