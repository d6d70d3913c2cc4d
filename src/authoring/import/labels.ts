import { headingKey } from '../../workspace/markdown.js';
import { SECTION_ALIASES, type SectionKey } from '../../workspace/sections.js';

/**
 * STAR labels in the styles people write them: `Situation:`, `Situation -`,
 * `SITUATION —`, `"Task":`, `**Action:**`, `(S)`, `S:`, `S -`, `### Result`,
 * several in one paragraph (`**S:** … **T:** …`), and lead-ins that read as
 * a sentence ("situation was that …", "the task was …"). The label words
 * are the story format's own section headings (sections.ts), so whatever
 * is read here, the story parser reads back.
 */

export type LabelKey = Exclude<SectionKey, 'answer'>;

export interface Chunk {
  /** The section the text belongs to; undefined: it continues the current one. */
  key?: LabelKey;
  text: string;
  /** Read from a one-letter label (`S:`), trusted only when the answer uses S and R that way. */
  letter?: boolean;
}

const LETTERS: Record<string, LabelKey> = { S: 'situation', T: 'task', A: 'action', R: 'result' };

/** Alias words, longest first, as a regex alternation (spaces match any run of blanks). */
const ALIASES = Object.keys(SECTION_ALIASES)
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '[ \\t]+'))
  .join('|');

