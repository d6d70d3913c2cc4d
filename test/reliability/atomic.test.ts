import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFilesAtomic } from '../../src/output/atomic.js';
import { makeWorkspace, removeAllWorkspaces, runCli, startCli, story, type CliResult, type TempWorkspace } from '../helpers/workspace.js';
import { available, hasTool } from '../helpers/tools.js';
import { expectHandled } from './assert.js';
import { pdfPages, readDocx } from './outputs.js';
import { browserStarted, killLeftovers, leftoverProcesses, pidsMatching, snapshot, tempFiles, waitFor } from './processes.js';

/**
 * Outputs are replaced atomically: a build that fails or is killed midway
 * leaves the previous files byte-identical and no temp files; two builds at
 * once both succeed and leave valid files.
 */

afterAll(removeAllWorkspaces);

/** Two profiles, `a` and `b` (built in that order), each with its own story. */
function twoProfileWorkspace(): Promise<TempWorkspace> {
  return makeWorkspace({
    'stories/one.md': story({ title: 'One', questions: ['failure'] }),
    'stories/two.md': story({ title: 'Two', questions: ['hardest-project'], competencies: ['system-design'] }),
    'stories/profiles/a.md': '---\nrole: First role\nquestions: [failure, hardest-project]\n---\n',
    'stories/profiles/b.md': '---\nrole: Second role\nquestions: [hardest-project, failure]\n---\n',
  });
}

/** A build whose Chromium profile lives under <ws>/tmp, so its processes can be found by path. */
function build(ws: TempWorkspace, extra: string[] = []) {
  return startCli(['--dir', ws.dir, 'build', ...extra], { env: { TMPDIR: ws.path('tmp') } });
}

async function prepare(ws: TempWorkspace): Promise<Map<string, Buffer>> {
  await mkdir(ws.path('tmp'), { recursive: true });
  const first = await build(ws).result;
  expectHandled(first, [0]);
  const before = await snapshot(ws);
  expect([...before.keys()]).toEqual(['out/a/answer-bank.docx', 'out/a/cheatsheet.pdf', 'out/b/answer-bank.docx', 'out/b/cheatsheet.pdf']);
  return before;
}

function expectUnchanged(before: Map<string, Buffer>, after: Map<string, Buffer>, only?: (f: string) => boolean): void {
  for (const [file, bytes] of before) {
    if (only && !only(file)) continue;
    expect(after.get(file)?.equals(bytes), `${file} changed`).toBe(true);
  }
}

describe('a build that fails on the second profile', () => {
  let ws: TempWorkspace;
  let before: Map<string, Buffer>;
  let failed: CliResult;

  beforeAll(async () => {
    ws = await twoProfileWorkspace();
    before = await prepare(ws);
    // Root ignores permissions, so "unwritable" is a folder where b's DOCX should go.
    await rm(ws.path('out/b/answer-bank.docx'));
    await mkdir(ws.path('out/b/answer-bank.docx/in-the-way'), { recursive: true });
    failed = await build(ws).result;
  });
  afterAll(() => killLeftovers(ws.path('tmp')));

  it('exits 2 naming the file and the fix, and leaves no temp files', async () => {
    expectHandled(failed, [2]);
    expect(failed.stderr).toMatch(/^storybank: cannot write .*b[/\\]answer-bank\.docx: /m);
    expect(failed.stderr).toMatch(/^ {2}fix: a folder is in the way of the output file; remove it or use --out DIR$/m);
    expect(await tempFiles(ws)).toEqual([]);
    expect(existsSync(ws.path('out/b/answer-bank.docx/in-the-way'))).toBe(true);
    expect(await leftoverProcesses(ws.path('tmp'))).toEqual([]);
  });

  it('leaves every previous file byte-identical', async () => {
    expectUnchanged(before, await snapshot(ws), (f) => f !== 'out/b/answer-bank.docx');
  });

  it('the profile that failed keeps its previous files (per-file atomicity)', async () => {
    // What holds today: nothing is ever half-written; a.* are complete new files.
    const after = await snapshot(ws);
    for (const [file, bytes] of after) {
      if (file.endsWith('.pdf')) expect(bytes.subarray(0, 5).toString('latin1'), file).toBe('%PDF-');
      if (file.endsWith('.docx')) expect((await readDocx(ws.path(file))).xml.length, file).toBeGreaterThan(0);
    }
  });
});

