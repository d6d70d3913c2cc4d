import { EnvironmentError } from '../diagnostics.js';

/** What a failed write was for: the words of its `fix:` line. */
export interface WriteTarget {
  /** How to write somewhere else. */
  elsewhere: string;
  /** What to do once the cause is fixed. */
  again: string;
  /** The folder and the file being written, in the user's terms. */
  folder: string;
  file: string;
}

/** Outputs of `build` (the default). */
export const OUTPUT_TARGET: WriteTarget = { elsewhere: 'choose another folder with --out DIR', again: 'build again', folder: 'the output folder', file: 'the output file' };
/** Files written into the workspace (new, init, import). */
export const WORKSPACE_TARGET: WriteTarget = { elsewhere: 'use another folder with --dir', again: 'try again', folder: 'a folder storybank needs', file: 'the file' };

/**
 * A failed write as an environment error (exit 2) whose `fix:` line says
 * what to do about that cause. The one table of write-error hints.
 */
export function writeError(path: string, err: unknown, target: WriteTarget = OUTPUT_TARGET): EnvironmentError {
  if (err instanceof EnvironmentError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const { elsewhere, again, folder, file } = target;
  const hints: Record<string, string> = {
    ENOSPC: `the disk is full; free some space and ${again}`,
    EDQUOT: `your disk quota is used up; free some space and ${again}`,
    EFBIG: `the file has reached the largest size this system allows (see \`ulimit -f\`); raise the limit and ${again}`,
    EACCES: `check the folder permissions, or ${elsewhere}`,
    EPERM: `check the folder permissions, or ${elsewhere}`,
    EROFS: `the file system is read-only; ${elsewhere}`,
    ENOTDIR: `a file is in the way of ${folder}; remove it or ${elsewhere.replace(/^choose another folder with /, 'use ')}`,
    EEXIST: `a file is in the way of ${folder}; remove it or ${elsewhere.replace(/^choose another folder with /, 'use ')}`,
    EISDIR: `a folder is in the way of ${file}; remove it or ${elsewhere.replace(/^choose another folder with /, 'use ')}`,
  };
  return new EnvironmentError(`cannot write ${path}: ${(err as Error).message}`, hints[code] ?? `check that ${folder} is writable, or ${elsewhere}`, { cause: err });
}
