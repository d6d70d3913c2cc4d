import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics.js';
import { formatDiagnostics } from './format/diagnostics.js';

/**
 * The only place that writes to the terminal: every command prints through
 * these, with one colour rule and one way of showing a problem.
 */

/** Options every command takes (yargs globals), resolved once per run. */
export interface Globals {
  /** Absolute workspace root. */
  dir: string;
  quiet: boolean;
  verbose: boolean;
  /** The story cache: --cache / --no-cache, else STORYBANK_CACHE (on unless "off"). */
  cache: boolean;
}

/** Colour only on a terminal, and never with NO_COLOR or TERM=dumb. */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}

/** A line on stdout: results a script may read. */
export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** A line on stderr: progress, problems, hints. */
export function tell(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Each diagnostic on stderr; on a terminal with the source line and a caret. `--quiet` keeps errors only. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], g: Pick<Globals, 'dir' | 'quiet'>, sourceLine = sourceLineReader(g.dir)): void {
  const shown = g.quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  if (shown.length === 0) return;
  tell(formatDiagnostics(shown, { color: useColor(process.stderr), sourceLine }));
}

/** Reads source lines of workspace files on demand, each file once. */
function sourceLineReader(root: string): (file: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file, line) => {
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

/** A path as the user would type it: relative to the current folder when inside it. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** `shown`, quoted for a shell when it holds a space or another character a shell would act on. */
export function shownForShell(path: string): string {
  const text = shown(path);
  return /^[\p{L}\p{N}_@%+=:,./-]+$/u.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function humanSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
