import matter from 'gray-matter';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import { replaceUnwritable, unwritableWarning } from './decode.js';
import { readPlainYaml } from './yaml-fast.js';
import { duplicateKeyErrors, MAX_FRONT_MATTER_CHARS, MAX_YAML_FILE_CHARS, MAX_YAML_PROBLEMS } from './yaml-limits.js';

/**
 * A text file split into YAML front matter and Markdown body, with enough
 * position information to point at any YAML node or body line in the
 * original file.
 */
export interface SourceFile {
  /** Workspace-relative path used in diagnostics. */
  path: string;
  /** Plain JS value of the front matter (undefined when absent or unusable). */
  data: unknown;
  hasFrontMatter: boolean;
  /**
   * False when the YAML could not be read (syntax error, unclosed front
   * matter): that problem is already reported, and checking the missing
   * values against a schema would only add misleading errors.
   */
  usable: boolean;
  body: string;
  /** Number of file lines before the body's first line. */
  bodyLineOffset: number;
  locate(path: readonly (string | number)[]): Position;
  locateKey(key: string): Position;
}
/** A closing delimiter: `---` alone on its line (trailing blanks allowed). */
const CLOSING = /^---[ \t]*$/m;

/** Front matter in a language other than YAML: refused before anything reads it. */
class RefusedLanguage extends Error {}

const refuse = (language: string) => ({
  parse: (): never => {
    throw new RefusedLanguage(language);
  },
});

/**
 * Splits front matter from body with gray-matter and parses the YAML with
 * positions.
 *
 * gray-matter is configured safe. Its YAML engine is ours, on the `yaml`
 * package, which keeps line and column of every node. Its executable
 * engines (`---js`, `---javascript`, `---coffee`, and JSON too) are
 * replaced by ones that refuse, so no story can run code or bypass the
 * positions. Options are always passed, so gray-matter's cache (keyed by
 * file text, never cleared) is never used. The check for front matter that
 * is opened but never closed is storybank's own: gray-matter would take the
 * whole file as YAML.
 */
export function readSource(path: string, text: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  const clean = text.replace(/^\uFEFF/, '');
  // gray-matter's own test: `---` at the start, not followed by a fourth `-`.
  if (!clean.startsWith('---') || clean[3] === '-') {
    return parseYaml(path, '', { hasFrontMatter: false, body: clean, bodyLineOffset: 0, firstLine: 1 });
  }
  const firstBreak = clean.indexOf('\n');
  const language = (firstBreak < 0 ? clean.slice(3) : clean.slice(3, firstBreak)).trim();
  if (firstBreak < 0 || !CLOSING.test(clean.slice(firstBreak + 1))) {
    const { source, diagnostics } = parseYaml(path, '', { hasFrontMatter: true, body: '', bodyLineOffset: countNewlines(clean), firstLine: 2 });
    diagnostics.push(
      diagnostic(path, { line: 1, column: 1 }, 'error', 'front-matter-unclosed', 'front matter starts with `---` but is never closed; add a line `---` after the YAML'),
    );
    return { source: { ...source, usable: false }, diagnostics };
  }

  const yamlChars = frontMatterText(clean).length;
  if (yamlChars > MAX_FRONT_MATTER_CHARS) {
    const { source, diagnostics } = parseYaml(path, '', { hasFrontMatter: true, body: '', bodyLineOffset: 0, firstLine: 2 });
    diagnostics.push(
      diagnostic(path, { line: 1, column: 1 }, 'error', 'front-matter-too-large', `front matter is ${Math.round(yamlChars / 1024)} KB; at most ${MAX_FRONT_MATTER_CHARS / 1024} KB is read (it holds the facts: title, questions, tags); move long text into the body`),
    );
    return { source: { ...source, usable: false }, diagnostics };
  }

  const read: { yaml?: ReturnType<typeof parseYaml> } = {};
  let file: matter.GrayMatterFile<string>;
  const readYaml = (matterText: string) => {
    // The matter text keeps the newline after the opening `---`, so YAML line n is file line n.
    read.yaml = parseYaml(path, matterText, { hasFrontMatter: true, body: '', bodyLineOffset: 0, firstLine: 2 });
    return {};
  };
  try {
    file = matter(clean, {
      language: 'yaml',
      excerpt: false,
      engines: { yaml: { parse: readYaml }, javascript: refuse('JavaScript'), coffee: refuse('CoffeeScript'), json: refuse('JSON') },
    });
  } catch (err) {
    const named = err instanceof RefusedLanguage ? err.message : language;
    const { source, diagnostics } = parseYaml(path, '', { hasFrontMatter: true, body: '', bodyLineOffset: 0, firstLine: 2 });
    diagnostics.push(
      diagnostic(path, { line: 1, column: 4 }, 'error', 'front-matter-language', `front matter in ${named} is not read (a story is data, never code); write YAML between two \`---\` lines`),
    );
    return { source: { ...source, usable: false }, diagnostics };
  }
  // gray-matter skips its engine when the block holds only comments.
  if (!read.yaml) readYaml(file.matter);
  const { source, diagnostics } = read.yaml!;
  const body = file.content;
  return { source: { ...source, body, bodyLineOffset: countNewlines(clean.slice(0, clean.length - body.length)) }, diagnostics };
}

