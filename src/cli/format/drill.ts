import pc from 'picocolors';
import type { Drill, DrillQuestion, Screen } from '../../practice/engine.js';
import { RATING_NAMES, RATINGS } from '../../practice/log.js';
import type { PreparedDrill } from '../../pipeline/drill.js';
import { PRACTICE_LOG } from '../../workspace/layout.js';
import { plural } from '../print.js';
import { printable as p, truncate, wrap } from './text.js';
import { ago, clock, until } from './when.js';

/**
 * The text of a practice session: pure functions from the engine's screens
 * to lines, shared by the terminal mode (which adds the live timer) and
 * the line mode.
 */

export interface DrillStyle {
  color: boolean;
  /** Terminal columns to wrap at. */
  width: number;
  /** `keys`: a terminal with raw keys and a live timer; `lines`: one answer per line of input. */
  mode: 'keys' | 'lines';
  /** The session's clock, for "last practised 2 days ago". */
  now: Date;
}

const INDENT = '   ';

export interface Intro {
  prepared: PreparedDrill;
  /** Set when the profile was not named and others exist. */
  otherProfiles: string[];
  /** Where a fixed clock came from (--now, SOURCE_DATE_EPOCH), if it is fixed. */
  fixedClock?: string;
}

export function formatIntro(intro: Intro, style: DrillStyle): string {
  const c = pc.createColors(style.color);
  const w = (text: string) => wrap(text, style.width);
  const { setup, gaps, available } = intro.prepared;
  const n = setup.questions.length;
  const out = [`${c.bold(`Drill: ${p(setup.profile)}`)} ${c.dim(w(`(${p(setup.heading)})`))}`];
  if (intro.otherProfiles.length) out.push(c.dim(w(`The first of ${intro.otherProfiles.length + 1} profiles; choose another with --profile ${p(intro.otherProfiles[0]!)}.`)));
  if (n === 0) return out.join('\n');
  out.push(w(`${plural(n, 'question')}${n < available ? ` of ${available}` : ''}, ${clock(setup.budgetSeconds)} each. Answer aloud as you would in the interview.`));
  out.push(
    c.dim(
      w(
        style.mode === 'keys'
          ? 'Enter: done, show my cues · 1-4: rate · s: skip · q: stop'
          : 'Enter (an empty line) when done to see the cues, then 1-4 to rate; s skips, q stops.',
      ),
    ),
  );
  if (gaps.length) out.push(c.dim(w(`Not asked: ${gaps.map((g) => p(g.id)).join(', ')} (no story yet).`)));
  if (intro.fixedClock) out.push(c.dim(w(`The clock is fixed at ${style.now.toISOString()} (${intro.fixedClock}).`)));
  return out.join('\n');
}

/** Why this question now: new, due (and how it went last time), or early. */
function standingNote(q: DrillQuestion, now: Date): string {
  const last = q.practice.last;
  if (q.standing === 'new' || !last) return 'new';
  const before = `last ${RATING_NAMES[last.rating]}, ${ago(last.time, now)}`;
  return q.standing === 'due' ? `due · ${before}` : `early: due ${until(q.due!, now)} · ${before}`;
}

export function formatScreen(screen: Screen, style: DrillStyle): string {
  const c = pc.createColors(style.color);
  switch (screen.kind) {
    case 'question': {
      const q = screen.question;
      const rule = c.dim('─'.repeat(Math.min(style.width, 72)));
      const head = `${c.bold(`Question ${screen.position} of ${screen.of}`)} ${c.dim(`· ${standingNote(q, style.now)}`)}`;
      return `\n${rule}\n${head}\n\n${INDENT}${c.bold(wrap(p(q.text), style.width, INDENT))}\n`;
    }
    case 'answer':
      return `${formatElapsed(screen.seconds, screen.budgetSeconds, style)}\n\n${formatStory(screen.question, style)}\n\n${ratingPrompt(style)}`;
    case 'rated':
      return `${INDENT}${c.green('✓')} ${RATING_NAMES[screen.rating]} (${screen.rating}) · ${nextNote(screen.next, screen.at)}`;
    case 'skipped':
      return `${INDENT}${c.dim(`skipped ${p(screen.question.id)}; not logged`)}`;
    case 'retry':
      return screen.phase === 'revealed' ? `${INDENT}${c.yellow('Rate it 1-4')} (1 again · 2 hard · 3 good · 4 easy), or s to skip, q to stop.` : `${INDENT}${c.yellow(screen.hint)}`;
    case 'summary':
      return formatSummary(screen.drill, style);
  }
}

function nextNote(next: Date, at: Date): string {
  // "again" and a first "hard" stay in learning: the next session asks them first.
  if (next.getTime() - at.getTime() < 60 * 60 * 1000) return 'comes back first next time';
  return `next due ${until(next, at)}`;
}

