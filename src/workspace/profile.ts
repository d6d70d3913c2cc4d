import type { RootContent } from 'mdast';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { parseBody, plainText } from './markdown.js';
import { ProfileFrontMatterSchema, type ProfileFrontMatter } from './schema.js';
import type { SourceFile } from './front-matter.js';
import { validateFrontMatter } from './validate.js';

export interface Profile extends ProfileFrontMatter {
  /** File name without `.md`; names the output folder. */
  name: string;
  file: string;
  /** Tailored pitch from the body, if any. */
  pitch: RootContent[];
  pitchText: string;
  extra: Record<string, unknown>;
  at: {
    key(name: string): Position;
    node(path: readonly (string | number)[]): Position;
  };
}

/** Profile names become folder names, so they must stay inside the output folder. (Accents may come as combining marks: macOS writes names decomposed.) */
export const PROFILE_NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._ -]*$/u;

/**
 * What `profile new` writes where a job posting does not say: `check` (and
 * every build) warns while they are still there, so a cheat sheet never
 * goes to an interview saying "Role (fill in)".
 */
export const PLACEHOLDER_ROLE = 'Role (fill in)';
export const PLACEHOLDER_COMPANY = 'Company (fill in)';
/** A blank of a pitch skeleton, for the user to write: `[[your current role]]`. */
export const PITCH_BLANK = /\[\[([^\]\n]{1,80})\]\]/g;

function placeholderWarnings(profile: Profile, body: string, bodyLineOffset: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (profile.role.trim() === PLACEHOLDER_ROLE) {
    out.push(diagnostic(profile.file, profile.at.key('role'), 'warning', 'placeholder-role', `role is still the placeholder "${PLACEHOLDER_ROLE}": the posting did not state the job title; write it in`));
  }
  if (profile.company?.trim() === PLACEHOLDER_COMPANY) {
    out.push(diagnostic(profile.file, profile.at.key('company'), 'warning', 'placeholder-company', `company is still the placeholder "${PLACEHOLDER_COMPANY}": the posting did not name the employer; write it in, or delete the line`));
  }
  const blanks = [...body.matchAll(PITCH_BLANK)];
  if (blanks.length > 0) {
    const first = blanks[0]!;
    const before = body.slice(0, first.index);
    const line = bodyLineOffset + before.split('\n').length;
    const column = first.index - before.lastIndexOf('\n');
    const list = blanks.slice(0, 3).map((b) => b[0]).join(', ');
    out.push(
      diagnostic(profile.file, { line, column }, 'warning', 'pitch-blank', `the pitch still has ${blanks.length === 1 ? 'a blank' : `${blanks.length} blanks`} to fill in (${list}${blanks.length > 3 ? ', …' : ''}); write them in your own words`),
    );
  }
  return out;
}

export function parseProfile(name: string, source: SourceFile): { profile?: Profile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!PROFILE_NAME.test(name) || name.includes('..')) {
    diagnostics.push(diagnostic(source.path, undefined, 'error', 'profile-name', `profile file name "${name}" cannot be used as an output folder name; use letters, digits, dashes and dots`));
    return { diagnostics };
  }
  if (!source.hasFrontMatter) {
    diagnostics.push(
      diagnostic(source.path, { line: 1, column: 1 }, 'error', 'front-matter-missing', 'profile has no front matter; start the file with `---`, `role:` and `questions:` lines and `---`'),
    );
    return { diagnostics };
  }
  const fm = validateFrontMatter(source, ProfileFrontMatterSchema, 'profile');
  diagnostics.push(...fm.diagnostics);
  if (!fm.value) return { diagnostics };
  const parsed = parseBody(source);
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.tree) return { diagnostics };
  const tree = parsed.tree;
  const profile: Profile = {
    ...fm.value,
    name,
    file: source.path,
    pitch: tree.children,
    pitchText: plainText(tree.children),
    extra: fm.extra,
    at: { key: (k) => source.locateKey(k), node: (p) => source.locate(p) },
  };
  diagnostics.push(...placeholderWarnings(profile, source.body, source.bodyLineOffset));
  return { profile, diagnostics };
}
