import type { TraceMark } from '../../support/trace.js';

/**
 * One line per mark: the time since the process started, the time since
 * the mark before, and what happened. Work that overlaps (the browser
 * starting while the stories are read) shows as interleaved lines.
 */
export function formatTrace(marks: readonly TraceMark[]): string[] {
  let previous = 0;
  return marks.map((m) => {
    const line = `trace ${String(Math.round(m.at)).padStart(6)} ms  +${String(Math.round(m.at - previous)).padEnd(5)} ${m.label}`;
    previous = m.at;
    return line;
  });
}
