import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { initWorkspace } from '../../src/authoring/init.js';
import { importIntoWorkspace, readNotes } from '../../src/authoring/import-workspace.js';
import { formatImportSummary } from '../../src/cli/format/import-summary.js';
import { UserError } from '../../src/diagnostics.js';
import { planProfile } from '../../src/plan/assign.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { BACKEND_NOTES, fixture, readTree, tempDir } from './helpers.js';

const backendNotes = () => readNotes(fileURLToPath(BACKEND_NOTES));

async function check(root: string) {
  const diagnostics = lintWorkspace(parseWorkspace(await readTree(root)));
  return { errors: diagnostics.filter((d) => d.severity === 'error'), all: diagnostics };
}

describe('storybank import into a folder', () => {
  it('starts a workspace where there is none: stories, a profile of the questions in notes order, the new questions', async () => {
    const root = await tempDir();
    const run = await importIntoWorkspace(root, await fixture('sre-oncall.md'), { sourceName: 'sre-oncall.md' });
    expect(run.created).toBe(true);
    expect(run.written).toHaveLength(8);
    expect(run.profile).toEqual({ written: 'stories/profiles/sre-oncall.md', replaced: false });
    for (const path of run.written) expect(await readFile(join(root, path), 'utf8')).toBe(run.result.stories.find((s) => s.path === path)!.text);
    expect((await check(root)).errors).toEqual([]);

    const ws = parseWorkspace(await readTree(root));
    const profile = ws.profiles.find((p) => p.name === 'sre-oncall')!;
    expect(profile.role).toBe('on-call / SRE — Quillstack (staff SRE)');
    expect(profile.questions[0]).toBe('about-me');
    expect(profile.questions).toHaveLength(8);
    expect(profile.ask).toEqual(['Ask how big the on-call rotation is and whether devs carry the pager too']);
    // Every question has its story: the one written for it, or the one it refers to.
    const plan = planProfile(profile, ws.stories, ws.catalog);
    expect(plan.gaps).toEqual([]);
    expect(plan.assignments.find((a) => a.question.id === 'mentoring')?.pick?.story.id).toBe('reduce-alert-fatigue');
    expect(run.addedQuestions.map((q) => q.id)).toEqual(['reduce-alert-fatigue', 'approach-postmortems', 'automated-away-toil']);
  });

  it('imports into an init workspace: the examples are never picked for the imported profile', async () => {
    const root = await tempDir();
    await initWorkspace(root);
    const run = await importIntoWorkspace(root, await backendNotes(), { sourceName: 'backend-engineer.md' });
    expect(run.created).toBe(false);
    const { errors, all } = await check(root);
    expect(errors).toEqual([]);
    expect(all.filter((d) => d.rule === 'example-story').map((d) => d.file)).toEqual(['stories/example-pitch.md', 'stories/example-story.md']);
    const ws = parseWorkspace(await readTree(root));
    const plan = planProfile(ws.profiles.find((p) => p.name === 'backend-engineer')!, ws.stories, ws.catalog);
    const picked = plan.assignments.map((a) => a.pick?.story.id);
    expect(picked).not.toContain('example-story');
    expect(picked).not.toContain('example-pitch');
    expect(picked.slice(0, 3)).toEqual(['about-me', 'tight-deadline', 'unexpected-issues']);
  });

  it('without --force, refuses when a story exists, lists it, and writes nothing', async () => {
    const root = await tempDir();
    const notes = await backendNotes();
    await importIntoWorkspace(root, notes, { sourceName: 'backend-engineer.md' });
    await writeFile(join(root, 'stories', 'failure.md'), 'edited by me');
    const before = await readTree(root);
    const error = await importIntoWorkspace(root, notes, { sourceName: 'backend-engineer.md' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/these 12 stories exist already, and import never overwrites without --force; nothing was written:\n {2}stories\/about-me\.md\n/);
    expect((error as Error).message).toContain('  stories/failure.md\n');
    expect(await readTree(root)).toEqual(before);
  });

  it('with --force, replaces the stories and the profile it wrote', async () => {
    const root = await tempDir();
    const notes = await backendNotes();
    await importIntoWorkspace(root, notes, { sourceName: 'backend-engineer.md' });
    await writeFile(join(root, 'stories', 'failure.md'), 'edited by me');
    const run = await importIntoWorkspace(root, notes, { force: true, sourceName: 'backend-engineer.md' });
    expect(run.replaced).toHaveLength(12);
    expect(run.profile).toEqual({ written: 'stories/profiles/backend-engineer.md', replaced: true });
    expect(await readFile(join(root, 'stories', 'failure.md'), 'utf8')).toContain('title: We built a new driver-rating feature');
    expect((await check(root)).errors).toEqual([]);
  });

  it('leaves a profile of the same name alone, and keeps the questions for them under ## Notes instead', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories', 'profiles'), { recursive: true });
    await writeFile(join(root, 'stories', 'profiles', 'ux-designer.md'), '---\nrole: Mine\nquestions: [about-me]\n---\n');
    const run = await importIntoWorkspace(root, await fixture('ux-designer.md'), { sourceName: 'ux-designer.md' });
    expect(run.profile).toEqual({ kept: 'stories/profiles/ux-designer.md' });
    expect(await readFile(join(root, 'stories', 'profiles', 'ux-designer.md'), 'utf8')).toBe('---\nrole: Mine\nquestions: [about-me]\n---\n');
    expect(await readFile(join(root, 'stories', 'why-company.md'), 'utf8')).toMatch(/## Notes\n\n- ask them: how many designers per PM\?\n$/);
    // The title and the line under it go to the first story when there is no profile to keep them.
    expect(await readFile(join(root, 'stories', 'about-me.md'), 'utf8')).toContain('From the top of ux-designer.md:\n- ✏️ UX design interviews — Parcel & Fernway');
    expect(run.result.unplaced).toEqual([]);
  });

  it('a partial overlap: without --force nothing is written, not even the new stories', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'why-company.md'), 'mine');
    await expect(importIntoWorkspace(root, await fixture('bold-questions.md'))).rejects.toThrow(/this story exists already[\s\S]*stories\/why-company\.md/);
    expect(await readFile(join(root, 'stories', 'why-company.md'), 'utf8')).toBe('mine');
    await expect(stat(join(root, 'stories', 'weaknesses.md'))).rejects.toThrow();
  });

  it('an id used by a story in a subfolder blocks the import even with --force', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories', 'old'), { recursive: true });
    await writeFile(join(root, 'stories', 'old', 'weaknesses.md'), '---\ntitle: Old\n---\n## Situation\nx\n## Task\nx\n## Action\nx\n## Result\nx\n');
    await expect(importIntoWorkspace(root, await fixture('bold-questions.md'), { force: true })).rejects.toThrow(/stories\/weaknesses\.md \(the id "weaknesses" is taken by stories\/old\/weaknesses\.md\)/);
  });

  it('adds unknown questions to stories/questions.yml, keeping what is there; importing again finds them', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'questions.yml'), '# my questions\n- id: on-call\n  text: How do you handle on-call?\n  competencies: [reliability]\n');
    const run = await importIntoWorkspace(root, await fixture('numbered.md'), { sourceName: 'numbered.md' });
    expect(run.addedQuestions.map((q) => q.id)).toEqual(['favourite-data-structure']);
    const yaml = await readFile(join(root, 'stories', 'questions.yml'), 'utf8');
    expect(yaml).toMatch(/^# my questions\n- id: on-call\n[\s\S]*- id: favourite-data-structure\n {2}text: What is your favourite data structure\?\n {2}competencies: \[\]\n$/);
    const { errors, all } = await check(root);
    expect(errors).toEqual([]);
    expect(all.filter((d) => d.rule === 'unknown-question')).toEqual([]);
    const again = await importIntoWorkspace(root, await fixture('numbered.md'), { force: true, sourceName: 'numbered.md' });
    expect(again.addedQuestions).toEqual([]);
    expect(again.result.stories[3]!.questions).toEqual(['favourite-data-structure']);
  });

  it('leaves a broken stories/questions.yml alone, and says so', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'stories'));
    await writeFile(join(root, 'stories', 'questions.yml'), 'id: not-a-list\n');
    const run = await importIntoWorkspace(root, await fixture('qa-pairs.md'));
    expect(run.addedQuestions).toEqual([]);
    expect(run.questionsNote).toMatch(/is not a list of questions/);
    expect(await readFile(join(root, 'stories', 'questions.yml'), 'utf8')).toBe('id: not-a-list\n');
    expect(run.result.stories.find((s) => s.question.includes('code review'))!.questions).toEqual([]);
  });

  it('refuses a folder that does not exist, so a typo in --dir writes nothing', async () => {
    const missing = join(await tempDir(), 'no-such-folder');
    await expect(importIntoWorkspace(missing, '## Why us?\nBecause I use it daily.')).rejects.toThrow(/there is no folder .*no-such-folder/);
    await expect(stat(missing)).rejects.toThrow();
  });

  it('writes nothing, not even stories/, when the notes have no question', async () => {
    const root = await tempDir();
    await expect(importIntoWorkspace(root, await fixture('no-questions.md'), { sourceName: 'no-questions.md' })).rejects.toThrow(/found no questions/);
    expect(await readTree(root)).toEqual([]);
    await expect(stat(join(root, 'stories'))).rejects.toThrow();
  });
});

