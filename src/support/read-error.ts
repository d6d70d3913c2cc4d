import { EnvironmentError } from '../diagnostics.js';

/**
 * A file or folder storybank must read but cannot, as an environment error
 * (exit 2) naming it, with a `fix:` line for the cause. The one table of
 * read-error hints (write errors: output/write-error.ts).
 */
export function readError(shownPath: string, err: unknown, what = 'it'): EnvironmentError {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  const hints: Record<string, string> = {
    EACCES: `check the permissions of ${shownPath} (storybank needs to read ${what}), e.g. chmod u+r`,
    EPERM: `check the permissions of ${shownPath} (storybank needs to read ${what}), e.g. chmod u+r`,
    ELOOP: `${shownPath} is a symbolic link that leads back to itself; remove it, or point it at a real file`,
    ENOENT: `${shownPath} is a symbolic link to something that does not exist; remove it, or restore what it points to`,
    EISDIR: `${shownPath} is a folder where a file belongs; rename or remove the folder`,
    // (Not an errno on Linux: what storybank says for a folder, pipe or device under a file's name.)
    EFTYPE: `${shownPath} is not a regular file (a folder, pipe or device); put a file there, or remove it`,
    ENOTDIR: `a file is in the way on the path to ${shownPath}; rename or remove it`,
    EIO: 'the disk reported an error; check the disk, or copy the workspace elsewhere',
    EMFILE: 'too many files are open; close other programs and try again',
    ENFILE: 'too many files are open; close other programs and try again',
  };
  const reason = (err as Error).message ?? String(err);
  return new EnvironmentError(`cannot read ${shownPath}: ${reason}`, hints[code] ?? `check that ${shownPath} is readable`, { cause: err });
}
