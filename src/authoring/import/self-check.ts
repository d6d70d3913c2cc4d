import { readSource } from '../../workspace/front-matter.js';
import { plainText } from '../../workspace/markdown.js';
import { SECTION_ALIASES } from '../../workspace/sections.js';
import { parseStory } from '../../workspace/story.js';
import type { NoteLine } from './lines.js';
import type { Unplaced } from './model.js';
import type { Frag } from './text.js';

/**
 * The importer checks its own output before anything is written: every
 * non-blank line of the notes must land in exactly one file, with its
 * words; no aside may be in an exported section (the files are read back
 * with the story parser, exactly as `check` and `build` read them); and
 * every story must parse without errors.
 */

export interface Placement {
  path: string;
  text: string;
  /** What the importer put in this file. */
  frags: readonly Frag[];
  /** Frags that must stay private (asides). Story files only. */
  asides?: readonly Frag[];
  story?: boolean;
}

/** Words as compared here: case, punctuation, Markdown and line breaks do not matter. */
function words(text: string): string {
  return ` ${text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** Words that are markup on their own: a label alone on its line, "Answer:", "Q:". */
const MARKUP_WORDS = new Set([...Object.keys(SECTION_ALIASES).flatMap((a) => a.split(' ')), 'a', 'answer', 'q', 'question', 's', 't', 'r', 'i', 'd']);

export function checkPlacement(lines: readonly NoteLine[], placements: readonly Placement[]): Unplaced[] {
  const problems: Unplaced[] = [];
  const placed = new Set<number>();
  // A piece of a line in two files is written twice; a line split between a story and the profile's ask: is not.
  const pieces = new Map<string, string>();
  for (const p of placements) {
    const have = words(p.text);
    for (const f of p.frags) {
      if (f.line === 0) continue;
      placed.add(f.line);
      const said = words(f.text);
      if (said.trim() === '') continue;
      if (!have.includes(said)) problems.push({ line: f.line, text: f.text.trim(), problem: 'missing' });
      const key = `${f.line}:${said}`;
      const first = pieces.get(key);
      if (first !== undefined && first !== p.path) problems.push({ line: f.line, text: f.text.trim(), problem: 'duplicated' });
      pieces.set(key, first ?? p.path);
    }
    if (p.story) problems.push(...exportedAsides(p));
  }
  for (const line of lines) {
    if (line.blank || line.rule || line.underline || placed.has(line.no)) continue;
    const text = line.heading ? line.heading.text : line.text;
    const rest = words(text).trim().split(' ').filter((w) => w && !MARKUP_WORDS.has(w));
    if (rest.length) problems.push({ line: line.no, text, problem: 'missing' });
  }
  return dedupe(problems).sort((a, b) => a.line - b.line);
}

/** Asides found in what a story exports, read back as `build` reads it. Throws when the story does not parse: that is a bug. */
function exportedAsides(p: Placement): Unplaced[] {
  const { source, diagnostics } = readSource(p.path, p.text);
  const id = p.path.replace(/^.*\/|\.md$/g, '');
  const parsed = parseStory(id, source);
  const errors = [...diagnostics, ...parsed.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length || !parsed.story) {
    throw new Error(`import made a story that does not parse (${p.path}: ${errors.map((e) => e.message).join('; ') || 'no story'})`);
  }
  const story = parsed.story;
  const exported = words([...story.sections, ...(story.lessons ? [story.lessons] : [])].map((s) => plainText(s.nodes)).join('\n'));
  return (p.asides ?? [])
    .filter((a) => /[\p{L}\p{N}]/u.test(a.text) && exported.includes(words(a.text)))
    .map((a) => ({ line: a.line, text: a.text, problem: 'exported-aside' as const }));
}

function dedupe(problems: readonly Unplaced[]): Unplaced[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.problem}:${p.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
