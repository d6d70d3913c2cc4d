import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fullTmpdirHint, pidScope, sweepStaleProfiles, tmpdirIsFull } from '../../../src/render/pdf/profile-folder.js';

const dir = mkdtempSync(join(tmpdir(), 'storybank-sweep-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('profile folders left by a killed storybank', () => {
  it('are removed at once when their process (of our pid namespace) is gone; of another namespace or an older storybank, once a day old', async () => {
    // A pid that ran and has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const ours = pidScope();
    const old = new Date(Date.now() - 25 * 3600 * 1000);
    const make = (name: string, age?: Date) => {
      mkdirSync(join(dir, name, 'Default'), { recursive: true });
      writeFileSync(join(dir, name, 'Default', 'Preferences'), '{}');
      if (age) utimesSync(join(dir, name), age, age);
    };
    make(`storybank-chromium-${dead}-${ours}-aB3dE9`); // what a SIGKILL leaves: removed now, however recent
    make(`storybank-chromium-${dead}-aB3dE9`, old); // an older storybank's, a day old: removed
    make(`storybank-chromium-${dead}-Zz9Yy8`); // older storybank's, recent: kept (maybe a container's live browser)
    make(`storybank-chromium-${dead}-99${ours}-Pp0Oo9`); // another pid namespace, recent: kept
    make(`storybank-chromium-${process.ppid}-${ours}-Qq1Ww2`, old); // a running process: kept
    make('storybank-chromium-Xk2LmN', old); // no pid in the name (the benchmark's script)
    make(`other-${dead}-aB3dE9`, old);
    const removed = await sweepStaleProfiles(dir);
    expect(removed.sort()).toEqual([join(dir, `storybank-chromium-${dead}-${ours}-aB3dE9`), join(dir, `storybank-chromium-${dead}-aB3dE9`)].sort());
    expect(readdirSync(dir).sort()).toEqual(
      [
        `other-${dead}-aB3dE9`,
        'storybank-chromium-Xk2LmN',
        `storybank-chromium-${dead}-Zz9Yy8`,
        `storybank-chromium-${dead}-99${ours}-Pp0Oo9`,
        `storybank-chromium-${process.ppid}-${ours}-Qq1Ww2`,
      ].sort(),
    );
    expect(await sweepStaleProfiles(join(dir, 'missing'))).toEqual([]);
  });
});

describe('a full temporary folder', () => {
  it('is told apart from a broken browser, so the fix line names TMPDIR', () => {
    expect(tmpdirIsFull(() => ({ bavail: 10, bsize: 4096 }))).toBe(true);
    expect(tmpdirIsFull(() => ({ bavail: 1_000_000, bsize: 4096 }))).toBe(false);
    expect(tmpdirIsFull(() => { throw new Error('ENOSYS'); })).toBe(false);
    expect(fullTmpdirHint()).toMatch(/^the temporary folder .+ is \(nearly\) full, .*set TMPDIR to a folder with room$/);
  });
});
