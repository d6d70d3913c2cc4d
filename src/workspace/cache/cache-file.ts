import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPackage, packageRoot } from '../../support/package.js';
import { StoryCache, type CachedStoryFile } from './story-cache.js';

/**
 * Keeps a workspace's parsed stories between runs, in one JSON file per
 * workspace under the user's cache folder (never inside the workspace, so
 * there is nothing to ignore in git). The cache only ever saves work: a
 * missing, unreadable, corrupt, foreign or someone else's file is treated
 * as empty, and a cache that cannot be opened or written is skipped
 * without a word.
 *
 * STORYBANK_CACHE_DIR moves it; STORYBANK_CACHE=off (or `--no-cache`) turns it off.
 */

const FORMAT = 2;

interface CacheFileContent {
  format: number;
  salt: string;
  workspace: string;
  entries: [string, CachedStoryFile][];
}

/** The cache folder: STORYBANK_CACHE_DIR, else the platform's user cache folder. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STORYBANK_CACHE_DIR) return resolve(env.STORYBANK_CACHE_DIR);
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'storybank');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'storybank', 'Cache');
  // The XDG spec says to ignore a relative XDG_CACHE_HOME; it would put the cache in the workspace.
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(xdg, 'storybank');
}

export interface StoryCacheFile {
  cache: StoryCache;
  path: string;
  workspace: string;
  salt: string;
}

/**
 * Opens the cache of the workspace at `root`: its entries when the file is
 * usable, none when there is no file yet or it cannot be trusted. Undefined
 * when there can be no cache at all (no home folder, storybank's own files
 * not found): the caller then parses without one.
 */
export function openStoryCache(root: string, env: NodeJS.ProcessEnv = process.env): StoryCacheFile | undefined {
  try {
    const workspace = realpathOr(root);
    const path = join(cacheDir(env), `stories-${createHash('sha256').update(workspace).digest('hex').slice(0, 16)}.json`);
    const salt = codeIdentity();
    return { cache: new StoryCache(salt, readEntries(path, salt, workspace)), path, workspace, salt };
  } catch {
    return undefined;
  }
}

/** A cache file larger than this is not ours to read (a thousand stories take a few MB). */
const MAX_CACHE_BYTES = 64 * 1024 * 1024;

/** The entries as stored, unchecked: StoryCache checks each one (shape, source text) before it uses it. */
function readEntries(path: string, salt: string, workspace: string): Map<string, unknown> {
  let fd: number | undefined;
  try {
    // Non-blocking: opening a FIFO planted under the cache's name would otherwise wait forever for a writer.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_CACHE_BYTES) return new Map();
    // Only our own file: in a shared STORYBANK_CACHE_DIR, another user could plant entries.
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return new Map();
    const content = JSON.parse(readFileSync(fd, 'utf8')) as Partial<CacheFileContent> | null;
    if (content?.format !== FORMAT || content.salt !== salt || content.workspace !== workspace || !Array.isArray(content.entries)) return new Map();
    try {
      // Used: keep it from being pruned even when nothing in it changes.
      const now = new Date();
      utimesSync(path, now, now);
    } catch {
      // A read-only cache still saves the parsing.
    }
    return new Map(content.entries as unknown[] as [string, unknown][]);
  } catch {
    // No cache yet, or one that cannot be read: start empty.
    return new Map();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes the entries this run used, when they differ from what was read. Never fails. */
export function saveStoryCache(file: StoryCacheFile | undefined): void {
  if (!file?.cache.changed) return;
  const content: CacheFileContent = { format: FORMAT, salt: file.salt, workspace: file.workspace, entries: [...file.cache.entriesInUse()] };
  // A fresh random name, created exclusively: never follows a planted link, never clashes with another run.
  const temp = `${file.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // Owner-only: the cache holds story text, and stories can be private.
    makeFolder(dirname(file.path));
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(content));
    } finally {
      closeSync(fd);
    }
    // A rename, so a concurrent run reads the old file or the new one, never half of one.
    renameSync(temp, file.path);
    pruneOldCaches(dirname(file.path));
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}

/**
 * `mkdir -p`, one level at a time, owner-only. Node's recursive mkdir never
 * returns on some paths (STORYBANK_CACHE_DIR=/proc/nope loops inside it,
 * deaf to Ctrl-C); here any failure throws at once, and means "no cache".
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    if (dirname(d) === d || missing.length > 32) throw new Error(`cannot create ${dir}`);
    missing.push(d);
  }
  for (const d of missing.reverse()) mkdirSync(d, { mode: 0o700 });
}

const UNUSED_DAYS = 60;

/** Drops the caches of workspaces not used for UNUSED_DAYS (moved, deleted, or long finished). */
function pruneOldCaches(dir: string): void {
  const before = Date.now() - UNUSED_DAYS * 24 * 3600 * 1000;
  for (const name of readdirSync(dir)) {
    if (!/^stories-[0-9a-f]{16}\.json(\.\d+\.[0-9a-f]{8}\.tmp)?$/.test(name)) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).mtimeMs < before) rmSync(file, { force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

let identity: string | undefined;

/**
 * Identifies everything that shapes what parsing gives, so that entries made
 * by other code are never used: storybank's running code (the CLI's bundle,
 * which holds its dependencies too; else dist/ or src/ as a whole), the
 * installed dependency tree (npm's record of node_modules, or the parsers'
 * versions), and Node's Unicode tables (word counts use \p{L}).
 */
function codeIdentity(): string {
  if (identity) return identity;
  const root = packageRoot();
  const here = relative(root, fileURLToPath(import.meta.url)).split(sep);
  // Bundled: dist/bin/storybank.js and dist/chunks/ are all the code that runs.
  const code = here[0] === 'dist' && here[1] === 'chunks' ? [join(root, 'dist', 'bin', 'storybank.js'), join(root, 'dist', 'chunks')] : [join(root, here[0]!)];
  identity = identityOf(code, [`node ${process.version}`, `unicode ${process.versions.unicode}`, dependencyState(root)]);
  return identity;
}

/** A hash of the given files (folders: their .js and .ts files, recursively) and extra strings. */
export function identityOf(paths: readonly string[], extra: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    for (const file of codeFiles(path)) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  }
  for (const item of extra) hash.update(item).update('\0');
  return hash.digest('base64url');
}

function codeFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...codeFiles(full));
    else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/**
 * The installed dependencies: npm's own record of node_modules (it changes
 * with any install, update or removal) when there is one, beside storybank
 * or above it when storybank is itself installed as a package; else the
 * versions of the parsers, which are what shape a parsed story.
 */
function dependencyState(root: string): string {
  for (const record of [join(root, 'node_modules', '.package-lock.json'), join(dirname(root), '.package-lock.json')]) {
    if (existsSync(record)) return createHash('sha256').update(readFileSync(record)).digest('base64url');
  }
  const require = createRequire(join(root, 'package.json'));
  const parsers = [['yaml'], ['gray-matter'], ['zod'], ['mdast-util-from-markdown'], ['fastest-levenshtein'], ['micromark', 'mdast-util-from-markdown'], ['micromark-core-commonmark', 'micromark']] as const;
  return parsers.map(([name, from]) => `${name}@${installedVersion(require, name, from)}`).join(',');
}

/** The installed version of a package (found from `from`, for one that is not a direct dependency). */
function installedVersion(require: NodeJS.Require, name: string, from?: string): string {
  try {
    const base = from ? createRequire(require.resolve(from)) : require;
    return findPackage(dirname(base.resolve(name)), name)?.pkg.version ?? '?';
  } catch {
    return '?';
  }
}
