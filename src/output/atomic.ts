import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { removeLeftovers } from './leftovers.js';
import { writeError } from './write-error.js';

/** Temp files being written right now, so an interrupt can remove them. */
const inFlight = new Set<string>();

/** `.<name>.<pid>.<random>.tmp`: the pid tells a later build whether the writer is still alive. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Writes through a temp file in the same folder and renames it into place:
 * readers see the old file or the new one, never half of either, and a
 * failed or interrupted build leaves the previous output untouched.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}

/**
 * All or nothing for a set of files: every temp file is written and synced
 * first, and only then are they renamed into place. A failure while writing
 * (disk full, a file in the way) replaces none of the previous files.
 */
export async function writeFilesAtomic(files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  await commitStaged(await stageFiles(files));
}

/** A file written and synced next to where it goes, not yet in place. */
export interface StagedFile {
  path: string;
  temp: string;
}

/**
 * The first half of writeFilesAtomic, for files that are ready at
 * different times (the DOCX while the PDF still prints): stage each as it
 * comes, commit them all at the end, or discard them all. On a failure,
 * what this call staged is removed.
 */
export async function stageFiles(files: readonly { path: string; data: Uint8Array | string }[]): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  try {
    for (const file of files) staged.push({ path: file.path, temp: await stage(file.path, file.data) });
  } catch (err) {
    await discardStaged(staged);
    throw err;
  }
  return staged;
}

/** Renames staged files into place; after a failure, the rest are discarded. */
export async function commitStaged(staged: readonly StagedFile[]): Promise<void> {
  for (const [i, { path, temp }] of staged.entries()) {
    try {
      await rename(temp, path);
      inFlight.delete(temp);
    } catch (err) {
      await discardStaged(staged.slice(i));
      throw writeError(path, err);
    }
  }
}

export async function discardStaged(staged: readonly StagedFile[]): Promise<void> {
  await discard(staged.map((s) => s.temp));
}

async function stage(path: string, data: Uint8Array | string): Promise<string> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    // A folder where the file should go would only fail at rename, after other files were replaced.
    if ((await stat(path).catch(() => undefined))?.isDirectory()) {
      throw Object.assign(new Error(`EISDIR: a folder has the name of the output file, '${path}'`), { code: 'EISDIR' });
    }
    await sweepStaleTemps(dir);
    inFlight.add(temp);
    // Exclusive: a fresh name, never a file or link someone put there.
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  } catch (err) {
    await discard([temp]);
    throw writeError(path, err);
  }
}

async function discard(temps: readonly string[]): Promise<void> {
  for (const temp of temps) {
    await rm(temp, { force: true }).catch(() => undefined);
    inFlight.delete(temp);
  }
}

const swept = new Set<string>();

/**
 * A build killed with SIGKILL (or by a power cut) cannot remove its temp
 * files; the next build writing to the same folder does, once per folder.
 * Temp files of a writer that is still running are left alone.
 */
async function sweepStaleTemps(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  await removeLeftovers(dir, TEMP_NAME);
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
