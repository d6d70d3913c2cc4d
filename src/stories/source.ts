import matter from 'gray-matter';
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Position } from '../errors.js';

/**
 * A text file split into YAML front matter and Markdown body, with enough
 * position information to point at any YAML node or body line in the
 * original file.
 */
export interface SourceFile {
  /** Workspace-relative path used in diagnostics. */
  path: string;
  /** The YAML document (empty when the file has no front matter). */
  yaml: Document.Parsed;
  /** Plain JS value of the front matter (undefined when absent or unusable). */
  data: unknown;
  hasFrontMatter: boolean;
  body: string;
  /** Number of file lines before the body's first line. */
  bodyLineOffset: number;
  locate(path: readonly (string | number)[]): Position;
  locateKey(key: string): Position;
}

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Bytes to text, refusing what is not a story: binary, non-UTF-8, oversized.
 * Returns diagnostics instead of throwing so one bad file never hides others.
 */
export function decodeText(path: string, bytes: Uint8Array): { text?: string; diagnostics: Diagnostic[] } {
  if (bytes.length > MAX_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    return {
      diagnostics: [
        diagnostic(path, undefined, 'error', 'file-too-large', `file is ${mb} MB; a story or profile must be under 2 MB (split it, or move attachments elsewhere)`),
      ],
    };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return {
      diagnostics: [diagnostic(path, positionOfByte(bytes, nul), 'error', 'binary-file', 'this looks like a binary file, not Markdown text')],
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

/** Splits front matter from body (gray-matter) and parses the YAML with positions (yaml). */
export function readSource(path: string, text: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const clean = text.replace(/^\uFEFF/, '');
  const opensFrontMatter = /^---[ \t]*\n/.test(clean) || clean === '---';
  const closes = /\n---[ \t]*(\n|$)/.test(clean.slice(3));

  let matterText = '';
  let body = clean;
  if (opensFrontMatter && !closes) {
    diagnostics.push(
      diagnostic(path, { line: 1, column: 1 }, 'error', 'front-matter-unclosed', 'front matter starts with `---` but is never closed; add a line `---` after the YAML'),
    );
    body = '';
    matterText = clean.replace(/^---[ \t]*/, '');
  } else {
    // Options disable gray-matter's content cache; its own YAML engine is
    // replaced because we parse with `yaml` to keep line and column positions.
    const split = matter(clean, { engines: { yaml: () => ({}) } });
    matterText = split.matter;
    body = split.content;
  }

  const hasFrontMatter = opensFrontMatter;
  const bodyLineOffset = countNewlines(clean.slice(0, clean.length - body.length));
  const lineCounter = new LineCounter();
  // Matter text starts right after the opening `---` (keeping its newline), so
  // YAML line n is file line n.
  const yaml = parseDocument(matterText, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toPos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  for (const err of [...yaml.errors, ...yaml.warnings]) {
    const pos = toPos(err.pos[0]);
    const message = err.message.split('\n')[0] ?? err.message;
    diagnostics.push(diagnostic(path, pos, 'error', 'yaml-syntax', `invalid YAML: ${tidyYamlMessage(message)}`));
  }

  let data: unknown = undefined;
  if (yaml.errors.length === 0) {
    try {
      data = yaml.toJS({ maxAliasCount: 100 });
    } catch (err) {
      diagnostics.push(diagnostic(path, { line: 2, column: 1 }, 'error', 'yaml-syntax', `invalid YAML: ${(err as Error).message}`));
    }
  }

  const firstContentPos: Position = { line: hasFrontMatter ? 2 : 1, column: 1 };
  const locateNode = (node: unknown): Position | undefined => {
    const range = (node as Node | undefined)?.range;
    return range ? toPos(range[0]) : undefined;
  };
  const locate = (p: readonly (string | number)[]): Position => {
    // Walk down as far as the path exists, so a missing key points at its parent.
    for (let n = p.length; n >= 0; n--) {
      const node = n === 0 ? yaml.contents : yaml.getIn(p.slice(0, n), true);
      const pos = locateNode(node);
      if (pos) return pos;
    }
    return firstContentPos;
  };
  const locateKey = (key: string): Position => {
    if (isMap(yaml.contents)) {
      for (const pair of yaml.contents.items) {
        if (isScalar(pair.key) && pair.key.value === key) return locateNode(pair.key) ?? firstContentPos;
      }
    }
    return firstContentPos;
  };

  return {
    source: { path, yaml, data, hasFrontMatter, body, bodyLineOffset, locate, locateKey },
    diagnostics,
  };
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function tidyYamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?$/, '').replace(/\s+$/, '');
}

