import { formatDate } from '../../view/view-model.js';

/** Times as people say them, relative to a given `now` so output is testable. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "1:07": a spoken duration, minutes and seconds. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", "on 2 Mar 2026". */
export function ago(time: Date, now: Date): string {
  const ms = now.getTime() - time.getTime();
  if (ms < 0) return `on ${formatDate(time)}`;
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min ago`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ago`;
  // Rounded, as people count days: last night, seen the next morning, was "yesterday".
  const days = Math.max(1, Math.round(ms / DAY));
  if (days === 1) return 'yesterday';
  if (days < 45) return `${days} days ago`;
  return `on ${formatDate(time)}`;
}

/** "now", "in 10 min", "in 3 h", "tomorrow", "in 6 days", "on 2 Apr 2026". */
export function until(time: Date, now: Date): string {
  const ms = time.getTime() - now.getTime();
  if (ms <= 0) return 'now';
  if (ms < HOUR) return `in ${Math.ceil(ms / MINUTE)} min`;
  if (ms < DAY) return `in ${Math.round(ms / HOUR)} h`;
  const days = Math.round(ms / DAY);
  if (days === 1) return 'tomorrow';
  if (days < 45) return `in ${days} days`;
  return `on ${formatDate(time)}`;
}
