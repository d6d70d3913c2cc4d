import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { EnvironmentError, UserError } from '../errors.js';
import { CONFIG_FILE, roleOf, type WorkspaceFile } from './workspace.js';

/** Reads every file of a workspace that storybank cares about. The only disk access of loading. */
export async function readWorkspaceFiles(root: string): Promise<WorkspaceFile[]> {
  const storiesDir = join(root, 'stories');
  let names: string[];
  try {
    names = (await readdir(storiesDir, { recursive: true })) as string[];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`${root} has no stories/ folder; run \`storybank init\` to create a workspace, or pass --dir`);
    }
    throw new EnvironmentError(`cannot read ${storiesDir}: ${(err as Error).message}`);
  }
  const paths = names
    .map((n) => `stories/${n.split(sep).join('/')}`)
    .filter((p) => roleOf(p) !== undefined)
    .sort();
  paths.push(CONFIG_FILE);
  const files: WorkspaceFile[] = [];
  await Promise.all(
    paths.map(async (path) => {
      try {
        files.push({ path, bytes: await readFile(join(root, path)) });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR') return;
        throw new EnvironmentError(`cannot read ${relative(process.cwd(), join(root, path)) || path}: ${(err as Error).message}`);
      }
    }),
  );
  return files;
}
