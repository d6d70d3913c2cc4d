import pc from 'picocolors';
import { RATING_NAMES } from '../../practice/log.js';
import type { PracticeStanding, QuestionStanding } from '../../pipeline/drill.js';
import { plural } from '../print.js';
import { printable as p, truncate } from './text.js';
import { ago, clock, until } from './when.js';

/** `drill --stats`: per question of a profile, what was practised and what is due. */

export function statsToJson(standing: PracticeStanding) {
  const { setup, rows } = standing;
  return {
    profile: setup.profile,
    heading: setup.heading,
    budgetSeconds: setup.budgetSeconds,
    questions: rows.map((r) => ({
      number: r.number,
      id: r.id,
      text: r.text,
      story: r.story ? { id: r.story.id, title: r.story.title } : null,
      reps: r.practice?.reps ?? 0,
      last: r.practice?.last ? { at: r.practice.last.time.toISOString(), rating: r.practice.last.rating, seconds: r.practice.last.seconds } : null,
      averageSeconds: r.practice?.averageSeconds === undefined ? null : Math.round(r.practice.averageSeconds * 10) / 10,
      standing: r.story ? r.standing : 'gap',
      due: r.due?.toISOString() ?? null,
    })),
    /** The order the next `drill` would ask in. */
    next: setup.questions.map((q) => q.id),
  };
}

export function formatStats(standing: PracticeStanding, style: { color: boolean; width: number; now: Date }): string {
  const c = pc.createColors(style.color);
  const { setup, rows } = standing;
  const reps = rows.reduce((sum, r) => sum + (r.practice?.reps ?? 0), 0);
  const out = [`${c.bold(`${p(setup.profile)}: ${p(setup.heading)}`)} ${c.dim(`· ${clock(setup.budgetSeconds)} per answer · ${plural(reps, 'rep')}`)}`];
  const cells = rows.map((r) => statsCells(r, setup.budgetSeconds, style.now));
  const head = ['#', 'question', 'reps', 'last', 'avg', 'due'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]!.length)));
  // The question column takes what the others leave, down to 20 characters.
  const rest = widths.reduce((sum, w, i) => (i === 1 ? sum : sum + w + 2), 2);
  widths[1] = Math.max(20, Math.min(widths[1]!, style.width - rest));
  const numeric = new Set([0, 2]);
  const cell = (text: string, i: number) => {
    const fitted = i === 1 ? truncate(text, widths[i]!) : text;
    return numeric.has(i) ? fitted.padStart(widths[i]!) : fitted.padEnd(widths[i]!);
  };
  const line = (row: string[]) => `  ${row.map(cell).join('  ')}`.trimEnd();
  out.push(c.dim(line(head)));
  rows.forEach((r, i) => {
    const text = line(cells[i]!);
    out.push(!r.story ? c.dim(text) : r.standing === 'due' ? c.yellow(text) : text);
  });
  const due = rows.filter((r) => r.standing === 'due').length;
  const fresh = rows.filter((r) => r.standing === 'new').length;
  const gaps = rows.filter((r) => !r.story).length;
  const summary = [due ? `${due} due now` : 'none due', fresh ? `${fresh} never practised` : '', gaps ? `${plural(gaps, 'gap')} (no story)` : ''].filter(Boolean).join(' · ');
  out.push('', `${summary}.${setup.questions.length ? ` Next drill asks: ${setup.questions.slice(0, 5).map((q) => p(q.id)).join(', ')}${setup.questions.length > 5 ? ', …' : ''}` : ''}`);
  return out.join('\n');
}

function statsCells(r: QuestionStanding, budget: number, now: Date): string[] {
  const number = String(r.number);
  const text = p(r.text);
  if (!r.story) return [number, text, '-', 'no story yet', '-', 'gap'];
  const practice = r.practice;
  const last = practice?.last ? `${RATING_NAMES[practice.last.rating]}, ${ago(practice.last.time, now)}` : 'never';
  const avg = practice?.averageSeconds === undefined ? '-' : `${clock(practice.averageSeconds)}${practice.averageSeconds > budget ? ' over' : ''}`;
  const due = r.standing === 'new' ? 'new' : r.standing === 'due' ? 'now' : until(r.due!, now);
  return [number, text, String(practice?.reps ?? 0), last, avg, due];
}
