import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { memoryWorkspace, PROFILE, star } from '../helpers/memory.js';

const lines = (ws: ReturnType<typeof memoryWorkspace>) => ws.diagnostics.map(formatDiagnostic);

describe('story parsing', () => {
  it('reads front matter and STAR sections in STAR order, whatever the file order', () => {
    const ws = memoryWorkspace({
      'stories/deadline.md': `---
title: Shipped before leave
questions: [tight-deadline]
competencies: [delivery]
metrics: ["2 days early", 3]
angles:
  failure: Lead with the handover.
---
## result
Delivered 2 days early.
## Action:
I cut meetings.
## Situation
A launch.
## TASK
Ship it.
## Notes
Remember to smile.
`,
    });
    expect(lines(ws)).toEqual([]);
    const story = ws.stories[0]!;
    expect(story.id).toBe('deadline');
    expect(story.sections.map((s) => s.key)).toEqual(['situation', 'task', 'action', 'result']);
    expect(story.metrics).toEqual(['2 days early', '3']);
    expect(story.notes?.text).toBe('Remember to smile.');
    expect(story.angles).toEqual({ failure: 'Lead with the handover.' });
    // Notes never count towards the exported answer.
    expect(story.sections.some((s) => s.text.includes('smile'))).toBe(false);
  });

  it('reports a missing and an empty STAR section with their positions', () => {
    const ws = memoryWorkspace({
      'stories/x.md': '---\ntitle: X\n---\n## Situation\nS.\n## Task\n\n## Action\nA.\n',
    });
    expect(lines(ws)).toEqual([
      'stories/x.md:4:1: error: missing "## Result" section (a star story needs Situation, Task, Action and Result)',
      'stories/x.md:6:1: error: section "Task" is empty',
    ]);
  });

  it('turns structural errors of drafts into warnings', () => {
    const ws = memoryWorkspace({ 'stories/x.md': '---\ntitle: X\ndraft: true\n---\n## Situation\nS.\n' });
    expect(ws.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(ws.stories).toHaveLength(1);
  });

  it('points at the offending YAML node for wrong types', () => {
    const ws = memoryWorkspace({
      'stories/x.md': star('title: X\nyear: soon\nprivate: "yes"\nkind: starr'),
    });
    expect(lines(ws)).toEqual([
      'stories/x.md:3:7: error: "year" must be a number',
      'stories/x.md:4:10: error: "private" must be true or false',
      'stories/x.md:5:7: error: "kind" must be one of "star", "answer"',
    ]);
  });

  it('reports a missing title at the top of the front matter', () => {
    const ws = memoryWorkspace({ 'stories/x.md': star('questions: [failure]') });
    expect(lines(ws)).toEqual(['stories/x.md:2:1: error: missing required key "title"']);
  });

  it('warns about unknown keys with a suggestion, and keeps the value for templates', () => {
    const ws = memoryWorkspace({ 'stories/x.md': star('title: X\ntitel: Y\nmood: calm') });
    expect(lines(ws)).toEqual([
      'stories/x.md:3:1: warning: unknown story key "titel"; did you mean "title"?',
      'stories/x.md:4:1: warning: unknown story key "mood"',
    ]);
    expect(ws.stories[0]!.extra).toEqual({ titel: 'Y', mood: 'calm' });
  });

  it('reports invalid YAML at its line and keeps going with other files', () => {
    const ws = memoryWorkspace({
      'stories/a.md': '---\ntitle: A\nquestions: [failure\n---\n## Situation\nx\n',
      'stories/b.md': '---\ntitle: [unclosed\n---\n',
      'stories/c.md': star('title: C'),
    });
    expect(lines(ws)).toEqual([
      'stories/a.md:3:20: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'stories/b.md:2:17: error: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(ws.stories.map((s) => s.id)).toEqual(['c']);
  });

  it('reports unclosed front matter, empty files, binary and non-UTF-8 files', () => {
    const ws = memoryWorkspace({
      'stories/open.md': '---\ntitle: Open\n## Situation\n',
      'stories/empty.md': '  \n',
      'stories/bin.md': new Uint8Array([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01]),
      'stories/latin1.md': new Uint8Array([...new TextEncoder().encode('---\ntitle: Caf'), 0xe9, 0x0a]),
    });
    expect(lines(ws)).toEqual([
      'stories/bin.md:2:1: error: this looks like a binary file, not Markdown text',
      'stories/empty.md: error: file is empty; run `storybank new "Title"` for a template, or delete it',
      'stories/latin1.md:2:11: error: file is not valid UTF-8; re-save it with UTF-8 encoding',
      'stories/open.md:1:1: error: front matter starts with `---` but is never closed; add a line `---` after the YAML',
    ]);
  });

  it('accepts CRLF line endings and a BOM', () => {
    const text = `\uFEFF${star('title: Windows\nquestions: [failure]').replace(/\n/g, '\r\n')}`;
    const ws = memoryWorkspace({ 'stories/win.md': text });
    expect(lines(ws)).toEqual([]);
    expect(ws.stories[0]!.sections.map((s) => s.text)).toContain('I had to fix it.');
  });

  it('keeps raw HTML and template syntax as text and drops unsafe links', () => {
    const ws = memoryWorkspace({
      'stories/x.md': star('title: "{{title}}"', {
        Action: 'I wrote <script>alert(1)</script> and {{{evil}}} and [click](javascript:alert(1)) and [ok](https://example.com).',
      }),
    });
    const action = ws.stories[0]!.sections.find((s) => s.key === 'action')!;
    expect(action.text).toContain('<script>alert(1)</script>');
    expect(action.text).toContain('{{{evil}}}');
    expect(JSON.stringify(action.nodes)).not.toContain('javascript:');
    expect(JSON.stringify(action.nodes)).toContain('https://example.com');
    expect(ws.stories[0]!.title).toBe('{{title}}');
  });

  it('treats kind: answer as free Markdown without STAR sections, notes excluded', () => {
    const ws = memoryWorkspace({
      'stories/pitch.md': '---\ntitle: Pitch\nkind: answer\nquestions: [about-me]\n---\nI build **reliable** systems.\n\n- one\n- two\n\n## Notes\nsecret\n',
    });
    expect(lines(ws)).toEqual([]);
    const s = ws.stories[0]!;
    expect(s.sections).toHaveLength(1);
    expect(s.sections[0]!.text).not.toContain('secret');
    expect(s.sections[0]!.text).toContain('I build reliable systems.');
  });
});

describe('workspace cross-checks', () => {
  it('errors on a profile naming an unknown question, warns on a story doing so', () => {
    const ws = memoryWorkspace({
      'stories/a.md': star('title: A\nquestions: [failur]\ncompetencies: [ownershp]'),
      'stories/profiles/p.md': '---\nrole: R\nquestions: [failure, tight-deadlin]\n---\n',
    });
    expect(lines(ws)).toEqual([
      'stories/a.md:3:13: warning: unknown question id "failur"; did you mean "failure"? (add it to stories/questions.yml to define it)',
      'stories/a.md:4:16: warning: unknown competency "ownershp"; did you mean "ownership"?',
      'stories/profiles/p.md:3:22: error: unknown question id "tight-deadlin"; did you mean "tight-deadline"? (define it in stories/questions.yml, or write the question as text)',
    ]);
  });

  it.each([
    ['conflict', 'conflict-teammate'],
    ['tell-me-about-yourself', 'about-me'],
    ['failed', 'failure'],
    ['stakeholder', 'difficult-stakeholder'],
  ])('suggests by words as well as by spelling: "%s" → %s', (typed, meant) => {
    const ws = memoryWorkspace({
      'stories/a.md': star(`title: A\nquestions: [${typed}]\nangles: { ${typed}: x }`),
      'stories/profiles/p.md': `---\nrole: R\nquestions: [${typed}]\n---\n`,
    });
    const hints = lines(ws).filter((l) => l.includes(`"${typed}"`));
    expect(hints).toHaveLength(3);
    for (const hint of hints) expect(hint).toContain(`did you mean "${meant}"?`);
  });

  it('takes question text in a profile: matched to an id, or a new question with a warning naming its id', () => {
    const ws = memoryWorkspace({
      'stories/a.md': star('title: A\nquestions: [failure, reduce-alert-fatigue]'),
      'stories/profiles/p.md': '---\nrole: R\nquestions:\n  - Tell me about a time you failed\n  - How do you reduce alert fatigue?\n  - failure\n---\n',
    });
    expect(ws.profiles[0]!.questions).toEqual(['failure', 'reduce-alert-fatigue']);
    expect(ws.catalog.questions.get('reduce-alert-fatigue')?.text).toBe('How do you reduce alert fatigue?');
    expect(lines(ws)).toEqual([
      'stories/profiles/p.md:5:5: warning: "How do you reduce alert fatigue?" matches no question of the bank, so it is asked as the new question "reduce-alert-fatigue"; add it to stories/questions.yml to give it competencies, and list "reduce-alert-fatigue" in the stories that answer it',
      'stories/profiles/p.md:6:5: warning: question "failure" is listed twice; it is used once',
    ]);
  });

  it('errors on a profile without questions', () => {
    const ws = memoryWorkspace({ 'stories/profiles/p.md': '---\nrole: R\nquestions: []\n---\n' });
    expect(lines(ws)).toEqual(['stories/profiles/p.md:3:12: error: "questions" a profile needs at least one question id']);
  });

  it('errors on two stories with the same id', () => {
    const ws = memoryWorkspace({
      'stories/a.md': star('title: A'),
      'stories/old/a.md': star('title: A again'),
    });
    expect(lines(ws)).toEqual(['stories/old/a.md: error: story id "a" is already used by stories/a.md; rename one of the files']);
  });

  it('errors on two profiles one disk takes for one output folder: case, and Unicode normalisation', () => {
    const profile = '---\nrole: Data Engineer\nquestions: [failure]\n---\n';
    const ws = memoryWorkspace({
      'stories/profiles/dup.md': profile,
      'stories/profiles/dup.MD': profile,
      'stories/profiles/Dup.md': profile,
      // "Café" as one letter é (NFC, Linux) and as e + combining accent (NFD, macOS).
      'stories/profiles/Caf\u00e9.md': profile,
      'stories/profiles/Cafe\u0301.md': profile,
      'stories/profiles/Stra\u00dfe.md': profile,
      'stories/profiles/STRASSE.md': profile,
    });
    const errors = lines(ws);
    expect(errors).toHaveLength(4);
    for (const [second, first] of [
      ['Caf\u00e9.md', 'Cafe\u0301.md'],
      ['dup.MD', 'Dup.md'],
      ['dup.md', 'Dup.md'],
      ['Stra\u00dfe.md', 'STRASSE.md'],
    ]) {
      const name = second!.replace(/\.md$/i, '');
      expect(errors).toContain(
        `stories/profiles/${second}: error: profile "${name}" writes the same output folder as stories/profiles/${first} (names that differ only in case or accents are one folder on many disks); rename one of the files`,
      );
    }
    expect(ws.profiles.map((p) => p.name).sort()).toEqual(['Cafe\u0301', 'Dup', 'STRASSE']);
  });

  it('errors on two story ids that differ only in case or Unicode normalisation', () => {
    const ws = memoryWorkspace({
      'stories/launch.md': star('title: Launch'),
      'stories/2023/LAUNCH.md': star('title: Launch again'),
      'stories/r\u00e9sum\u00e9.md': star('title: CV, composed'),
      'stories/old/re\u0301sume\u0301.md': star('title: CV, decomposed'),
    });
    expect(lines(ws)).toEqual([
      'stories/launch.md: error: story id "launch" is already used by stories/2023/LAUNCH.md; rename one of the files',
      'stories/r\u00e9sum\u00e9.md: error: story id "r\u00e9sum\u00e9" is already used by stories/old/re\u0301sume\u0301.md; rename one of the files',
    ]);
  });

  it('extends and overrides questions from stories/questions.yml', () => {
    const ws = memoryWorkspace({
      'stories/questions.yml': '- id: failure\n  text: Tell me about a flop.\n- id: on-call\n  text: Describe your on-call.\n  competencies: [reliability]\n',
      'stories/profiles/p.md': '---\nrole: R\nquestions: [failure, on-call]\n---\n',
    });
    expect(lines(ws)).toEqual([]);
    expect(ws.catalog.questions.get('failure')!.text).toBe('Tell me about a flop.');
    expect(ws.catalog.questions.get('on-call')!.competencies).toEqual(['reliability']);
  });

  it('warns about include/exclude tags no story has', () => {
    const ws = memoryWorkspace({
      'stories/a.md': star('title: A\ntags: [backend]'),
      'stories/profiles/p.md': '---\nrole: R\nquestions: [failure]\ninclude_tags: [backnd]\n---\n',
    });
    expect(lines(ws)).toEqual(['stories/profiles/p.md:4:16: warning: no story has the tag "backnd"; did you mean "backend"?']);
  });

  it('reads the sample workspace profile format', () => {
    const ws = memoryWorkspace({ 'stories/profiles/p.md': PROFILE });
    expect(ws.profiles[0]!.questions).toEqual(['failure', 'tight-deadline', 'conflict-teammate']);
    expect(ws.profiles[0]!.answer_words).toBe(350);
  });
});
