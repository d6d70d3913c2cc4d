import { yamlScalar } from '../yaml-text.js';
import { askEntries, cutAsides } from './asides.js';
import type { NoteLine } from './lines.js';
import type { ImportedProfile } from './model.js';
import { oneLine } from './story-file.js';
import type { Frag } from './text.js';

/**
 * The profile an import writes, `stories/profiles/<notes-name>.md`: it asks
 * every question of the notes in their order, so `storybank build` right
 * after the import prints a cheat sheet of the user's own questions. The
 * notes' title becomes its role; the rest of the preamble stays with it as
 * comments, and asides that are questions for the interviewer become `ask:`.
 */

export interface Preamble {
  /** The title line of the notes, if there is one. */
  title?: Frag;
  /** The other lines before the first question. */
  lines: Frag[];
  /** Questions for the interviewer found there. */
  ask: Frag[];
}

/** Words of a notes title that say it is prep, not which role: "interview prep - ", " loop prep", "notes for". */
const PREP_WORDS = /\b(?:(?:my )?interviews? (?:prep(?:aration)?|notes)|(?:loop|interview) prep|prep(?:aration)?(?: notes)?|interviews?|notes)\b/gi;

/** Reads the lines before the first question: the title, notes to self, questions for them. */
export function readPreamble(lines: readonly NoteLine[]): Preamble {
  const preamble: Preamble = { lines: [], ask: [] };
  const content = lines.filter((l) => !l.blank && !l.rule && !l.underline);
  content.forEach((line, i) => {
    const text = line.heading ? line.heading.text : line.text;
    const { rest, asides } = line.code ? { rest: line.raw, asides: [] } : cutAsides(text, line.no);
    for (const aside of asides) {
      if (aside.ask) preamble.ask.push(...askEntries(aside).map((t) => ({ text: t, line: line.no })));
      else preamble.lines.push({ text: aside.text, line: line.no });
    }
    if (!rest) return;
    const short = rest.split(/\s+/).length <= 16 && !/[:]$/.test(rest) && !/^notes? to self/i.test(rest);
    if (i === 0 && (line.heading || short)) preamble.title = { text: rest, line: line.no };
    else preamble.lines.push({ text: rest, line: line.no });
  });
  return preamble;
}

/** A role from the notes' title: "interview prep - St. Agnes MICU charge RN" → "St. Agnes MICU charge RN". */
export function roleFrom(title: string | undefined, fallback: string): string {
  const clean = (title ?? '')
    .replace(/\*\*|__|[*_`#]/g, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(PREP_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^\s*(?:for|at|with|of)\s+/i, '')
    .replace(/\s+([-–—:])(?:\s+[-–—:])+/g, ' $1')
    .replace(/^[\s\-–—:]+|[\s\-–—:]+$/g, '')
    .trim();
  if (clean.split(/\s+/).length >= 1 && /\p{L}/u.test(clean)) return clean;
  return fallback;
}

export function renderProfile(profile: Omit<ImportedProfile, 'text'>, source: string, title: Frag | undefined): string {
  const out = [
    '---',
    `# Made by \`storybank import\` from ${oneLine(source)}: every question of the notes, in their order.`,
    `# \`storybank build\` writes out/${profile.name}/cheatsheet.pdf and answer-bank.docx for it.`,
  ];
  if (profile.preamble.length) {
    out.push(`# From the top of ${oneLine(source)} (comments are never printed):`);
    for (const f of profile.preamble) out.push(`#   ${oneLine(f.text)}`);
  }
  const whence = title ? `from the title of the notes, line ${title.line}: "${oneLine(title.text)}"` : 'from the name of the notes file';
  out.push(`# role: printed at the top of the cheat sheet; ${whence}`);
  out.push(`role: ${yamlScalar(profile.role)}`);
  out.push('questions:');
  for (const q of profile.questions) out.push(`  - ${q.id}  # line ${q.line}: ${oneLine(q.text)}`);
  if (profile.ask.length) {
    out.push('ask:  # your questions for them, from the asides in the notes');
    for (const a of profile.ask) out.push(`  - ${yamlScalar(a.text)}`);
  }
  out.push('---', '');
  return out.join('\n');
}
