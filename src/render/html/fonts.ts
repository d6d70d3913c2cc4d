import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The cheat sheet's typeface comes from an npm package and is inlined as
 * data: URLs, so the PDF looks the same on every machine and the page never
 * needs the network. Each face is read once per process.
 */
const FAMILY = 'Source Sans 3';
const PACKAGE = '@fontsource/source-sans-3';
const FACES: { weight: number; style: 'normal' | 'italic' }[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 600, style: 'normal' },
  { weight: 700, style: 'normal' },
];

interface Subset {
  name: string;
  range: string;
}

/** Always inlined; every other subset only when the text has a character in its range. */
const BASE_SUBSET = 'latin';

/**
 * The package's subsets (latin, latin-ext, vietnamese, greek, cyrillic…) and
 * their unicode-ranges, in the package's own order, read from its CSS. Most
 * sheets need latin only; latin-ext alone would double the HTML and cost
 * ~0.1 s of setContent and HTML parsing per sheet.
 */
let subsets: Subset[] | undefined;

function packageSubsets(): Subset[] {
  if (subsets) return subsets;
  const css = readFileSync(join(packageDir(), '400.css'), 'utf8');
  subsets = [...css.matchAll(/source-sans-3-([a-z-]+)-400-normal \*\/[^}]*?unicode-range:\s*([^;]+);/g)].map((m) => ({ name: m[1]!, range: m[2]!.trim() }));
  if (!subsets.some((s) => s.name === BASE_SUBSET)) throw new Error(`${PACKAGE}: no ${BASE_SUBSET} subset in 400.css`);
  return subsets;
}

function packageDir(): string {
  return dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
}

const rulesBySubset = new Map<string, string>();
const rangePatterns = new Map<string, RegExp>();

/**
 * The @font-face rules for `text`: every face of the base subset, plus the
 * faces of each other subset that `text` has a character for. Without
 * `text`, every subset (the preview serves one stylesheet for all pages).
 */
export function fontFaceCss(text?: string): string {
  return packageSubsets()
    .filter((s) => s.name === BASE_SUBSET || text === undefined || usesRange(text, s.range))
    .map(subsetRules)
    .join('\n');
}

function subsetRules(subset: Subset): string {
  const known = rulesBySubset.get(subset.name);
  if (known !== undefined) return known;
  const dir = join(packageDir(), 'files');
  const rules = FACES.map((face) => {
    const file = join(dir, `source-sans-3-${subset.name}-${face.weight}-${face.style}.woff2`);
    const data = readFileSync(file).toString('base64');
    return (
      `@font-face{font-family:'${FAMILY}';font-style:${face.style};font-weight:${face.weight};font-display:block;` +
      `src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${subset.range};}`
    );
  }).join('\n');
  rulesBySubset.set(subset.name, rules);
  return rules;
}

/** Whether `text` has a character inside a CSS unicode-range such as "U+0100-02BA, U+2113". */
function usesRange(text: string, range: string): boolean {
  let pattern = rangePatterns.get(range);
  if (!pattern) {
    const classes = range.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      if (!from || !/^[0-9a-f]+$/i.test(from) || (to !== undefined && !/^[0-9a-f]+$/i.test(to))) throw new Error(`unexpected unicode-range "${range}"`);
      return to ? `\\u{${from}}-\\u{${to}}` : `\\u{${from}}`;
    });
    pattern = new RegExp(`[${classes.join('')}]`, 'u');
    rangePatterns.set(range, pattern);
  }
  return pattern.test(text);
}
