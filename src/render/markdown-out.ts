import type { List, PhrasingContent, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { COMPETENCIES } from '../questions/bank.js';
import type { ViewEntry, ViewModel, ViewSection, ViewStory } from '../view/view-model.js';

/**
 * The answer bank as Markdown (`answer-bank.md`), for people who paste
 * answers into web forms: the same content and order as the DOCX. Story
 * trees are serialised here rather than with a library; the trees are
 * small and sanitised, and every character that could change meaning in
 * CommonMark/GFM is escaped, so story text stays text.
 */
export function renderAnswerBankMarkdown(model: ViewModel): string {
  const slugs = new Slugger();
  const body: string[] = [];
  const title = model.person.name ? `${model.person.name} — answer bank` : 'Answer bank';
  slugs.slug(title);
  body.push(`# ${escapeText(title)}`);
  body.push(titleBlock(model));
  if (model.pitch.nodes.length > 0) body.push('**Pitch**', blocks(model.pitch.nodes, slugs));

  slugs.slug('Contents');
  const tocAt = body.push('') - 1; // filled in once every heading has its anchor
  const toc: string[] = [];

  for (const entry of model.entries) {
    const heading = `${entry.number}. ${entry.question}`;
    toc.push(`- [${escapeText(heading)}](#${slugs.slug(heading)})`);
    body.push(`## ${escapeText(heading)}`, ...entryBlocks(entry, model, slugs));
  }

  toc.push(`- [Coverage](#${slugs.slug('Coverage')})`);
  body.push('## Coverage', ...coverage(model, slugs));
  body[tocAt] = `## Contents\n\n${toc.join('\n')}`;

  return `${body.filter((b) => b.length > 0).join('\n\n')}\n`;
}

function titleBlock(model: ViewModel): string {
  const lines = [`**${escapeText(model.heading)}** · ${escapeText(model.date.label)}`];
  if (model.person.headline) lines.push(escapeText(model.person.headline));
  const contact: string[] = [];
  if (model.person.email) contact.push(linkMarkdown(escapeText(model.person.email), `mailto:${model.person.email}`));
  if (model.person.phone) contact.push(escapeText(model.person.phone));
  for (const l of model.person.links) {
    // storybank.yml links are not sanitised by the Markdown parser: same rule as story links.
    contact.push(SAFE_URL.test(l.url.trim()) ? linkMarkdown(escapeText(l.label), l.url.trim()) : escapeText(l.label));
  }
  if (contact.length > 0) lines.push(contact.join(' · '));
  // Backslash line breaks keep the block together without trailing spaces.
  return lines.join('\\\n');
}

function entryBlocks(entry: ViewEntry, model: ViewModel, slugs: Slugger): string[] {
  const story = entry.story;
  if (entry.gap || !story) {
    return [`_No story yet — write one that lists “${escapeText(entry.questionId)}” under questions, or shows the competencies this question asks about._`];
  }
  return storyBlocks(story, model, slugs);
}

function storyBlocks(story: ViewStory, model: ViewModel, slugs: Slugger): string[] {
  const title = story.year !== undefined ? `${story.title} (${story.year})` : story.title;
  slugs.slug(title);
  const out = [`### ${escapeText(title)}`];
  if (story.angle) out.push(`**Angle:** ${escapeText(story.angle)}`);
  for (const section of story.sections) out.push(...sectionBlocks(section, story.kind === 'star', slugs));
  if (story.lessons) out.push(...sectionBlocks(story.lessons, true, slugs));
  if (story.metrics.length > 0) out.push(`**Key numbers:** ${story.metrics.map(escapeText).join(' · ')}`);
  out.push(`_Speaking time: ${escapeText(story.speakingTime)} (${story.words} words)_`);
  return out;
}

function sectionBlocks(section: ViewSection, labelled: boolean, slugs: Slugger): string[] {
  const content = blocks(section.nodes, slugs);
  return labelled ? [`**${escapeText(section.label)}**`, content] : [content];
}

function coverage(model: ViewModel, slugs: Slugger): string[] {
  const labels = new Map(COMPETENCIES.map((c) => [c.id, c.label]));
  const out = [
    markdownTable(
      ['Question', 'Story', 'Competencies'],
      model.entries.map((e) => [
        `${e.number}. ${e.question}`,
        e.story ? (e.story.year !== undefined ? `${e.story.title} (${e.story.year})` : e.story.title) : '— no story yet —',
        e.story ? e.story.competencies.map((c) => labels.get(c) ?? c).join(', ') : '',
      ]),
    ),
  ];
  if (model.coverage.length > 0) {
    slugs.slug('Competencies this role emphasises');
    out.push(
      '### Competencies this role emphasises',
      markdownTable(
        ['Competency', 'Weight', 'Stories'],
        model.coverage.map((c) => [c.label, String(c.weight), c.stories.length > 0 ? c.stories.join('; ') : '— none yet —']),
      ),
    );
  }
  return out;
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => escapeText(c.replace(/\s+/g, ' ').trim()) || ' ').join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- mdast → Markdown

const SAFE_URL = /^(https?:|mailto:)/i;

function blocks(nodes: readonly RootContent[], slugs: Slugger): string {
  return nodes
    .map((n) => block(n, slugs))
    .filter((s) => s.length > 0)
    .join('\n\n');
}

function block(node: RootContent, slugs: Slugger): string {
  switch (node.type) {
    case 'paragraph':
      return paragraph(node.children);
    case 'heading': {
      // Story content sits under "### story title"; its own headings go one level below.
      slugs.slug(toString(node));
      return `${'#'.repeat(Math.min(6, Math.max(4, node.depth + 1)))} ${paragraph(node.children).replace(/\\\n/g, ' ')}`;
    }
    case 'list':
      return list(node, slugs);
    case 'blockquote':
      return prefixLines(blocks(node.children, slugs), '> ', '>');
    case 'code':
      return codeFence(node.value, node.lang ?? '');
    case 'thematicBreak':
      return '***';
    case 'table':
      return gfmTable(node);
    case 'html':
      return escapeLineStarts(escapeText(node.value));
    default:
      if ('children' in node) return blocks(node.children as RootContent[], slugs);
      if ('value' in node && typeof node.value === 'string') return escapeLineStarts(escapeText(node.value));
      return '';
  }
}

function paragraph(children: readonly PhrasingContent[]): string {
  return escapeLineStarts(inlines(children));
}

function list(node: List, slugs: Slugger): string {
  const start = node.start ?? 1;
  const loose = node.spread === true || node.children.some((item) => item.spread === true);
  const items = node.children.map((item, i) => {
    const marker = node.ordered ? `${start + i}. ` : '- ';
    const content = item.children
      .map((child) => block(child, slugs))
      .filter((s) => s.length > 0)
      .join(loose ? '\n\n' : '\n');
    const pad = ' '.repeat(marker.length);
    const body = content.length > 0 ? content : '';
    return body
      .split('\n')
      .map((line, j) => (j === 0 ? marker + line : line.length > 0 ? pad + line : line))
      .join('\n');
  });
  return items.join(loose ? '\n\n' : '\n');
}

function gfmTable(node: Table): string {
  const rows = node.children.map((row) => row.children.map((cell) => inlines(cell.children).replace(/\\\n/g, ' ').replace(/\|/g, '\\|')));
  const width = Math.max(1, ...rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')].map((c) => c || ' ');
  const [head = [], ...rest] = rows;
  const align = Array.from({ length: width }, (_, i) => {
    const a = node.align?.[i];
    return a === 'left' ? ':---' : a === 'right' ? '---:' : a === 'center' ? ':---:' : '---';
  });
  return [pad(head), align, ...rest.map(pad)].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

function codeFence(value: string, lang: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang.replace(/[`\s]/g, '')}\n${value}\n${fence}`;
}

function prefixLines(text: string, prefix: string, emptyPrefix: string): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? prefix + line : emptyPrefix))
    .join('\n');
}

function inlines(nodes: readonly PhrasingContent[]): string {
  return nodes.map(inline).join('');
}

function inline(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.value.replace(/[ \t]*\n[ \t]*/g, ' '));
    case 'strong':
      return wrap(inlines(node.children), '**');
    case 'emphasis':
      return wrap(inlines(node.children), '*');
    case 'delete':
      return wrap(inlines(node.children), '~~');
    case 'inlineCode':
      return inlineCode(node.value);
    case 'break':
      return '\\\n';
    case 'link': {
      const text = inlines(node.children) || escapeText(node.url);
      return SAFE_URL.test(node.url.trim()) ? linkMarkdown(text, node.url.trim(), node.title ?? undefined) : text;
    }
    case 'html':
      return escapeText(node.value);
    case 'image':
      return escapeText(node.alt ?? '');
    default:
      if ('children' in node) return inlines(node.children as PhrasingContent[]);
      if ('value' in node && typeof node.value === 'string') return escapeText(node.value);
      return '';
  }
}

