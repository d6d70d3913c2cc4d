import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sweepStaleProfiles } from '../../../src/render/pdf/browser.js';

const dir = mkdtempSync(join(tmpdir(), 'storybank-sweep-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('profile folders left by a killed storybank', () => {
  it('are removed once their process is gone and they are a day old; nothing else is', async () => {
    // A pid that ran and has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const old = new Date(Date.now() - 25 * 3600 * 1000);
    const make = (name: string, age?: Date) => {
      mkdirSync(join(dir, name, 'Default'), { recursive: true });
      writeFileSync(join(dir, name, 'Default', 'Preferences'), '{}');
      if (age) utimesSync(join(dir, name), age, age);
    };
    make(`storybank-chromium-${dead}-aB3dE9`, old); // stale: removed
    make(`storybank-chromium-${dead}-Zz9Yy8`); // dead but recent: a container's live browser, maybe
    make(`storybank-chromium-${process.ppid}-Qq1Ww2`, old); // running process
    make('storybank-chromium-Xk2LmN', old); // no pid in the name (older storybank, or the benchmark's script)
    make(`other-${dead}-aB3dE9`, old);
    const removed = await sweepStaleProfiles(dir);
    expect(removed).toEqual([join(dir, `storybank-chromium-${dead}-aB3dE9`)]);
    expect(readdirSync(dir).sort()).toEqual(
      [`other-${dead}-aB3dE9`, 'storybank-chromium-Xk2LmN', `storybank-chromium-${dead}-Zz9Yy8`, `storybank-chromium-${process.ppid}-Qq1Ww2`].sort(),
    );
    expect(await sweepStaleProfiles(join(dir, 'missing'))).toEqual([]);
  });
});
