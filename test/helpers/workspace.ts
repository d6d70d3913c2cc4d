import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Throwaway workspaces for tests (the changesets way: one fixture folder per
 * case, on disk, removed afterwards), and a runner for the built CLI.
 *
 *   const ws = await makeWorkspace({ 'stories/a.md': story({ title: 'A' }), ...minimalProfile() });
 *   const r = await runCli(['--dir', ws.dir, 'check']);
 *   await ws.remove();
 */

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CLI = join(REPO_ROOT, 'dist', 'bin', 'storybank.js');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');

export type FileContent = string | Uint8Array;
export type FileTree = Record<string, FileContent>;

export interface TempWorkspace {
  /** Absolute path of the workspace root. */
  dir: string;
  /** Absolute path of a workspace-relative path. */
  path(rel: string): string;
  write(rel: string, content: FileContent): Promise<void>;
  read(rel: string): Promise<Buffer>;
  /** Every file below `rel` (default: the root), workspace-relative with forward slashes, sorted. */
  list(rel?: string): Promise<string[]>;
  remove(): Promise<void>;
}

const created = new Set<string>();

/** A fresh folder under the OS temp dir holding `files` (paths relative to the workspace, forward slashes). */
export async function makeWorkspace(files: FileTree = {}, prefix = 'storybank-ws-'): Promise<TempWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.add(dir);
  const ws = workspaceAt(dir);
  for (const [rel, content] of Object.entries(files)) await ws.write(rel, content);
  return ws;
}

/** Copies a committed fixture folder (e.g. `bad/invalid-yaml`) into a throwaway workspace. */
export async function copyFixture(name: string, extra: FileTree = {}): Promise<TempWorkspace> {
  const ws = await makeWorkspace({}, `storybank-${name.replace(/[^\w-]+/g, '-')}-`);
  await cp(join(FIXTURES, name), ws.dir, { recursive: true });
  for (const [rel, content] of Object.entries(extra)) await ws.write(rel, content);
  return ws;
}

export function workspaceAt(dir: string): TempWorkspace {
  const path = (rel: string) => join(dir, ...rel.split('/'));
  return {
    dir,
    path,
    async write(rel, content) {
      await mkdir(dirname(path(rel)), { recursive: true });
      await writeFile(path(rel), content);
    },
    read: (rel) => readFile(path(rel)),
    list: (rel = '') => listFiles(dir, rel),
    async remove() {
      created.delete(dir);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function listFiles(root: string, rel: string): Promise<string[]> {
  const base = join(root, ...rel.split('/').filter(Boolean));
  if (!existsSync(base)) return [];
  const entries = await readdir(base, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** Removes every workspace a test file created and did not remove itself (call from afterAll). */
export async function removeAllWorkspaces(): Promise<void> {
  await Promise.all([...created].map((dir) => rm(dir, { recursive: true, force: true })));
  created.clear();
}

// ---------------------------------------------------------------------------
// File builders

export interface StoryFields {
  title?: unknown;
  kind?: 'star' | 'answer';
  questions?: string[];
  competencies?: string[];
  tags?: string[];
  year?: number;
  metrics?: string[];
  cues?: string[];
  private?: boolean;
  draft?: boolean;
  [key: string]: unknown;
}

/** YAML for flat front matter; values are JSON, which is valid YAML flow syntax. */
export function frontMatter(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return `---\n${lines.join('\n')}\n---\n`;
}

export const STAR_BODY = [
  '## Situation',
  'The nightly import failed twice a week.',
  '',
  '## Task',
  'I had to make it reliable before the holiday peak.',
  '',
  '## Action',
  'I added retries with idempotent writes and a dead-letter queue.',
  '',
  '## Result',
  'Failures dropped from 8 a month to 0 in the next quarter.',
  '',
].join('\n');

/** A valid STAR story file. */
export function story(fields: StoryFields = {}, body = STAR_BODY): string {
  return `${frontMatter({ title: 'A reliable import', questions: ['failure'], competencies: ['ownership'], ...fields })}${body}`;
}

/** A valid profile file. */
export function profile(fields: Record<string, unknown> = {}, body = ''): string {
  return `${frontMatter({ role: 'Backend Engineer', questions: ['failure', 'hardest-project'], ...fields })}${body}`;
}

/** `stories/profiles/<name>.md` with a valid profile: the least a workspace needs to build. */
export function minimalProfile(name = 'p', fields: Record<string, unknown> = {}): FileTree {
  return { [`stories/profiles/${name}.md`]: profile(fields) };
}

// ---------------------------------------------------------------------------
// Running the CLI

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time in ms. */
  ms: number;
}

export interface CliOptions {
  cwd?: string;
  /** Replaces the whole environment when `replaceEnv` is set, else extends process.env. */
  env?: NodeJS.ProcessEnv;
  replaceEnv?: boolean;
  /** Kill (SIGKILL) after this many ms; the result then has signal SIGKILL. Default 120 s. */
  timeoutMs?: number;
  /** Standard input: this text, then end of input; `'open'` leaves the pipe for the test to write. Default: none. */
  input?: string | 'open';
}

/** Starts `node dist/bin/storybank.js …` without waiting; for tests that signal it mid-build. */
export function startCli(args: readonly string[], options: CliOptions = {}): ChildProcess & { result: Promise<CliResult> } {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing; run \`npx tsc -p .\` (or npm test, which builds first)`);
  const env: NodeJS.ProcessEnv = options.replaceEnv ? { ...options.env } : { ...process.env, ...options.env };
  // Even a replaced environment keeps the tests' story cache folder (vitest.config.ts), never the user's.
  if (process.env.STORYBANK_CACHE_DIR && env.STORYBANK_CACHE_DIR === undefined) env.STORYBANK_CACHE_DIR = process.env.STORYBANK_CACHE_DIR;
  // Plain output: the CLI must not think it is on a TTY or print colour codes.
  env.NO_COLOR = '1';
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO_ROOT, env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (typeof options.input === 'string' && options.input !== 'open') child.stdin!.end(options.input);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
  return Object.assign(child, { result });
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).result;
}
