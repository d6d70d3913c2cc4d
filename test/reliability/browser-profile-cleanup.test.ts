import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, minimalProfile, removeAllWorkspaces, startCli, story, type TempWorkspace } from '../helpers/workspace.js';
import { expectHandled } from './assert.js';
import { browserStarted, killLeftovers, leftoverProcesses, waitFor } from './processes.js';

/**
 * Chromium's profile folder ($TMPDIR/storybank-chromium-…, about 2 MB) is
 * gone after every way a build can end: success, failure, Ctrl-C, builds
 * running side by side; and what a SIGKILL leaves, the next build removes.
 */

afterAll(removeAllWorkspaces);

/** One story and one profile, `b`. */
const workspace = (): Promise<TempWorkspace> =>
  makeWorkspace({ 'stories/one.md': story({ title: 'One' }), ...minimalProfile('b', { role: 'Second role' }) });

const build = (ws: TempWorkspace) => startCli(['--dir', ws.dir, 'build'], { env: { TMPDIR: ws.path('tmp') } });

function profileFolders(ws: TempWorkspace): string[] {
  const tmp = ws.path('tmp');
  return existsSync(tmp) ? readdirSync(tmp).filter((n) => n.startsWith('storybank-chromium-')) : [];
}

describe('no Chromium profile folder is left behind', () => {
  it('after Ctrl-C, each of three times', async ({ onTestFinished }) => {
    const ws = await workspace();
    await mkdir(ws.path('tmp'), { recursive: true });
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    for (let i = 0; i < 3; i++) {
      const child = build(ws);
      await waitFor(() => browserStarted(ws.path('tmp'), child.pid), 60_000, 'the browser to start');
      child.kill('SIGINT');
      expectHandled(await child.result, [130]);
      expect(profileFolders(ws), `run ${i + 1}`).toEqual([]);
    }
    expect(await leftoverProcesses(ws.path('tmp'))).toEqual([]);
  }, 240_000);

  it('after a build that fails (exit 2) while writing', async ({ onTestFinished }) => {
    const ws = await workspace();
    await mkdir(ws.path('tmp'), { recursive: true });
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    // A folder where the answer bank belongs: the write fails after the sheet rendered.
    await mkdir(ws.path('out/b/answer-bank.docx/in-the-way'), { recursive: true });
    const r = await build(ws).result;
    expectHandled(r, [2]);
    expect(profileFolders(ws)).toEqual([]);
  }, 120_000);

  it('after three builds at once, twice', async ({ onTestFinished }) => {
    const ws = await workspace();
    await mkdir(ws.path('tmp'), { recursive: true });
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    for (let round = 0; round < 2; round++) {
      const runs = await Promise.all([build(ws).result, build(ws).result, build(ws).result]);
      for (const r of runs) expectHandled(r, [0]);
      expect(profileFolders(ws), `round ${round + 1}`).toEqual([]);
    }
  }, 300_000);

  it('what a SIGKILL leaves, the next build removes at once', async ({ onTestFinished }) => {
    const ws = await workspace();
    await mkdir(ws.path('tmp'), { recursive: true });
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    const killed = build(ws);
    await waitFor(() => browserStarted(ws.path('tmp'), killed.pid), 60_000, 'the browser to start');
    killed.kill('SIGKILL');
    await killed.result;
    // Chromium notices the closed pipe and exits; its folder stays.
    expect(await leftoverProcesses(ws.path('tmp'), 15_000)).toEqual([]);
    const left = profileFolders(ws);
    expect(left).toHaveLength(1);
    expectHandled(await build(ws).result, [0]);
    expect(profileFolders(ws)).toEqual([]);
  }, 180_000);
});
