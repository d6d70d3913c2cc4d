import { describe, expect, it } from 'vitest';
import { lintWorkspace } from '../../src/plan/lint.js';
import { planProfile } from '../../src/plan/assign.js';
import { memoryWorkspace, star } from '../helpers/memory.js';

const rules = (files: Record<string, string>, rule: string) =>
  lintWorkspace(memoryWorkspace(files))
    .filter((d) => d.rule === rule)
    .map((d) => `${d.file}:${d.line}: ${d.message}`);

describe('lint: a STAR story titled with its question', () => {
  it('warns when the title repeats the question, in its words or as a prompt', () => {
    const warned = rules(
      {
        'stories/a.md': star('title: Tell me about a time you failed\nquestions: [failure]'),
        'stories/b.md': star('title: A time you worked under a tight deadline\nquestions: [tight-deadline]'),
        'stories/c.md': star('title: Worked under a tight deadline\nquestions: [tight-deadline]'),
        'stories/d.md': star('title: Shipped the billing migration two days early\nquestions: [tight-deadline]'),
        'stories/e.md': '---\ntitle: Tell me about yourself\nkind: answer\nquestions: [about-me]\n---\nI build billing systems.\n',
      },
      'title-repeats-question',
    );
    expect(warned).toEqual([
      'stories/a.md:2: title repeats the question: name what happened (e.g. "Cut month-end close from 9 to 5.5 days")',
      'stories/b.md:2: title repeats the question: name what happened (e.g. "Cut month-end close from 9 to 5.5 days")',
      'stories/c.md:2: title repeats the question: name what happened (e.g. "Cut month-end close from 9 to 5.5 days")',
    ]);
  });
});

describe('init\'s examples', () => {
  const files = {
    'stories/example.md': star('title: Billing migration\nexample: true\nquestions: [tight-deadline]'),
    'stories/mine.md': star('title: Route planner rewrite\ncompetencies: [delivery]'),
    'stories/profiles/example-role.md': '---\nrole: Example\nexample: true\nquestions: [tight-deadline]\n---\n',
    'stories/profiles/mine.md': '---\nrole: Mine\nquestions: [tight-deadline]\n---\n',
    'storybank.yml': 'name: Your Name\n',
  };

  it('are picked for example profiles only', () => {
    const ws = memoryWorkspace(files);
    const pick = (name: string) => planProfile(ws.profiles.find((p) => p.name === name)!, ws.stories, ws.catalog).assignments[0]!.pick?.story.id;
    expect(pick('example-role')).toBe('example');
    expect(pick('mine')).toBe('mine');
  });

  it('are warned about while they, or the placeholder name, are there', () => {
    expect(rules(files, 'example-story')).toEqual([
      'stories/example.md:3: example story from `storybank init`: make it yours (and delete `example: true`), or delete the file; until then only example profiles use it',
    ]);
    expect(rules(files, 'example-profile')).toHaveLength(1);
    expect(rules(files, 'placeholder-name')).toEqual([
      'storybank.yml:1: "Your Name" is the placeholder from `storybank init`: put your name here, it prints at the top of every cheat sheet and answer bank',
    ]);
    expect(rules({ ...files, 'storybank.yml': 'name: Ana Costa\n' }, 'placeholder-name')).toEqual([]);
  });
});
