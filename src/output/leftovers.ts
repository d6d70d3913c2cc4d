import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * What a storybank killed with SIGKILL (or by a power cut) leaves behind:
 * temp files next to outputs, browser profile folders in $TMPDIR. Each is
 * named with the pid of the process that made it, so a later run can tell
 * a dead writer's leftovers from a live one's.
 */

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The entries of `names` that carry, as `pattern`'s first group, the pid of
 * a process that is gone (never this one's): what a killed storybank left.
 */
export function leftByDeadProcesses(names: readonly string[], pattern: RegExp): string[] {
  return names.filter((name) => {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    return Number.isInteger(pid) && pid !== process.pid && !isRunning(pid);
  });
}

/**
 * Removes the entries of `dir` left by dead processes (named per `pattern`),
 * files or folders, optionally only those untouched for `minAgeMs`. Best
 * effort: a folder that cannot be read, or an entry someone else removes
 * first, is skipped. Returns the paths removed.
 */
export async function removeLeftovers(
  dir: string,
  pattern: RegExp,
  options: { /** For all entries, or per entry name. */ minAgeMs?: number | ((name: string) => number); now?: number } = {},
): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const now = options.now ?? Date.now();
  for (const name of leftByDeadProcesses(names, pattern)) {
    const path = join(dir, name);
    try {
      const minAge = typeof options.minAgeMs === 'function' ? options.minAgeMs(name) : options.minAgeMs;
      if (minAge && now - (await stat(path)).mtimeMs < minAge) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
