import { appendFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EnvironmentError, UserError } from '../diagnostics.js';
import { writeNewFile } from '../output/new-file.js';
import { writeError, WORKSPACE_TARGET } from '../output/write-error.js';
import { IGNORED, workspaceFiles } from './scaffold.js';
import { exists, storyIds } from './workspace-files.js';

/** `storybank init`: a new workspace that builds straight away. */

export interface InitResult {
  root: string;
  /** Workspace-relative paths written. */
  written: string[];
  /** Optional files that existed and were left as they were. */
  kept: string[];
  /** What was appended to an existing .gitignore (`out/`, `.storybank/`), if anything. */
  gitignoreAdded: string[];
}

/**
 * Creates a workspace in `root`: example stories, a profile, storybank.yml,
 * README.md and .gitignore. Refuses (writing nothing) when any workspace
 * file exists or the folder already holds stories; an existing README.md is
 * kept and an existing .gitignore gets `out/` and `.storybank/` lines.
 */
export async function initWorkspace(root: string): Promise<InitResult> {
  try {
    if (!(await stat(root)).isDirectory()) throw new UserError(`${root} is a file, not a folder; choose another place for the workspace`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new EnvironmentError(`cannot read ${root}: ${(e as Error).message}`);
  }
  const files = workspaceFiles();
  const conflicts: string[] = [];
  for (const f of files.filter((f) => !f.optional)) if (await exists(join(root, f.path))) conflicts.push(f.path);
  if (conflicts.length) {
    throw new UserError(
      `${conflicts.length === 1 ? 'this file exists' : 'these files exist'} in ${root}, and init never overwrites; nothing was written:\n` +
        `${conflicts.map((c) => `  ${c}`).join('\n')}\nMove ${conflicts.length === 1 ? 'it' : 'them'} away, or run init in an empty folder.`,
    );
  }
  const existing = (await exists(join(root, 'stories'))) ? [...(await storyIds(root)).values()] : [];
  if (existing.length) {
    throw new UserError(`${root} is already a workspace: stories/ holds ${existing.length} stor${existing.length === 1 ? 'y' : 'ies'}; init only creates new workspaces, nothing was written`);
  }

  const written: string[] = [];
  const kept: string[] = [];
  let gitignoreAdded: string[] = [];
  for (const f of files) {
    const path = join(root, f.path);
    if (f.path === '.gitignore' && (await exists(path))) {
      gitignoreAdded = await ensureIgnored(path);
      if (gitignoreAdded.length === 0) kept.push(f.path);
      continue;
    }
    if (await writeNewFile(path, f.text)) written.push(f.path);
    else if (f.optional) kept.push(f.path);
    else throw new UserError(`${f.path} appeared in ${root} while init was writing; it was left alone (written so far: ${written.join(', ') || 'nothing'})`);
  }
  return { root, written, kept, gitignoreAdded };
}

/** Appends each of storybank's entries (with its comment) that no line of a .gitignore covers yet. */
async function ensureIgnored(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new EnvironmentError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const missing = IGNORED.filter(({ entry }) => {
    const bare = entry.replace(/\/$/, '');
    return !lines.some((l) => [bare, `${bare}/`, `/${bare}`, `/${bare}/`].includes(l));
  });
  if (missing.length === 0) return [];
  try {
    await appendFile(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${missing.map((m) => m.text).join('')}`);
  } catch (e) {
    throw writeError(path, e, WORKSPACE_TARGET);
  }
  return missing.map((m) => m.entry);
}
