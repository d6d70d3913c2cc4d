import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../reliability/processes.js';
import { CLI, REPO_ROOT } from './workspace.js';

/**
 * The CLI on a real pseudo-terminal, through util-linux `script`: what a
 * user at a terminal sees, keys sent as a terminal sends them. The shell
 * around the command records the terminal settings (`stty -g`) before and
 * after it, so a test can tell whether the terminal was put back.
 */

export interface PtySession {
  /** Everything written to the terminal so far, escape sequences included. */
  output(): string;
  /** Sends keys as typed: "\r" is Enter, "\x03" Ctrl-C. */
  send(keys: string): void;
  /** Waits until the output contains `text` (or matches it). */
  waitFor(text: string | RegExp, what?: string): Promise<void>;
  /** Resolves with the command's exit status once it has ended. */
  exited(): Promise<number>;
  /** The terminal settings before and after the command (`stty -g`). */
  stty(): { before: string; after: string };
  /** Ends the session if it still runs: closing the terminal hangs up everything on it. */
  close(): void;
}

const open = new Set<PtySession>();

/** Ends every session a test left running (call from afterEach), so no process outlives its test. */
export function closeAllPtys(): void {
  for (const session of open) session.close();
}

const EXIT = /\[exit (\d+)\]/;

export interface PtyOptions {
  /** Where the terminal settings are recorded. */
  dir: string;
  env?: NodeJS.ProcessEnv;
  columns?: number;
  /** A shell command run first, in the same shell (e.g. a `ulimit`). */
  before?: string;
}

export function startPty(args: readonly string[], options: PtyOptions): PtySession {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const before = join(options.dir, '.stty-before');
  const after = join(options.dir, '.stty-after');
  const command = [
    ...(options.before ? [options.before] : []),
    `stty cols ${options.columns ?? 100} rows 40`,
    `stty -g > ${quote(before)}`,
    `${quote(process.execPath)} ${quote(CLI)} ${args.map(quote).join(' ')}`,
    'status=$?',
    `stty -g > ${quote(after)}`,
    'echo "[exit $status]"',
  ].join('; ');
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn('script', ['-q', '-f', '-e', '-c', command, '/dev/null'], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const ended = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const session: PtySession = {
    output: () => output,
    send: (keys) => void child.stdin.write(keys),
    waitFor: (text, what) =>
      waitFor(() => (typeof text === 'string' ? output.includes(text) : text.test(output)), 60_000, what ?? String(text)).catch((e: Error) => {
        session.close();
        throw new Error(`${e.message}\n--- terminal so far ---\n${output}`);
      }),
    async exited() {
      await session.waitFor(EXIT, 'the command to exit');
      child.stdin.end();
      await ended;
      return Number(EXIT.exec(output)![1]);
    },
    stty: () => ({ before: readFileSync(before, 'utf8'), after: readFileSync(after, 'utf8') }),
    close() {
      open.delete(session);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  open.add(session);
  void ended.then(() => open.delete(session));
  return session;
}

/** The output with escape sequences removed, as the screen reads. */
export function plainText(output: string): string {
  return output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
}
