import { describe, expect, it } from 'vitest';
import { importNotes, type ImportResult } from '../../src/authoring/import/index.js';
import { readPreamble, roleFrom } from '../../src/authoring/import/profile-file.js';
import { normaliseNotes, readLines } from '../../src/authoring/import/lines.js';
import { UserError } from '../../src/diagnostics.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { builtinCatalog } from '../../src/questions/catalog.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { bytesOf, fixture, words } from './helpers.js';

/** importNotes end to end on the small single-purpose fixtures; the corpus test covers whole people's notes. */

function workspaceOf(result: ImportResult) {
  const files = result.stories.map((s) => bytesOf(s.path, s.text));
  if (result.profile) files.push(bytesOf(result.profile.path, result.profile.text));
  if (result.newQuestions.length) {
    files.push(bytesOf('stories/questions.yml', `${result.newQuestions.map((q) => `- id: ${q.id}\n  text: ${JSON.stringify(q.text)}\n  competencies: []`).join('\n')}\n`));
  }
  return parseWorkspace(files);
}

const errorsOf = (result: ImportResult) => lintWorkspace(workspaceOf(result)).filter((d) => d.severity === 'error');
const run = async (name: string, profile = true) =>
  importNotes(await fixture(name), builtinCatalog(), { sourceName: name, profileName: profile ? name.replace(/\.md$/, '') : undefined });

