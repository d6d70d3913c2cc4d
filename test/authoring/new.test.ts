import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStory } from '../../src/authoring/new.js';
import { UserError } from '../../src/diagnostics.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { readTree, tempDir } from './helpers.js';

async function workspace(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, 'stories'));
  return root;
}

describe('storybank new', () => {
  it('writes stories/<slug>.md from the title', async () => {
    const root = await workspace();
    const created = await createStory(root, 'Tight deadline: Q3 launch!');
    expect(created).toEqual({ id: 'tight-deadline-q3-launch', path: join(root, 'stories', 'tight-deadline-q3-launch.md'), renamed: false });
    const text = await readFile(created.path, 'utf8');
    expect(text).toMatch(/^---\ntitle: "Tight deadline: Q3 launch!"\nkind: star\n/);
    expect(text).toMatch(/\ndraft: true\n/);
    expect(text).toMatch(/\nquestions: \[\]/);
    expect(text).toMatch(/\ncompetencies: \[\]/);
    expect(text).toMatch(/\ntags: \[\]/);
    expect(text).toMatch(/\nmetrics: \[\]/);
    expect(text).toMatch(/---\n## Situation\n\n## Task\n\n## Action\n\n## Result\n$/);
  });

  it('never overwrites: a taken slug gets -2, then -3', async () => {
    const root = await workspace();
    await writeFile(join(root, 'stories', 'launch.md'), 'mine, do not touch');
    expect((await createStory(root, 'Launch')).id).toBe('launch-2');
    expect((await createStory(root, 'Launch')).id).toBe('launch-3');
    expect(await readFile(join(root, 'stories', 'launch.md'), 'utf8')).toBe('mine, do not touch');
  });

  it('counts ids in subfolders and in any case as taken (they would clash)', async () => {
    const root = await workspace();
    await mkdir(join(root, 'stories', '2023'));
    await writeFile(join(root, 'stories', '2023', 'Launch.md'), 'x');
    expect((await createStory(root, 'launch')).id).toBe('launch-2');
  });

  it('gives concurrent calls distinct files', async () => {
    const root = await workspace();
    const made = await Promise.all(Array.from({ length: 6 }, () => createStory(root, 'Same title')));
    expect(new Set(made.map((m) => m.id)).size).toBe(6);
  });

  it('transliterates or drops non-ASCII letters, falling back to "story"', async () => {
    const root = await workspace();
    expect((await createStory(root, 'Café Straße — Привет')).id).toBe('cafe-strasse-privet');
    expect((await createStory(root, '日本語')).id).toBe('story');
  });

  it('writes files that pass check with 0 errors, for both kinds', async () => {
    const root = await workspace();
    await createStory(root, 'A story');
    const answer = await createStory(root, 'An answer', 'answer');
    expect(await readFile(answer.path, 'utf8')).toMatch(/^---\ntitle: An answer\nkind: answer\n[\s\S]*draft: true[\s\S]*\n---\n$/);
    const ws = parseWorkspace(await readTree(root));
    expect(ws.stories.map((s) => [s.id, s.kind, s.draft])).toEqual([
      ['a-story', 'star', true],
      ['an-answer', 'answer', true],
    ]);
    expect(lintWorkspace(ws).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses an empty title, and a folder that is not a workspace', async () => {
    await expect(createStory(await workspace(), '   ')).rejects.toThrow(UserError);
    await expect(createStory(await tempDir(), 'Title')).rejects.toThrow(/has no stories\/ folder; run `storybank init/);
  });
});
