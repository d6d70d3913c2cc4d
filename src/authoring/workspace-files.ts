import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, UserError } from '../diagnostics.js';
import { listWorkspacePaths } from '../workspace/files.js';
import { baseName, roleOf } from '../workspace/layout.js';

/** What the authoring commands need to know of a workspace on disk before they write into it. */

/** Existing story ids of a workspace (id → workspace-relative path), from file names alone. */
export async function storyIds(root: string): Promise<Map<string, string>> {
  await requireStoriesFolder(root);
  const ids = new Map<string, string>();
  for (const path of await listWorkspacePaths(root)) {
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
