/**
 * Values from user files (titles, question ids, file names, messages that
 * quote them) reach the terminal through here, the way git quotes odd
 * paths: control characters are written as escapes, so no story can move
 * the cursor, retitle the window, colour the screen or start a line that
 * looks like storybank's own ("stories/x.md:1:1: error: …").
 *
 * Escaped: C0 controls (newlines and tabs included), DEL, C1 controls
 * (U+0080–U+009F: some terminals take U+009B as ESC [), the line and
 * paragraph separators, and the bidirectional embedding, override and
 * isolate controls, which reorder how the rest of a line is shown.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escape(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every character that could act on the terminal written as an escape (\n, \x1b, \u202e). */
export function quote(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** What UNSAFE holds beyond C0: JSON.stringify escapes C0 in strings, and writes its own newlines between values. */
const LEFT_RAW_BY_JSON = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON for stdout (`--json`): what JSON.stringify gives, with the
 * characters it leaves raw (DEL, C1 controls, U+2028/U+2029, bidi
 * controls) written as \u escapes too. Still valid JSON, and it decodes to
 * the same values: those characters only ever occur inside strings.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(LEFT_RAW_BY_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
