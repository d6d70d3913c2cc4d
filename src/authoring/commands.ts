import { appendFile, readFile, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { Document, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { EnvironmentError, UserError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic.js';
import { readWorkspaceFiles } from '../stories/fs.js';
import { parseWorkspace, QUESTIONS_FILE, roleOf } from '../stories/workspace.js';
import { exists, requireStoriesFolder, storyIds, writeError, writeNewFile } from './files.js';
import { importNotes, type ImportResult, type NewQuestion } from './import-notes.js';
import { EXAMPLE_PROFILE, newStoryText, workspaceFiles, type StoryKind } from './scaffold.js';
import { slugify, uniqueId } from './slug.js';

/**
 * `new`, `init` and `import`: the commands that write stories. Each has a
 * library function that does the work and returns what it did (tests call
 * these), and a `run*` wrapper for the CLI that prints and returns the exit
 * code. None of them ever replaces a file unless told to with --force.
 */

interface Globals {
  dir: string;
  quiet: boolean;
  verbose: boolean;
}

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

/** A path as the user would type it: relative to the current folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

// ---------------------------------------------------------------------------
// new

export interface CreatedStory {
  id: string;
  /** Absolute path of the new file. */
  path: string;
  /** True when the plain slug was taken and a `-2`… suffix was added. */
  renamed: boolean;
}

/** Writes stories/<slug>.md for a title; never overwrites (a taken slug gets -2, -3, …). */
export async function createStory(root: string, title: string, kind: StoryKind = 'star'): Promise<CreatedStory> {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (!clean) throw new UserError('the story needs a title, e.g. storybank new "Shipping the billing migration"');
  const taken = new Set((await storyIds(root)).keys());
  const slug = slugify(clean);
  const text = newStoryText(clean, kind);
  // Another process may take a name between the check and the write; then try the next one.
  for (;;) {
    const id = uniqueId(slug, taken);
    const path = join(root, 'stories', `${id}.md`);
    if (await writeNewFile(path, text)) return { id, path, renamed: id !== slug };
    taken.add(id);
  }
}

export async function runNew(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const kind = String(argv.kind ?? 'star');
  if (kind !== 'star' && kind !== 'answer') throw new UserError(`--kind must be star or answer, not "${kind}"`);
  const created = await createStory(g.dir, String(argv.title ?? ''), kind);
  out(shown(created.path));
  if (!g.quiet) {
    if (created.renamed) err(`(a story named ${slugify(String(argv.title))} exists already, so this one is ${created.id})`);
    err(kind === 'star' ? 'Fill in Situation, Task, Action and Result, list its questions, then delete `draft: true`.' : 'Write the answer, list its questions, then delete `draft: true`.');
  }
  return 0;
}

// ---------------------------------------------------------------------------
// init

export interface InitResult {
  root: string;
  /** Workspace-relative paths written. */
  written: string[];
  /** Optional files that existed and were left as they were. */
  kept: string[];
  /** True when `out/` was appended to an existing .gitignore. */
  gitignoreUpdated: boolean;
}

/**
 * Creates a workspace in `root`: example stories, a profile, storybank.yml,
 * README.md and .gitignore. Refuses (writing nothing) when any workspace
 * file exists or the folder already holds stories; an existing README.md is
 * kept and an existing .gitignore gets an `out/` line.
 */
export async function initWorkspace(root: string): Promise<InitResult> {
  try {
    if (!(await stat(root)).isDirectory()) throw new UserError(`${root} is a file, not a folder; choose another place for the workspace`);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new EnvironmentError(`cannot read ${root}: ${(e as Error).message}`);
  }
  const files = workspaceFiles();
  const conflicts: string[] = [];
  for (const f of files.filter((f) => !f.optional)) if (await exists(join(root, f.path))) conflicts.push(f.path);
  if (conflicts.length) {
    throw new UserError(
      `${conflicts.length === 1 ? 'this file exists' : 'these files exist'} in ${root}, and init never overwrites; nothing was written:\n` +
        `${conflicts.map((c) => `  ${c}`).join('\n')}\nMove ${conflicts.length === 1 ? 'it' : 'them'} away, or run init in an empty folder.`,
    );
  }
  const existing = (await exists(join(root, 'stories'))) ? [...(await storyIds(root)).values()] : [];
  if (existing.length) {
    throw new UserError(`${root} is already a workspace: stories/ holds ${existing.length} stor${existing.length === 1 ? 'y' : 'ies'}; init only creates new workspaces, nothing was written`);
  }

  const written: string[] = [];
  const kept: string[] = [];
  let gitignoreUpdated = false;
  for (const f of files) {
    const path = join(root, f.path);
    if (f.path === '.gitignore' && (await exists(path))) {
      gitignoreUpdated = await ensureIgnored(path, 'out/');
      if (!gitignoreUpdated) kept.push(f.path);
      continue;
    }
    if (await writeNewFile(path, f.text)) written.push(f.path);
    else if (f.optional) kept.push(f.path);
    else throw new UserError(`${f.path} appeared in ${root} while init was writing; it was left alone (written so far: ${written.join(', ') || 'nothing'})`);
  }
  return { root, written, kept, gitignoreUpdated };
}

/** Appends `entry` to a .gitignore unless a line already ignores it. */
async function ensureIgnored(path: string, entry: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new EnvironmentError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const bare = entry.replace(/\/$/, '');
  if (text.split(/\r?\n/).some((l) => [bare, `${bare}/`, `/${bare}`, `/${bare}/`].includes(l.trim()))) return false;
  try {
    await appendFile(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${entry}\n`);
  } catch (e) {
    throw writeError(path, e);
  }
  return true;
}

export async function runInit(argv: Record<string, unknown>, g: Globals): Promise<number> {
  // A folder typed on the command line is relative to where the user is, like any path in a shell.
  const root = argv.folder ? resolve(process.cwd(), String(argv.folder)) : g.dir;
  const result = await initWorkspace(root);
  if (g.quiet) return 0;
  out(`Created a storybank workspace in ${shown(root)}:`);
  for (const path of result.written) out(`  ${path}`);
  if (result.gitignoreUpdated) out('  .gitignore (added out/)');
  for (const path of result.kept) out(`  ${path} (exists; left as it was)`);
  const cd = resolve(root) === process.cwd() ? [] : [`  cd ${shown(root)}`];
  out(
    [
      'Next:',
      ...cd,
      '  storybank check                  validate everything',
      `  storybank build                  out/${EXAMPLE_PROFILE}/cheatsheet.pdf and answer-bank.docx`,
      '  storybank import your-notes.md   your interview notes → draft stories',
      '  storybank new "Story title"      start a story from scratch',
    ].join('\n'),
  );
  return 0;
}

// ---------------------------------------------------------------------------
// import

const MAX_NOTES_BYTES = 10 * 1024 * 1024;

/** Reads a notes file as text, with a clear message for what is not one. */
export async function readNotes(path: string, shownAs = path): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserError(`${shownAs} is a folder; pass the Markdown notes file itself`);
    if (info.size > MAX_NOTES_BYTES) throw new UserError(`${shownAs} is ${(info.size / 1024 / 1024).toFixed(1)} MB; notes over 10 MB are not imported (split the file)`);
    bytes = await readFile(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UserError(`cannot find the notes file ${shownAs}`);
    throw new EnvironmentError(`cannot read ${shownAs}: ${(e as Error).message}`, 'check the file permissions');
  }
  if (bytes.includes(0)) throw new UserError(`${shownAs} looks like a binary file, not Markdown notes`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(`${shownAs} is not valid UTF-8; re-save it with UTF-8 encoding and import again`);
  }
}

export interface ImportRun {
  result: ImportResult;
  /** Workspace-relative story paths written. */
  written: string[];
  /** Those of `written` that replaced an existing file (--force). */
  replaced: string[];
  /** Questions added to stories/questions.yml. */
  addedQuestions: NewQuestion[];
  /** Why unknown questions were not added to stories/questions.yml, if they were not. */
  questionsNote?: string;
  /** Question ids the imported stories answer that no profile asks (so nothing will select them yet). */
  unasked: string[];
  /** Whether the workspace has any profile. */
  hasProfiles: boolean;
}

/**
 * Imports notes text into the workspace at `root`. Without `force`, any
 * story file that exists stops the import before anything is written.
 */
export async function importIntoWorkspace(root: string, notes: string, options: { force?: boolean; sourceName?: string } = {}): Promise<ImportRun> {
  await requireStoriesFolder(root);
  const files = await readWorkspaceFiles(root);
  const workspace = parseWorkspace(files);
  const ids = await storyIds(root);

  const questionsFile = files.find((f) => roleOf(f.path) === 'questions');
  let questionsDoc: Document.Parsed | undefined;
  let questionsNote: string | undefined;
  if (questionsFile) {
    const doc = parseDocument(new TextDecoder().decode(questionsFile.bytes).replace(/^\uFEFF/, ''));
    if (doc.errors.length === 0 && (isSeq(doc.contents) || doc.contents === null)) questionsDoc = doc;
    else questionsNote = `${QUESTIONS_FILE} is not a list of questions, so new questions were not added to it`;
  }

  const result = importNotes(notes, workspace.catalog, { sourceName: options.sourceName, defineQuestions: !questionsNote });

  const blocked: string[] = [];
  const existing: string[] = [];
  for (const story of result.stories) {
    const at = ids.get(story.id);
    if (at === undefined) continue;
    if (at === story.path) existing.push(story.path);
    else blocked.push(`${story.path} (the id "${story.id}" is taken by ${at})`);
  }
  if (blocked.length) {
    throw new UserError(
      `import would give stories ids that ${blocked.length === 1 ? 'is' : 'are'} already used elsewhere; nothing was written:\n` +
        `${blocked.map((b) => `  ${b}`).join('\n')}\nRename or move ${blocked.length === 1 ? 'that file' : 'those files'}, or import into a fresh workspace.`,
    );
  }
  if (existing.length && !options.force) {
    throw new UserError(
      `${existing.length === 1 ? 'this story exists' : `these ${existing.length} stories exist`} already, and import never overwrites without --force; nothing was written:\n` +
        `${existing.map((p) => `  ${p}`).join('\n')}\n` +
        'Run again with --force to replace them, or import into a fresh workspace (storybank init DIR, then storybank --dir DIR import …).',
    );
  }

  const written: string[] = [];
  const replaced: string[] = [];
  for (const story of result.stories) {
    const path = join(root, story.path);
    if (existing.includes(story.path)) {
      await writeFileAtomic(path, story.text);
      replaced.push(story.path);
    } else if (!(await writeNewFile(path, story.text))) {
      if (!options.force) {
        throw new UserError(`${story.path} appeared while import was writing; it was left alone (written so far: ${written.join(', ') || 'nothing'})`);
      }
      await writeFileAtomic(path, story.text);
      replaced.push(story.path);
    }
    written.push(story.path);
  }

  let addedQuestions: NewQuestion[] = [];
  if (result.newQuestions.length && !questionsNote) {
    addedQuestions = result.newQuestions;
    await writeFileAtomic(join(root, QUESTIONS_FILE), questionsText(questionsDoc, addedQuestions));
  }
  const asked = new Set(workspace.profiles.flatMap((p) => p.questions));
  const unasked = [...new Set(result.stories.filter((s) => !s.draft).flatMap((s) => s.questions))].filter((q) => !asked.has(q));
  return { result, written, replaced, addedQuestions, questionsNote, unasked, hasProfiles: workspace.profiles.length > 0 };
}

/** stories/questions.yml with the new questions appended; comments and existing entries stay as they were. */
function questionsText(doc: Document.Parsed | undefined, questions: readonly NewQuestion[]): string {
  const entries = questions.map((q) => ({ id: q.id, text: q.text, competencies: q.competencies }));
  if (!doc) {
    return `# Questions beyond the built-in bank: a list of { id, text, competencies }.\n# Entries below were added by \`storybank import\`; give them competencies.\n${new Document(entries).toString({ lineWidth: 0 })}`;
  }
  if (!isSeq(doc.contents)) doc.contents = doc.createNode([]) as unknown as typeof doc.contents;
  const seq = doc.contents as unknown as YAMLSeq;
  for (const e of entries) seq.add(doc.createNode(e));
  return doc.toString({ lineWidth: 0 });
}

export async function runImport(argv: Record<string, unknown>, g: Globals): Promise<number> {
  const arg = String(argv.notes ?? '');
  const path = resolve(process.cwd(), arg);
  const notes = await readNotes(path, arg);
  const run = await importIntoWorkspace(g.dir, notes, { force: Boolean(argv.force), sourceName: basename(path) });
  if (!g.quiet) out(formatImportSummary(run, basename(path)));
  return 0;
}

const SHAPES: Record<ImportResult['shape'], string> = {
  headings: 'one per question heading',
  lines: 'one per question line',
  topics: 'no questions found, so one per topic heading',
};

export function formatImportSummary(run: ImportRun, source: string): string {
  const { stories } = run.result;
  const drafts = stories.filter((s) => s.draft).length;
  const lines: string[] = [];
  lines.push(
    `${stories.length} ${stories.length === 1 ? 'story' : 'stories'} written from ${source} (${SHAPES[run.result.shape]}), ${drafts} of them draft${drafts === 1 ? '' : 's'}:`,
  );
  const width = Math.min(48, Math.max(...stories.map((s) => s.path.length)));
  for (const s of stories) {
    const what = `${s.kind.padEnd(6)}  ${(s.draft ? 'draft' : '').padEnd(5)}  ${s.questions.length ? `→ ${s.questions.join(', ')}` : '→ no question'}`;
    const again = run.replaced.includes(s.path) ? '  (replaced)' : '';
    lines.push(`  ${s.path.padEnd(width)}  ${what}${again}`);
  }
  if (run.addedQuestions.length) {
    lines.push(`Added ${run.addedQuestions.length} question${run.addedQuestions.length === 1 ? '' : 's'} to ${QUESTIONS_FILE}: ${run.addedQuestions.map((q) => q.id).join(', ')}`);
  }
  if (run.questionsNote) lines.push(`Note: ${run.questionsNote}.`);
  if (run.unasked.length) {
    lines.push(
      run.hasProfiles
        ? `No profile asks ${run.unasked.join(', ')} yet: add the questions you expect to a profile's \`questions:\` (stories/profiles/*.md).`
        : 'There is no profile yet: add one in stories/profiles/ (see `storybank init`) listing the questions you expect.',
    );
  }
  const attention = stories.filter((s) => s.attention.length);
  if (attention.length) {
    lines.push('', `Needs attention (${attention.length}):`);
    for (const s of attention) {
      lines.push(`  ${s.path}`);
      for (const a of s.attention) lines.push(`    - ${a}`);
    }
  }
  lines.push(
    '',
    'Next: run `storybank check`. Give each story a title that names what happened (the question is kept in a comment at the top),',
    'fill the gaps, and delete `draft: true` once a story is ready. Nothing from the notes was dropped: asides are under ## Notes.',
  );
  return lines.join('\n');
}