describe('the import summary', () => {
  it('says what was written, per story its question, kind and STAR sections, and what needs attention', async () => {
    const root = await tempDir();
    const run = await importIntoWorkspace(root, await fixture('pharmacist.md'), { sourceName: 'pharmacist.md' });
    const summary = formatImportSummary(run, 'pharmacist.md');
    expect(summary).toMatch(/^Started a workspace here: created stories\/\.\nImported 6 questions from pharmacist\.md \(6 headings\) into 7 stories: 5 STAR, 2 free-form, 1 draft\./);
    expect(summary).toMatch(/stories\/difficult-stakeholder-2\.md +star {3}S T A R {2}difficult-stakeholder\n/);
    expect(summary).toMatch(/stories\/worked-team-different-professions\.md +star {3}· T A R {2}worked-team-different-professions {2}\(draft\)/);
    expect(summary).toContain('    - missing Situation: fill it in, then delete `draft: true`\n    - title repeats the question: name what happened');
    expect(summary).toContain('    - the notes tell a second event under this question: it is in stories/difficult-stakeholder-2.md');
    expect(summary).toContain('no metrics yet: the Result mentions "we ran our first clinic with 112 shots and…"');
    expect(summary).toContain('Every line of pharmacist.md is in one of these files');
    expect(summary).toContain('Drafts are never picked for a cheat sheet: fill in what is missing, then delete `draft: true`.');
    expect(summary).toMatch(/Next: storybank check, then storybank build \(writes out\/pharmacist\/cheatsheet\.pdf and answer-bank\.docx\)\.$/);
  });

  it('says "no drafts" when there are none, and never tells to delete a draft line that is not there', async () => {
    const root = await tempDir();
    const run = await importIntoWorkspace(root, await fixture('icu-nurse.md'), { sourceName: 'icu-nurse.md' });
    const summary = formatImportSummary(run, 'icu-nurse.md');
    expect(summary).toContain('into 8 stories: 5 STAR, 3 free-form, no drafts.');
    expect(summary).not.toContain('draft: true');
    expect(summary).toContain('+ change (same story)');
  });

  it('lists the lines it could not place instead of claiming that nothing was dropped', async () => {
    const root = await tempDir();
    const run = await importIntoWorkspace(root, await fixture('bold-questions.md'), { sourceName: 'bold-questions.md' });
    run.result.unplaced = [
      { line: 4, text: 'What is your biggest weakness?', problem: 'missing' },
      { line: 7, text: 'ask them about\u001b[31m on-call', problem: 'exported-aside' },
    ];
    const summary = formatImportSummary(run, 'bold-questions.md');
    expect(summary).toContain('Could not place 2 lines of bold-questions.md as it should be (the notes file itself is unchanged):\n  line 4: What is your biggest weakness?  (in no file)\n  line 7: ask them about\\x1b[31m on-call  (an aside in an exported section)');
    expect(summary).not.toContain('Every line');
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
    const text = await readNotes(fileURLToPath(new URL('../fixtures/notes/crlf-bom.md', import.meta.url)));
    expect(text.startsWith('\uFEFF')).toBe(false);
    const root = await tempDir();
    const run = await importIntoWorkspace(root, text);
    expect(run.written).toEqual(['stories/conflict-teammate.md', 'stories/strengths.md', 'stories/ambiguity.md']);
    expect(await readFile(join(root, 'stories', 'strengths.md'), 'utf8')).not.toContain('\r');
  });
});
