import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TempWorkspace } from '../helpers/workspace.js';

/**
 * Process bookkeeping for tests that start builds: every Chromium a build
 * starts gets its profile folder under the TMPDIR we give the build, so
 * `pgrep -f <that path>` finds exactly the processes this test caused.
 */

/** PIDs whose command line contains `needle` (never the pgrep itself). */
export function pidsMatching(needle: string): number[] {
  const r = spawnSync('pgrep', ['-f', needle], { encoding: 'utf8' });
  return r.stdout
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
}

/** Kills, by PID, processes left behind by a build this test started (so a failing test does not leak them). */
export function killLeftovers(needle: string): number[] {
  const pids = pidsMatching(needle);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids;
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * True once a Chromium profile folder exists under `tmp` (the browser is
 * starting or running); with `pid`, one made by that storybank process, so
 * a folder an earlier build left is not mistaken for this one's.
 */
export function browserStarted(tmp: string, pid?: number): boolean {
  const prefix = pid === undefined ? 'storybank-chromium-' : `storybank-chromium-${pid}-`;
  return existsSync(tmp) && readdirSync(tmp).some((n) => n.startsWith(prefix));
}

/** Workspace-relative path → bytes, for every file under `rel`. */
export async function snapshot(ws: TempWorkspace, rel = 'out'): Promise<Map<string, Buffer>> {
  const files = await ws.list(rel);
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(join(ws.dir, f))] as const)));
}

/** Files under `rel` that look like temp files of an atomic write. */
export async function tempFiles(ws: TempWorkspace, rel = 'out'): Promise<string[]> {
  return (await ws.list(rel)).filter((f) => /\.tmp$/.test(f) || /\/\.[^/]+\.\d+\.[0-9a-f]+\.tmp$/.test(f));
}

/**
 * Waits (up to `ms`) for every process matching `needle` to be gone and returns those still there.
 * Chromium's helper processes take a moment to exit after the browser is stopped, more so on a busy
 * machine; a real leak is still there after the wait.
 */
export async function leftoverProcesses(needle: string, ms = 10_000): Promise<number[]> {
  await waitFor(() => pidsMatching(needle).length === 0, ms, 'processes to exit').catch(() => undefined);
  return pidsMatching(needle);
}
