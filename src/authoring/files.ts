import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { EnvironmentError, UserError } from '../errors.js';
import { baseName, roleOf } from '../stories/workspace.js';

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
    throw writeError(path, err);
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
    throw err instanceof EnvironmentError ? err : writeError(path, err);
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

export function writeError(path: string, err: unknown): EnvironmentError {
  const code = (err as NodeJS.ErrnoException).code;
  const hints: Record<string, string> = {
    ENOSPC: 'the disk is full; free some space and try again',
    EACCES: 'check the folder permissions, or use another folder with --dir',
    EPERM: 'check the folder permissions, or use another folder with --dir',
    EROFS: 'the file system is read-only; use another folder with --dir',
    ENOTDIR: 'a file is in the way of a folder storybank needs; move it',
  };
  return new EnvironmentError(`cannot write ${path}: ${(err as Error).message}`, hints[code ?? ''] ?? 'check that the folder is writable', {
    cause: err,
  });
}

/** Existing story ids of a workspace (id → workspace-relative path), from file names alone. */
export async function storyIds(root: string): Promise<Map<string, string>> {
  await requireStoriesFolder(root);
  let names: string[];
  try {
    names = (await readdir(join(root, 'stories'), { recursive: true })) as string[];
  } catch (err) {
    throw new EnvironmentError(`cannot read ${join(root, 'stories')}: ${(err as Error).message}`);
  }
  const ids = new Map<string, string>();
  for (const name of names.sort()) {
    const path = `stories/${name.split(sep).join('/')}`;
    if (roleOf(path) !== 'story') continue;
    const id = baseName(path).toLowerCase();
    if (!ids.has(id)) ids.set(id, path);
  }
  return ids;
}

/** Authoring writes into an existing workspace only: a typo in --dir should not scatter files. */
export async function requireStoriesFolder(root: string): Promise<void> {
  const folder = join(root, 'stories');
  try {
    if ((await stat(folder)).isDirectory()) return;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new EnvironmentError(`cannot read ${folder}: ${(err as Error).message}`);
  }
  throw new UserError(`${root} has no stories/ folder; run \`storybank init ${root}\` to create a workspace there, or pass --dir`);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return false;
    throw new EnvironmentError(`cannot read ${path}: ${(err as Error).message}`);
  }
}