const OPEN = /^(?:\*\*|__|\*|_)?[ \t]*["“”'‘’]?[ \t]*(?:\*\*|__|\*|_)?[ \t]*/;
const WORD = new RegExp(`^(${ALIASES})(?![\\p{L}\\p{N}])`, 'iu');
const CLOSE = /^[ \t]*(?:\([STAR]\))?[ \t]*["“”'‘’]?[ \t]*(?:\*\*|__|\*|_)?[ \t]*["“”'‘’]?/;
const SEPARATOR = /^[ \t]*(?::|：|[-–—](?=[ \t]|$))[ \t]*(?:\*\*|__|\*|_)?[ \t]*["”’]?[ \t]*/;
const LETTER = /^(?:\*\*|__)?([STAR])[ \t]*(?:\*\*|__)?[ \t]*(?::|[-–—.)](?=[ \t]))[ \t]*(?:\*\*|__)?[ \t]*/;
const PAREN_LETTER = /^[([][ \t]*([STAR])[ \t]*[)\]][ \t]*(?::|[-–—](?=[ \t]))?[ \t]*/;
const PAREN_WORD = new RegExp(`^[([][ \\t]*(${ALIASES})[ \\t]*[)\\]][ \\t]*(?::|[-–—](?=[ \\t]))?[ \\t]*`, 'iu');

/** Sentences that open a section: the words stay, they read well in the answer. */
const LEAD_INS: readonly [RegExp, LabelKey, 'keep' | 'drop'][] = [
  [/^(?:so |ok,? )?(?:the |our )?(?:situation|context|background) (?:was|is)(?: that)?[ \t]+/i, 'situation', 'drop'],
  [/^(?:the |my |our )(?:task|goal) (?:was|is)\b/i, 'task', 'keep'],
  [/^what i did was[ \t]+/i, 'action', 'drop'],
  [/^(?:the |end )?(?:result|outcome) (?:was|is)(?: that)?[ \t]+/i, 'result', 'drop'],
];

/** Labels further along a line that starts with one. */
const INLINE_BOLD = new RegExp(`(?:\\*\\*|__)[ \\t]*([STAR]|${ALIASES})[ \\t]*[:.]?[ \\t]*(?:\\*\\*|__)[ \\t]*(?::|[-–—](?=[ \\t]))?[ \\t]*`, 'giu');
const INLINE_PAREN = /(?<=\s)\(([STAR])\)[ \t]+/g;
const INLINE_WORD = new RegExp(`(?<=[.!?]["”’)]*[ \\t]+)(${ALIASES})[ \\t]*:[ \\t]+`, 'giu');
const INLINE_LETTER = /(?<=[.!?]["”’)]*[ \t]+)([TAR])[ \t]*(?::|[-–—](?=[ \t]))[ \t]+/g;

function keyOf(word: string): LabelKey | undefined {
  const upper = word.trim();
  if (LETTERS[upper]) return LETTERS[upper];
  const key = SECTION_ALIASES[headingKey(upper)];
  return key === 'answer' ? undefined : key;
}

/** The section a heading's text names (`### Situation`, `#### Lessons learned:`), if any. */
export function headingLabel(text: string): LabelKey | undefined {
  const key = SECTION_ALIASES[headingKey(text.replace(/^\(?[STAR]\)?[ \t]*[-–—:][ \t]*/, ''))];
  return key === 'answer' ? undefined : key;
}

/** The label a line starts with, and the text after it; undefined for prose that merely starts with the word. */
function leadingLabel(text: string, listed: boolean): { key: LabelKey; rest: string; letter: boolean } | undefined {
  const paren = PAREN_LETTER.exec(text) ?? PAREN_WORD.exec(text);
  if (paren) {
    const key = keyOf(paren[1]!);
    if (key) return { key, rest: text.slice(paren[0].length), letter: paren[1]!.length === 1 };
  }
  const letter = LETTER.exec(text);
  if (letter) return { key: LETTERS[letter[1]!]!, rest: text.slice(letter[0].length), letter: true };
  const open = OPEN.exec(text)![0];
  let s = text.slice(open.length);
  const word = WORD.exec(s);
  if (word) {
    s = s.slice(word[0].length);
    s = s.slice(CLOSE.exec(s)![0].length);
    const separator = SEPARATOR.exec(s);
    if (separator) return { key: keyOf(word[1]!)!, rest: s.slice(separator[0].length), letter: false };
    // "Situation" alone on its line (or "**Situation**"): a label; "Context matters" is prose.
    if (s.trim() === '' && !listed) return { key: keyOf(word[1]!)!, rest: '', letter: false };
  }
  for (const [pattern, key, words] of LEAD_INS) {
    const m = pattern.exec(text);
    if (m) return { key, rest: words === 'drop' ? capitalise(text.slice(m[0].length)) : capitalise(text), letter: false };
  }
  return undefined;
}

/**
 * Cuts a line into labelled chunks. Undefined when the line does not start
 * with a label: it is content of whatever section is open. `letters`
 * allows one-letter labels (`S:`, `A -`), which are otherwise an answer
 * marker or an article.
 */
export function splitLabels(text: string, options: { listed?: boolean; letters: boolean }): Chunk[] | undefined {
  const first = leadingLabel(text, options.listed ?? false);
  if (!first || (first.letter && !options.letters && !/^[([]/.test(text))) return undefined;
  const at = text.length - first.rest.length;
  const cuts: { index: number; length: number; key: LabelKey; letter: boolean }[] = [];
  const patterns = [INLINE_BOLD, INLINE_PAREN, INLINE_WORD, ...(options.letters ? [INLINE_LETTER] : [])];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const m of text.slice(at).matchAll(pattern)) {
      const key = keyOf(m[1]!);
      if (!key || (m[1]!.length === 1 && !options.letters && pattern !== INLINE_PAREN)) continue;
      cuts.push({ index: at + m.index!, length: m[0].length, key, letter: m[1]!.length === 1 });
    }
  }
  cuts.sort((a, b) => a.index - b.index);
  const chunks: Chunk[] = [];
  let key = first.key;
  let letter = first.letter;
  let start = at;
  for (const cut of cuts) {
    if (cut.index < start) continue;
    chunks.push({ key, text: clean(text.slice(start, cut.index)), letter });
    ({ key, letter } = cut);
    start = cut.index + cut.length;
  }
  chunks.push({ key, text: clean(text.slice(start)), letter });
  // The first chunk as the label read it: a lead-in's sentence starts with a capital.
  chunks[0]!.text = clean(first.rest.slice(0, (chunks.length > 1 ? cuts.find((c) => c.index >= at)!.index : text.length) - at));
  return chunks;
}

/** One-letter labels a line uses, at its start or inline: for deciding whether an answer is written in S/T/A/R shorthand. */
export function letterLabels(text: string): Set<LabelKey> {
  const found = new Set<LabelKey>();
  const start = LETTER.exec(text) ?? /^[([]([STAR])[)\]]/.exec(text);
  if (start) found.add(LETTERS[start[1]!]!);
  for (const pattern of [INLINE_BOLD, INLINE_PAREN]) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) if (m[1]!.length === 1 && LETTERS[m[1]!]) found.add(LETTERS[m[1]!]!);
  }
  return found;
}

/** Text of a chunk without the markup a label left around it. */
function clean(text: string): string {
  let t = text.trim();
  // A bold marker left alone by a cut label (`**Situation:** text **`) would open emphasis that never closes.
  if ((t.match(/\*\*/g) ?? []).length % 2 === 1) t = t.replace(/^\*\*[ \t]*|[ \t]*\*\*$/, '');
  return t.trim();
}

export function capitalise(text: string): string {
  return text.replace(/^(["“‘(]*)(\p{Ll})/u, (_, pre: string, ch: string) => pre + ch.toUpperCase());
}
