import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allBadCases, type BadCase } from '../fixtures/bad/cases.js';
import { copyFixture, makeWorkspace, minimalProfile, removeAllWorkspaces, runCli, story, type TempWorkspace } from '../helpers/workspace.js';
import { DIAGNOSTIC_LINE, errorLines, expectHandled, lines } from './assert.js';

/**
 * The bad-input corpus (test/fixtures/bad): each case through `check`
 * (no browser), asserting the exit code, the exact diagnostics a person
 * reads, and that nothing leaks a stack trace.
 */

afterAll(removeAllWorkspaces);

const cases = allBadCases();

async function workspaceFor(c: BadCase): Promise<TempWorkspace> {
  return c.fixture ? copyFixture(c.fixture) : makeWorkspace(c.files ?? {});
}

describe.concurrent('bad-input corpus through `check`', () => {
  it('has at least 25 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const ws = await workspaceFor(c);
    const marker = join(ws.dir, 'PWNED');
    const r = await runCli(['--dir', ws.dir, ...(c.command ?? ['check'])], { env: { STORYBANK_TEST_MARKER: marker } });
    const context = `${c.summary}\n--- stderr\n${r.stderr}`;

    expectHandled(r, [c.exit]);
    const out = lines(r.stderr);
    for (const line of c.expect) expect(out, context).toContain(line);
    for (const pattern of c.match ?? []) expect(out.some((l) => new RegExp(pattern, 'u').test(l)), `${pattern}\n${context}`).toBe(true);
    for (const pattern of c.absent ?? []) expect(out.filter((l) => new RegExp(pattern, 'u').test(l)), context).toEqual([]);
    // Every error names a file inside the workspace, relative, with forward slashes.
    for (const line of errorLines(r.stderr)) {
      const file = DIAGNOSTIC_LINE.exec(line)!.groups!.file!;
      expect(file.startsWith('/') || file.includes('\\') || file.includes('..'), line).toBe(false);
    }
    // Nothing in a story ever runs as code (the `---js` case would write this file).
    expect(existsSync(marker), 'front matter was executed').toBe(false);
    await ws.remove();
  });
});

describe.concurrent('`build` validates first and writes nothing on errors', () => {
  it.each(['bad/wrong-types', 'bad/invalid-yaml', 'bad/unknown-question-in-profile', 'bad/duplicate-story-ids'])('%s', async (fixture) => {
    const ws = await copyFixture(fixture);
    const r = await runCli(['--dir', ws.dir, 'build'], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/never-started' } });
    expectHandled(r, [1]);
    expect(errorLines(r.stderr).length).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/nothing was built/);
    expect(await ws.list('out')).toEqual([]);
    await ws.remove();
  });

  it('`check --json` gives the same problems as {file,line,column,severity,message,rule}', async () => {
    const ws = await copyFixture('bad/wrong-types');
    const r = await runCli(['--dir', ws.dir, 'check', '--json']);
    expectHandled(r, [1]);
    const diagnostics = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(diagnostics).toContainEqual({
      file: 'stories/types.md',
      line: 4,
      column: 7,
      severity: 'error',
      message: '"year" must be a number',
      rule: 'front-matter-invalid',
    });
    for (const d of diagnostics) expect(Object.keys(d).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity']);
    await ws.remove();
  });
});

describe.concurrent('usage errors exit 1 with a message', () => {
  const valid = () => makeWorkspace({ 'stories/good.md': story(), ...minimalProfile('p') });

  it.each([
    ['build', '--profile', '../../x'],
    ['build', '--profile', '../p'],
    ['build', '--profile', '/etc/passwd'],
    ['plan', '--profile', '../../x'],
  ])('%s %s %s is rejected', async (...args) => {
    const ws = await valid();
    const r = await runCli(['--dir', ws.dir, ...args], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/never-started' } });
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/unknown profile ".*"; profiles: p/);
    expect(await ws.list('out')).toEqual([]);
    await ws.remove();
  });

  it('a folder that is not a workspace', async () => {
    const ws = await makeWorkspace({ 'README.md': '# not a workspace\n' });
    const r = await runCli(['--dir', ws.dir, 'check']);
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/has no stories\/ folder; run `storybank init`/);
    await ws.remove();
  });

  it('an unknown --format', async () => {
    const ws = await valid();
    const r = await runCli(['--dir', ws.dir, 'build', '--format', 'pdf,exe']);
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/unknown format "exe"/);
    await ws.remove();
  });

  it('an unknown command', async () => {
    const r = await runCli(['--dir', '/nonexistent', 'bulid']);
    expectHandled(r, [1]);
  });

  it('`stories` is a file, not a folder', async () => {
    const ws = await makeWorkspace({ stories: 'oops\n' });
    const r = await runCli(['--dir', ws.dir, 'check']);
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/stories is a file; storybank keeps stories in a stories\/ folder/);
    await ws.remove();
  });

  it('a workspace with stories but no profile cannot build', async () => {
    const ws = await makeWorkspace({ 'stories/good.md': story() });
    const r = await runCli(['--dir', ws.dir, 'build'], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/never-started' } });
    expectHandled(r, [1]);
    expect(r.stderr).toMatch(/no profiles found; add one as stories\/profiles\/<name>\.md/);
    await ws.remove();
  });
});

describe.concurrent('odd files in stories/', () => {
  const base = () => makeWorkspace({ 'stories/good.md': story(), ...minimalProfile('p') });

  it('a symlink back up the tree (stories/loop -> ..) neither loops nor reads stories twice', async () => {
    const ws = await base();
    await symlink('..', ws.path('stories/loop'));
    await symlink('.', ws.path('stories/self'));
    const r = await runCli(['--dir', ws.dir, 'check']);
    expectHandled(r, [0]);
    expect(r.stderr).not.toMatch(/ELOOP|already used by/);
    expect(r.stderr).toMatch(/Checked 1 story and 1 profile/);
    await ws.remove();
  });

  it('a dangling symlink named *.md is skipped', async () => {
    const ws = await base();
    await symlink(ws.path('nowhere.md'), ws.path('stories/dangling.md'));
    const r = await runCli(['--dir', ws.dir, 'check']);
    expectHandled(r, [0]);
    await ws.remove();
  });

  it.runIf(process.platform !== 'win32')('a FIFO named *.md does not hang the run', async () => {
    const ws = await base();
    expect(spawnSync('mkfifo', [ws.path('stories/pipe.md')]).status).toBe(0);
    expect(spawnSync('mkfifo', [ws.path('storybank.yml')]).status).toBe(0);
    const r = await runCli(['--dir', ws.dir, 'check'], { timeoutMs: 20_000 });
    expectHandled(r, [0]);
    await ws.remove();
  });
});
