import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importNotes, parseLabel, tidyText, type ImportResult } from '../../src/authoring/import-notes.js';
import { UserError } from '../../src/diagnostics.js';
import { lintWorkspace } from '../../src/plan/lint.js';
import { builtinCatalog } from '../../src/questions/catalog.js';
import { parseWorkspace } from '../../src/workspace/parse.js';
import { bytesOf, fixture, REAL_NOTES, words } from './helpers.js';

/** The imported stories (and questions.yml) as an in-memory workspace, parsed like `check` would. */
function workspaceOf(result: ImportResult) {
  const files = result.stories.map((s) => bytesOf(s.path, s.text));
  if (result.newQuestions.length) {
    const yaml = result.newQuestions.map((q) => `- id: ${q.id}\n  text: ${JSON.stringify(q.text)}\n  competencies: []`).join('\n');
    files.push(bytesOf('stories/questions.yml', `${yaml}\n`));
  }
  return parseWorkspace(files);
}

function errorsOf(result: ImportResult) {
  return lintWorkspace(workspaceOf(result)).filter((d) => d.severity === 'error');
}

function byQuestion(result: ImportResult, id: string) {
  const story = result.stories.find((s) => s.questions.includes(id));
  if (!story) throw new Error(`no story for ${id}; got ${result.stories.map((s) => s.id).join(', ')}`);
  return story;
}