describe('importNotes', () => {
  it('numbered questions with indented answers: STAR, a list, a new question; a title that only says "interview prep" gives way to the file name', async () => {
    const result = await run('numbered.md');
    expect(result.stories.map((s) => [s.id, s.kind])).toEqual([
      ['about-me', 'answer'],
      ['failure', 'star'],
      ['why-leaving', 'answer'],
      ['favourite-data-structure', 'answer'],
    ]);
    expect(result.stories[2]!.text).toMatch(/^- I want to work on larger systems\.$/m);
    expect(result.newQuestions).toEqual([{ id: 'favourite-data-structure', text: 'What is your favourite data structure?', competencies: [] }]);
    expect(result.profile!.role).toBe('Numbered');
    expect(errorsOf(result)).toEqual([]);
  });

  it('numbered headings with bold labels; a story missing sections is a draft that says which', async () => {
    const result = await run('numbered-headings.md');
    expect(result.stories.map((s) => [s.id, s.kind, s.draftWhy])).toEqual([
      ['conflict-teammate', 'star', undefined],
      ['strengths', 'answer', undefined],
      ['ambiguity', 'star', 'Task and Action missing'],
    ]);
    expect(result.stories[0]!.text).toContain('## Situation\n\nTwo teams wanted the same release slot.\n');
    expect(result.stories[2]!.text).toContain('draft: true  # Task and Action missing; drafts are never picked: delete this line when it is ready');
    expect(result.stories[2]!.text).toContain('## Task\n\n## Action\n\n## Result\n\nWe agreed on three measurable goals in one meeting.');
    const diagnostics = lintWorkspace(workspaceOf(result));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(diagnostics.filter((d) => d.file === 'stories/ambiguity.md' && d.rule === 'star-section-empty')).toHaveLength(2);
  });

  it('CRLF line endings and a BOM give the same stories as LF', async () => {
    const lf = await fixture('numbered-headings.md');
    const crlf = await fixture('crlf-bom.md');
    expect(crlf.startsWith('\uFEFF')).toBe(true);
    expect(crlf).toContain('\r\n');
    const a = importNotes(lf, builtinCatalog(), { sourceName: 'x.md' });
    expect(importNotes(crlf, builtinCatalog(), { sourceName: 'x.md' })).toEqual(a);
    expect(importNotes(`\uFEFF${lf.replace(/\n/g, '\r\n')}`, builtinCatalog(), { sourceName: 'x.md' })).toEqual(a);
    for (const s of a.stories) expect(s.text).not.toMatch(/\r|\uFEFF/);
  });

  it('bold questions, with the answer below or on the same line', async () => {
    const result = await run('bold-questions.md');
    expect(result.stories.map((s) => s.id)).toEqual(['why-company', 'weaknesses', 'disagree-manager']);
    expect(result.stories[2]!.text).toMatch(/---\n\nWe disagreed about rewriting the billing service; I proposed a staged migration/);
    expect(errorsOf(result)).toEqual([]);
  });

  it('Q:/A: pairs: S/T/A/R shorthand under A:, an answer on the question line, a reminder as a draft, an NB question for them', async () => {
    const result = await run('qa-pairs.md');
    expect(result.stories.map((s) => [s.id, s.kind, Boolean(s.draftWhy)])).toEqual([
      ['about-me', 'answer', false],
      ['proudest', 'star', false],
      ['career-goals', 'answer', true],
      ['approach-code-review', 'answer', false],
    ]);
    expect(result.stories[1]!.text).toContain('## Action\n\nI traced it to a timeout and added retries with idempotency keys.');
    expect(result.stories[2]!.text).toMatch(/---\n\nLeading a small platform team\.\n$/);
    expect(result.profile!.ask.map((a) => a.text)).toEqual(['Ask them how long reviews take there.']);
    expect(result.profile!.role).toBe('Acme, March');
    expect(errorsOf(result)).toEqual([]);
  });

  it('group headings become tags, and the text under one a note of the first story below it', async () => {
    const result = await run('grouped.md');
    expect(result.stories.map((s) => [s.id, s.tags])).toEqual([
      ['failure', []],
      ['system-design-story', ['technical']],
    ]);
    expect(result.stories[1]!.text).toContain('## Notes\n\nUnder the heading "Technical" in the notes:\n\nQuestions I expect from the platform team.\n\n- draw the queue first\n');
    expect(errorsOf(result)).toEqual([]);
  });

  it('headings that are topics, not questions, become drafts of their own', async () => {
    const result = await run('topics.md');
    expect(result.stories.map((s) => [s.id, s.draftWhy])).toEqual([
      ['ingestion-platform', 'a topic, not a question: list the questions it answers'],
      ['excel-template', 'a topic, not a question: list the questions it answers'],
    ]);
    expect(result.profile!.questions).toEqual([]);
  });

  it('refuses empty notes and notes without a question, saying what a question looks like', async () => {
    expect(() => importNotes('', builtinCatalog(), { sourceName: 'empty.md' })).toThrow(UserError);
    expect(() => importNotes('\uFEFF  \r\n\t\n', builtinCatalog(), { sourceName: 'blank.md' })).toThrow('blank.md is empty; there is nothing to import');
    const [blank, empty, none] = await Promise.all([fixture('blank.md'), fixture('empty.md'), fixture('no-questions.md')]);
    expect(() => importNotes(blank, builtinCatalog())).toThrow(/is empty/);
    expect(() => importNotes(empty, builtinCatalog())).toThrow(/is empty/);
    expect(() => importNotes(none, builtinCatalog(), { sourceName: 'no-questions.md' })).toThrow(/found no questions in no-questions\.md.*"## Tell me about a time…".*"Q:" line/s);
  });

  it('never gives two stories the same file, even for the same question', () => {
    const notes = '## Tell me about a time you failed\nIt went badly, and then I fixed the process for everyone.\n\n## Another failure?\nA second failure, told from another angle entirely, with its own lesson.\n';
    const result = importNotes(notes, builtinCatalog());
    expect(result.stories.map((s) => s.id)).toEqual(['failure', 'failure-2']);
    expect(result.stories[1]!.attention).toContain('answers "failure" like another story here: keep the better one, or list a different question');
  });

  it('two questions that both point at one story give it one angle each, the same question twice one angle and a note', () => {
    const notes = [
      '## Tell me about a time you failed',
      'Situation: the launch slipped.',
      'Task: ship it.',
      'Action: I cut scope.',
      'Result: shipped 2 weeks late.',
      '',
      '## How do you handle tight deadlines?',
      'same story as the launch one, lead with the scope cut',
      '',
      '## Tell me about a tight deadline',
      'see above, the launch story, angle: the two weeks',
      '',
      '## Tell me about a mistake',
      'same story as the launch one',
    ].join('\n');
    const result = importNotes(notes, builtinCatalog(), { sourceName: 'n.md', profileName: 'n' });
    expect(result.stories).toHaveLength(1);
    const story = result.stories[0]!;
    expect(story.questions).toEqual(['failure', 'tight-deadline', 'mistake']);
    expect(story.angles.map((a) => a.id)).toEqual(['tight-deadline', 'mistake']);
    expect(story.text).toContain('Also for "Tell me about a tight deadline" (line 10): The two weeks');
    expect(story.text).toContain('  mistake: same story (no angle given in the notes)');
    expect(result.unplaced).toEqual([]);
  });

  it('is deterministic, and keeps every line of a notes file in some file', async () => {
    const notes = await fixture('backend-engineer.md');
    const a = importNotes(notes, builtinCatalog(), { sourceName: 'b.md', profileName: 'b' });
    expect(importNotes(notes, builtinCatalog(), { sourceName: 'b.md', profileName: 'b' })).toEqual(a);
    expect(a.unplaced).toEqual([]);
    const all = words([...a.stories.map((s) => s.text), a.profile!.text].join('\n'));
    const missing = notes.split('\n').map(words).filter((line) => line !== '' && !all.includes(line));
    expect(missing).toEqual([]);
  });

  it('reads a large file in reasonable time', () => {
    const block = (i: number) => `## Tell me about project ${i}?\nSituation: a thing ${i} broke.\nTask: fix it.\nAction: I fixed it (remember the date).\nResult: it took ${i} days.\n\n`;
    const notes = Array.from({ length: 400 }, (_, i) => block(i)).join('');
    const result = importNotes(notes, builtinCatalog(), { sourceName: 'big.md', profileName: 'big' });
    expect(result.stories).toHaveLength(400);
    expect(result.unplaced).toEqual([]);
  });
});

describe('the preamble', () => {
  it('gives the profile its role from the title, and keeps the rest', () => {
    const preamble = readPreamble(readLines(normaliseNotes('interview prep - St. Agnes MICU charge RN\n\nnotes to self: breathe.\n(ask them about nights!!)\n')));
    expect(preamble.title).toEqual({ text: 'interview prep - St. Agnes MICU charge RN', line: 1 });
    expect(preamble.lines).toEqual([{ text: 'notes to self: breathe.', line: 3 }]);
    expect(preamble.ask).toEqual([{ text: 'Ask them about nights', line: 4 }]);
    expect(roleFrom(preamble.title!.text, 'x')).toBe('St. Agnes MICU charge RN');
    expect(roleFrom('Interview prep: Senior Accountant @ Halvorsen & Co.', 'x')).toBe('Senior Accountant @ Halvorsen & Co.');
    expect(roleFrom(undefined, 'Icu nurse')).toBe('Icu nurse');
  });
});