/**
 * Makes a folder that nothing can be created in or renamed into: chmod for a
 * normal user; as root, who ignores permissions, the immutable attribute
 * (chattr +i binds root too, on file systems that have it). Returns the undo,
 * or undefined when this machine cannot lock a folder.
 */
function lockFolder(dir: string): (() => void) | undefined {
  const asRoot = process.getuid?.() === 0;
  const lock = asRoot ? () => spawnSync('chattr', ['+i', dir]).status === 0 : () => (chmodSync(dir, 0o555), true);
  const unlock = asRoot ? () => void spawnSync('chattr', ['-i', dir]) : () => chmodSync(dir, 0o755);
  if (!lock()) return undefined;
  const probe = join(dir, `.probe-${process.pid}`);
  try {
    writeFileSync(probe, 'x');
  } catch {
    return unlock;
  }
  unlock();
  rmSync(probe);
  return undefined;
}

const canLockFolders = (() => {
  const probe = mkdtempSync(join(tmpdir(), 'storybank-lock-probe-'));
  const unlock = lockFolder(probe);
  unlock?.();
  rmSync(probe, { recursive: true, force: true });
  return available(Boolean(unlock), 'a folder that cannot be written to (as root: chattr +i, which this file system must support)');
})();

describe.runIf(canLockFolders)('a build whose second profile folder is read-only', () => {
  it('exits 2 with a clear message; b keeps its files; no temp files', async ({ onTestFinished }) => {
    const ws = await twoProfileWorkspace();
    const before = await prepare(ws);
    const unlock = lockFolder(ws.path('out/b'))!;
    onTestFinished(unlock);
    const r = await build(ws).result;
    unlock();
    expectHandled(r, [2]);
    expect(r.stderr).toMatch(/^storybank: cannot write .*b[/\\](cheatsheet\.pdf|answer-bank\.docx): (EACCES|EPERM)/m);
    expect(r.stderr).toMatch(/^ {2}fix: check the folder permissions/m);
    expectUnchanged(before, await snapshot(ws), (f) => f.startsWith('out/b/'));
    expect(await tempFiles(ws)).toEqual([]);
    killLeftovers(ws.path('tmp'));
  });
});

/** A two-profile workspace built once, then built again up to the moment its browser has started. */
async function buildUntilBrowserStarts(onTestFinished: (fn: () => void) => void) {
  const ws = await twoProfileWorkspace();
  const before = await prepare(ws);
  const child = build(ws);
  onTestFinished(() => void killLeftovers(ws.path('tmp')));
  await waitFor(() => browserStarted(ws.path('tmp'), child.pid), 60_000, 'the browser to start');
  return { ws, before, child };
}

