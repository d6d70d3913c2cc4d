import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, isHeadlessShell } from '../../../src/render/pdf/browser.js';

/** A folder with fake executables of these names. */
function binFolder(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'storybank-bin-'));
  for (const name of names) {
    const path = join(dir, name);
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, 0o755);
  }
  return dir;
}

describe('findBrowser', () => {
  it('prefers a headless shell on PATH to the full browser in the same folder or earlier on PATH', () => {
    const full = binFolder('chromium', 'google-chrome');
    const both = binFolder('chromium', 'chrome-headless-shell');
    const env = { PATH: [full, both].join(':'), HOME: mkdtempSync(join(tmpdir(), 'storybank-home-')) };
    expect(findBrowser(undefined, env)).toEqual({ path: join(both, 'chrome-headless-shell'), source: 'PATH' });
  });

  it('uses the full browser when no headless shell is installed', () => {
    const full = binFolder('google-chrome');
    expect(findBrowser(undefined, { PATH: full, HOME: mkdtempSync(join(tmpdir(), 'storybank-home-')) }).path).toBe(join(full, 'google-chrome'));
  });

  it('lets --browser and the environment win over a headless shell', () => {
    const shell = binFolder('chromium-headless-shell');
    const chosen = join(binFolder('my-chrome'), 'my-chrome');
    expect(findBrowser(chosen, { PATH: shell }).source).toBe('--browser');
    expect(findBrowser(undefined, { PATH: shell, PUPPETEER_EXECUTABLE_PATH: chosen })).toEqual({ path: chosen, source: 'PUPPETEER_EXECUTABLE_PATH' });
  });

  it("finds Puppeteer's chrome-headless-shell download before its chrome", () => {
    const cache = mkdtempSync(join(tmpdir(), 'storybank-pcache-'));
    for (const [product, rel] of [
      ['chrome', 'linux-131.0.0/chrome-linux64/chrome'],
      ['chrome-headless-shell', 'linux-131.0.0/chrome-headless-shell-linux64/chrome-headless-shell'],
    ] as const) {
      const path = join(cache, product, rel);
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileSync(path, '#!/bin/sh\n');
      chmodSync(path, 0o755);
    }
    const found = findBrowser(undefined, { PATH: binFolder(), PUPPETEER_CACHE_DIR: cache });
    expect(found.source).toBe('puppeteer cache');
    expect(isHeadlessShell(found.path)).toBe(true);
  });

  it('launches a headless shell in shell mode, anything else in the new headless mode', () => {
    expect(isHeadlessShell('/usr/lib/chromium/chromium-headless-shell')).toBe(true);
    expect(isHeadlessShell('C:\\chrome\\chrome-headless-shell.exe')).toBe(true);
    expect(isHeadlessShell('/usr/lib/chromium/chromium')).toBe(false);
  });
});