describe('import of the real interview notes', async () => {
  const notes = await readFile(REAL_NOTES, 'utf8');
  const result = importNotes(notes, builtinCatalog(), { sourceName: 'interview-notes.md' });
  const questionHeadings = notes.split('\n').filter((l) => /^ {0,3}## /.test(l));

  it('writes one story per question heading', () => {
    expect(questionHeadings.length).toBe(12);
    expect(result.shape).toBe('headings');
    expect(result.stories).toHaveLength(questionHeadings.length);
    for (const heading of questionHeadings) {
      expect(result.stories.some((s) => words(s.text).includes(words(heading)))).toBe(true);
    }
  });

  it('maps headings to the built-in question ids', () => {
    const ids = result.stories.map((s) => [s.line, s.id, s.questions]);
    expect(ids).toEqual([
      [1, 'about-me', ['about-me']],
      [5, 'tight-deadline', ['tight-deadline']],
      [23, 'unexpected-issues', ['unexpected-issues']],
      [37, 'hardest-project', ['hardest-project']],
      [48, 'scalable-ingestion-platform', []],
      [66, 'career-goals', ['career-goals']],
      [71, 'dealbreakers', ['dealbreakers']],
      [77, 'conflict-teammate', ['conflict-teammate']],
      [93, 'disagree-manager', ['disagree-manager']],
      [107, 'failure', ['failure']],
      [125, 'proudest', ['proudest']],
      [128, 'manager-feedback', ['manager-feedback']],
    ]);
    expect(result.newQuestions).toEqual([]);
  });

  it('gives every story its own file', () => {
    const paths = result.stories.map((s) => s.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const s of result.stories) expect(s.path).toBe(`stories/${s.id}.md`);
  });

  it('loses no line of the notes', () => {
    const all = words(result.stories.map((s) => s.text).join('\n'));
    const missing = notes
      .split('\n')
      .map((line) => words(line))
      .filter((line) => line !== '' && !all.includes(line));
    expect(missing).toEqual([]);
  });

  it('parses with 0 errors, as check would see it', () => {
    expect(errorsOf(result)).toEqual([]);
    expect(workspaceOf(result).stories).toHaveLength(12);
  });

  it('turns Situation:/Task:/Action:/Result: labels into STAR sections', () => {
    for (const id of ['tight-deadline', 'unexpected-issues']) {
      const story = byQuestion(result, id);
      expect(story.kind).toBe('star');
      expect(story.draft).toBe(false);
      const parsed = workspaceOf(result).stories.find((s) => s.id === story.id)!;
      expect(parsed.sections.map((s) => s.key)).toEqual(['situation', 'task', 'action', 'result']);
      expect(parsed.sections.every((s) => s.text.length > 40)).toBe(true);
      // The quotes around what to say are gone; the words are not.
      expect(parsed.sections[0]!.text).not.toMatch(/^[“"]/);
    }
    const tight = workspaceOf(result).stories.find((s) => s.id === 'tight-deadline')!;
    expect(tight.sections[3]!.text).toContain('two days before my leave');
  });

  it('keeps answers without labels as kind: answer, sub-headings and bullets included', () => {
    expect(byQuestion(result, 'about-me').kind).toBe('answer');
    expect(byQuestion(result, 'failure').kind).toBe('answer');
    const topic = result.stories.find((s) => s.id === 'scalable-ingestion-platform')!;
    expect(topic.kind).toBe('answer');
    expect(topic.text).toMatch(/^#### mistakes\/failures :$/m);
    expect(topic.text).toMatch(/^#### what you would do differently$/m);
    expect(topic.text).toMatch(/^- logging & observability were added later instead of day 1$/m);
    expect(byQuestion(result, 'manager-feedback').text).toMatch(/^- relaible in meeting deadlines$/m);
  });

  it('puts text that fits no section under ## Notes', () => {
    const story = byQuestion(result, 'disagree-manager');
    const parsed = workspaceOf(result).stories.find((s) => s.id === story.id)!;
    expect(parsed.notes?.text).toMatch(/^later on we wanted to migrate all of our analytics data from postgres to BQ/);
    expect(parsed.sections[0]!.text).not.toContain('later on we wanted');
  });

  it('marks drafts and says why each story needs attention', () => {
    const drafts = result.stories.filter((s) => s.draft).map((s) => s.id);
    expect(drafts).toEqual(['scalable-ingestion-platform', 'proudest']);
    expect(result.stories.find((s) => s.id === 'scalable-ingestion-platform')!.attention.join(' ')).toMatch(/topic, not a question.*technical-decision/);
    expect(byQuestion(result, 'proudest').attention.join(' ')).toMatch(/reminder/);
    expect(byQuestion(result, 'tight-deadline').attention.join(' ')).toMatch(/no metrics.*two days before my leave/);
    expect(byQuestion(result, 'failure').attention.join(' ')).toMatch(/free-form answer/);
    expect(result.stories.find((s) => s.id === 'scalable-ingestion-platform')!.attention.join(' ')).toMatch(/no competencies/);
    expect(byQuestion(result, 'about-me').attention).toEqual([]);
  });

  it('titles each story from its question and keeps the full question in a comment', () => {
    const story = byQuestion(result, 'tight-deadline');
    expect(story.title).toBe('Tell me about a time you had to work under a tight deadline.');
    expect(story.text).toContain(
      '# Imported from interview-notes.md, line 5: Tell me about a time you had to work under a tight deadline. How did you handle it, and what was the outcome?',
    );
    expect(byQuestion(result, 'hardest-project').title).toBe('The most challenging project you worked & why is it challenging & how you solved it?');
    expect(byQuestion(result, 'career-goals').title).toBe('What are your career goals?');
  });

  it('is deterministic', () => {
    expect(importNotes(notes, builtinCatalog(), { sourceName: 'interview-notes.md' })).toEqual(result);
  });
});

describe('notes in other shapes', () => {
  it('numbered questions with indented answers; a title line becomes context in ## Notes', async () => {
    const result = importNotes(await fixture('numbered.md'), builtinCatalog(), { sourceName: 'numbered.md' });
    expect(result.shape).toBe('lines');
    expect(result.stories.map((s) => s.id)).toEqual(['about-me', 'failure', 'why-leaving', 'favourite-data-structure']);
    expect(result.stories[1]!.kind).toBe('star');
    expect(result.stories[1]!.draft).toBe(false);
    expect(result.stories[2]!.text).toMatch(/^- I want to work on larger systems\.$/m);
    expect(result.stories[0]!.text).toMatch(/## Notes\n\nFrom numbered\.md, before this question:\n\n\*\*My interview prep\*\*/);
    expect(result.newQuestions).toEqual([{ id: 'favourite-data-structure', text: 'What is your favourite data structure?', competencies: [] }]);
    expect(result.stories[3]!.questions).toEqual(['favourite-data-structure']);
    expect(errorsOf(result)).toEqual([]);
  });

  it('numbered headings with bold labels, and dash labels with sections missing', async () => {
    const result = importNotes(await fixture('numbered-headings.md'), builtinCatalog());
    expect(result.stories.map((s) => [s.id, s.kind, s.draft])).toEqual([
      ['conflict-teammate', 'star', false],
      ['strengths', 'answer', false],
      ['ambiguity', 'star', true],
    ]);
    expect(result.stories[0]!.title).toBe('Tell me about a conflict with a colleague?');
    expect(result.stories[0]!.text).toContain('## Situation\n\nTwo teams wanted the same release slot.\n');
    expect(result.stories[2]!.attention[0]).toBe('missing Task and Action: fill them in');
    // A draft's empty sections are written as headings to fill in; check only warns about them.
    expect(result.stories[2]!.text).toContain('## Task\n\n## Action\n\n## Result\n\nwe agreed on three measurable goals');
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
    const b = importNotes(crlf, builtinCatalog(), { sourceName: 'x.md' });
    expect(b).toEqual(a);
    // Built in the test as well, in case a checkout normalises the fixture's line endings.
    expect(importNotes(`\uFEFF${lf.replace(/\n/g, '\r\n')}`, builtinCatalog(), { sourceName: 'x.md' })).toEqual(a);
    for (const s of b.stories) expect(s.text).not.toMatch(/\r|\uFEFF/);
  });

  it('bold questions, with the answer below or on the same line', async () => {
    const result = importNotes(await fixture('bold-questions.md'), builtinCatalog());
    expect(result.stories.map((s) => s.id)).toEqual(['why-company', 'weaknesses', 'disagree-manager']);
    expect(result.stories[0]!.title).toBe('Why this company?');
    expect(result.stories[2]!.text).toMatch(/---\n\nWe disagreed about rewriting the billing service; I proposed a staged migration/);
    expect(errorsOf(result)).toEqual([]);
  });

  it('Q:/A: pairs, S:/T:/A:/R: shorthand, an inline answer and an NB aside', async () => {
    const notes = await fixture('qa-pairs.md');
    const result = importNotes(notes, builtinCatalog(), { sourceName: 'qa-pairs.md' });
    expect(result.stories.map((s) => [s.id, s.kind])).toEqual([
      ['about-me', 'answer'],
      ['proudest', 'star'],
      ['career-goals', 'answer'],
      ['code-review', 'answer'],
    ]);
    expect(result.stories[0]!.text).toMatch(/---\n\nI'm a backend engineer/);
    expect(result.stories[1]!.text).toContain('## Action\n\nI traced it to a timeout and added retries with idempotency keys.');
    expect(result.stories[1]!.draft).toBe(false);
    expect(result.stories[2]!.text).toMatch(/---\n\nLeading a small platform team\.\n$/);
    expect(result.stories[2]!.draft).toBe(true);
    expect(result.stories[3]!.text).toMatch(/## Notes\n\nNB: ask them how long reviews take there\.\n$/);
    expect(result.stories[0]!.text).toContain('Interview with Acme, March');
    expect(result.newQuestions.map((q) => q.id)).toEqual(['code-review']);
    const all = words(result.stories.map((s) => s.text).join('\n'));
    // Every line's words survive, apart from the Q:/A:/S:/T:/R: markers themselves.
    for (const line of notes.split('\n').flatMap((l) => l.split(/\s+A:\s+/))) {
      const w = words(line.replace(/^\s*(Q|A|S|T|R)\s*:/, ''));
      if (w) expect(all).toContain(w);
    }
    expect(errorsOf(result)).toEqual([]);
  });

  it('group headings above the questions go to the next story\'s notes', async () => {
    const result = importNotes(await fixture('grouped.md'), builtinCatalog(), { sourceName: 'grouped.md' });
    expect(result.stories.map((s) => s.id)).toEqual(['failure', 'system-design-story']);
    expect(result.stories[0]!.kind).toBe('star');
    expect(result.stories[0]!.text).toContain('## Situation\n\na release broke search for an hour.');
    expect(result.stories[1]!.text).toContain('**Technical**\n\nQuestions I expect from the platform team.');
    const parsed = workspaceOf(result).stories[1]!;
    expect(parsed.sections[0]!.text).toBe('The ingestion service takes files from 200 suppliers and validates each row.');
    expect(parsed.notes?.text).toContain('draw the queue first');
    expect(errorsOf(result)).toEqual([]);
  });

  it('text under a group heading after the last question is kept, as coming after it', () => {
    const result = importNotes('## Why this company?\nI use the product every day and want to build it.\n\n# Leftovers\nask about on-call\n', builtinCatalog(), { sourceName: 'n.md' });
    expect(result.stories).toHaveLength(1);
    expect(result.stories[0]!.text).toMatch(/## Notes\n\nFrom n\.md, after this question:\n\n\*\*Leftovers\*\*\n\nask about on-call\n$/);
  });

  it('headings that are topics, not questions, become drafts', async () => {
    const result = importNotes(await fixture('topics.md'), builtinCatalog());
    expect(result.shape).toBe('topics');
    expect(result.stories.map((s) => [s.id, s.draft])).toEqual([
      ['ingestion-platform', true],
      ['excel-template', true],
    ]);
    expect(errorsOf(result)).toEqual([]);
  });

  it('an empty file is refused with a clear message', async () => {
    expect(() => importNotes('', builtinCatalog(), { sourceName: 'empty.md' })).toThrow(UserError);
    expect(() => importNotes('\uFEFF  \r\n\t\n', builtinCatalog(), { sourceName: 'blank.md' })).toThrow('blank.md is empty; there is nothing to import');
    const blank = await fixture('blank.md');
    const empty = await fixture('empty.md');
    expect(() => importNotes(blank, builtinCatalog())).toThrow(/is empty/);
    expect(() => importNotes(empty, builtinCatalog())).toThrow(/is empty/);
  });

  it('notes without any question are refused with a message that says what a question looks like', async () => {
    const run = async () => importNotes(await fixture('no-questions.md'), builtinCatalog(), { sourceName: 'no-questions.md' });
    await expect(run()).rejects.toThrow(UserError);
    await expect(run()).rejects.toThrow(/found no questions in no-questions\.md.*"## Tell me about a time…".*"Q:"/s);
  });

  it('never gives two stories the same file, even for the same question', () => {
    const notes = '## Tell me about a time you failed\nIt went badly, and then I fixed the process for everyone.\n\n## Another failure?\nA second failure, told from another angle entirely, with its own lesson.\n';
    const result = importNotes(notes, builtinCatalog());
    expect(result.stories.map((s) => [s.id, s.questions])).toEqual([
      ['failure', ['failure']],
      ['failure-2', ['failure']],
    ]);
    expect(result.stories[1]!.attention[0]).toMatch(/like another story here/);
  });

  it('section headings at the question level are labels, not new stories', () => {
    const notes = '# Tell me about a time you failed\n\n# Situation\nA release broke search.\n\n# Task\nI was on call.\n\n# Action\nI rolled back.\n\n# Result\nSearch was back in 9 minutes.\n\n# Why this company?\nI use the product every day and want to work on it.\n';
    const result = importNotes(notes, builtinCatalog());
    expect(result.stories.map((s) => [s.id, s.kind, s.draft])).toEqual([
      ['failure', 'star', false],
      ['why-company', 'answer', false],
    ]);
    expect(errorsOf(result)).toEqual([]);
  });

  it('does not mistake code or prose for labels and questions', () => {
    const notes = '## Why this company?\n\nContext matters: I like the product.\n\n```\nSituation: not a label in code\n## not a heading\n```\n\nAction-oriented people do well there.\n';
    const result = importNotes(notes, builtinCatalog());
    expect(result.stories).toHaveLength(1);
    expect(result.stories[0]!.kind).toBe('answer');
    expect(result.stories[0]!.text).toContain('```\nSituation: not a label in code\n## not a heading\n```');
    expect(errorsOf(result)).toEqual([]);
  });
});

describe('parseLabel', () => {
  it.each([
    ['Situation:', 'situation', ''],
    ['situation:', 'situation', ''],
    ['SITUATION', 'situation', ''],
    ['**Task:** I owned it', 'task', 'I owned it'],
    ['**Task**: I owned it', 'task', 'I owned it'],
    ['"Action": I did it', 'action', 'I did it'],
    ['“Action:” I did it', 'action', 'I did it'],
    ['Result - it worked', 'result', 'it worked'],
    ['- Result: it worked', 'result', 'it worked'],
    ['### Outcome', 'result', ''],
    ['#### Lessons learned', 'lessons', ''],
    ['Notes:', 'notes', ''],
    ['_Context:_ a bit of background', 'situation', 'a bit of background'],
  ])('%j', (line, key, rest) => {
    expect(parseLabel(line)).toEqual({ key, rest });
  });

  it.each(['Context matters a lot here.', 'Action-oriented people', 'Results were mixed', '- Action items', 'Impact of my work: big', '### Situation room'])('%j is not a label', (line) => {
    expect(parseLabel(line)).toBeUndefined();
  });
});

describe('tidyText', () => {
  it('splits sentences on separate lines into paragraphs and drops quotes around whole sentences', () => {
    expect(tidyText(['“I did this.', 'Then that.”', '- a list item.', 'Lazy continuation.'])).toBe('I did this.\n\nThen that.\n- a list item.\nLazy continuation.');
    expect(tidyText(['He said “stop” and left.'])).toBe('He said “stop” and left.');
    expect(tidyText(['Text', '---'])).toBe('Text\n\n---');
  });
});