/**
 * The text between the opening `---` and the first closing `---` line,
 * found without parsing, for cheap checks; '' when there is no front
 * matter. Never less than what readSource reads as YAML (gray-matter closes
 * at the first line that starts with `---`, never later).
 */
export function frontMatterText(text: string): string {
  const clean = text.replace(/^\uFEFF/, '');
  const firstBreak = clean.indexOf('\n');
  if (!clean.startsWith('---') || clean[3] === '-' || firstBreak < 0) return '';
  const rest = clean.slice(firstBreak + 1);
  const close = CLOSING.exec(rest);
  return close ? rest.slice(0, close.index) : rest;
}

/** A whole file of YAML (storybank.yml, stories/questions.yml), positions as in the file. */
export function readYamlSource(path: string, text: string): { source: SourceFile; diagnostics: Diagnostic[] } {
  if (text.length > MAX_YAML_FILE_CHARS) {
    const { source, diagnostics } = parseYaml(path, '', { hasFrontMatter: true, body: '', bodyLineOffset: 0, firstLine: 1 });
    diagnostics.push(diagnostic(path, undefined, 'error', 'yaml-too-large', `file is ${Math.round(text.length / 1024)} KB; at most ${MAX_YAML_FILE_CHARS / 1024} KB of YAML is read`));
    return { source: { ...source, usable: false }, diagnostics };
  }
  return parseYaml(path, text.replace(/^\uFEFF/, ''), { hasFrontMatter: true, body: '', bodyLineOffset: 0, firstLine: 1 });
}

interface YamlParts {
  hasFrontMatter: boolean;
  body: string;
  bodyLineOffset: number;
  /** File line of the first YAML line. */
  firstLine: number;
}

/**
 * The YAML as a value, with positions. Plain front matter is read quickly
 * (yaml-fast.ts) and with positions only when something asks where a key
 * is, which only a diagnostic does; everything else is read with positions
 * at once.
 */
function parseYaml(path: string, yamlText: string, parts: YamlParts): { source: SourceFile; diagnostics: Diagnostic[] } {
  const plain = yamlText.length <= MAX_FRONT_MATTER_CHARS ? readPlainYaml(yamlText) : undefined;
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) return parseYamlWithPositions(path, yamlText, parts);
  let careful: SourceFile | undefined;
  const positions = () => (careful ??= parseYamlWithPositions(path, yamlText, parts).source);
  return {
    source: {
      path,
      data: plain,
      hasFrontMatter: parts.hasFrontMatter,
      usable: true,
      body: parts.body,
      bodyLineOffset: parts.bodyLineOffset,
      locate: (p) => positions().locate(p),
      locateKey: (key) => positions().locateKey(key),
    },
    diagnostics: [],
  };
}

