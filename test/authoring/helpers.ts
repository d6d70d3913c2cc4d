import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterEach } from 'vitest';
import type { WorkspaceFile } from '../../src/workspace/layout.js';

export { BACKEND_NOTES, bytesOf, fixture, FIXTURES, words } from './notes-fixtures.js';

const made: string[] = [];

/** A throwaway folder, removed after the test. */
export async function tempDir(prefix = 'storybank-authoring-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** Every file under `root`, as workspace files (forward-slash relative paths). */
export async function readTree(root: string): Promise<WorkspaceFile[]> {
  const names = (await readdir(root, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  return Promise.all(
    names.map(async (d) => {
      const abs = join(d.parentPath, d.name);
      return { path: relative(root, abs).split(sep).join('/'), bytes: await readFile(abs) };
    }),
  );
}
