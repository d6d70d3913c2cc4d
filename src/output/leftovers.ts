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