function parseYamlWithPositions(path: string, yamlText: string, parts: YamlParts): { source: SourceFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  // Duplicate keys are found by duplicateKeyErrors, in linear time (see yaml-limits.ts).
  const yaml = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false });
  yaml.errors.push(...duplicateKeyErrors(yaml));
  const toPos = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };

  const problems = [...yaml.errors, ...yaml.warnings].sort((a, b) => a.pos[0] - b.pos[0]);
  for (const err of problems.slice(0, MAX_YAML_PROBLEMS)) {
    const message = err.message.split('\n')[0] ?? err.message;
    // `yaml` reports an unclosed `[`, `{` or quote where it gave up, often the next line;
    // then point at the opener, on the line the person has to fix.
    const opener = unclosedOpener(err.code, message);
    const openerAt = opener ? yamlText.lastIndexOf(opener, err.pos[0] - 1) : -1;
    const reported = toPos(err.pos[0]);
    const pos = openerAt >= 0 && toPos(openerAt).line < reported.line ? toPos(openerAt) : reported;
    diagnostics.push(diagnostic(path, pos, 'error', 'yaml-syntax', `invalid YAML: ${tidyYamlMessage(message)}`));
  }
  const unlisted = problems[MAX_YAML_PROBLEMS];
  if (unlisted) {
    diagnostics.push(diagnostic(path, toPos(unlisted.pos[0]), 'error', 'yaml-syntax', `invalid YAML: ${problems.length - MAX_YAML_PROBLEMS} more problems from here on are not listed; fix the ones above first`));
  }

  const firstContentPos: Position = { line: parts.firstLine, column: 1 };
  let data: unknown = undefined;
  let usable = yaml.errors.length === 0;
  if (usable) {
    const escaped = replaceEscapedUnwritable(yaml);
    if (escaped) diagnostics.push(unwritableWarning(path, toPos(escaped.offset), escaped.char, escaped.count));
    try {
      data = yaml.toJS({ maxAliasCount: 100 });
    } catch (err) {
      usable = false;
      diagnostics.push(diagnostic(path, firstContentPos, 'error', 'yaml-syntax', `invalid YAML: ${(err as Error).message}`));
    }
  }

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
    source: { path, data, hasFrontMatter: parts.hasFrontMatter, usable, body: parts.body, bodyLineOffset: parts.bodyLineOffset, locate, locateKey },
    diagnostics,
  };
}

/**
 * YAML escapes ("\x1b", "\uFFFF", "\0") make characters that decoding
 * never saw; they are replaced here, the same way, so no value carries one.
 * Returns the first (by position) and how many there were.
 */
function replaceEscapedUnwritable(yaml: Document.Parsed): { offset: number; char: string; count: number } | undefined {
  let first: { offset: number; char: string } | undefined;
  let count = 0;
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const result = replaceUnwritable(node.value);
      if (!result.first) return;
      node.value = result.text;
      count += result.count;
      const offset = node.range?.[0] ?? 0;
      if (!first || offset < first.offset) first = { offset, char: result.first.char };
    },
  });
  return first && { ...first, count };
}

function unclosedOpener(code: string, message: string): string | undefined {
  if (code === 'BAD_INDENT' && message.startsWith('Flow sequence')) return '[';
  if (code === 'BAD_INDENT' && message.startsWith('Flow map')) return '{';
  if (code === 'MISSING_CHAR' && message.includes('closing "quote')) return '"';
  if (code === 'MISSING_CHAR' && message.includes("closing 'quote")) return "'";
  return undefined;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function tidyYamlMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?$/, '').replace(/\s+$/, '');
}
