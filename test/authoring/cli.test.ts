import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/workspace.js';
import { FIXTURES, REAL_NOTES, tempDir } from './helpers.js';

const notesPath = fileURLToPath(REAL_NOTES);
const fixturePath = (name: string) => fileURLToPath(new URL(name, FIXTURES));

/** The built CLI (never rebuilt here: a stale dist/ fails the run instead), run where `cwd` says. */
async function storybank(args: string[], cwd?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runCli(args, { cwd });
  return { code, stdout, stderr };
}

describe('storybank init / import / new / check, as a new user runs them', () => {
  it('init, import the real notes, check: all exit 0, with 0 errors', async () => {
    const dir = join(await tempDir(), 'ws');
    const init = await storybank(['init', dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Created a storybank workspace in');

    const imported = await storybank(['--dir', dir, 'import', notesPath]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^12 stories written from interview-notes\.md/);
    expect(imported.stdout).toContain('Needs attention');

    const check = await storybank(['--dir', dir, 'check']);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/Checked 14 stories and 1 profile: 0 errors/);
  });

  it('init refuses an existing workspace with exit 1', async () => {
    const dir = await tempDir();
    expect((await storybank(['init', dir])).code).toBe(0);
    const again = await storybank(['init', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/init never overwrites; nothing was written:\n {2}storybank\.yml/);
  });

  it('import refuses to overwrite without --force (exit 1), and replaces with it', async () => {
    const dir = await tempDir();
    await storybank(['init', dir]);
    expect((await storybank(['--dir', dir, 'import', notesPath])).code).toBe(0);
    const again = await storybank(['--dir', dir, 'import', notesPath]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/import never overwrites without --force; nothing was written:\n {2}stories\/about-me\.md/);
    const forced = await storybank(['--dir', dir, '-q', 'import', notesPath, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('');
  });

  it('import explains empty notes and notes without questions (exit 1)', async () => {
    const dir = await tempDir();
    await storybank(['init', dir]);
    const empty = await storybank(['--dir', dir, 'import', fixturePath('empty.md')]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty\.md is empty; there is nothing to import/);
    const none = await storybank(['--dir', dir, 'import', fixturePath('no-questions.md')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/found no questions in no-questions\.md/);
    const missing = await storybank(['--dir', dir, 'import', 'nope.md']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot find the notes file nope\.md/);
  });

  it('new prints the path of the file it wrote', async () => {
    const dir = await tempDir();
    await storybank(['init', dir]);
    const first = await storybank(['new', 'Tight deadline: Q3 launch!'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('stories/tight-deadline-q3-launch.md\n');
    const second = await storybank(['new', 'Tight deadline: Q3 launch!', '--kind', 'answer'], dir);
    expect(second.stdout).toBe('stories/tight-deadline-q3-launch-2.md\n');
    expect(await readFile(join(dir, 'stories', 'tight-deadline-q3-launch-2.md'), 'utf8')).toContain('kind: answer');
    expect((await storybank(['check'], dir)).code).toBe(0);
  });

  it('build turns a fresh workspace into a PDF and a DOCX', async () => {
    const dir = await tempDir();
    const init = await storybank(['init', dir]);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const build = await storybank(['--dir', dir, 'build']);
    expect(build.stderr).toMatch(/Built 1 profile, 2 files/);
    expect(build.code).toBe(0);
    const pdf = await readFile(join(dir, 'out', 'example-role', 'cheatsheet.pdf'));
    const docx = await readFile(join(dir, 'out', 'example-role', 'answer-bank.docx'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });
});
