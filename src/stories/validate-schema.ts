import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { SourceFile } from './source.js';

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
  const raw = source.data ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    diagnostics.push(
      diagnostic(source.path, source.locate([]), 'error', 'front-matter-shape', `${what} front matter must be a YAML mapping of \`key: value\` lines`),
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

function humanIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'has the wrong type (expected text or a list of text)';
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : issue.message;
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
  };
  return names[type] ?? type;
}
