import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';
import { EXAMPLE_PROFILE } from '../../src/authoring/scaffold.js';
import { UserError } from '../../src/diagnostics.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { planProfile } from '../../src/plan/assign.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { readTree, tempDir } from './helpers.js';

const EXPECTED = ['storybank.yml', 'stories/example-story.md', 'stories/example-pitch.md', `stories/profiles/${EXAMPLE_PROFILE}.md`, 'README.md', '.gitignore'];

describe('storybank init', () => {
  it('writes a workspace that check passes without errors, warning only about the examples and the placeholder name', async () => {
    const root = await tempDir();
    const result = await initWorkspace(root);
    expect(result.written).toEqual(EXPECTED);
    const ws = parseWorkspace(await readTree(root));
    expect(lintWorkspace(ws).map((d) => `${d.file} ${d.severity} ${d.rule}`)).toEqual([
      'stories/example-pitch.md warning example-story',
      'stories/example-story.md warning example-story',
      'stories/profiles/example-role.md warning example-profile',
      'storybank.yml warning placeholder-name',
    ]);
    expect(ws.stories.map((s) => [s.id, s.kind])).toEqual([
      ['example-pitch', 'answer'],
      ['example-story', 'star'],
    ]);
    expect(ws.profiles.map((p) => p.name)).toEqual([EXAMPLE_PROFILE]);
    expect(ws.config.name).toBe('Your Name');
    const gitignore = await readFile(join(root, '.gitignore'), 'utf8');
    expect(gitignore.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['out/', '.storybank/']);
    // The comment right above the entry says the log may be committed.
    expect(gitignore).toMatch(/# [^\n]*practice log[^\n]*\n# [^\n]*committed[^\n]*\n\.storybank\/\n/);
  });

  it('has git ignore the practice log and the outputs', async () => {
    const root = await tempDir();
    await initWorkspace(root);
    execFileSync('git', ['init', '-q'], { cwd: root });
    const ignored = (path: string) => spawnSync('git', ['check-ignore', '-q', path], { cwd: root }).status === 0;
    expect(ignored('.storybank/practice.jsonl')).toBe(true);
    expect(ignored('out/example-role/cheatsheet.pdf')).toBe(true);
    expect(ignored('stories/example-story.md')).toBe(false);
  });

  it('gives a profile with a story for every question', async () => {
    const root = await tempDir();
    await initWorkspace(root);
    const ws = parseWorkspace(await readTree(root));
    const plan = planProfile(ws.profiles[0]!, ws.stories, ws.catalog);
    expect(plan.gaps).toEqual([]);
    expect(plan.unused).toEqual([]);
  });

  it('marks its stories as examples: never picked for the user\'s own profiles, and quiet once made real', async () => {
    const root = await tempDir();
    await initWorkspace(root);
    await writeFile(join(root, 'stories', 'profiles', 'nurse.md'), '---\nrole: Charge nurse\nquestions: [about-me, tight-deadline]\n---\n');
    let ws = parseWorkspace(await readTree(root));
    const plan = planProfile(ws.profiles.find((p) => p.name === 'nurse')!, ws.stories, ws.catalog);
    expect(plan.gaps.map((q) => q.id)).toEqual(['about-me', 'tight-deadline']);
    expect(plan.excluded.map((e) => [e.story.id, e.why])).toEqual([
      ['example-pitch', 'an example from storybank init'],
      ['example-story', 'an example from storybank init'],
    ]);

    for (const path of ['stories/example-story.md', 'stories/example-pitch.md', `stories/profiles/${EXAMPLE_PROFILE}.md`]) {
      const text = await readFile(join(root, path), 'utf8');
      await writeFile(join(root, path), text.replace(/^example: true.*\n/m, ''));
    }
    await writeFile(join(root, 'storybank.yml'), 'name: Ana Costa\n');
    ws = parseWorkspace(await readTree(root));
    expect(lintWorkspace(ws).filter((d) => d.severity !== 'note')).toEqual([]);
    expect(planProfile(ws.profiles.find((p) => p.name === 'nurse')!, ws.stories, ws.catalog).gaps).toEqual([]);
  });

  it('creates a folder that does not exist yet', async () => {
    const root = join(await tempDir(), 'a', 'b');
    await initWorkspace(root);
    expect((await readdir(join(root, 'stories'))).sort()).toEqual(['example-pitch.md', 'example-story.md', 'profiles']);
  });

  it('refuses to overwrite, names the files, and writes nothing', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'storybank.yml'), 'name: Me\n');
    await mkdir(join(root, 'stories', 'profiles'), { recursive: true });
    await writeFile(join(root, 'stories', 'profiles', `${EXAMPLE_PROFILE}.md`), 'mine');
    const error = await initWorkspace(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/init never overwrites; nothing was written:\n {2}storybank\.yml\n {2}stories\/profiles\/example-role\.md/);
    expect((await readTree(root)).map((f) => f.path).sort()).toEqual(['stories/profiles/example-role.md', 'storybank.yml']);
    expect(await readFile(join(root, 'storybank.yml'), 'utf8')).toBe('name: Me\n');
  });

  it('refuses a folder that already holds stories', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'mine.md'), '---\ntitle: Mine\n---\n');
    await expect(initWorkspace(root)).rejects.toThrow(/already a workspace: stories\/ holds 1 story/);
    expect((await readTree(root)).map((f) => f.path)).toEqual(['stories/mine.md']);
  });

  it('keeps an existing README and adds out/ and .storybank/ to an existing .gitignore once', async () => {
    const root = await tempDir();
    await writeFile(join(root, 'README.md'), '# My repo\n');
    await writeFile(join(root, '.gitignore'), 'node_modules/');
    const result = await initWorkspace(root);
    expect(result.kept).toEqual(['README.md']);
    expect(result.gitignoreAdded).toEqual(['out/', '.storybank/']);
    expect(await readFile(join(root, 'README.md'), 'utf8')).toBe('# My repo\n');
    const text = await readFile(join(root, '.gitignore'), 'utf8');
    expect(text.startsWith('node_modules/\nout/\n# ')).toBe(true);
    expect(text.endsWith('\n.storybank/\n')).toBe(true);

    const again = await tempDir();
    await writeFile(join(again, '.gitignore'), '/out\n.storybank\n');
    expect((await initWorkspace(again)).gitignoreAdded).toEqual([]);
    expect(await readFile(join(again, '.gitignore'), 'utf8')).toBe('/out\n.storybank\n');

    const half = await tempDir();
    await writeFile(join(half, '.gitignore'), 'out/\r\n');
    expect((await initWorkspace(half)).gitignoreAdded).toEqual(['.storybank/']);
  });

  it('refuses a path that is a file', async () => {
    const file = join(await tempDir(), 'file');
    await writeFile(file, '');
    await expect(initWorkspace(file)).rejects.toThrow(/is a file, not a folder/);
  });
});
