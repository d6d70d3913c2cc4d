import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EnvironmentError } from '../errors.js';

/** Temp files being written right now, so an interrupt can remove them. */
const inFlight = new Set<string>();

/**
 * Writes through a temp file in the same folder and renames it into place:
 * readers see the old file or the new one, never half of either, and a
 * failed or interrupted build leaves the previous output untouched.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    inFlight.add(temp);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw writeError(path, err);
  } finally {
    inFlight.delete(temp);
  }
}

function writeError(path: string, err: unknown): EnvironmentError {
  const code = (err as NodeJS.ErrnoException).code;
  const hints: Record<string, string> = {
    ENOSPC: 'the disk is full; free some space and build again',
    EACCES: 'check the folder permissions, or choose another folder with --out DIR',
    EPERM: 'check the folder permissions, or choose another folder with --out DIR',
    EROFS: 'the file system is read-only; choose another folder with --out DIR',
    ENOTDIR: 'a file is in the way of the output folder; remove it or use --out DIR',
    EEXIST: 'a file is in the way of the output folder; remove it or use --out DIR',
  };
  return new EnvironmentError(
    `cannot write ${path}: ${(err as Error).message}`,
    hints[code ?? ''] ?? 'check that the output folder is writable, or use --out DIR',
    { cause: err },
  );
}

/** Synchronous cleanup for signal handlers. */
export function removeTempFilesNow(): void {
  for (const temp of inFlight) {
    try {
      unlinkSync(temp);
    } catch {
      // Already renamed or never created.
    }
  }
  inFlight.clear();
}
