import type { RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { didYouMean } from '../support/suggest.js';
import { blocksText, countWords, headingKey, parseBody, splitSections, treeBlocks, type BodyBlock } from './markdown.js';
import { readPlainMarkdown } from './markdown-fast.js';
import { markdownLimitProblem } from './markdown-limits.js';
import { StoryFrontMatterSchema, type StoryFrontMatter } from './schema.js';
import type { SourceFile } from './front-matter.js';
import { validateFrontMatter } from './validate.js';
import { SECTION_ALIASES, SECTION_LABELS, STAR_SECTIONS, type SectionKey } from './sections.js';


export interface StorySection {
  key: SectionKey;
  label: string;
  nodes: RootContent[];
  text: string;
  /** Position of the section heading in the file. */
  position: Position;
}

export interface Story extends StoryFrontMatter {
  id: string;
  file: string;
  /** STAR sections in S, T, A, R order (star), or one `answer` section. Never includes notes. */
  sections: StorySection[];
  lessons?: StorySection;
  notes?: StorySection;
  /** Words of the exported answer (sections + lessons, no notes). */
  words: number;
  /** Unknown front-matter keys, passed through to templates. */
  extra: Record<string, unknown>;
  /** Where things are, for later diagnostics (lint, selection). */
  at: {
    key(name: string): Position;
    node(path: readonly (string | number)[]): Position;
    section(key: SectionKey): Position | undefined;
  };
}

/** Parses one story file. Returns the story when it is usable, and every problem found either way. `tree: true` reads the body as a tree even when it is plain. */
export function parseStory(id: string, source: SourceFile, options: { tree?: boolean } = {}): { story?: Story; diagnostics: Diagnostic[] } {
  const file = source.path;
  const diagnostics: Diagnostic[] = [];
  if (!source.hasFrontMatter) {
    diagnostics.push(
      diagnostic(file, { line: 1, column: 1 }, 'error', 'front-matter-missing', 'story has no front matter; start the file with `---`, a `title:` line and `---`'),
    );
    return { diagnostics };
  }
  const fm = validateFrontMatter(source, StoryFrontMatterSchema, 'story');
  diagnostics.push(...fm.diagnostics);
  if (!fm.value) return { diagnostics };
  const meta = fm.value;

  const offset = source.bodyLineOffset;
  const reading = readBody(source, options.tree ?? false);
  if (!reading.blocks) return { diagnostics: [...diagnostics, ...reading.diagnostics] };
  const { preamble, sections: raw } = splitSections(reading.blocks, (text) => SECTION_ALIASES[headingKey(text)]);
  const atBody = (line: number, column: number): Position => ({ line: line + offset, column });
  // A draft's structural problems are warnings: it is never selected, and
  // `import` relies on drafts passing `check`.
  const structural = meta.draft ? 'warning' : 'error';
  // Read without a tree (plain Markdown): the trees come from a full parse of the file when a writer first asks.
  let full: Story | undefined;
  const treeOf = (key: SectionKey): RootContent[] => {
    full ??= parseStory(id, source, { tree: true }).story;
    const section = key === 'lessons' ? full?.lessons : key === 'notes' ? full?.notes : full?.sections.find((x) => x.key === key);
    return section?.nodes ?? [];
  };
  const section = (key: SectionKey, blocks: BodyBlock[], position: Position): StorySection =>
    withNodes({ key, label: SECTION_LABELS[key], text: blocksText(blocks), position }, reading.tree ? () => blocks.map((b) => b.node!) : () => treeOf(key));

  const byKey = new Map<SectionKey, { blocks: BodyBlock[]; position: Position }>();
  for (const r of raw) {
    const key = SECTION_ALIASES[headingKey(r.heading)]!;
    const position = atBody(r.line, r.column);
    const prior = byKey.get(key);
    if (prior) {
      diagnostics.push(diagnostic(file, position, structural, 'section-duplicate', `section "${SECTION_LABELS[key]}" appears twice; merge the two`));
      prior.blocks.push(...r.blocks);
      continue;
    }
    byKey.set(key, { blocks: [...r.blocks], position });
  }
  const sectionOf = (key: SectionKey) => {
    const found = byKey.get(key);
    return found && section(key, found.blocks, found.position);
  };

  const sections: StorySection[] = [];
  const bodyStart: Position = { line: offset + 1, column: 1 };
  if (meta.kind === 'star') {
    if (blocksText(preamble).length > 0) {
      const first = preamble[0];
      diagnostics.push(
        diagnostic(file, first ? atBody(first.line, first.column) : bodyStart, 'warning', 'text-outside-section', 'text before the first STAR heading is not exported; put it under a section (or under ## Notes)'),
      );
    }
    for (const key of STAR_SECTIONS) {
      const found = sectionOf(key);
      if (!found) {
        diagnostics.push(
          diagnostic(file, bodyStart, structural, 'star-section-missing', `missing "## ${SECTION_LABELS[key]}" section (a star story needs Situation, Task, Action and Result)`),
        );
        continue;
      }
      if (found.text.length === 0) {
        diagnostics.push(diagnostic(file, found.position, structural, 'star-section-empty', `section "${SECTION_LABELS[key]}" is empty`));
      }
      sections.push(found);
    }
    unknownHeadings(reading.blocks, offset, file, diagnostics);
  } else {
    // kind: answer — the whole body is the answer, except Notes (never exported) and Lessons.
    const answer = [...preamble];
    for (const r of raw) {
      const key = SECTION_ALIASES[headingKey(r.heading)]!;
      if (key === 'notes' || key === 'lessons') continue;
      // A STAR heading inside an answer is just content.
      answer.push({ text: r.heading, line: r.line, column: r.column, depth: 3, node: { type: 'heading', depth: 3, children: [{ type: 'text', value: r.heading }] } }, ...r.blocks);
    }
    const found = section('answer', answer, bodyStart);
    if (found.text.length === 0) {
      diagnostics.push(diagnostic(file, bodyStart, structural, 'answer-empty', 'answer story has no text'));
    }
    sections.push(found);
  }

  const lessons = sectionOf('lessons');
  const notes = sectionOf('notes');
  const exported = [...sections, ...(lessons ? [lessons] : [])];
  const words = exported.reduce((n, s) => n + countWords(s.text), 0);

  const story: Story = {
    ...meta,
    id,
    file,
    sections,
    lessons,
    notes,
    words,
    extra: fm.extra,
    at: {
      key: (name) => source.locateKey(name),
      node: (path) => source.locate(path),
      section: (key) => byKey.get(key)?.position,
    },
  };
  return { story, diagnostics };
}

/**
 * The body's top-level blocks: read without a tree when it is plain
 * Markdown (markdown-fast.ts), else from the tree, which also reports what
 * makes a body unreadable (too long, too complex, too deeply nested).
 */
function readBody(source: SourceFile, tree: boolean): { blocks?: BodyBlock[]; tree?: boolean; diagnostics: Diagnostic[] } {
  const plain = tree || markdownLimitProblem(source.body) ? undefined : readPlainMarkdown(source.body);
  if (plain) return { blocks: plain, tree: false, diagnostics: [] };
  const parsed = parseBody(source);
  return parsed.tree ? { blocks: treeBlocks(parsed.tree), tree: true, diagnostics: parsed.diagnostics } : { diagnostics: parsed.diagnostics };
}

/** A section whose tree is made on first use (and may be replaced, as on any section). */
function withNodes(section: Omit<StorySection, 'nodes'>, make: () => RootContent[]): StorySection {
  let nodes: RootContent[] | undefined;
  return Object.defineProperty({ ...section }, 'nodes', {
    enumerable: true,
    get: () => (nodes ??= make()),
    set: (value: RootContent[]) => {
      nodes = value;
    },
  }) as StorySection;
}

function unknownHeadings(blocks: readonly BodyBlock[], offset: number, file: string, diagnostics: Diagnostic[]): void {
  const known = [...Object.keys(SECTION_ALIASES)];
  for (const block of blocks) {
    if (block.depth === undefined || block.depth > 2) continue;
    const key = headingKey(block.text);
    if (SECTION_ALIASES[key]) continue;
    const hint = didYouMean(key, known);
    if (!hint) continue; // A deliberate sub-heading; only flag likely typos.
    diagnostics.push(diagnostic(file, { line: block.line + offset, column: block.column }, 'warning', 'section-unknown', `heading "${block.text}" is not a STAR section${hint}`));
  }
}
