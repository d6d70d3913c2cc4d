import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../diagnostics.js';
import { writeError, WORKSPACE_TARGET } from './write-error.js';

/**
 * Disk access of the authoring commands. New files are created without
 * ever replacing one: the text goes to a temp file first and is then
 * hard-linked into place, which fails if the name exists (and a reader
 * never sees half a file). Two `storybank new` at once get two names.
 */

/** Writes `text` to `path` unless `path` exists. Returns false (writing nothing) when it does. */
export async function writeNewFile(path: string, text: string): Promise<boolean> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw writeError(path, err, WORKSPACE_TARGET);
  }
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeDurably(temp, text, 'wx');
    try {
      await link(temp, path);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // File systems without hard links: fall back to an exclusive create.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') {
        try {
          await writeDurably(path, text, 'wx');
          return true;
        } catch (inner) {
          if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
          throw inner;
        }
      }
      throw err;
    }
  } catch (err) {
    throw err instanceof EnvironmentError ? err : writeError(path, err, WORKSPACE_TARGET);
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

async function writeDurably(path: string, text: string, flags: string): Promise<void> {
  const handle = await open(path, flags);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

