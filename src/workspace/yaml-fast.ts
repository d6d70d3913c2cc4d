import jsYaml from 'js-yaml';

/**
 * The quick read of plain front matter. Reading YAML with the `yaml`
 * package, which keeps every node's line and column, is most of what
 * `check` spends on a story's front matter; those positions are needed only
 * when there is a problem to point at. Front matter written in the plain
 * style stories use (`key: value`, `key: [a, b]`, `- item` lists, one level
 * of `key: value` under a key) is read here with js-yaml (the parser
 * gray-matter itself ships with), in the YAML 1.2 core schema; the `yaml`
 * package reads it again, for positions, only when a diagnostic asks.
 *
 * "Plain" is decided line by line and errs on the side of the careful
 * path: anything that YAML 1.1 and 1.2 read differently (`1:20`, `012`,
 * `1_000`, `yes` is the same in both), anything with escapes, anchors,
 * tags, block scalars, flow maps or nesting deeper than one level goes
 * through `yaml` as before. A property test holds the two readings equal.
 */

const KEY = String.raw`[A-Za-z_][A-Za-z0-9_-]*`;
/** Scalars both parsers read alike: a plain word or phrase, or a quoted string without escapes. */
const FIRST = String.raw`[^\s\-?:,\[\]{}#&*!|>'"%@\x60]`;
/** In block context commas and brackets are text ("Shipping, at last"); in a [flow, list] they separate. */
const PLAIN_BLOCK = String.raw`${FIRST}(?:[^:#]|:(?=\S)|#(?<! #))*?`;
const PLAIN_FLOW = String.raw`${FIRST}(?:[^:#,\[\]{}]|:(?=[^\s,\[\]{}])|#(?<! #))*?`;
const QUOTED = String.raw`"[^"\\]*"|'[^']*'`;
const COMMENT = String.raw`(?:[ \t]+#.*)?`;
const FLOW_ITEM = `(?:${QUOTED}|${PLAIN_FLOW})`;
const FLOW = String.raw`\[[ \t]*(?:${FLOW_ITEM}[ \t]*(?:,[ \t]*${FLOW_ITEM}[ \t]*)*,?[ \t]*)?\]`;
const SCALAR = `(?:${QUOTED}|${FLOW}|${PLAIN_BLOCK})`;

const TOP = new RegExp(`^(${KEY}):(?:[ \\t]+(${SCALAR}))?[ \\t]*${COMMENT}$`);
const ITEM = new RegExp(`^(?:  )?- (${SCALAR})[ \\t]*${COMMENT}$`);
const NESTED = new RegExp(`^  (${KEY}):[ \\t]+(${SCALAR})[ \\t]*${COMMENT}$`);
const BLANK = /^[ \t]*(?:#.*)?$/;

/** Plain scalars that look like numbers but are not plain decimal ones: YAML 1.1 and 1.2 disagree on them. */
const NUMBERISH = /^[-+.]?\d|^[-+]?\.(?:inf|nan)$/i;
const DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** The front matter's value, or undefined when it is not plain (then the careful reader takes it). */
export function readPlainYaml(text: string): unknown {
  let parent: 'none' | 'empty' = 'none';
  for (const line of text.split('\n')) {
    if (BLANK.test(line) && !line.startsWith(' ')) continue;
    if (BLANK.test(line)) return undefined;
    const top = TOP.exec(line);
    if (top) {
      if (top[2] !== undefined && !plainEnough(top[2])) return undefined;
      parent = top[2] === undefined ? 'empty' : 'none';
      continue;
    }
    const item = parent === 'empty' ? (ITEM.exec(line) ?? NESTED.exec(line)) : null;
    if (!item) return undefined;
    const value = item[2] ?? item[1]!;
    if (!plainEnough(value)) return undefined;
  }
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, json: false });
  } catch {
    // Duplicate keys, a list mixed with a mapping: the careful reader says what is wrong, and where.
    return undefined;
  }
}

function plainEnough(value: string): boolean {
  if (value.startsWith('[')) {
    // Items as FLOW_ITEM matched them; a quoted one may hold a comma, and quoted ones are fine anyway.
    return [...value.slice(1, -1).matchAll(new RegExp(`${QUOTED}|[^,]+`, 'g'))].map((m) => m[0].trim()).every((v) => v === '' || plainEnough(v));
  }
  if (value.startsWith('"') || value.startsWith("'")) return true;
  const v = value.trim();
  // "0 dropped payments" is text to both; only a value that is all number-like can be read two ways.
  return /\s/.test(v) || !NUMBERISH.test(v) || DECIMAL.test(v);
}
