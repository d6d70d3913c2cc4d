import { openStoryCache, saveStoryCache } from './cache/cache-file.js';
import { readWorkspaceFiles } from './files.js';
import { parseWorkspaceYielding, type Workspace } from './parse.js';

/**
 * Reads and parses a workspace, every problem collected in its diagnostics.
 * With `cache: true` (what the CLI passes unless told otherwise), story
 * files parsed by an earlier run are not parsed again; see cache/cache-file.ts.
 */
export async function loadWorkspace(root: string, options: { cache?: boolean } = {}): Promise<Workspace> {
  const files = await readWorkspaceFiles(root);
  const store = options.cache ? openStoryCache(root) : undefined;
  const workspace = await parseWorkspaceYielding(files, { cache: store?.cache });
  saveStoryCache(store);
  return workspace;
}
