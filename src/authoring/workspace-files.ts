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

/**
 * Whether `root` already holds a workspace (a stories/ folder). Import
 * starts one in a folder that has none; a folder that does not exist is
 * refused, so a typo in --dir does not scatter files.
 */
export async function hasStoriesFolder(root: string): Promise<boolean> {
  try {
    if (!(await stat(root)).isDirectory()) throw new UserError(`${root} is a file, not a folder; pass the workspace folder with --dir`);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`there is no folder ${root}; create it first, or pass an existing one with --dir`);
    throw new EnvironmentError(`cannot read ${root}: ${(err as Error).message}`);
  }
  if (!(await exists(join(root, 'stories')))) return false;
  await requireStoriesFolder(root);
  return true;
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
