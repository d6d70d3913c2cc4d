import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/workspace/front-matter.js';

const story = (opening: string, yaml = 'title: Night shift handover\nyear: 2023') => `${opening}\n${yaml}\n---\n## Situation\nTwelve beds, two nurses.\n`;

describe('front matter through gray-matter, configured safe', () => {
  it('reads YAML with file positions, and the body after the closing line', () => {
    const { source, diagnostics } = readSource('stories/handover.md', story('---', 'title: Night shift handover\n# a comment\nyear: 2023\ntags: [icu, handover]'));
    expect(diagnostics).toEqual([]);
    expect(source.data).toEqual({ title: 'Night shift handover', year: 2023, tags: ['icu', 'handover'] });
    expect(source.locateKey('year')).toEqual({ line: 4, column: 1 });
    expect(source.locate(['tags', 1])).toEqual({ line: 5, column: 13 });
    expect(source.body).toBe('## Situation\nTwelve beds, two nurses.\n');
    expect(source.bodyLineOffset).toBe(6);
  });

  it.each([
    ['---js', 'JavaScript'],
    ['---javascript', 'JavaScript'],
    ['--- coffee', 'CoffeeScript'],
    ['---json', 'JSON'],
    ['---toml', 'toml'],
  ])('refuses %s front matter without reading it', (opening, named) => {
    const { source, diagnostics } = readSource('stories/x.md', story(opening, '{ "title": "x" }'));
    expect(source.usable).toBe(false);
    expect(diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([
      ['front-matter-language', 1, `front matter in ${named} is not read (a story is data, never code); write YAML between two \`---\` lines`],
    ]);
  });

  it('takes ---yaml and ---yml as YAML', () => {
    expect(readSource('a.md', story('---yaml')).source.data).toEqual({ title: 'Night shift handover', year: 2023 });
    expect(readSource('a.md', story('---yml')).source.data).toEqual({ title: 'Night shift handover', year: 2023 });
  });

  it('reports front matter that is opened and never closed (gray-matter would take the whole file as YAML)', () => {
    const { source, diagnostics } = readSource('stories/x.md', '---\ntitle: Oops\n## Situation\nText\n');
    expect(source.usable).toBe(false);
    expect(diagnostics.map((d) => d.rule)).toEqual(['front-matter-unclosed']);
  });

  it('gives an empty mapping for comment-only front matter, with positions still working', () => {
    const { source, diagnostics } = readSource('stories/x.md', '---\n# nothing yet\n---\nBody\n');
    expect(diagnostics).toEqual([]);
    expect(source.data ?? {}).toEqual({});
    expect(source.body).toBe('Body\n');
    expect(source.bodyLineOffset).toBe(3);
  });

  it('never fills gray-matter’s text-keyed cache', () => {
    matter.clearCache();
    readSource('stories/a.md', story('---'));
    readSource('stories/b.md', story('---js', 'x'));
    expect(Object.keys(matter.cache)).toEqual([]);
  });

  it('treats a file without an opening --- line as having no front matter', () => {
    for (const text of ['## Situation\nText\n', '----\ntitle: x\n----\n', '']) {
      const { source } = readSource('stories/x.md', text);
      expect(source.hasFrontMatter, JSON.stringify(text)).toBe(false);
    }
  });
});
