import GithubSlugger from 'github-slugger';
import type { Heading, Link, List, Nodes, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { headingText } from '../../workspace/markdown.js';
import { isSafeUrl } from '../../workspace/safe-url.js';
import type { ViewEntry, ViewModel, ViewSection, ViewStory } from '../../view/view-model.js';
import { storyContent } from './story-content.js';

/**
 * The answer bank as Markdown (`answer-bank.md`), for people who paste
 * answers into web forms: the same content and order as the DOCX. The whole
 * document is built as one mdast tree and serialised once, by
 * mdast-util-to-markdown, which escapes whatever in story text would
 * otherwise read as markup. Strikethrough and tables are written (and `~`
 * and `|` escaped) the GFM way, since that is where the file is most often
 * read; links are always written `[text](url)`, never as autolinks.
 */
export function renderAnswerBankMarkdown(model: ViewModel): string {
  return toMarkdown(answerBankTree(model), SERIALIZE);
}

const SERIALIZE: Options = {
  bullet: '-',
  resourceLink: true,
  extensions: [gfmStrikethroughToMarkdown(), gfmTableToMarkdown({ tablePipeAlign: false })],
};

function answerBankTree(model: ViewModel): Root {
  const title = model.person.name ? `${model.person.name} — answer bank` : 'Answer bank';
  const front: RootContent[] = [heading(1, title), titleBlock(model)];
  if (model.pitch.nodes.length > 0) front.push(paragraph(strong('Pitch')), ...storyContent(model.pitch.nodes));

  const listed: Heading[] = [];
  const body: RootContent[] = [];
  const questions = new Map<number, Heading>();
  // Links back to where a story is told in full; their targets are known once every heading is.
  const backLinks: { link: Link; to: number }[] = [];
  for (const entry of model.entries) {
    const question = heading(2, `${entry.number}. ${entry.question}`);
    listed.push(question);
    questions.set(entry.number, question);
    body.push(question, ...entryBlocks(entry, backLinks));
  }
  if (model.ask.length > 0) {
    const ask = heading(2, 'Questions to ask them');
    listed.push(ask);
    body.push(ask, { type: 'list', ordered: false, spread: false, children: model.ask.map((a) => ({ type: 'listItem', spread: false, children: [paragraph(text(a))] })) });
  }
  const coverageHeading = heading(2, 'Coverage');
  listed.push(coverageHeading);
  body.push(coverageHeading, ...coverage(model));

  // The contents link to anchors that depend on every heading, those below them included: filled in last.
  const contents: List = { type: 'list', ordered: false, spread: false, children: [] };
  const root: Root = { type: 'root', children: [...front, heading(2, 'Contents'), contents, ...body] };
  const anchors = headingAnchors(root);
  contents.children = listed.map((h) => ({ type: 'listItem', spread: false, children: [paragraph({ type: 'link', url: `#${anchors.get(h)}`, children: h.children })] }));
  for (const { link: back, to } of backLinks) back.url = `#${anchors.get(questions.get(to)!)}`;
  return root;
}

/** GitHub's anchor for every heading: its slug, numbered when an earlier heading has the same one. */
function headingAnchors(root: Root): Map<Heading, string> {
  const slugger = new GithubSlugger();
  const anchors = new Map<Heading, string>();
  const visit = (node: Nodes) => {
    if (node.type === 'heading') anchors.set(node, slugger.slug(headingText(node)));
    else if ('children' in node) node.children.forEach(visit);
  };
  visit(root);
  return anchors;
}

function titleBlock(model: ViewModel): Paragraph {
  const lines: PhrasingContent[][] = [[strong(model.heading), text(` · ${model.date.label}`)]];
  if (model.person.headline) lines.push([text(model.person.headline)]);
  const contact: PhrasingContent[][] = [];
  if (model.person.email) contact.push([link(`mailto:${model.person.email.trim()}`, text(model.person.email))]);
  if (model.person.phone) contact.push([text(model.person.phone)]);
  for (const l of model.person.links) {
    // storybank.yml links are not sanitised by the Markdown parser: same rule as story links.
    const url = l.url.trim();
    contact.push([isSafeUrl(url) ? link(url, text(l.label)) : text(l.label)]);
  }
  if (contact.length > 0) lines.push(joined(contact, ' · '));
  // Hard line breaks keep the block together as one paragraph.
  return paragraph(...joined(lines, { type: 'break' }));
}

function entryBlocks(entry: ViewEntry, backLinks: { link: Link; to: number }[]): RootContent[] {
  const story = entry.story;
  if (entry.gap || !story) {
    return [paragraph(emphasis(entry.gapNote ?? ''))];
  }
  if (entry.repeatOf !== undefined) {
    const back = link('', text(`question ${entry.repeatOf}`));
    backLinks.push({ link: back, to: entry.repeatOf });
    const told = entry.repeatOfQuestion ? ` (“${entry.repeatOfQuestion}”), told in full there.` : ', told in full there.';
    return [...storyHead(story), paragraph({ type: 'emphasis', children: [text('Same story as '), back, text(told)] })];
  }
  return storyBlocks(story);
}

function storyHead(story: ViewStory): RootContent[] {
  const out: RootContent[] = [heading(3, storyTitle(story))];
  if (story.angle) out.push(paragraph(strong('Angle:'), text(` ${story.angle}`)));
  return out;
}

function storyBlocks(story: ViewStory): RootContent[] {
  const out = storyHead(story);
  for (const section of story.sections) out.push(...sectionBlocks(section, story.kind === 'star'));
  if (story.lessons) out.push(...sectionBlocks(story.lessons, true));
  if (story.metrics.length > 0) out.push(paragraph(strong('Key numbers:'), text(` ${story.metrics.join(' · ')}`)));
  out.push(paragraph(emphasis(story.speakingLine)));
  return out;
}

function storyTitle(story: Pick<ViewStory, 'title' | 'year'>): string {
  return story.year !== undefined ? `${story.title} (${story.year})` : story.title;
}

function sectionBlocks(section: ViewSection, labelled: boolean): RootContent[] {
  const content = storyContent(section.nodes);
  return labelled ? [paragraph(strong(section.label)), ...content] : content;
}

function coverage(model: ViewModel): RootContent[] {
  const out: RootContent[] = [
    table(
      ['Question', 'Story', 'Competencies'],
      model.entries.map((e) => [
        `${e.number}. ${e.question}`,
        e.story ? storyTitle(e.story) : '— no story yet —',
        e.story ? e.story.competencyLabels.join(', ') : '',
      ]),
    ),
  ];
  if (model.coverage.length > 0) {
    out.push(
      heading(3, 'Competencies this role emphasises'),
      table(
        ['Competency', 'Weight', 'Stories'],
        model.coverage.map((c) => [c.label, String(c.weight), c.stories.length > 0 ? c.stories.join('; ') : '— none yet —']),
      ),
    );
  }
  return out;
}

function table(header: string[], rows: string[][]): Table {
  const row = (cells: string[]) => ({
    type: 'tableRow' as const,
    children: cells.map((c) => {
      // A line break would end the row.
      const value = c.replace(/\s+/g, ' ').trim();
      return { type: 'tableCell' as const, children: value ? [text(value)] : [] };
    }),
  });
  return { type: 'table', children: [row(header), ...rows.map(row)] };
}

// ---------------------------------------------------------------- mdast builders

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function strong(value: string): PhrasingContent {
  return { type: 'strong', children: [text(value)] };
}

function emphasis(value: string): PhrasingContent {
  return { type: 'emphasis', children: [text(value)] };
}

function link(url: string, child: PhrasingContent): Link {
  return { type: 'link', url, children: [child] };
}

function heading(depth: Heading['depth'], value: string): Heading {
  return { type: 'heading', depth, children: [text(value)] };
}

function paragraph(...children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

function joined(parts: PhrasingContent[][], separator: string | PhrasingContent): PhrasingContent[] {
  return parts.flatMap((part, i) => (i === 0 ? part : [typeof separator === 'string' ? text(separator) : separator, ...part]));
}
