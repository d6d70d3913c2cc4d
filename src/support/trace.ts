/**
 * Where a run spends its time, for `STORYBANK_TRACE=1`: named moments,
 * in ms since the process started (what `performance.now()` counts).
 * Collected here by every stage, printed once by the CLI at exit. Off, a
 * mark costs one comparison.
 */

export interface TraceMark {
  label: string;
  /** ms since the process started. */
  at: number;
}

const marks: TraceMark[] = [];
const enabled = process.env.STORYBANK_TRACE === '1';

export function traceEnabled(): boolean {
  return enabled;
}

/** Records that `label` has just happened. */
export function mark(label: string): void {
  if (enabled) marks.push({ label, at: performance.now() });
}

/** Marks in the order they happened. */
export function traceMarks(): readonly TraceMark[] {
  return marks;
}
