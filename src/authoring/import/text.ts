/**
 * Pieces of the notes as they move into stories. Every piece remembers
 * the notes line it came from, so the import can check at the end that
 * each line landed in exactly one file.
 */

export interface Frag {
  /** One line of Markdown (empty: a paragraph break). */
  text: string;
  /** 1-based notes line it came from (0 for text the importer adds). */
  line: number;
  /** Text after a label on a list item (`- A: …`): a bullet when the section has several. */
  item?: boolean;
}

const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)/;
const ATX = /^ {0,3}#{1,6}(?:\s|$)/;
const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;
const RULE = /^ {0,3}((?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

export function hasWords(frags: readonly Frag[]): boolean {
  return frags.some((f) => /[\p{L}\p{N}]/u.test(f.text));
}

/** Leading and trailing paragraph breaks off. */
export function trimFrags(frags: readonly Frag[]): Frag[] {
  let start = 0;
  let end = frags.length;
  while (start < end && frags[start]!.text.trim() === '') start++;
  while (end > start && frags[end - 1]!.text.trim() === '') end--;
  return frags.slice(start, end);
}

/** Frags as Markdown lines: items after a label become bullets when the section has a list. */
export function fragLines(frags: readonly Frag[]): string[] {
  const items = frags.filter((f) => f.item).length;
  const listy = items >= 2 || (items === 1 && frags.some((f) => !f.item && LIST_ITEM.test(f.text)));
  return trimFrags(frags).map((f) => (f.item && listy ? `- ${f.text}` : f.text));
}

/**
 * Tidies an answer for reading: quotation marks around whole sentences go
 * (notes often quote what to say), and a sentence that ends a line followed
 * by a new sentence on the next line starts a new paragraph (in Markdown they
 * would run together). Lists, headings and code are left alone; no word is
 * added or removed.
 */
export function tidyText(lines: readonly string[]): string {
  type Chunk = { prose: boolean; lines: string[]; code: boolean };
  const chunks: Chunk[] = [];
  let inList = false;
  let fenced = false;
  for (const raw of lines) {
    const fence = FENCE.test(raw);
    const code = fenced || fence;
    if (fence) fenced = !fenced;
    const line = code ? raw : raw.replace(/\s+$/, '');
    if (line.trim() === '' && !code) {
      inList = false;
      chunks.push({ prose: false, lines: [''], code: false });
      continue;
    }
    if (!code && LIST_ITEM.test(line)) inList = true;
    const prose = !code && !inList && !ATX.test(line) && !RULE.test(line) && !/^\s{4,}|^\s*[>|]/.test(line);
    const last = chunks[chunks.length - 1];
    if (prose && last?.prose) last.lines.push(line);
    else chunks.push({ prose, lines: [line], code });
  }
  const out: string[] = [];
  const blankBefore = () => {
    if (out.length && out[out.length - 1]!.trim() !== '') out.push('');
  };
  chunks.forEach((chunk, c) => {
    const first = chunk.lines[0]!;
    if (!chunk.prose) {
      const heading = !chunk.code && ATX.test(first);
      // A separator right after text would turn that text into a heading; headings read better with air around them.
      if (heading || (!chunk.code && RULE.test(first))) blankBefore();
      out.push(...chunk.lines);
      if (heading && chunks[c + 1]?.lines[0] !== '') out.push('');
      return;
    }
    const paragraph = unquoteSentences(chunk.lines.map((l) => l.trim()).join('\n')).split('\n');
    paragraph.forEach((line, i) => {
      const prev = paragraph[i - 1];
      if (prev !== undefined && /[.!?]["”’)]*$/.test(prev) && /^["“‘(]?[\p{Lu}\p{N}]/u.test(line)) out.push('');
      out.push(line);
    });
  });
  while (out.length && out[0]!.trim() === '') out.shift();
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return out.filter((l, i, all) => !(l === '' && all[i - 1] === '')).join('\n');
}

/** `“I did X.” Then Y.` → `I did X. Then Y.`: quotes that enclose whole sentences, not quotes inside a sentence. */
function unquoteSentences(text: string): string {
  // Repeated, because a quoted sentence may follow another: `“A.” “B.”`.
  let out = text;
  for (let before = ''; before !== out; ) {
    before = out;
    out = out.replace(/(^|[.!?]["”]?\s+)["“]([^"“”]+?[.!?])["”](?=\s|$)/g, '$1$2');
  }
  return out;
}

/** A section's text, tidied. */
export function sectionText(frags: readonly Frag[]): string {
  return tidyText(fragLines(frags));
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|approx|vs|cf|dr|mr|mrs|ms|st|no|jr|sr|inc|ltd|co|dept|min|hrs?|yrs?|avg|est|\p{L})\.$/iu;

/**
 * Sentence starts in capitals, and "i" as "I": notes are typed fast, an
 * answer bank is read by an employer. Only the case of first letters
 * changes; a word whose second letter is a capital ("iPhone", "pH") is
 * left alone.
 */
export function capitaliseSentences(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (/^ {0,3}(?:`{3,}|~{3,})|^ {4}/.test(line)) return line;
      let out = line.replace(/(?<![\p{L}\p{N}'’])i(?=[\s'’,.;:!?)]|$)/gu, 'I');
      out = out.replace(/^(\s*(?:[-*+]|\d{1,9}[.)])?\s*(?:#{1,6}\s+)?["“‘(*_]*)(\p{Ll})(?!\p{Lu})/u, (_, pre: string, ch: string) => pre + ch.toUpperCase());
      return out.replace(/([.!?]["”’)]*\s+["“‘(]*)(\p{Ll})(?!\p{Lu})/gu, (match: string, pre: string, ch: string, offset: number, whole: string) =>
        ABBREVIATION.test(whole.slice(0, offset + 1).replace(/["”’)]+$/, '')) ? match : pre + ch.toUpperCase(),
      );
    })
    .join('\n');
}