/** Emphasis markers must touch the text they wrap, so surrounding spaces move outside. */
function wrap(inner: string, marker: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner)!;
  const [, lead = '', core = '', trail = ''] = m;
  return core.length > 0 ? `${lead}${marker}${core}${marker}${trail}` : inner;
}

function inlineCode(value: string): string {
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || /^ .* $/.test(value) ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

function linkMarkdown(text: string, url: string, title?: string): string {
  const target = url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const t = title ? ` "${title.replace(/["\\]/g, '\\$&')}"` : '';
  return `[${text}](${target}${t})`;
}

/**
 * Escapes what would turn text into markup anywhere in a line: backslash,
 * emphasis and strike markers, code spans, link brackets, raw HTML and
 * autolinks, table pipes, and character references. `_` inside a word is
 * left alone (CommonMark does not treat it as emphasis there).
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*[\]<>|~]/g, '\\$&')
    .replace(/_/g, (m, offset: number, s: string) => (/[\p{L}\p{N}]/u.test(s[offset - 1] ?? '') && /[\p{L}\p{N}]/u.test(s[offset + 1] ?? '') ? m : '\\_'))
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * Escapes what only means something at the start of a line: headings,
 * block quotes, list markers, setext underlines, and indentation that
 * would make a code block.
 */
function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const l = line.replace(/^[ \t]+/, '');
      if (/^(#{1,6}(\s|$)|[+\-](\s|$)|=+\s*$|-+\s*$)/.test(l)) return `\\${l}`;
      const ordered = /^(\d{1,9})([.)])(\s|$)/.exec(l);
      if (ordered) return `${ordered[1]}\\${l.slice(ordered[1]!.length)}`;
      return l;
    })
    .join('\n');
}

/** GitHub's heading anchors (after github-slugger): lower case, punctuation dropped, spaces to dashes, repeats numbered. */
class Slugger {
  private occurrences = new Map<string, number>();

  slug(text: string): string {
    const original = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let slug = original;
    while (this.occurrences.has(slug)) {
      const n = (this.occurrences.get(original) ?? 0) + 1;
      this.occurrences.set(original, n);
      slug = `${original}-${n}`;
    }
    this.occurrences.set(slug, 0);
    return slug;
  }
}
