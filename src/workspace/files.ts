import { readFileSync, statSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UserError } from '../diagnostics.js';
import { readError } from '../support/read-error.js';
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
      throw readError(relative(process.cwd(), full) || path, err);
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
  await assertWorkspaceFolder(root);
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
    throw readError(storiesDir, err, 'the folder');
  }
  return names
    .map((n) => `stories/${n}`)
    .filter((p) => roleOf(p) !== undefined)
    .sort();
}

/** `--dir` must be a folder: `--dir /etc/passwd` is a usage error about --dir, not about a stories/ inside a file. */
async function assertWorkspaceFolder(root: string): Promise<void> {
  const found = await stat(root).catch((err: NodeJS.ErrnoException) => err);
  if (found instanceof Error) {
    if (found.code === 'ENOENT') throw new UserError(`${root} does not exist; pass --dir with a workspace folder, or run \`storybank init ${root}\` to create one`);
    if (found.code === 'ENOTDIR') throw new UserError(`${root} is not a folder; pass --dir with a workspace folder`);
    throw readError(root, found, 'the folder');
  }
  if (!found.isDirectory()) throw new UserError(`${root} is a file, not a workspace folder; pass --dir with the folder that holds stories/`);
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
