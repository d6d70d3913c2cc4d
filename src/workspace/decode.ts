import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';

/** Bytes to text: the first stage of reading any workspace file. */

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Bytes to text, refusing what is not a story: binary, non-UTF-8, oversized.
 * Returns diagnostics instead of throwing so one bad file never hides others.
 */
export function decodeText(
  path: string,
  bytes: Uint8Array,
  options: { maxBytes?: number; what?: string } = {},
): { text?: string; diagnostics: Diagnostic[] } {
  const { maxBytes = MAX_BYTES, what = 'Markdown text' } = options;
  if (bytes.length > maxBytes) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      diagnostics: [
        diagnostic(path, undefined, 'error', 'file-too-large', `file is ${mb} MB; a story or profile must be under 2 MB (split it, or move attachments elsewhere)`),
      ],
    };
  }
  // Windows editors save "Unicode" as UTF-16: full of NUL bytes, but text, not binary.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      diagnostics: [diagnostic(path, undefined, 'error', 'not-utf8', 'file is UTF-16 encoded; re-save it with UTF-8 encoding')],
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      diagnostics: [diagnostic(path, positionOfByte(bytes, nul), 'error', 'binary-file', `this looks like a binary file, not ${what}`)],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n');
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    return {
      diagnostics: [
        diagnostic(path, positionOfByte(bytes, bad), 'error', 'not-utf8', 'file is not valid UTF-8; re-save it with UTF-8 encoding'),
      ],
    };
  }
  return decodedText(path, text);
}

/** The mark that stands in for a character no output can carry: visible, and allowed everywhere. */
export const REPLACEMENT = '\uFFFD';

/**
 * Control characters (C0 other than tab and line feed, DEL, C1) and Unicode
 * non-characters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every
 * plane). XML 1.0 forbids most of them outright, so one in a story makes a
 * DOCX that Word and LibreOffice refuse; the rest are invisible, and on a
 * terminal some are commands. NUL never gets here: it makes a file binary.
 */
const UNWRITABLE = /(?![\t\n])[\p{Cc}\p{Noncharacter_Code_Point}]/gu;

/** A text with every unwritable character replaced, how many there were, and where the first was. */
export function replaceUnwritable(text: string): { text: string; count: number; first?: { index: number; char: string } } {
  UNWRITABLE.lastIndex = 0;
  const found = UNWRITABLE.exec(text);
  if (!found) return { text, count: 0 };
  let count = 0;
  const replaced = text.replace(UNWRITABLE, () => {
    count++;
    return REPLACEMENT;
  });
  return { text: replaced, count, first: { index: found.index, char: found[0] } };
}

/** The one wording of the warning, wherever the character came from. */
export function unwritableWarning(path: string, at: Position, char: string, count: number): Diagnostic {
  const code = char.codePointAt(0)!;
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = /\p{Cc}/u.test(char) ? 'a control character' : 'a Unicode non-character';
  const more = count > 1 ? ` (and ${count - 1} more in this file)` : '';
  return diagnostic(path, at, 'warning', 'character-replaced', `${name} (${kind}) cannot appear in a document; it is shown as "${REPLACEMENT}"${more}`);
}

/**
 * Decided once, here, for every writer: each unwritable character becomes
 * REPLACEMENT, with one warning per file at the first of them. Every output
 * then shows the same mark where the file had something unprintable. (YAML
 * escapes such as "\x1b" make characters after this stage; front-matter.ts
 * replaces those the same way.)
 */
function decodedText(path: string, text: string): { text: string; diagnostics: Diagnostic[] } {
  const result = replaceUnwritable(text);
  if (!result.first) return { text, diagnostics: [] };
  return { text: result.text, diagnostics: [unwritableWarning(path, lineColumnOf(text, result.first.index), result.first.char, result.count)] };
}

function positionOfByte(bytes: Uint8Array, index: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < index; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, index)).length + 1;
  return { line, column };
}

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // Binary search for the shortest prefix that fails to decode.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      decoder.decode(bytes.subarray(0, mid + 1));
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  // Step back to the lead byte of the broken sequence.
  let i = Math.min(lo, bytes.length - 1);
  while (i > 0 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  return i;
}

export function lineColumnOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

