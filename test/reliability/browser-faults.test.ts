import { chmod, mkdir, symlink } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { LAUNCH_TIMEOUT_MS } from '../../src/render/pdf/browser.js';
import { makeWorkspace, minimalProfile, removeAllWorkspaces, runCli, story, type TempWorkspace } from '../helpers/workspace.js';
import { expectHandled } from './assert.js';
import { killLeftovers, leftoverProcesses } from './processes.js';

/**
 * The machine, not the input, is at fault: no browser, a browser that dies
 * or hangs, an output folder that cannot be written. Each must exit 2 with
 * a message that says how to fix it, and leave no process behind.
 */

afterAll(removeAllWorkspaces);

const INSTALL_COMMAND = 'sudo apt-get install -y chromium';

function validWorkspace(): Promise<TempWorkspace> {
  return makeWorkspace({ 'stories/good.md': story(), ...minimalProfile('p') });
}

/** An executable shell script at <ws>/bin/<name>; its path is unique to this workspace. */
async function fakeBrowser(ws: TempWorkspace, name: string, script: string): Promise<string> {
  await mkdir(ws.path('tmp'), { recursive: true });
  const path = ws.path(`bin/${name}`);
  await ws.write(`bin/${name}`, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

describe.concurrent('browser faults exit 2 with a fix', () => {
  it('--browser pointing at nothing names the install command', async () => {
    const ws = await validWorkspace();
    const r = await runCli(['--dir', ws.dir, 'build', '--browser', '/nonexistent/chromium']);
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^storybank: the browser given by --browser \(\/nonexistent\/chromium\) does not exist or is not executable$/m);
    expect(r.stderr).toContain(INSTALL_COMMAND);
    expect(await ws.list('out')).toEqual([]);
  });

  it('no browser anywhere (empty PATH and HOME, no PUPPETEER_EXECUTABLE_PATH) names the install command', async () => {
    const ws = await validWorkspace();
    await mkdir(ws.path('empty-bin'), { recursive: true });
    await mkdir(ws.path('empty-home'), { recursive: true });
    const r = await runCli(['--dir', ws.dir, 'build'], {
      replaceEnv: true,
      env: { PATH: ws.path('empty-bin'), HOME: ws.path('empty-home'), TMPDIR: ws.path('tmp-unused') },
    });
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^storybank: no Chrome or Chromium browser found/m);
    expect(r.stderr).toContain(INSTALL_COMMAND);
    expect(await ws.list('out')).toEqual([]);
  });

  it('a "browser" that exits 1 at once', async () => {
    const ws = await validWorkspace();
    const browser = await fakeBrowser(ws, 'crashing-chrome', 'echo "chrome: cannot open display" >&2\nexit 1');
    const r = await runCli(['--dir', ws.dir, 'build', '--browser', browser], { env: { TMPDIR: ws.path('tmp') } });
    expectHandled(r, [2]);
    expect(r.stderr).toContain(`storybank: could not start the browser at ${browser} (found via --browser)`);
    expect(r.stderr).toMatch(/^ {2}fix: check that it runs: /m);
    expect(await ws.list('out')).toEqual([]);
    expect(await leftoverProcesses(ws.dir)).toEqual([]);
    killLeftovers(ws.dir);
  });

  it(
    'a "browser" that never answers: exit 2 after the launch timeout (STORYBANK_BROWSER_TIMEOUT_MS), nothing left running',
    async () => {
      const ws = await validWorkspace();
      await mkdir(ws.path('bin'), { recursive: true });
      // The sleeping child carries the workspace path in its command line, so pgrep finds it.
      await symlink('/bin/sleep', ws.path('bin/hanging-sleep'));
      const browser = await fakeBrowser(ws, 'hanging-chrome', `"${ws.path('bin/hanging-sleep')}" 600`);
      const r = await runCli(['--dir', ws.dir, 'build', '--browser', browser], {
        env: { TMPDIR: ws.path('tmp'), STORYBANK_BROWSER_TIMEOUT_MS: '3000' },
        timeoutMs: LAUNCH_TIMEOUT_MS + 60_000,
      });
      const leftovers = await leftoverProcesses(ws.dir);
      killLeftovers(ws.dir);
      expectHandled(r, [2]);
      expect(r.stderr).toContain(`storybank: could not start the browser at ${browser}`);
      expect(r.stderr).toMatch(/did not answer within 3 s/);
      expect(leftovers, 'processes left running').toEqual([]);
      expect(await ws.list('out')).toEqual([]);
    },
    LAUNCH_TIMEOUT_MS + 90_000,
  );

  it('an output folder that cannot be created (--out under a file: ENOTDIR)', async () => {
    const ws = await makeWorkspace({ 'stories/good.md': story(), ...minimalProfile('p'), 'somefile.txt': 'in the way\n', 'tmp/.keep': '' });
    const r = await runCli(['--dir', ws.dir, 'build', '--out', 'somefile.txt/sub'], { env: { TMPDIR: ws.path('tmp') } });
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^storybank: cannot write .*somefile\.txt[/\\]sub[/\\]p[/\\]cheatsheet\.pdf: ENOTDIR/m);
    expect(r.stderr).toMatch(/^ {2}fix: a file is in the way of the output folder; remove it or use --out DIR$/m);
    // (tmp/ is the browser's TMPDIR, not output.)
    expect((await ws.list()).filter((f) => !f.startsWith('tmp/') && f.endsWith('.tmp'))).toEqual([]);
    expect(await leftoverProcesses(ws.path('tmp'))).toEqual([]);
  });

  it('a TMPDIR that does not exist gives a clear environment error', async () => {
    const ws = await validWorkspace();
    const r = await runCli(['--dir', ws.dir, 'build'], { env: { TMPDIR: ws.path('no-such-tmp') } });
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^ {2}fix: /m);
  });
});
