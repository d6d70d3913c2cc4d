import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Document, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { EnvironmentError, UserError } from '../diagnostics.js';
import { writeFileAtomic } from '../output/atomic.js';
import { writeNewFile } from '../output/new-file.js';
import { readWorkspaceFiles } from '../workspace/files.js';
import { PROFILES_DIR, QUESTIONS_FILE, roleOf } from '../workspace/layout.js';
import { parseWorkspace } from '../workspace/parse.js';
import { importNotes, type ImportResult, type NewQuestion } from './import/index.js';
import { slugify } from '../support/slug.js';
import { hasStoriesFolder, storyIds } from './workspace-files.js';

/** `storybank import`: notes on disk into story files in a workspace. */

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
  /** Whether the folder had no stories/ and import started the workspace. */
  created: boolean;
  /** Workspace-relative story paths written. */
  written: string[];
  /** Those of `written` that replaced an existing file (--force). */
  replaced: string[];
  /** Questions added to stories/questions.yml. */
  addedQuestions: NewQuestion[];
  /** Why unknown questions were not added to stories/questions.yml, if they were not. */
  questionsNote?: string;
  /** The profile written, or why none was. */
  profile: { written: string; replaced: boolean } | { kept: string };
}

/**
 * Imports notes text into the workspace at `root`, starting one (stories/)
 * when the folder has none. Without `force`, any story file that exists
 * stops the import before anything is written.
 */
export async function importIntoWorkspace(root: string, notes: string, options: { force?: boolean; sourceName?: string } = {}): Promise<ImportRun> {
  const created = !(await hasStoriesFolder(root));
  const files = created ? [] : await readWorkspaceFiles(root);
  const workspace = parseWorkspace(files);
  const ids = created ? new Map<string, string>() : await storyIds(root);

  const questionsFile = files.find((f) => roleOf(f.path) === 'questions');
  let questionsDoc: Document.Parsed | undefined;
  let questionsNote: string | undefined;
  if (questionsFile) {
    const doc = parseDocument(new TextDecoder().decode(questionsFile.bytes).replace(/^\uFEFF/, ''));
    if (doc.errors.length === 0 && (isSeq(doc.contents) || doc.contents === null)) questionsDoc = doc;
    else questionsNote = `${QUESTIONS_FILE} is not a list of questions, so new questions were not added to it`;
  }

  const profileName = slugify(basename(options.sourceName ?? 'notes').replace(/\.[^.]*$/, ''), 'notes');
  const profilePath = `${PROFILES_DIR}${profileName}.md`;
  const profileExists = files.some((f) => f.path.toLowerCase() === profilePath.toLowerCase());
  const writeProfile = !profileExists || Boolean(options.force);
  const result = importNotes(notes, workspace.catalog, {
    sourceName: options.sourceName,
    defineQuestions: !questionsNote,
    profileName: writeProfile ? profileName : undefined,
  });

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
        `${blocked.map((b) => `  ${b}`).join('\n')}\nRename or move ${blocked.length === 1 ? 'that file' : 'those files'}, or import into a fresh folder.`,
    );
  }
  if (existing.length && !options.force) {
    throw new UserError(
      `${existing.length === 1 ? 'this story exists' : `these ${existing.length} stories exist`} already, and import never overwrites without --force; nothing was written:\n` +
        `${existing.map((p) => `  ${p}`).join('\n')}\n` +
        'Run again with --force to replace them, or import into a fresh folder (storybank --dir DIR import …).',
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
  let profile: ImportRun['profile'] = { kept: profilePath };
  if (result.profile) {
    if (profileExists) await writeFileAtomic(join(root, result.profile.path), result.profile.text);
    else if (!(await writeNewFile(join(root, result.profile.path), result.profile.text))) await writeFileAtomic(join(root, result.profile.path), result.profile.text);
    profile = { written: result.profile.path, replaced: profileExists };
  }
  return { result, created, written, replaced, addedQuestions, questionsNote, profile };
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

