import { toJson } from '../format/quote.js';
import { InterruptedError, UserError } from '../../diagnostics.js';
import { assertValid, selectProfiles } from '../../pipeline/build.js';
import { startDrill } from '../../practice/engine.js';
import { openPracticeLog, readPracticeLog, type LoggedRep } from '../../practice/log.js';
import { practiceStanding, prepareDrill } from '../../pipeline/drill.js';
import { sourceDateEpoch } from '../../view/view-model.js';
import { loadWorkspace } from '../../workspace/load.js';
import type { Workspace } from '../../workspace/parse.js';
import type { Profile } from '../../workspace/profile.js';
import { runSession } from '../drill/driver.js';
import { keyDriver } from '../drill/keys.js';
import { lineDriver } from '../drill/lines.js';
import { formatIntro, formatScreen, type DrillStyle } from '../format/drill.js';
import { formatStats, statsToJson } from '../format/drill-stats.js';
import { parseCount, parseList, parseNow, parseProfile } from '../options.js';
import { printDiagnostics, say, useColor, type Globals } from '../print.js';

/**
 * `storybank drill`: rehearse answers aloud against the clock, one question
 * at a time, each rating appended to `.storybank/practice.jsonl`; and
 * `drill --stats`, what that log says per question.
 */

export const DEFAULT_COUNT = 5;

export async function runDrill(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const questions = parseList(argv.question);
  if (argv.all && questions) throw new UserError('--all asks every question; --question asks the ones named. Use one of them.');
  if (argv.count !== undefined && (argv.all || questions)) throw new UserError('--count chooses how many questions the schedule picks; it does not go with --all or --question');
  if (argv.json && !argv.stats) throw new UserError('--json goes with --stats: a practice session is for people; `drill --stats --json` is for programs');
  const count = parseCount(argv.count, DEFAULT_COUNT);
  const fixed = parseNow(argv.now) ?? sourceDateEpoch();
  const clock = fixed ? () => fixed : () => new Date();
  const now = clock();
  const name = parseProfile(argv.profile);

  const workspace = await loadWorkspace(g.dir, { cache: g.cache });
  assertValid(workspace);
  const log = readPracticeLog(g.dir);
  // The workspace's own warnings belong to `check`; a log line that cannot be read is news here.
  printDiagnostics(log.diagnostics, g);
  const includePrivate = Boolean(argv['include-private']);

  if (argv.stats) {
    const profiles = selectProfiles(workspace, name ? [name] : undefined);
    const standings = profiles.map((p) => practiceStanding(workspace, p, log.reps, { includePrivate, now }));
    if (argv.json) {
      const data = standings.map(statsToJson);
      say(toJson(data.length === 1 ? data[0] : data));
    } else {
      const style = { color: useColor(process.stdout), width: process.stdout.isTTY ? process.stdout.columns || 100 : Infinity, now };
      say(standings.map((s) => formatStats(s, style)).join('\n\n'));
    }
    return 0;
  }

  const { profile, others } = chooseProfile(workspace, name);
  return drill(workspace, profile, others, log.reps, { questions, all: Boolean(argv.all), count, includePrivate, now, clock, fixedBy: argv.now !== undefined ? '--now' : fixed ? 'SOURCE_DATE_EPOCH' : undefined }, g);
}

/** The named profile; else, as `preview` does, the first by name, saying which others there are. */
function chooseProfile(workspace: Workspace, name: string | undefined): { profile: Profile; others: string[] } {
  const [profile] = selectProfiles(workspace, name ? [name] : undefined);
  return { profile: profile!, others: name ? [] : workspace.profiles.slice(1).map((p) => p.name) };
}

interface SessionOptions {
  questions?: string[];
  all: boolean;
  count: number;
  includePrivate: boolean;
  now: Date;
  clock: () => Date;
  fixedBy?: string;
}

async function drill(workspace: Workspace, profile: Profile, others: string[], reps: readonly LoggedRep[], o: SessionOptions, g: Globals): Promise<number> {
  const prepared = prepareDrill(workspace, profile, reps, o);
  const keys = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  // Wrapped to the terminal; a pipe or a file gets whole lines.
  const width = process.stdout.isTTY ? Math.min(process.stdout.columns || 80, 100) : Infinity;
  const style: DrillStyle = { color: useColor(process.stdout), width, mode: keys ? 'keys' : 'lines', now: o.now };
  if (!g.quiet) say(formatIntro({ prepared, otherProfiles: others, fixedClock: o.fixedBy }, style));
  const start = startDrill(prepared.setup, performance.now());
  if (start.drill.phase.name === 'done') {
    say(formatScreen(start.show[0]!, style));
    return 0;
  }
  // Opened before the first question: a log that cannot be written fails now, not after an answer.
  const writer = openPracticeLog(g.dir);
  const driver = keys ? keyDriver(process.stdin, process.stdout, style, o.clock) : lineDriver(process.stdin, process.stdout, style, o.clock);
  try {
    await runSession(start, driver, writer);
  } finally {
    driver.close();
    writer.close();
  }
  // Ctrl-C in raw mode is a key, not a signal: end the run as the CLI ends any interrupted command (130).
  if (driver.interrupted) throw new InterruptedError();
  return 0;
}
