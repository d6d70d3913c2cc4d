import { diagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { builtinCatalog, type Catalog } from '../questions/catalog.js';
import { indexCatalog, questionHint } from '../questions/match.js';
import { resolveProfileQuestions } from './profile-questions.js';
import { extendCatalog } from './questions-file.js';
import { didYouMean } from '../support/suggest.js';
import { parseProfile, type Profile } from './profile.js';
import { ConfigSchema, PLACEHOLDER_NAME, type Config } from './schema.js';
import { decodeText } from './decode.js';
import { readSource, readYamlSource } from './front-matter.js';
import type { Story } from './story.js';
import { parseStoryFile, type StoryCache } from './cache/story-cache.js';
import { validateFrontMatter } from './validate.js';
import { baseName, nameKey, roleOf, type WorkspaceFile } from './layout.js';

export interface Workspace {
  config: Config;
  catalog: Catalog;
  /** Sorted by id. */
  stories: Story[];
  /** Sorted by name. */
  profiles: Profile[];
  diagnostics: Diagnostic[];
}

/**
 * Parses and cross-checks a whole workspace, collecting every problem in
 * one pass. Pure: the caller reads the files (see fs.ts), so tests and the
 * preview server can run it on in-memory files. With a cache, story files
 * parsed before are not parsed again (see story-cache.ts).
 */
export function parseWorkspace(files: readonly WorkspaceFile[], options: { cache?: StoryCache } = {}): Workspace {
  const steps = workspaceSteps(files, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, giving the event loop a turn between two files once parsing has
 * held it for YIELD_AFTER_MS. Parsing is synchronous; this way Ctrl-C is
 * handled while a slow workspace is read, not only once all of it is, and
 * a quick one is read in one go, as before.
 */
export async function parseWorkspaceYielding(files: readonly WorkspaceFile[], options: { cache?: StoryCache } = {}): Promise<Workspace> {
  const steps = workspaceSteps(files, options);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - since < YIELD_AFTER_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    since = performance.now();
  }
}

const YIELD_AFTER_MS = 50;

/** parseWorkspace, one file per step. */
function* workspaceSteps(files: readonly WorkspaceFile[], options: { cache?: StoryCache }): Generator<void, Workspace> {
  const diagnostics: Diagnostic[] = [];
  const catalog = builtinCatalog();
  let config: Config = { links: [] };
  const stories: Story[] = [];
  const profiles: Profile[] = [];

  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const sourceOf = (file: WorkspaceFile) => {
    const decoded = decodeText(file.path, file.bytes);
    diagnostics.push(...decoded.diagnostics);
    if (decoded.text === undefined) return undefined;
    return decoded.text;
  };

  for (const file of sorted.filter((f) => roleOf(f.path) === 'config')) {
    const text = sourceOf(file);
    if (text === undefined) continue;
    const { source, diagnostics: d } = readYamlSource(file.path, text);
    diagnostics.push(...d);
    const result = validateFrontMatter(source, ConfigSchema, 'storybank.yml');
    diagnostics.push(...result.diagnostics);
    if (result.value) config = result.value;
    if (result.value?.name?.trim() === PLACEHOLDER_NAME) {
      diagnostics.push(diagnostic(file.path, source.locate(['name']), 'warning', 'placeholder-name', `"${PLACEHOLDER_NAME}" is the placeholder from \`storybank init\`: put your name here, it prints at the top of every cheat sheet and answer bank`));
    }
  }

  for (const file of sorted.filter((f) => roleOf(f.path) === 'questions')) {
    const text = sourceOf(file);
    if (text === undefined) continue;
    const { source, diagnostics: d } = readYamlSource(file.path, text);
    diagnostics.push(...d);
    // An unreadable file is already reported; its missing entries are not further errors.
    if (source.usable) diagnostics.push(...extendCatalog(catalog, source));
  }

  const storyIds = new Map<string, string>();
  for (const file of sorted.filter((f) => roleOf(f.path) === 'story')) {
    yield;
    const text = sourceOf(file);
    if (text === undefined) continue;
    if (text.trim().length === 0) {
      diagnostics.push(diagnostic(file.path, undefined, 'error', 'file-empty', 'file is empty; run `storybank new "Title"` for a template, or delete it'));
      continue;
    }
    const id = baseName(file.path).normalize('NFC').toLowerCase();
    const result = options.cache ? options.cache.storyFile(file.path, id, text) : parseStoryFile(file.path, id, text);
    diagnostics.push(...result.source);
    const first = storyIds.get(nameKey(id));
    if (first !== undefined) {
      diagnostics.push(diagnostic(file.path, undefined, 'error', 'story-id-duplicate', `story id "${id}" is already used by ${first}; rename one of the files`));
      continue;
    }
    storyIds.set(nameKey(id), file.path);
    if (!result.parsed) continue;
    diagnostics.push(...result.parsed.diagnostics);
    if (result.parsed.story) stories.push(result.parsed.story);
  }

  const profileNames = new Map<string, string>();
  for (const file of sorted.filter((f) => roleOf(f.path) === 'profile')) {
    yield;
    // Each profile writes out/<name>/: two names one disk may take for one folder are an error, like two story ids.
    const firstProfile = profileNames.get(nameKey(baseName(file.path)));
    if (firstProfile !== undefined) {
      diagnostics.push(
        diagnostic(file.path, undefined, 'error', 'profile-name-duplicate', `profile "${baseName(file.path)}" writes the same output folder as ${firstProfile} (names that differ only in case or accents are one folder on many disks); rename one of the files`),
      );
      continue;
    }
    profileNames.set(nameKey(baseName(file.path)), file.path);
    const text = sourceOf(file);
    if (text === undefined) continue;
    if (text.trim().length === 0) {
      diagnostics.push(diagnostic(file.path, undefined, 'error', 'file-empty', 'profile file is empty; it needs at least `role:` and `questions:`'));
      continue;
    }
    const { source, diagnostics: d } = readSource(file.path, text);
    diagnostics.push(...d);
    if (hasErrors(d)) continue;
    const parsed = parseProfile(baseName(file.path), source);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.profile) profiles.push(parsed.profile);
  }

  diagnostics.push(...resolveProfileQuestions(profiles, catalog));
  diagnostics.push(...crossCheck(catalog, stories, profiles));
  stories.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  profiles.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { config, catalog, stories, profiles, diagnostics: sortDiagnostics(diagnostics) };
}

function crossCheck(catalog: Catalog, stories: readonly Story[], profiles: readonly Profile[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const index = indexCatalog(catalog);
  const tags = new Set(stories.flatMap((s) => s.tags));

  for (const story of stories) {
    story.questions.forEach((q, i) => {
      if (!catalog.questions.has(q)) {
        out.push(diagnostic(story.file, story.at.node(['questions', i]), 'warning', 'unknown-question', `unknown question id "${q}"${questionHint(q, index)} (add it to stories/questions.yml to define it)`));
      }
    });
    story.competencies.forEach((c, i) => {
      if (!catalog.competencies.has(c)) {
        out.push(diagnostic(story.file, story.at.node(['competencies', i]), 'warning', 'unknown-competency', `unknown competency "${c}"${didYouMean(c, catalog.competencies)}`));
      }
    });
    for (const q of Object.keys(story.angles)) {
      if (!catalog.questions.has(q.toLowerCase())) {
        out.push(diagnostic(story.file, story.at.node(['angles', q]), 'warning', 'unknown-question', `angle for unknown question id "${q}"${questionHint(q, index)}`));
      }
    }
  }

  for (const profile of profiles) {
    for (const c of Object.keys(profile.emphasis)) {
      if (!catalog.competencies.has(c.toLowerCase())) {
        out.push(diagnostic(profile.file, profile.at.node(['emphasis', c]), 'warning', 'unknown-competency', `unknown competency "${c}" in emphasis${didYouMean(c, catalog.competencies)}`));
      }
    }
    for (const key of ['include_tags', 'exclude_tags'] as const) {
      profile[key].forEach((t, i) => {
        if (!tags.has(t)) {
          out.push(diagnostic(profile.file, profile.at.node([key, i]), 'warning', 'unknown-tag', `no story has the tag "${t}"${didYouMean(t, tags)}`));
        }
      });
    }
  }
  return out;
}
