import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../support/suggest.js';
import type { SourceFile } from './front-matter.js';

/**
 * Checks front matter against a zod schema and turns every issue into a
 * diagnostic at the offending YAML node. Unknown keys are warnings (the
 * value still reaches templates), so a typo never silently drops data.
 */
export function validateFrontMatter<S extends z.ZodObject>(
  source: SourceFile,
  schema: S,
  what: string,
): { value?: z.infer<S>; extra: Record<string, unknown>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // Unreadable YAML is reported by the reader; validating nothing would only add noise ("missing title").
  if (!source.usable) return { extra: {}, diagnostics };
  const raw = source.data ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const subject = what.includes('.') ? what : `${what} front matter`;
    diagnostics.push(
      diagnostic(source.path, source.locate([]), 'error', 'front-matter-shape', `${subject} must be a YAML mapping of \`key: value\` lines`),
    );
    return { extra: {}, diagnostics };
  }
  const known = Object.keys(schema.shape);
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (known.includes(key)) continue;
    extra[key] = value;
    diagnostics.push(
      diagnostic(source.path, source.locateKey(key), 'warning', 'unknown-key', `unknown ${what} key "${key}"${didYouMean(key, known)}`),
    );
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const missing = (issue.code === 'invalid_type' || issue.code === 'invalid_union') && valueAt(raw, path) === undefined;
      const key = path.join('.');
      const message = missing
        ? `missing required key "${key}"`
        : `${key ? `"${key}" ` : ''}${humanIssue(issue)}`;
      diagnostics.push(diagnostic(source.path, source.locate(path), 'error', 'front-matter-invalid', message));
    }
    return { extra, diagnostics };
  }
  return { value: result.data, extra, diagnostics };
}

function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A zod issue in words a person understands (also for other YAML files, e.g. questions.yml). */
export function humanIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union': {
      // Name what the branches accept: "title" takes text, "tags" text or a list of text.
      const expected = new Set(issue.errors.flatMap((branch) => branch.map((i) => (i.code === 'invalid_type' ? i.expected : ''))));
      if (expected.has('array')) return 'has the wrong type (expected text or a list of text)';
      // A number where text is allowed is taken as text, so "text" says it all.
      const kinds = [...expected].filter((t) => t && !(t === 'number' && expected.has('string')));
      return `must be ${kinds.length ? kinds.map(article).join(' or ') : 'text'}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'int') return 'must be a whole number'; // beyond the safe-integer range
      // An exclusive bound (`.positive()`): "at least 0" would let 0 through in words.
      if (issue.origin === 'number') return issue.inclusive === false ? `must be more than ${String(issue.minimum)}` : `must be at least ${String(issue.minimum)}`;
      return issue.message;
    case 'too_big':
      if (issue.origin === 'int') return 'must be a whole number';
      if (issue.origin === 'number') return issue.inclusive === false ? `must be less than ${String(issue.maximum)}` : `must be at most ${String(issue.maximum)}`;
      return issue.message;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  const names: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping of `key: value` lines',
    int: 'a whole number',
  };
  return names[type] ?? type;
}
