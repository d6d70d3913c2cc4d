import type { RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { didYouMean } from '../support/suggest.js';
import { countWords, headingKey, parseBody, plainText, splitSections } from './markdown.js';
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

/** Parses one story file. Returns the story when it is usable, and every problem found either way. */
export function parseStory(id: string, source: SourceFile): { story?: Story; diagnostics: Diagnostic[] } {
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
  const parsed = parseBody(source);
  if (!parsed.tree) return { diagnostics: [...diagnostics, ...parsed.diagnostics] };
  const tree = parsed.tree;
  const { preamble, sections: raw } = splitSections(tree, (text) => SECTION_ALIASES[headingKey(text)]);
  const atBody = (line: number, column: number): Position => ({ line: line + offset, column });
  // A draft's structural problems are warnings: it is never selected, and
  // `import` relies on drafts passing `check`.
  const structural = meta.draft ? 'warning' : 'error';

  const byKey = new Map<SectionKey, StorySection>();
  for (const r of raw) {
    const key = SECTION_ALIASES[headingKey(r.heading)]!;
    const position = atBody(r.line, r.column);
    if (byKey.has(key)) {
      diagnostics.push(diagnostic(file, position, structural, 'section-duplicate', `section "${SECTION_LABELS[key]}" appears twice; merge the two`));
      const prior = byKey.get(key)!;
      prior.nodes.push(...r.nodes);
      prior.text = plainText(prior.nodes);
      continue;
    }
    byKey.set(key, { key, label: SECTION_LABELS[key], nodes: r.nodes, text: plainText(r.nodes), position });
  }

  const sections: StorySection[] = [];
  const bodyStart: Position = { line: offset + 1, column: 1 };
  if (meta.kind === 'star') {
    if (plainText(preamble).length > 0) {
      const first = preamble[0]?.position?.start;
      diagnostics.push(
        diagnostic(file, first ? atBody(first.line, first.column) : bodyStart, 'warning', 'text-outside-section', 'text before the first STAR heading is not exported; put it under a section (or under ## Notes)'),
      );
    }
    for (const key of STAR_SECTIONS) {
      const section = byKey.get(key);
      if (!section) {
        diagnostics.push(
          diagnostic(file, bodyStart, structural, 'star-section-missing', `missing "## ${SECTION_LABELS[key]}" section (a star story needs Situation, Task, Action and Result)`),
        );
        continue;
      }
      if (section.text.length === 0) {
        diagnostics.push(diagnostic(file, section.position, structural, 'star-section-empty', `section "${SECTION_LABELS[key]}" is empty`));
      }
      sections.push(section);
    }
    unknownHeadings(tree.children, offset, file, diagnostics);
  } else {
    // kind: answer — the whole body is the answer, except Notes (never exported) and Lessons.
    const answerNodes = [...preamble];
    for (const r of raw) {
      const key = SECTION_ALIASES[headingKey(r.heading)]!;
      if (key === 'notes' || key === 'lessons') continue;
      // A STAR heading inside an answer is just content.
      answerNodes.push(
        { type: 'heading', depth: 3, children: [{ type: 'text', value: r.heading }] },
        ...r.nodes,
      );
    }
    const text = plainText(answerNodes);
    if (text.length === 0) {
      diagnostics.push(diagnostic(file, bodyStart, structural, 'answer-empty', 'answer story has no text'));
    }
    sections.push({ key: 'answer', label: 'Answer', nodes: answerNodes, text, position: bodyStart });
  }

  const lessons = byKey.get('lessons');
  const notes = byKey.get('notes');
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

function unknownHeadings(nodes: readonly RootContent[], offset: number, file: string, diagnostics: Diagnostic[]): void {
  const known = [...Object.keys(SECTION_ALIASES)];
  for (const node of nodes) {
    if (node.type !== 'heading' || node.depth > 2) continue;
    const key = headingKey(plainText([node]));
    if (SECTION_ALIASES[key]) continue;
    const hint = didYouMean(key, known);
    if (!hint) continue; // A deliberate sub-heading; only flag likely typos.
    const start = node.position?.start;
    diagnostics.push(
      diagnostic(file, start ? { line: start.line + offset, column: start.column } : undefined, 'warning', 'section-unknown', `heading "${plainText([node])}" is not a STAR section${hint}`),
    );
  }
}
