import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';
import { importIntoWorkspace, readNotes } from '../../src/authoring/import-workspace.js';
import { formatImportSummary } from '../../src/cli/format/import-summary.js';
import { UserError } from '../../src/diagnostics.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { fixture, readTree, REAL_NOTES, tempDir } from './helpers.js';

async function freshWorkspace(): Promise<string> {
  const root = await tempDir();
  await initWorkspace(root);
  return root;
}

async function check(root: string) {
  return lintWorkspace(parseWorkspace(await readTree(root)));
}

describe('storybank import', () => {
  it('imports the real notes into a fresh workspace that check passes with 0 errors', async () => {
    const root = await freshWorkspace();
    const notes = await readNotes(REAL_NOTES.pathname);
    const run = await importIntoWorkspace(root, notes, { sourceName: 'interview-notes.md' });
    expect(run.written).toHaveLength(12);
    expect(run.replaced).toEqual([]);
    for (const path of run.written) expect(await readFile(join(root, path), 'utf8')).toBe(run.result.stories.find((s) => s.path === path)!.text);
    const diagnostics = await check(root);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.unasked).toContain('failure');
    const summary = formatImportSummary(run, 'interview-notes.md');
    expect(summary).toMatch(/^12 stories written from interview-notes\.md \(one per question heading\), 2 of them drafts:/);
    expect(summary).toMatch(/Needs attention \(8\):/);
    expect(summary).toMatch(/stories\/proudest\.md\n {4}- reads like a reminder/);
  });

  it('without --force, refuses when a story exists, lists it, and writes nothing', async () => {
    const root = await freshWorkspace();
    const notes = await readNotes(REAL_NOTES.pathname);
    await importIntoWorkspace(root, notes);
    await writeFile(join(root, 'stories', 'failure.md'), 'edited by me');
    const before = await readTree(root);
    const error = await importIntoWorkspace(root, notes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/these 12 stories exist already, and import never overwrites without --force; nothing was written:\n {2}stories\/about-me\.md\n/);
    expect((error as Error).message).toContain('  stories/failure.md\n');
    expect(await readTree(root)).toEqual(before);
  });

  it('with --force, replaces them', async () => {
    const root = await freshWorkspace();
    const notes = await readNotes(REAL_NOTES.pathname);
    await importIntoWorkspace(root, notes);
    await writeFile(join(root, 'stories', 'failure.md'), 'edited by me');
    const run = await importIntoWorkspace(root, notes, { force: true });
    expect(run.replaced).toHaveLength(12);
    expect(await readFile(join(root, 'stories', 'failure.md'), 'utf8')).toContain('title: Tell me about a time you failed.');
    expect((await check(root)).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a partial overlap: without --force nothing is written, not even the new stories', async () => {
    const root = await freshWorkspace();
    await writeFile(join(root, 'stories', 'why-company.md'), 'mine');
    await expect(importIntoWorkspace(root, await fixture('bold-questions.md'))).rejects.toThrow(/this story exists already[\s\S]*stories\/why-company\.md/);
    expect(await readFile(join(root, 'stories', 'why-company.md'), 'utf8')).toBe('mine');
    await expect(stat(join(root, 'stories', 'weaknesses.md'))).rejects.toThrow();
  });

  it('an id used by a story in a subfolder blocks the import even with --force', async () => {
    const root = await freshWorkspace();
    await mkdir(join(root, 'stories', 'old'));
    await writeFile(join(root, 'stories', 'old', 'weaknesses.md'), '---\ntitle: Old\n---\n## Situation\nx\n## Task\nx\n## Action\nx\n## Result\nx\n');
    await expect(importIntoWorkspace(root, await fixture('bold-questions.md'), { force: true })).rejects.toThrow(/stories\/weaknesses\.md \(the id "weaknesses" is taken by stories\/old\/weaknesses\.md\)/);
  });

  it('adds unknown questions to stories/questions.yml, keeping what is there', async () => {
    const root = await freshWorkspace();
    await writeFile(join(root, 'stories', 'questions.yml'), '# my questions\n- id: on-call\n  text: How do you handle on-call?\n  competencies: [reliability]\n');
    const run = await importIntoWorkspace(root, await fixture('numbered.md'), { sourceName: 'numbered.md' });
    expect(run.addedQuestions.map((q) => q.id)).toEqual(['favourite-data-structure']);
    const yaml = await readFile(join(root, 'stories', 'questions.yml'), 'utf8');
    expect(yaml).toMatch(/^# my questions\n- id: on-call\n[\s\S]*- id: favourite-data-structure\n {2}text: What is your favourite data structure\?\n {2}competencies: \[\]\n$/);
    const diagnostics = await check(root);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.rule === 'unknown-question')).toEqual([]);
    // Importing again matches the question defined the first time.
    const again = await importIntoWorkspace(root, await fixture('numbered.md'), { force: true });
    expect(again.addedQuestions).toEqual([]);
    expect(again.result.stories[3]!.questions).toEqual(['favourite-data-structure']);
  });

  it('creates stories/questions.yml when needed; leaves a broken one alone', async () => {
    const root = await freshWorkspace();
    await importIntoWorkspace(root, await fixture('qa-pairs.md'));
    expect(await readFile(join(root, 'stories', 'questions.yml'), 'utf8')).toMatch(/- id: code-review\n {2}text: What's your approach to code review\?\n {2}competencies: \[\]\n$/);

    const broken = await freshWorkspace();
    await writeFile(join(broken, 'stories', 'questions.yml'), 'id: not-a-list\n');
    const run = await importIntoWorkspace(broken, await fixture('qa-pairs.md'));
    expect(run.addedQuestions).toEqual([]);
    expect(run.questionsNote).toMatch(/is not a list of questions/);
    expect(await readFile(join(broken, 'stories', 'questions.yml'), 'utf8')).toBe('id: not-a-list\n');
    expect(run.result.stories.find((s) => s.id.startsWith('code-review') || s.title.includes('code review'))!.questions).toEqual([]);
  });

  it('needs a workspace', async () => {
    await expect(importIntoWorkspace(await tempDir(), '## Why us?\nBecause.')).rejects.toThrow(/has no stories\/ folder/);
  });
});

describe('reading the notes file', () => {
  it('refuses what is not a notes file, clearly', async () => {
    const dir = await tempDir();
    await expect(readNotes(join(dir, 'missing.md'), 'missing.md')).rejects.toThrow('cannot find the notes file missing.md');
    await expect(readNotes(dir, 'folder')).rejects.toThrow(/folder is a folder/);
    await writeFile(join(dir, 'bin.md'), Buffer.from([0x23, 0x00, 0x01]));
    await expect(readNotes(join(dir, 'bin.md'), 'bin.md')).rejects.toThrow(/binary/);
    await writeFile(join(dir, 'latin1.md'), Buffer.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9]));
    await expect(readNotes(join(dir, 'latin1.md'), 'latin1.md')).rejects.toThrow(/not valid UTF-8/);
  });

  it('reads a file with a BOM and CRLF line endings, and imports it like the LF one', async () => {
    const text = await readNotes(new URL('../fixtures/notes/crlf-bom.md', import.meta.url).pathname);
    expect(text.startsWith('\uFEFF')).toBe(false);
    const root = await freshWorkspace();
    const run = await importIntoWorkspace(root, text);
    expect(run.written).toEqual(['stories/conflict-teammate.md', 'stories/strengths.md', 'stories/ambiguity.md']);
    expect(await readFile(join(root, 'stories', 'strengths.md'), 'utf8')).not.toContain('\r');
  });
});
