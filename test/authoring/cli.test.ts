import { execFile, execFileSync } from 'node:child_process';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/workspace.js';
import { BACKEND_NOTES, FIXTURES, tempDir } from './helpers.js';

/** The authoring commands as a new user runs them: the built CLI (never rebuilt here: a stale dist/ fails the run), in child processes. */

const CLI = builtCli();
const notesPath = fileURLToPath(BACKEND_NOTES);
const fixturePath = (name: string) => fileURLToPath(new URL(name, FIXTURES));

function storybank(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('storybank import / check / build, as a new user runs them', () => {
  it('in an empty folder: import starts the workspace, check passes, build prints a cheat sheet of the notes\' questions', async () => {
    const dir = await tempDir();
    await copyFile(fixturePath('retail-manager.md'), join(dir, 'notes.md'));
    const imported = await storybank(['import', 'notes.md'], dir);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^Started a workspace here: created stories\/\.\nImported 10 questions from notes\.md/);
    expect(imported.stdout).toContain('Wrote stories/profiles/notes.md: it asks 10 questions in the order of the notes');

    const check = await storybank(['check'], dir);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/Checked 9 stories and 1 profile: 0 errors/);

    const build = await storybank(['build', '--format', 'pdf'], dir);
    expect(build.code).toBe(0);
    const text = execFileSync('pdftotext', [join(dir, 'out', 'notes', 'cheatsheet.pdf'), '-'], { encoding: 'utf8' });
    expect(execFileSync('pdfinfo', [join(dir, 'out', 'notes', 'cheatsheet.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    expect(text).toContain('Store Manager - Harbor Home Goods');
    for (const words of ['turned around a struggling', 'staffing during the holidays', 'rolled out a change your']) {
      expect(text.replace(/\s+/g, ' ')).toContain(words);
    }
    expect(text).toContain('Ask the DM how much say store managers have over the local assortment');
    // Asides stay off the page.
    expect(text).not.toContain('the DM will ask');
  });

  it('in an init workspace: check passes and warns about the examples and the placeholder name', async () => {
    const dir = join(await tempDir(), 'ws');
    expect((await storybank(['init', dir], process.cwd())).code).toBe(0);
    const imported = await storybank(['--dir', dir, 'import', notesPath], process.cwd());
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/^Imported 11 questions from backend-engineer\.md \(11 headings\) into 12 stories/);
    const check = await storybank(['--dir', dir, 'check'], process.cwd());
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/Checked 14 stories and 2 profiles: 0 errors/);
    expect(check.stderr).toContain('stories/example-story.md:8:1: warning: example story from `storybank init`');
    expect(check.stderr).toContain('storybank.yml:2:7: warning: "Your Name" is the placeholder from `storybank init`');
  });

  it('refuses to overwrite without --force (exit 1), and replaces with it', async () => {
    const dir = await tempDir();
    expect((await storybank(['import', notesPath], dir)).code).toBe(0);
    const again = await storybank(['import', notesPath], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/import never overwrites without --force; nothing was written:\n {2}stories\/about-me\.md/);
    const forced = await storybank(['-q', 'import', notesPath, '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toBe('');
  });

  it('explains empty notes, notes without questions and a missing file (exit 1)', async () => {
    const dir = await tempDir();
    const empty = await storybank(['import', fixturePath('empty.md')], dir);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/empty\.md is empty; there is nothing to import/);
    const none = await storybank(['import', fixturePath('no-questions.md')], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/found no questions in no-questions\.md/);
    const missing = await storybank(['import', 'nope.md'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot find the notes file nope\.md/);
  });

  it('storybank questions lists and searches the bank, the workspace\'s own questions marked', async () => {
    const dir = await tempDir();
    const all = await storybank(['questions'], dir);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^about-me +Tell me about yourself\. {2}\(communication, motivation\)$/m);
    const conflict = await storybank(['questions', 'conflict'], dir);
    expect(conflict.stdout.split('\n')[0]).toMatch(/^conflict-teammate +Tell me about a conflict with a teammate\./);
    await storybank(['import', fixturePath('sre-oncall.md')], dir);
    const json = JSON.parse((await storybank(['questions', 'alert', '--json'], dir)).stdout) as { id: string; source: string }[];
    expect(json[0]).toEqual({ id: 'reduce-alert-fatigue', text: 'How do you reduce alert fatigue', competencies: [], source: 'workspace' });
    expect((await storybank(['questions'], dir)).stdout).toMatch(/^reduce-alert-fatigue +How do you reduce alert fatigue {2}\[workspace\]$/m);
  });

  it('new prints the path of the file it wrote', async () => {
    const dir = await tempDir();
    await storybank(['init', dir], dir);
    const first = await storybank(['new', 'Tight deadline: Q3 launch!'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('stories/tight-deadline-q3-launch.md\n');
    const second = await storybank(['new', 'Tight deadline: Q3 launch!', '--kind', 'answer'], dir);
    expect(second.stdout).toBe('stories/tight-deadline-q3-launch-2.md\n');
    expect(await readFile(join(dir, 'stories', 'tight-deadline-q3-launch-2.md'), 'utf8')).toContain('kind: answer');
    expect((await storybank(['check'], dir)).code).toBe(0);
  });

  it('init refuses an existing workspace with exit 1', async () => {
    const dir = await tempDir();
    expect((await storybank(['init', dir], dir)).code).toBe(0);
    const again = await storybank(['init', dir], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/init never overwrites; nothing was written:\n {2}storybank\.yml/);
  });

  it('build turns a fresh init workspace into a PDF and a DOCX', async () => {
    const dir = await tempDir();
    expect((await storybank(['init', dir], dir)).code).toBe(0);
    const build = await storybank(['--dir', dir, 'build'], dir);
    expect(build.stderr).toMatch(/Built 1 profile, 2 files/);
    expect(build.code).toBe(0);
    const pdf = await readFile(join(dir, 'out', 'example-role', 'cheatsheet.pdf'));
    const docx = await readFile(join(dir, 'out', 'example-role', 'answer-bank.docx'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });
});
