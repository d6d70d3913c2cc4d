import { readFileSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { EnvironmentError, UserError } from '../diagnostics.js';
import { CONFIG_FILE, roleOf, type WorkspaceFile } from './layout.js';

/** Reads every file of a workspace that storybank cares about. The only disk access of loading. */
export async function readWorkspaceFiles(root: string): Promise<WorkspaceFile[]> {
  const paths = await listWorkspacePaths(root);
  paths.push(CONFIG_FILE);
  // Synchronous on purpose: each file is small, and one stat + read costs
  // ~40 µs this way against ~250 µs through fs/promises' thread pool.
  const files: WorkspaceFile[] = [];
  for (const path of paths) {
    const full = join(root, path);
    try {
      // Only regular files: reading a FIFO or a device named *.md would block or never end.
      if (!statSync(full).isFile()) continue;
      files.push({ path, bytes: readFileSync(full) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR') continue;
      throw new EnvironmentError(`cannot read ${relative(process.cwd(), full) || path}: ${(err as Error).message}`);
    }
  }
  return files;
}

/**
 * The workspace-relative paths of every story, profile and questions file
 * under stories/, sorted. The one listing of a workspace: loading, and the
 * authoring commands' check for taken ids, see the same files.
 */
export async function listWorkspacePaths(root: string): Promise<string[]> {
  const storiesDir = join(root, 'stories');
  let names: string[];
  try {
    names = await listFiles(storiesDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new UserError(`${root} has no stories/ folder; run \`storybank init\` to create a workspace, or pass --dir`);
    }
    if (code === 'ENOTDIR') throw new UserError(`${storiesDir} is a file; storybank keeps stories in a stories/ folder`);
    throw new EnvironmentError(`cannot read ${storiesDir}: ${(err as Error).message}`);
  }
  return names
    .map((n) => `stories/${n}`)
    .filter((p) => roleOf(p) !== undefined)
    .sort();
}

/**
 * Every file below `dir`, relative with forward slashes. Symlinked folders are
 * followed, but each real folder is read once, so a link back up (stories/all -> ..)
 * cannot loop.
 */
async function listFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = async (folder: string, rel: string): Promise<void> => {
    const real = await realpath(folder);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const isFolder = entry.isSymbolicLink() ? Boolean((await stat(path).catch(() => undefined))?.isDirectory()) : entry.isDirectory();
      if (isFolder) await walk(path, relPath);
      else found.push(relPath);
    }
  };
  await walk(dir, '');
  return found;
}
