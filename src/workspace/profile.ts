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
  const seen = new Set<string>();
  fm.value.questions.forEach((q, i) => {
    if (seen.has(q)) {
      diagnostics.push(diagnostic(source.path, source.locate(['questions', i]), 'warning', 'question-repeated', `question "${q}" is listed twice; it is used once`));
    }
    seen.add(q);
  });
  const profile: Profile = {
    ...fm.value,
    questions: [...seen],
    name,
    file: source.path,
    pitch: tree.children,
    pitchText: plainText(tree.children),
    extra: fm.extra,
    at: { key: (k) => source.locateKey(k), node: (p) => source.locate(p) },
  };
  return { profile, diagnostics };
}
