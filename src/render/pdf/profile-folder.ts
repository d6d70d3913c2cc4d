import { createHash } from 'node:crypto';
import { existsSync, readlinkSync, rmSync, statfsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeLeftovers } from '../../output/leftovers.js';

/**
 * The folder Chromium keeps its profile in ($TMPDIR/storybank-chromium-…,
 * about 2 MB), from creation to removal on every way out: a normal close,
 * an error, Ctrl-C (the exit handler removes what is still there), and
 * SIGKILL (the next launch's sweep removes it at once).
 *
 * Its name carries the pid of the storybank that made it and the pid
 * namespace that pid belongs to, so a later run can tell "that process is
 * gone" for certain; a folder of another namespace (a container sharing
 * /tmp, where our pid check means nothing) is only removed once a day old.
 */

const PREFIX = 'storybank-chromium-';
/** `storybank-chromium-<pid>-<scope>-XXXXXX`; folders of older versions have no scope. */
const FOLDER = /^storybank-chromium-(\d+)-(?:([0-9a-z]{1,16})-)?[A-Za-z0-9]{6}$/;
/** Old enough that even a browser of another pid namespace is long gone. */
const FOREIGN_MS = 24 * 3600 * 1000;

let scope: string | undefined;

/** This process's pid namespace (Linux: the namespace's inode), else a hash of the host name. */
export function pidScope(): string {
  if (scope) return scope;
  try {
    scope = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
  } catch {
    // Not Linux, or no /proc.
  }
  scope ??= createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
  return scope;
}

/** Folders made and not yet removed: the exit handler's list. */
const pending = new Set<string>();

/** A new, empty profile folder in $TMPDIR, named for this process. */
export async function createProfileFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-${pidScope()}-`));
  pending.add(dir);
  return dir;
}

/** Removes a profile folder once its browser has stopped. A folder something still writes to is retried, then left to the exit handler. */
export async function removeProfileFolder(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 }).catch(() => undefined);
  if (!existsSync(dir)) pending.delete(dir);
}

/** Synchronous, for process exit (once the browsers are killed): every profile folder this process made that is still there. */
export function removeProfileFoldersNow(): void {
  for (const dir of pending) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      pending.delete(dir);
    } catch {
      // The next launch's sweep removes it.
    }
  }
}

/**
 * Removes the profile folders of storybanks that were killed (SIGKILL, out
 * of memory, power loss) and so could not clean up: at once when the pid
 * is of our namespace and no longer runs, after a day otherwise. Best effort.
 */
export async function sweepStaleProfiles(dir: string, now = Date.now()): Promise<string[]> {
  const ours = pidScope();
  return removeLeftovers(dir, FOLDER, { minAgeMs: (name) => (FOLDER.exec(name)?.[2] === ours ? 0 : FOREIGN_MS), now });
}

/** Whether the temporary folder is (nearly) full: then a browser failure is most likely that. */
export function tmpdirIsFull(statfs: (path: string) => { bavail: number; bsize: number } = statfsSync): boolean {
  try {
    const free = statfs(tmpdir());
    return free.bavail * free.bsize < 64 * 1024 * 1024;
  } catch {
    return false;
  }
}

/** The fix line for a temporary folder that is full. */
export function fullTmpdirHint(): string {
  return `the temporary folder ${tmpdir()} is (nearly) full, and the browser keeps its profile and the PDF there: free some space, or set TMPDIR to a folder with room`;
}
