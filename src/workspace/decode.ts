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
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text: text.replace(/\r\n?/g, '\n'), diagnostics: [] };
  } catch {
    const bad = firstInvalidUtf8Byte(bytes);
    return {
      diagnostics: [
        diagnostic(path, positionOfByte(bytes, bad), 'error', 'not-utf8', 'file is not valid UTF-8; re-save it with UTF-8 encoding'),
      ],
    };
  }
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

