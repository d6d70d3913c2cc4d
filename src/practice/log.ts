import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { diagnostic, EnvironmentError, type Diagnostic } from '../diagnostics.js';
import { writeError, WORKSPACE_TARGET } from '../output/write-error.js';
import { PRACTICE_LOG } from '../workspace/layout.js';
import { NO_PRACTICE, summarisePractice, type PracticeHistory } from './history.js';

/**
 * The practice log: `.storybank/practice.jsonl`, one JSON object per rep.
 *
 * It is the user's record, so storybank only ever appends to it: each rep
 * is one whole line written by one write call on a file opened for append
 * (O_APPEND), so an interrupted session or two sessions at once never
 * leave half a line. A line that cannot be read is reported and skipped,
 * never rewritten or dropped: the user may be able to mend it.
 */

export const RATINGS = [1, 2, 3, 4] as const;
export const RatingSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], { error: 'must be 1, 2, 3 or 4' });
export type Rating = z.infer<typeof RatingSchema>;

/** What the ratings mean: the words of spaced-repetition apps, so a user of one knows them. */
export const RATING_NAMES: Record<Rating, string> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

const ID = z.string({ error: 'must be text' }).trim().min(1, 'must not be empty');

export const PracticeRepSchema = z.object({
  /** When the answer was rated (ISO 8601 with a time zone). */
  at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time such as 2026-03-02T08:15:00Z' }),
  profile: ID,
  question: ID,
  story: ID,
  /** Spoken time: from the question appearing to the reveal. */
  seconds: z.number({ error: 'must be a number' }).nonnegative('must not be negative').max(86_400, 'must be under a day'),
  rating: RatingSchema,
});
export type PracticeRep = z.infer<typeof PracticeRepSchema>;

/** A rep as read back, with where it came from. */
export interface LoggedRep extends PracticeRep {
  /** 1-based line in the log. */
  line: number;
  /** `at` as a time. */
  time: Date;
}

export interface PracticeLog {
  reps: LoggedRep[];
  /** One warning per line that could not be read. */
  diagnostics: Diagnostic[];
}

const EMPTY: PracticeLog = { reps: [], diagnostics: [] };

/** Reads the log bytes: every good line as a rep, every bad one as a warning with its line number. */
export function parsePracticeLog(bytes: Uint8Array): PracticeLog {
  const reps: LoggedRep[] = [];
  const diagnostics: Diagnostic[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const warn = (line: number, message: string) => diagnostics.push(diagnostic(PRACTICE_LOG, { line, column: 0 }, 'warning', 'practice-log-line', message));
  let start = 0;
  for (let line = 1; start < bytes.length; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const end = newline < 0 ? bytes.length : newline;
    const raw = bytes.subarray(start, end);
    start = end + 1;
    let text: string;
    try {
      text = decoder.decode(raw).replace(/^\uFEFF/, '').replace(/\r$/, '');
    } catch {
      warn(line, 'not valid UTF-8; the line is skipped, and kept as it is');
      continue;
    }
    if (text.trim() === '') continue;
    const rep = readRep(text);
    if (typeof rep === 'string') warn(line, `${rep}; the line is skipped, and kept as it is`);
    else reps.push({ ...rep, line, time: new Date(rep.at) });
  }
  return { reps, diagnostics };
}

function readRep(text: string): PracticeRep | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return newlineless(text).length > 60 ? 'not a JSON object (cut short?)' : `not a JSON object: ${JSON.stringify(newlineless(text))}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `not a JSON object: ${JSON.stringify(newlineless(text))}`;
  const parsed = PracticeRepSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0] ?? '');
  const got = (value as Record<string, unknown>)[key];
  if (got === undefined) return `"${key}" is missing (a rep has at, profile, question, story, seconds and rating)`;
  return `"${key}" ${issue.message} (it is ${truncated(JSON.stringify(got))})`;
}

function truncated(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function newlineless(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The log of the workspace at `root`; none yet is an empty log. */
export function readPracticeLog(root: string): PracticeLog {
  const path = join(root, PRACTICE_LOG);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return EMPTY;
    throw new EnvironmentError(`cannot read ${path}: ${(e as Error).message}`, 'check the file permissions, or move the log away to start afresh', { cause: e });
  }
  try {
    assertPlainFile(fd, path);
    return parsePracticeLog(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
}

/** A device or a pipe in the log's place would be read forever or written nowhere. */
function assertPlainFile(fd: number, path: string): void {
  if (fstatSync(fd).isFile()) return;
  throw new EnvironmentError(`${path} is not a plain file`, 'move it away; storybank keeps the practice log as a plain text file and creates it when needed');
}

/**
 * What the log says, summed up, with its warnings: for the commands that
 * only show practice (build, plan, preview). A log that cannot be read at
 * all is a warning there, never a failure: the outputs do not depend on it.
 */
export function loadPracticeHistory(root: string): { history: PracticeHistory; diagnostics: Diagnostic[] } {
  try {
    const log = readPracticeLog(root);
    return { history: summarisePractice(log.reps), diagnostics: log.diagnostics };
  } catch (e) {
    if (!(e instanceof EnvironmentError)) throw e;
    const message = `${e.message.replace(`${join(root, PRACTICE_LOG)}`, 'the practice log')}; what you practised is not shown (${e.hint})`;
    return { history: NO_PRACTICE, diagnostics: [diagnostic(PRACTICE_LOG, undefined, 'warning', 'practice-log-unreadable', message)] };
  }
}

/** The log line for one rep: always the same keys in the same order. */
export function repLine(rep: PracticeRep): string {
  const { at, profile, question, story, seconds, rating } = rep;
  return `${JSON.stringify({ at, profile, question, story, seconds, rating })}\n`;
}

export interface PracticeLogWriter {
  append(rep: PracticeRep): void;
  close(): void;
}

/**
 * Opens the log for appending, creating `.storybank/` when needed. Done
 * before the first question, so a log that cannot be written is reported
 * before the user has spoken, not after.
 */
export function openPracticeLog(root: string): PracticeLogWriter {
  const path = join(root, PRACTICE_LOG);
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'a+');
  } catch (e) {
    throw writeError(path, e, WORKSPACE_TARGET);
  }
  try {
    assertPlainFile(fd, path);
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  // A last line without its newline (a user's edit, a full disk) stays as it
  // is; the next rep starts on a line of its own instead of joining it.
  let separate = endsWithoutNewline(fd);
  return {
    append(rep) {
      const line = `${separate ? '\n' : ''}${repLine(rep)}`;
      try {
        const bytes = Buffer.from(line);
        const written = writeSync(fd, bytes);
        if (written !== bytes.length) throw Object.assign(new Error(`wrote ${written} of ${bytes.length} bytes`), { code: 'ENOSPC' });
      } catch (e) {
        throw writeError(path, e, WORKSPACE_TARGET);
      }
      separate = false;
    },
    close() {
      closeSync(fd);
    },
  };
}

function endsWithoutNewline(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}
