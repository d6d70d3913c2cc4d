import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../package-root.js';
import { StoryCache, type CachedStoryFile } from './story-cache.js';

/**
 * Keeps a workspace's parsed stories between runs, in one JSON file per
 * workspace under the user's cache folder (never inside the workspace, so
 * there is nothing to ignore in git). The cache only ever saves work: a
 * missing, unreadable, corrupt or foreign file is treated as empty, and a
 * cache that cannot be written is skipped without a word.
 *
 * STORYBANK_CACHE_DIR moves it; STORYBANK_CACHE=off (or `--no-cache`) turns it off.
 */

const FORMAT = 1;

interface CacheFileContent {
  format: number;
  salt: string;
  workspace: string;
  entries: [string, CachedStoryFile][];
}

export function cacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.STORYBANK_CACHE ?? '');
}

/** The cache folder: STORYBANK_CACHE_DIR, else the platform's user cache folder. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STORYBANK_CACHE_DIR) return resolve(env.STORYBANK_CACHE_DIR);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'storybank');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'storybank', 'Cache');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'storybank');
}

export interface StoryCacheFile {
  cache: StoryCache;
  path: string;
}

/** Opens the cache of the workspace at `root` (empty when there is none yet or it cannot be used). */
export function openStoryCache(root: string, env: NodeJS.ProcessEnv = process.env): StoryCacheFile {
  let workspace: string;
  try {
    workspace = realpathSync(root);
  } catch {
    workspace = resolve(root);
  }
  const path = join(cacheDir(env), `stories-${createHash('sha256').update(workspace).digest('hex').slice(0, 16)}.json`);
  const salt = codeIdentity();
  let entries = new Map<string, CachedStoryFile>();
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as Partial<CacheFileContent>;
    if (content.format === FORMAT && content.salt === salt && content.workspace === workspace && Array.isArray(content.entries)) {
      entries = new Map(content.entries);
      // Used: keep it from being pruned even when nothing in it changes.
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // A read-only cache still saves the parsing.
      }
    }
  } catch {
    // No cache yet, or one that cannot be read: start empty.
  }
  return { cache: new StoryCache(salt, entries), path };
}

/** Writes the entries this run used, when they differ from what was read. Never fails. */
export function saveStoryCache({ cache, path }: StoryCacheFile, root: string): void {
  if (!cache.changed) return;
  let workspace: string;
  try {
    workspace = realpathSync(root);
  } catch {
    return;
  }
  const content: CacheFileContent = { format: FORMAT, salt: codeIdentity(), workspace, entries: [...cache.entriesInUse()] };
  const temp = `${path}.${process.pid}.tmp`;
  try {
    // Owner-only: the cache holds story text, and stories can be private.
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(temp, JSON.stringify(content), { mode: 0o600 });
    // A rename, so a concurrent run reads the old file or the new one, never half of one.
    renameSync(temp, path);
    pruneOldCaches(dirname(path));
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

const UNUSED_DAYS = 60;

/** Drops the caches of workspaces not used for UNUSED_DAYS (moved, deleted, or long finished). */
function pruneOldCaches(dir: string): void {
  const before = Date.now() - UNUSED_DAYS * 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    if (!/^stories-[0-9a-f]{16}\.json(\.\d+\.tmp)?$/.test(name)) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

let identity: string | undefined;

/**
 * Identifies the code that parses: every source file of storybank itself
 * (dist/ when installed, src/ under the tests) and the versions of the
 * parsers it uses. A new version or build, or an edit, never reads entries
 * made by other code. Hashing ~60 small files costs a few milliseconds.
 */
function codeIdentity(): string {
  if (identity) return identity;
  const hash = createHash('sha256');
  // The top folder of the running code below the package: dist/ (the
  // compiled files and the CLI's bundle) or src/ (under the tests).
  const root = packageRoot();
  const codeRoot = join(root, relative(root, fileURLToPath(import.meta.url)).split(sep)[0]!);
  for (const file of listCode(codeRoot)) hash.update(file).update('\0').update(readFileSync(join(codeRoot, file))).update('\0');
  const require = createRequire(import.meta.url);
  for (const [name, from] of [['yaml'], ['zod'], ['mdast-util-from-markdown'], ['mdast-util-to-string'], ['micromark', 'mdast-util-from-markdown']] as const) {
    hash.update(`${name}@${installedVersion(require, name, from)}\0`);
  }
  identity = hash.digest('base64url');
  return identity;
}

function listCode(root: string, rel = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listCode(root, path));
    else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The installed version of a package (found from `from`, for one that is not a direct dependency). */
function installedVersion(require: NodeJS.Require, name: string, from?: string): string {
  try {
    const base = from ? createRequire(require.resolve(from)) : require;
    let dir = dirname(base.resolve(name));
    for (;;) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      } catch {
        // Not here; look further up.
      }
      const up = dirname(dir);
      if (up === dir) return '?';
      dir = up;
    }
  } catch {
    return '?';
  }
}
