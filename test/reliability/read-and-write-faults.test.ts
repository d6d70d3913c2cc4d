import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeWorkspace, minimalProfile, removeAllWorkspaces, runCli, story, type TempWorkspace } from '../helpers/workspace.js';
import { expectHandled, lines } from './assert.js';

/**
 * Files storybank cannot read, and places it must not write: each is an
 * error naming the path with a `fix:` line (exit 2 for the machine, exit 1
 * for a usage mistake), never an "internal error", and nothing is written
 * outside --out. `--format html` needs no browser, so these stay fast.
 */

afterAll(removeAllWorkspaces);

const NO_BROWSER = { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/never-started' };

function valid(extra: Record<string, string> = {}): Promise<TempWorkspace> {
  return makeWorkspace({ 'stories/good.md': story(), ...minimalProfile('p'), ...extra });
}

function fixLine(stderr: string): string | undefined {
  return lines(stderr).find((l) => l.startsWith('  fix: '));
}

describe.concurrent('template files that cannot be read are environment errors naming the file', () => {
  async function buildHtml(ws: TempWorkspace) {
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'html'], { env: NO_BROWSER, timeoutMs: 60_000 });
    expectHandled(r, [2]);
    expect(await ws.list('out')).toEqual([]);
    return r;
  }

  it('a partial that is a folder', async () => {
    const ws = await valid();
    await mkdir(ws.path('templates/partials/entry.hbs'), { recursive: true });
    const r = await buildHtml(ws);
    expect(r.stderr).toMatch(/^storybank: cannot read templates\/partials\/entry\.hbs: /m);
    expect(fixLine(r.stderr)).toBe('  fix: templates/partials/entry.hbs is not a regular file (a folder, pipe or device); put a file there, or remove it');
  });

  it('a dangling symbolic link', async () => {
    const ws = await valid();
    await mkdir(ws.path('templates'), { recursive: true });
    await symlink(ws.path('nowhere.css'), ws.path('templates/cheatsheet.css'));
    const r = await buildHtml(ws);
    expect(r.stderr).toMatch(/^storybank: cannot read templates\/cheatsheet\.css: ENOENT/m);
    expect(fixLine(r.stderr)).toBe('  fix: templates/cheatsheet.css is a symbolic link to something that does not exist; remove it, or restore what it points to');
  });

  it('a link that leads back to itself', async () => {
    const ws = await valid();
    await mkdir(ws.path('templates'), { recursive: true });
    await symlink('cheatsheet.hbs', ws.path('templates/cheatsheet.hbs'));
    const r = await buildHtml(ws);
    expect(fixLine(r.stderr)).toBe('  fix: templates/cheatsheet.hbs is a symbolic link that leads back to itself; remove it, or point it at a real file');
  });

  it.runIf(process.platform !== 'win32')('a FIFO does not hang the build', async () => {
    const ws = await valid();
    await mkdir(ws.path('templates'), { recursive: true });
    expect(spawnSync('mkfifo', [ws.path('templates/cheatsheet.css')]).status).toBe(0);
    const r = await buildHtml(ws);
    expect(fixLine(r.stderr)).toMatch(/is not a regular file/);
  });
});

describe.concurrent('workspace files and folders that cannot be read', () => {
  it('a story that is a looping symbolic link: exit 2 with a fix', async () => {
    const ws = await valid();
    await symlink('loop.md', ws.path('stories/loop.md'));
    const r = await runCli(['--dir', ws.dir, 'check']);
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^storybank: cannot read .*stories\/loop\.md: ELOOP/m);
    expect(fixLine(r.stderr)).toMatch(/stories\/loop\.md is a symbolic link that leads back to itself; remove it, or point it at a real file$/);
  });

  it.runIf(process.getuid?.() !== 0)('an unreadable story: exit 2 with a fix', async () => {
    const ws = await valid();
    spawnSync('chmod', ['000', ws.path('stories/good.md')]);
    const r = await runCli(['--dir', ws.dir, 'check']);
    expectHandled(r, [2]);
    expect(fixLine(r.stderr)).toMatch(/^ {2}fix: check the permissions of .*good\.md/);
  });

  it('--dir naming a file says so', async () => {
    const r = await runCli(['--dir', '/etc/passwd', 'check']);
    expectHandled(r, [1]);
    expect(lines(r.stderr)).toContain('storybank: /etc/passwd is a file, not a workspace folder; pass --dir with the folder that holds stories/');
  });

  it('--dir naming nothing says so', async () => {
    const r = await runCli(['--dir', '/nonexistent/workspace', 'check']);
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/^storybank: \/nonexistent\/workspace does not exist; pass --dir with a workspace folder/m);
  });

  it('--port abc names what was typed', async () => {
    const ws = await valid();
    const r = await runCli(['--dir', ws.dir, 'preview', '--port', 'abc']);
    expectHandled(r, [1]);
    expect(lines(r.stderr)).toContain('storybank: --port must be a whole number from 0 to 65535 (0 picks a free port), not "abc"');
  });
});