describe('a build interrupted midway', { concurrent: true }, () => {
  it('SIGINT: exits 130, previous files byte-identical, no temp files, no browser left running', async ({ onTestFinished }) => {
    const { ws, before, child } = await buildUntilBrowserStarts(onTestFinished);
    child.kill('SIGINT');
    const r = await child.result;
    expectHandled(r, [130]);
    expectUnchanged(before, await snapshot(ws));
    expect(await tempFiles(ws)).toEqual([]);
    expect(await leftoverProcesses(ws.path('tmp'))).toEqual([]);
  });

  it('SIGKILL while rendering: previous files byte-identical and no temp files', async ({ onTestFinished }) => {
    const { ws, before, child } = await buildUntilBrowserStarts(onTestFinished);
    child.kill('SIGKILL');
    const r = await child.result;
    expect(r.signal).toBe('SIGKILL');
    expectUnchanged(before, await snapshot(ws));
    expect(await tempFiles(ws)).toEqual([]);
  });

  // SIGKILL cannot be caught; Chromium is launched over a pipe, so it exits when the pipe closes.
  it('SIGKILL leaves no Chromium running', async ({ onTestFinished }) => {
    const ws = await twoProfileWorkspace();
    await mkdir(ws.path('tmp'), { recursive: true });
    const child = build(ws);
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    await waitFor(() => pidsMatching(ws.path('tmp')).length > 0, 60_000, 'Chromium to start');
    child.kill('SIGKILL');
    await child.result;
    // Chromium notices the closed pipe within a second or two; allow for a loaded machine.
    expect(await leftoverProcesses(ws.path('tmp'), 15_000)).toEqual([]);
  });

  it('the next build removes temp files a killed build left behind (and keeps a live writer\'s)', async () => {
    const ws = await twoProfileWorkspace();
    await prepare(ws);
    // A pid that cannot be running (above the kernel's pid_max default) and our own, live one.
    const stale = 'out/a/.cheatsheet.pdf.4194999.deadbeef.tmp';
    const live = `out/a/.answer-bank.docx.${process.pid}.0badf00d.tmp`;
    await writeFile(ws.path(stale), 'half a PDF');
    await writeFile(ws.path(live), 'being written');
    const r = await build(ws).result;
    expectHandled(r, [0]);
    const left = await tempFiles(ws);
    expect(left).not.toContain(stale);
    expect(left).toContain(live);
    killLeftovers(ws.path('tmp'));
  });
});

describe.skipIf(!hasTool('poppler'))('two builds at once on the same workspace', () => {
  it('both exit 0 and leave valid files', async ({ onTestFinished }) => {
    const ws = await twoProfileWorkspace();
    await mkdir(ws.path('tmp'), { recursive: true });
    onTestFinished(() => void killLeftovers(ws.path('tmp')));
    const [one, two] = await Promise.all([build(ws).result, build(ws).result]);
    expectHandled(one, [0]);
    expectHandled(two, [0]);
    for (const profile of ['a', 'b']) {
      const pdf = await readFile(ws.path(`out/${profile}/cheatsheet.pdf`));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfPages(ws.path(`out/${profile}/cheatsheet.pdf`))).toBe(1);
      const docx = await readDocx(ws.path(`out/${profile}/answer-bank.docx`));
      expect(docx.text).toContain(profile === 'a' ? 'First role' : 'Second role');
    }
    expect(await tempFiles(ws)).toEqual([]);
    expect(await leftoverProcesses(ws.path('tmp'))).toEqual([]);
  });
});

describe('writeFilesAtomic (src/output/atomic.ts)', () => {
  it('replaces none of the files when one of them cannot be written', async () => {
    const ws = await makeWorkspace({ 'out/x/one.txt': 'old one', 'out/y/two.txt': 'old two' });
    await mkdir(ws.path('out/y/three.txt'), { recursive: true }); // a folder in the way
    await expect(
      writeFilesAtomic([
        { path: ws.path('out/x/one.txt'), data: 'new one' },
        { path: ws.path('out/y/two.txt'), data: 'new two' },
        { path: ws.path('out/y/three.txt'), data: 'new three' },
      ]),
    ).rejects.toMatchObject({ name: 'EnvironmentError', hint: expect.stringMatching(/folder is in the way/) });
    expect(await readFile(ws.path('out/x/one.txt'), 'utf8')).toBe('old one');
    expect(await readFile(ws.path('out/y/two.txt'), 'utf8')).toBe('old two');
    expect(await tempFiles(ws)).toEqual([]);
    await ws.remove();
  });

  it('a file in the way of the folder gives an EnvironmentError with a fix, not a crash', async () => {
    const ws = await makeWorkspace({ 'blocker.txt': 'a file' });
    await expect(writeFileAtomic(ws.path('blocker.txt/sub/x.pdf'), 'x')).rejects.toMatchObject({
      name: 'EnvironmentError',
      message: expect.stringMatching(/cannot write .*x\.pdf: ENOTDIR/),
      hint: expect.stringMatching(/a file is in the way/),
    });
    await ws.remove();
  });
});
