import type { Nodes, Root, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderAnswerBankMarkdown } from '../../../src/render/markdown/answer-bank.js';
import type { ViewModel } from '../../../src/view/view-model.js';
import { parseMarkdown, plainText } from '../../../src/workspace/markdown.js';
import { fixtureViewModel, NOTES_MARKER, SCRIPT_TEXT, TEMPLATE_TEXT } from '../../helpers/view-model-fixture.js';

function nodesOf(tree: Nodes, type: string): Nodes[] {
  const out: Nodes[] = [];
  const walk = (n: Nodes) => {
    if (n.type === type) out.push(n);
    if ('children' in n) for (const c of n.children) walk(c as Nodes);
  };
  walk(tree);
  return out;
}

/** How GitHub reads the file: CommonMark plus tables and strikethrough. */
function fromGfm(md: string): Root {
  return fromMarkdown(md, { extensions: [gfmTable(), gfmStrikethrough()], mdastExtensions: [gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown()] });
}

/** The answer bank with one story whose only section holds `nodes`. */
function withAnswer(model: ViewModel, nodes: RootContent[]): { md: string; title: string } {
  const first = model.entries.find((e) => e.story)!;
  const story = { ...first.story!, kind: 'answer' as const, sections: [{ key: 'answer' as const, label: 'Answer', nodes, text: '' }], lessons: undefined, metrics: [] };
  return { md: renderAnswerBankMarkdown({ ...model, entries: [{ ...first, story }], coverage: [] }), title: story.title };
}

function textParagraphs(lines: string[]): RootContent[] {
  return lines.map((value) => ({ type: 'paragraph' as const, children: [{ type: 'text' as const, value }] }));
}

