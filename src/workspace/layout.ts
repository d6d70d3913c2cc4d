/**
 * Where things live in a workspace, and what each file is. The one home of
 * these names: loading, watching and the authoring commands all ask here.
 */

/** A file of the workspace as bytes, with its workspace-relative path (forward slashes). */
export interface WorkspaceFile {
  path: string;
  bytes: Uint8Array;
}

export const CONFIG_FILE = 'storybank.yml';
export const QUESTIONS_FILE = 'stories/questions.yml';
export const PROFILES_DIR = 'stories/profiles/';
/** Where storybank keeps what it learns about the user: plain text, safe to commit or delete. */
export const STATE_DIR = '.storybank/';
/** One JSON line per practice rep (`storybank drill`), appended, never rewritten. */
export const PRACTICE_LOG = `${STATE_DIR}practice.jsonl`;

export type FileRole = 'story' | 'profile' | 'questions' | 'config' | undefined;

export function roleOf(path: string): FileRole {
  if (path === CONFIG_FILE) return 'config';
  if (path === QUESTIONS_FILE) return 'questions';
  if (!path.startsWith('stories/') || !path.toLowerCase().endsWith('.md')) return undefined;
  if (path.startsWith(PROFILES_DIR)) return path.slice(PROFILES_DIR.length).includes('/') ? undefined : 'profile';
  return 'story';
}

export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.md$/i, '');
}


/**
 * What two names have to differ in to stay two files on every disk: case
 * (macOS and Windows ignore it) and Unicode normalisation (macOS keeps "é"
 * as e + accent, other systems as one letter). Names equal by this key name
 * one output folder, or one story id.
 */
export function nameKey(name: string): string {
  // Upper then lower case folds "ß" and "SS" together, as case-insensitive disks do.
  return name.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}