/** "1:47 of 2:00 · 13 s to spare", coloured by how it went. */
export function formatElapsed(seconds: number, budget: number, style: Pick<DrillStyle, 'color'>): string {
  const c = pc.createColors(style.color);
  const time = `${clock(seconds)} of ${clock(budget)}`;
  if (seconds > budget) return `${INDENT}${c.red(c.bold(time))} ${c.red(`· ${clock(seconds - budget)} over`)}`;
  if (seconds < budget / 2) return `${INDENT}${c.bold(time)} ${c.dim('· under half the time')}`;
  return `${INDENT}${c.green(c.bold(time))} ${c.dim(`· ${clock(budget - seconds)} to spare`)}`;
}

/** The story the cheat sheet shows for this question: title, angle, cues, numbers. */
export function formatStory(q: DrillQuestion, style: DrillStyle): string {
  const c = pc.createColors(style.color);
  const s = q.story;
  const pad = `${INDENT}${' '.repeat(9)}`;
  const label = (name: string) => `${INDENT}${c.dim(name.padEnd(9))}`;
  const out = [`${label('Story')}${c.bold(wrap(p(s.title), style.width, pad))}${s.year ? c.dim(` · ${s.year}`) : ''}`];
  if (s.angle) out.push(`${label('Angle')}${c.italic(wrap(p(s.angle), style.width, pad))}`);
  s.cues.forEach((cue, i) => out.push(`${i === 0 ? label('Cues') : pad}• ${wrap(p(cue), style.width, `${pad}  `)}`));
  if (s.metrics.length) out.push(`${label('Numbers')}${c.bold(wrap(s.metrics.map(p).join(' · '), style.width, pad))}`);
  return out.join('\n');
}

function ratingPrompt(style: DrillStyle): string {
  const c = pc.createColors(style.color);
  const choices = `${c.bold('1')} again  ${c.bold('2')} hard  ${c.bold('3')} good  ${c.bold('4')} easy`;
  // 67 columns in all; a narrower terminal gets the second part on a line of its own.
  return `How did it go?  ${choices}${style.width < 68 ? '\n' : '  '}${c.dim('(s skip · q stop)')}`;
}

/** The end of a session: what was done, how long it took, where it went. */
export function formatSummary(drill: Drill, style: DrillStyle): string {
  const c = pc.createColors(style.color);
  const { done, skipped, setup } = drill;
  const ended = drill.phase.name === 'done' ? drill.phase.ended : 'finished';
  if (setup.questions.length === 0) return 'No questions to practise: every question of this profile needs a story first (see storybank plan).';
  if (done.length === 0) {
    const why = ended === 'finished' ? 'Every question was skipped' : ended === 'stopped' ? 'Stopped before the first rating' : 'Input ended before the first rating';
    return `\n${why}; nothing was logged.`;
  }
  const spoken = done.reduce((sum, r) => sum + r.seconds, 0);
  const over = done.filter((r) => r.seconds > setup.budgetSeconds);
  const counts = RATINGS.map((r) => [RATING_NAMES[r], done.filter((d) => d.rating === r).length] as const)
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${n} ${word}`)
    .join(' · ');
  const head =
    ended === 'finished'
      ? `Done: ${plural(done.length, 'answer')}, ${clock(spoken)} of speaking.`
      : `Stopped after ${plural(done.length, 'answer')} of ${setup.questions.length}; ${done.length === 1 ? 'it is' : 'they are'} logged.`;
  const line = (text: string) => `${INDENT}${wrap(text, style.width, INDENT)}`;
  const overs = over.length ? `; over: ${over.map((r) => `${p(r.question.id)} ${clock(r.seconds)}`).join(', ')}` : ', none over';
  return [
    '',
    c.bold(wrap(head, style.width)),
    line(`Time: ${clock(spoken / done.length)} on average against ${clock(setup.budgetSeconds)}${overs}`),
    line(`Ratings: ${counts}${skipped.length ? ` · skipped ${skipped.length}` : ''}`),
    c.dim(line(`Saved to ${PRACTICE_LOG}; progress: storybank drill --stats --profile ${p(setup.profile)}`)),
  ].join('\n');
}

/** The live timer line: elapsed against the budget, with a bar that fills and turns red past it. */
export function formatTimer(elapsedMs: number, budget: number, style: Pick<DrillStyle, 'color' | 'width'>): string {
  const c = pc.createColors(style.color);
  const seconds = Math.floor(elapsedMs / 1000);
  const time = `${clock(seconds)} / ${clock(budget)}`;
  const hint = '  Enter when done';
  const barWidth = Math.max(0, Math.min(30, style.width - INDENT.length - time.length - 2 - 10 - hint.length));
  const filled = Math.min(barWidth, Math.round((seconds / budget) * barWidth));
  const bar = '━'.repeat(filled) + c.dim('─'.repeat(barWidth - filled));
  const paint = seconds > budget ? c.red : seconds >= budget * 0.75 ? c.yellow : c.green;
  const note = seconds > budget ? c.red(` ${clock(seconds - budget)} over`) : '';
  return truncateVisible(`${INDENT}${paint(c.bold(time))}  ${paint(bar)}${note}${c.dim(hint)}`, style.width);
}

/** Keeps a coloured line within the terminal, so redrawing it in place never wraps. */
function truncateVisible(line: string, width: number): string {
  const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
  return [...visible].length < width ? line : truncate(visible, width - 1);
}