describe.concurrent('a cache folder that cannot be used means no cache, at once', () => {
  it.runIf(process.platform === 'linux')('STORYBANK_CACHE_DIR=/proc/nope (recursive mkdir never returned there)', async () => {
    const ws = await valid();
    const r = await runCli(['--dir', ws.dir, 'check'], { env: { STORYBANK_CACHE_DIR: '/proc/nope' }, timeoutMs: 60_000 });
    expectHandled(r, [0]);
    expect(r.stderr).toMatch(/Checked 1 story and 1 profile: 0 errors/);
  });
});

describe.concurrent('nothing is written outside --out', () => {
  it.each([
    [['--out', 'stories'], 'stories'],
    [['--out', 'stories/out'], 'stories'],
    [['--out', 'templates'], 'templates'],
  ])('--out %j is refused (exit 1): the next check would read the outputs', async (args, folder) => {
    const ws = await valid();
    const before = await ws.list();
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'html,md', ...args], { env: NO_BROWSER });
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(new RegExp(`^storybank: --out ${args[1]} would write into ${folder}/`, 'm'));
    expect(await ws.list()).toEqual(before);
  });

  it('--out . with a profile named "stories" is refused: its folder would be stories/', async () => {
    const ws = await makeWorkspace({ 'stories/good.md': story(), ...minimalProfile('stories') });
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'md', '--out', '.'], { env: NO_BROWSER });
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/would write into stories\/ \(stories\)/);
    expect(await ws.list('stories')).toEqual(['stories/good.md', 'stories/profiles/stories.md']);
  });

  it('out/<profile> as a symbolic link to a folder elsewhere: exit 2 with a fix, nothing written there', async () => {
    const ws = await valid();
    const elsewhere = await mkdtemp(join(tmpdir(), 'storybank-elsewhere-'));
    await mkdir(ws.path('out'), { recursive: true });
    await symlink(elsewhere, ws.path('out/p'));
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'html,md'], { env: NO_BROWSER });
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(new RegExp(`^storybank: cannot write .*out[/\\\\]p: it is a symbolic link \\(to ${elsewhere.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\); storybank writes only inside --out`, 'm'));
    expect(fixLine(r.stderr)).toMatch(/^ {2}fix: remove the link \(rm ".*out[/\\]p"\) and build again, or choose another folder with --out DIR$/);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('--out as a symbolic link into stories/: exit 2 with a fix, stories/ untouched', async () => {
    const ws = await valid();
    await symlink(ws.path('stories'), ws.path('exports'));
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'md', '--out', 'exports'], { env: NO_BROWSER });
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^storybank: --out exports leads into stories\/ through a symbolic link/m);
    expect(fixLine(r.stderr)).toBe('  fix: choose another folder with --out DIR, or remove the link');
    expect(await ws.list('stories')).toEqual(['stories/good.md', 'stories/profiles/p.md']);
  });

  it('a symbolic --out to an ordinary folder elsewhere is fine', async () => {
    const ws = await valid();
    const elsewhere = await mkdtemp(join(tmpdir(), 'storybank-elsewhere-'));
    await symlink(elsewhere, ws.path('exports'));
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'md', '--out', 'exports'], { env: NO_BROWSER });
    expectHandled(r, [0]);
    expect(existsSync(join(elsewhere, 'p', 'answer-bank.md'))).toBe(true);
  });
});
