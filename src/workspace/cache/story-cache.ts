import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../diagnostics.js';
import { hasErrors } from '../../diagnostics.js';
import { frontMatterText, readSource } from '../front-matter.js';
import { parseStory, type Story, type StorySection } from '../story.js';
import { textHash, usableEntry, type CachedStoryFile, type SectionData, type StoryData } from './entry.js';

export type { CachedStoryFile } from './entry.js';

/**
 * What parsing one story file gives, kept between runs so that a file that
 * has not changed is not parsed again. Parsing (YAML with positions, then
 * Markdown to a tree) is nearly all of what `check` and `plan` cost; a
 * cached story keeps its metadata, section texts and diagnostics, and
 * re-parses its file only when something asks for a tree or a YAML position.
 *
 * Pure: which entries exist is up to the caller (see cache-file.ts, which
 * keeps them in a file between runs; the preview keeps one in memory).
 */

/** The result for one story file, from the cache or freshly parsed. */
export interface StoryFileResult {
  source: Diagnostic[];
  parsed?: { diagnostics: Diagnostic[]; story?: Story };
}

export class StoryCache {
  hits = 0;
  misses = 0;
  private readonly used = new Map<string, CachedStoryFile>();
  private added = false;

  /**
   * @param salt identifies the code that made the entries (see cache-file.ts): entries of another build never match.
   * @param entries entries from an earlier run, by key, as read: each is checked (shape, source text) before use.
   */
  constructor(
    private readonly salt: string,
    private readonly entries: ReadonlyMap<string, unknown> = new Map(),
  ) {}

  /** Parses one story file, or revives it from the cache when the same file was parsed before. */
  storyFile(path: string, id: string, text: string): StoryFileResult {
    const key = createHash('sha256').update(`${this.salt}\0${id}\0${path}\0${text}`).digest('base64url');
    const known = this.used.get(key) ?? usableEntry(this.entries.get(key), text);
    if (known) {
      this.hits++;
      this.used.set(key, known);
      return revive(known, path, id, text);
    }
    this.misses++;
    const result = parseStoryFile(path, id, text);
    const entry = toCached(result, text);
    if (entry) {
      this.used.set(key, entry);
      this.added = true;
    }
    return result;
  }

  /** True when saving would change what is stored: entries were added, or files were removed or edited. */
  get changed(): boolean {
    return this.added || this.used.size !== this.entries.size;
  }

  /** The entries this run used: saving only these drops those of deleted and edited files. */
  entriesInUse(): ReadonlyMap<string, CachedStoryFile> {
    return this.used;
  }
}

/** Reads a story file's front matter, then (when that worked) the story. The uncached path. */
export function parseStoryFile(path: string, id: string, text: string): StoryFileResult {
  const { source, diagnostics } = readSource(path, text);
  // With broken YAML, checking the rest would only add noise.
  if (hasErrors(diagnostics)) return { source: diagnostics };
  return { source: diagnostics, parsed: parseStory(id, source) };
}

/** The entry to keep, or undefined when the story holds a value JSON cannot carry exactly, or timed out (then it is parsed every time). */
function toCached(result: StoryFileResult, text: string): CachedStoryFile | undefined {
  const story = result.parsed?.story;
  if (story && !jsonSafe(story.extra)) return undefined;
  // A time budget ran out: on a quieter machine the same text may parse, so that is never remembered.
  if (result.parsed?.diagnostics.some((d) => d.rule === 'markdown-too-slow')) return undefined;
  return {
    source: textHash(text),
    diagnostics: result.source,
    parsed: result.parsed && {
      diagnostics: result.parsed.diagnostics,
      story: story && storyData(story),
    },
  };
}

function storyData(story: Story): StoryData {
  const { at: _at, sections, lessons, notes, ...rest } = story;
  return {
    ...rest,
    sections: sections.map(sectionData),
    ...(lessons ? { lessons: sectionData(lessons) } : {}),
    ...(notes ? { notes: sectionData(notes) } : {}),
  };
}

function sectionData({ nodes: _nodes, ...rest }: StorySection): SectionData {
  return rest;
}

/**
 * A story from its cached data. Its trees and YAML positions come from
 * parsing the file again, on first use: `check` never asks for a tree, and
 * asks for a position only to report a problem.
 */
function revive(entry: CachedStoryFile, path: string, id: string, text: string): StoryFileResult {
  const data = entry.parsed?.story;
  if (!entry.parsed || !data) return { source: entry.diagnostics, parsed: entry.parsed && { diagnostics: entry.parsed.diagnostics } };
  // The front matter is read once, for positions or for the full parse, whichever comes first.
  let yaml: ReturnType<typeof readSource>['source'] | undefined;
  const source = () => (yaml ??= readSource(path, text).source);
  let full: Story | undefined;
  const parsed = (): Story => {
    full ??= parseStory(id, source(), { tree: true }).story;
    if (!full) throw new Error(`cached story ${path} no longer parses`);
    return full;
  };
  const withNodes = (section: SectionData, find: (story: Story) => StorySection | undefined): StorySection => {
    let nodes: StorySection['nodes'] | undefined;
    return Object.defineProperty({ ...section }, 'nodes', {
      enumerable: true,
      get: () => (nodes ??= find(parsed())?.nodes ?? []),
      // Plain data to callers: they may replace a section's tree as on a parsed story.
      set: (value: StorySection['nodes']) => {
        nodes = value;
      },
    }) as StorySection;
  };
  const story: Story = {
    ...data,
    // Whether a story may be exported is never taken on trust: it comes from the file itself.
    private: isPrivate(text, source),
    sections: data.sections.map((s, i) => withNodes(s, (p) => p.sections[i])),
    lessons: data.lessons && withNodes(data.lessons, (p) => p.lessons),
    notes: data.notes && withNodes(data.notes, (p) => p.notes),
    at: {
      key: (name) => source().locateKey(name),
      node: (p) => source().locate(p),
      section: (key) => parsed().at.section(key),
    },
  };
  return { source: entry.diagnostics, parsed: { diagnostics: entry.parsed.diagnostics, story } };
}

/**
 * `private:` as the file says, read again on every run. Only the letters
 * "private" or a YAML escape (a backslash) can spell that key, so front
 * matter with neither is not private and needs no YAML parsing.
 */
function isPrivate(text: string, source: () => ReturnType<typeof readSource>['source']): boolean {
  const yaml = frontMatterText(text);
  if (!yaml.includes('private') && !yaml.includes('\\')) return false;
  const data = source().data;
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>).private === true;
}

/** Whether JSON gives back exactly this value (YAML can hold .inf, .nan and -0, which JSON cannot). */
function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => v !== undefined && jsonSafe(v));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as Record<string, unknown>).every((v) => v !== undefined && jsonSafe(v));
  }
  return false;
}
