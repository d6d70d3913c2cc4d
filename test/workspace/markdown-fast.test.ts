import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/workspace/front-matter.js';
import { readPlainMarkdown } from '../../src/workspace/markdown-fast.js';
import { parseStory, type Story } from '../../src/workspace/story.js';

/** A story's parse as plain data: sections with their texts and trees, positions, words, problems. */
function snapshot(result: ReturnType<typeof parseStory>) {
  const section = (s: Story['sections'][number] | undefined) => s && { key: s.key, label: s.label, text: s.text, position: s.position, nodes: JSON.parse(JSON.stringify(s.nodes)) as unknown };
  const story = result.story;
  return {
    diagnostics: result.diagnostics,
    story: story && { sections: story.sections.map(section), lessons: section(story.lessons), notes: section(story.notes), words: story.words, situation: story.at.section('situation') },
  };
}

const file = (kind: string, body: string) => `---\ntitle: Night shift handover\nkind: ${kind}\n---\n${body}`;
const read = (text: string, tree: boolean) => snapshot(parseStory('s', readSource('stories/s.md', text).source, { tree }));

describe('plain story Markdown, read without a tree', () => {
  it('gives the blocks the tree gives for the plain style stories are written in', () => {
    const body = '## Situation\nTwelve beds,\ntwo nurses.\n\n## Task\n- agree a sheet\n- with Declan\n  \n## Action\n1. listed what went wrong\n2. trialled it for a week\nstill on it\n\n### Detail\nOne page.\n## Result ##\nHandover took 25 minutes, not 45.\n';
    expect(readPlainMarkdown(body)?.map((b) => [b.depth ?? 0, b.text])).toEqual([
      [2, 'Situation'], [0, 'Twelve beds,\ntwo nurses.'],
      [2, 'Task'], [0, 'agree a sheet\nwith Declan'],
      [2, 'Action'], [0, 'listed what went wrong\ntrialled it for a week\nstill on it'],
      [3, 'Detail'], [0, 'One page.'],
      [2, 'Result'], [0, 'Handover took 25 minutes, not 45.'],
    ]);
    expect(read(file('star', body), false)).toEqual(read(file('star', body), true));
  });

  it.each([
    ['emphasis', 'I **owned** it'],
    ['a link', 'see [the doc](https://example.com)'],
    ['an indented line', 'one\n    code'],
    ['a setext heading', 'Situation\n========='],
    ['a thematic break', 'one\n\n- - -\n\ntwo'],
    ['a list interrupting a paragraph', 'we tried:\n- a\n- b'],
    ['a nested list', '- a\n- - b'],
    ['an empty list item', '1.\n'],
    ['an entity', 'R&amp;D'],
  ])('leaves %s to the full parser', (_what, body) => {
    expect(readPlainMarkdown(body)).toBeUndefined();
  });

  it('never differs from the tree: texts, trees, positions, words and problems (random bodies)', () => {
    const words = fc.array(fc.constantFrom('handover', 'took', '25', 'minutes', 'St.', 'Agnes', 'e.g.', 'v2.1', 'Dr', 'ok,', 'x#y', '#4', '1.5', '—', 'café', 'nurse:', 'a:b', "Declan's"), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const line = fc.oneof(
      { weight: 4, arbitrary: words },
      { weight: 2, arbitrary: fc.constantFrom('## Situation', '## Task', '## Action', '## Result', '# Result:', '### Notes', '## Lessons', '## Situaton', '## Background', '#### Detail', '## Result ##', '##', '#hashtag') },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom('- ', '+ ', '1. ', '2) ', '-  ', '10. '), words).map(([m, w]) => m + w) },
      { weight: 2, arbitrary: fc.constantFrom('', '', '   ', '  indented', '---', '===', '- - -', '1.', '-', 'a **b**', 'a *b*', '- > q', '    code', '\ttab', 'trailing  ') },
    );
    let plain = 0;
    fc.assert(
      fc.property(fc.constantFrom('star', 'answer'), fc.array(line, { maxLength: 14 }), (kind, lines) => {
        const body = lines.join('\n');
        if (readPlainMarkdown(body)) plain++;
        expect(read(file(kind, body), false), body).toEqual(read(file(kind, body), true));
      }),
      { numRuns: 2000 },
    );
    // The quick reading must really have been tried, not left to the full parser every time.
    expect(plain).toBeGreaterThan(200);
  });
});