describe('renderAnswerBankMarkdown', () => {
  let model: ViewModel;
  let md: string;
  let tree: Root;

  beforeAll(() => {
    model = fixtureViewModel();
    md = renderAnswerBankMarkdown(model);
    tree = fromMarkdown(md);
  });

  it('opens with a title block: name, role, date, headline, contact and pitch', () => {
    expect(md.startsWith('# Alex Example — answer bank\n\n**Senior Backend Engineer @ Example Corp** · 14 Mar 2026\\\n')).toBe(true);
    expect(md).toContain('Backend engineer · data platforms');
    expect(md).toContain('[alex@example.com](mailto:alex@example.com) · +1 555 0100 · [github.com/alex-example](https://github.com/alex-example)');
    expect(md).toContain('**Pitch**\n\nFive years of backend work on **fitment data**; I want to own large, reliable systems.');
  });

  it('lists every question in the contents, linked to its heading anchor', () => {
    const contents = md.slice(md.indexOf('## Contents'), md.indexOf('## 1.'));
    expect(contents).toContain('- [1. Tell me about yourself.](#1-tell-me-about-yourself)');
    expect(contents).toContain('- [2. Tell me about the most challenging project you have worked on.](#2-tell-me-about-the-most-challenging-project-you-have-worked-on)');
    expect(contents).toContain('- [Questions to ask them](#questions-to-ask-them)');
    expect(contents).toContain('- [Coverage](#coverage)');
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links).toHaveLength(model.entries.length + 2);
  });

  it('gives each question a level-2 heading in order, with its story, STAR labels, metrics and speaking time', () => {
    const h2 = nodesOf(tree, 'heading')
      .filter((h) => h.type === 'heading' && h.depth === 2)
      .map((h) => plainText(h));
    expect(h2).toEqual(['Contents', ...model.entries.map((e) => `${e.number}. ${e.question}`), 'Questions to ask them', 'Coverage']);
    expect(md).toContain('### Supplier ingestion platform (2024)');
    expect(md).toContain('**Angle:** Start from the failure modes, then the schema.');
    for (const label of ['Situation', 'Task', 'Action', 'Result', 'Lessons']) expect(md).toContain(`\n**${label}**\n`);
    expect(md).toContain('**Key numbers:** 3 concurrent jobs cap · 0 duplicate rows after retries');
    expect(md).toMatch(/\*Speaking time: about \d+ s \(\d+ words\), about (\d+ min )?\d+ s under the 1\.5–2 min guidance\*/);
    // Only a private story answers "failure": said, not named.
    expect(md).toContain('*No story to share yet: the only story for this question is private, and private stories stay out of the answer bank.*');
  });

  it('tells a reused story once, then links back to it with the angle for the new question', () => {
    const second = model.entries.find((e) => e.repeatOf !== undefined)!;
    const block = md.slice(md.indexOf(`## ${second.number}. `), md.indexOf('## Questions to ask them'));
    expect(block).toContain('### Supplier ingestion platform (2024)\n\n**Angle:** Start from the failure modes, then the schema.');
    expect(block).toContain('*Same story as [question 2](#2-tell-me-about-the-most-challenging-project-you-have-worked-on) (“Tell me about the most challenging project you have worked on.”), told in full there.*');
    expect(block).not.toContain('**Situation**');
    expect(md.split('Suppliers send').length - 1).toBe(1);
  });

  it("lists the profile's questions for them as a section of its own", () => {
    const ask = md.slice(md.indexOf('## Questions to ask them'), md.indexOf('## Coverage'));
    expect(ask).toBe('## Questions to ask them\n\n- What would my first project be?\n- How is on-call shared & paid?\n\n');
  });

  it('keeps lists, nesting, links, quotes and code', () => {
    expect(md).toContain('1. bad files never block good ones\n2. retries never duplicate rows\n3. bursts never overload Cassandra');
    expect(md).toContain('- Chose an idempotent schema:\n  - partition by supplier and file hash\n  - upsert rows by natural key');
    expect(md).toContain('[row-level isolation](https://example.com/isolation "Isolation notes")');
    expect(md).toContain('> Bad input is normal input; design for it.');
    expect(md).toContain('```sql\nSELECT * FROM parts WHERE supplier = ?;\n```');
    const lists = nodesOf(tree, 'list');
    expect(lists.some((l) => l.type === 'list' && l.ordered === true && l.start === 1)).toBe(true);
    expect(md).not.toMatch(/javascript:/i);
  });

  it('writes the coverage appendix as GFM tables', () => {
    const coverage = md.slice(md.indexOf('## Coverage'));
    expect(coverage).toContain('| Question | Story | Competencies |\n| - | - | - |\n| 1. Tell me about yourself. | About me | Communication, Motivation |');
    expect(coverage).toContain('| 4. Tell me about a time you failed. | — no story yet — | |');
    expect(coverage).toContain('| Competency | Weight | Stories |');
    expect(coverage).toContain('| Scalability | 3 | Supplier ingestion platform |');
    const tables = nodesOf(fromGfm(coverage), 'table');
    expect(tables.map((t) => ('children' in t ? t.children.length : 0))).toEqual([model.entries.length + 1, model.coverage.length + 1]);
  });

  it('keeps story text as text: no raw HTML, template syntax untouched', () => {
    expect(nodesOf(tree, 'html')).toHaveLength(0);
    const text = plainText(tree);
    expect(text).toContain(SCRIPT_TEXT);
    expect(text).toContain(TEMPLATE_TEXT);
    expect(text).toContain('~~manual replays~~');
    // GitHub reads `~~` as strikethrough: it must be escaped there too.
    expect(nodesOf(fromGfm(md), 'delete')).toHaveLength(0);
    expect(plainText(fromGfm(md))).toContain('~~manual replays~~');
  });

  it('never exports Notes sections or private stories', () => {
    expect(md).not.toContain(NOTES_MARKER);
    expect(md).not.toContain('PRIVATE-STORY-TEXT');
  });

  it('round-trips hostile story text through a Markdown parser unchanged', () => {
    const hostile = [
      '# not a heading',
      '1. not a list',
      '- not a bullet',
      '+ nor this',
      '> not a quote',
      '*not emphasis* and _not either_ but snake_case_name stays',
      '[not a link](https://example.com) and ![no image](x.png)',
      '<b>not bold</b> &amp; not an entity, `not code`',
      'a | pipe and a \\ backslash',
      '===',
    ];
    const { md: out } = withAnswer(model, textParagraphs(hostile));
    for (const tree of [fromMarkdown(out), fromGfm(out)]) {
      const paragraphs = nodesOf(tree, 'paragraph').map((p) => plainText(p));
      for (const line of hostile) expect(paragraphs).toContain(line);
    }
  });

  it('keeps a block of raw HTML in a story as text', () => {
    const { md: out } = withAnswer(model, parseMarkdown(`<div>\n${SCRIPT_TEXT}\n</div>\n\nafter`).children);
    expect(nodesOf(fromMarkdown(out), 'html')).toHaveLength(0);
    expect(out).toContain('\\<div> \\<script>alert(1)\\</script> \\</div>\n\nafter');
  });

  it('serialises parsed story Markdown back to equivalent Markdown', () => {
    const source = [
      'Some **bold**, *italic*, `code` and a [link](https://example.com/a_b).',
      '',
      '1. one',
      '2. two',
      '   - nested',
      '',
      '> quoted **text**',
      '',
      '***',
      '',
      'line one\\',
      'line two',
    ].join('\n');
    const { md: out, title } = withAnswer(model, parseMarkdown(source).children);
    const body = out.slice(out.indexOf(`### ${title}`));
    expect(body).toContain(source);
  });

  it('links only safe contact URLs from storybank.yml', () => {
    const out = renderAnswerBankMarkdown({ ...model, person: { ...model.person, links: [{ label: 'Evil', url: 'javascript:alert(1)' }] } });
    expect(out).not.toMatch(/javascript:/i);
    expect(out).toContain(' · Evil\n');
  });

  it('works without a name, contact details or pitch', () => {
    const out = renderAnswerBankMarkdown({ ...model, person: { links: [] }, pitch: { nodes: [], text: '', from: 'none' } });
    expect(out.startsWith('# Answer bank\n\n**Senior Backend Engineer @ Example Corp** · 14 Mar 2026\n\n## Contents')).toBe(true);
  });

  it('is deterministic', () => {
    expect(renderAnswerBankMarkdown(fixtureViewModel())).toBe(md);
  });
});

describe('story text with markup characters', () => {
  it('is escaped where it would be markup, and left alone where it would not', () => {
    const { md } = withAnswer(fixtureViewModel(), textParagraphs(['a *b* [c] <d> `e` |f| ~g~ \\', 'snake_case _x_', 'R&D &amp; &#32;', '{{title}} costs $5, 50% off!']));
    expect(md).toContain('\n\na \\*b\\* \\[c] \\<d> \\`e\\` |f| \\~g\\~ \\\\\n\n');
    expect(md).toContain('\n\nsnake_case \\_x\\_\n\n');
    expect(md).toContain('\n\nR\\&D \\&amp; \\&#32;\n\n');
    expect(md).toContain('\n\n{{title}} costs $5, 50% off!\n\n');
  });
});
