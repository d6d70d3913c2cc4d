import { expect } from 'vitest';
import type { CliResult } from '../helpers/workspace.js';

/** A Node stack frame: `    at fn (file:line:col)`. Bad input must never show one. */
const STACK_FRAME = /\n\s+at .+\(.*:\d+:\d+\)/;
/** A JavaScript error leaking to the user. */
const JS_ERROR = /TypeError|ReferenceError|SyntaxError: |RangeError/;
/** `path:line:col: severity: message` or `path: severity: message` (whole-file problems). */
export const DIAGNOSTIC_LINE = /^(?<file>[^\s:][^:]*?)(?::(?<line>\d+):(?<column>\d+))?: (?<severity>error|warning|note): (?<message>\S.*)$/u;

export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}

/**
 * What every run must satisfy, whatever the input: exit 0, 1 or 2 (130 only
 * when asked for), no signal death, no stack trace, no raw JS error, no
 * "internal error" (that would be a storybank bug).
 */
export function expectHandled(r: CliResult, allowed: readonly number[] = [0, 1, 2]): void {
  const context = `exit ${r.code} signal ${r.signal}\n--- stderr\n${r.stderr}\n--- stdout\n${r.stdout.slice(0, 2000)}`;
  expect(r.signal, context).toBeNull();
  expect(allowed, context).toContain(r.code);
  expect(r.stderr, context).not.toMatch(STACK_FRAME);
  expect(r.stderr, context).not.toMatch(JS_ERROR);
  expect(r.stderr, context).not.toMatch(/internal error/);
  if (r.code === 1) {
    // Exit 1 always comes with at least one readable reason.
    const reasons = lines(r.stderr).filter((l) => DIAGNOSTIC_LINE.test(l) || l.startsWith('storybank: '));
    const json = r.stdout.trimStart().startsWith('[') && r.stdout.includes('"severity": "error"');
    expect(reasons.length > 0 || json, context).toBe(true);
  }
}

/** Every `error:` line is well formed: a file, and a line:col unless the problem is the whole file. */
export function errorLines(stderr: string): string[] {
  return lines(stderr).filter((l) => / error: /.test(l) && DIAGNOSTIC_LINE.test(l));
}
