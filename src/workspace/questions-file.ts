import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Catalog } from '../questions/catalog.js';
import { indexCatalog, questionHint } from '../questions/match.js';
import { didYouMean } from '../support/suggest.js';
import type { SourceFile } from './front-matter.js';
import { QuestionsFileSchema } from './schema.js';
import { humanIssue } from './validate.js';

/** stories/questions.yml: the workspace's own questions, and new wording for built-in ones. */

/** "entry 2: missing required key "id"", in the words of the other schema messages. */
function describeEntryIssue(issue: z.core.$ZodIssue, path: readonly (string | number)[], data: unknown): string {
  const [index, ...rest] = path;
  const where = typeof index === 'number' ? `entry ${index + 1}` : String(index);
  const key = rest.join('.');
  let value: unknown = data;
  for (const p of path) value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[p] : undefined;
  if (key && value === undefined) return `${where}: missing required key "${key}"`;
  return `${where}${key ? `, "${key}"` : ''}: ${humanIssue(issue)}`;
}

/** Adds or overrides questions from a parsed questions.yml (a top-level list). */
export function extendCatalog(catalog: Catalog, source: SourceFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  if (source.data === undefined || source.data === null) return diagnostics;
  const result = QuestionsFileSchema.safeParse(source.data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const message = path.length === 0
        ? 'questions.yml must be a list of `- id: …` entries with `text` and `competencies`'
        : describeEntryIssue(issue, path, source.data);
      diagnostics.push(diagnostic(source.path, source.locate(path), 'error', 'questions-invalid', message));
    }
    return diagnostics;
  }
  const lineOf = new Map<string, number>();
  result.data.forEach((entry, i) => {
    // Two entries for one id: which text wins would depend on the order; say so, as for two stories with one id.
    const first = lineOf.get(entry.id);
    if (first !== undefined) {
      diagnostics.push(diagnostic(source.path, source.locate([i, 'id']), 'error', 'question-duplicate', `question "${entry.id}" is already defined on line ${first}; keep one of the two entries`));
      return;
    }
    lineOf.set(entry.id, source.locate([i, 'id']).line);
    const existing = catalog.questions.get(entry.id);
    if (!existing && !entry.text) {
      diagnostics.push(
        diagnostic(source.path, source.locate([i, 'id']), 'error', 'questions-invalid', `new question "${entry.id}" needs a \`text\`${questionHint(entry.id, indexCatalog(catalog))}`),
      );
      return;
    }
    const competencies = entry.competencies ?? existing?.competencies ?? [];
    competencies.forEach((c, j) => {
      if (!catalog.competencies.has(c)) {
        diagnostics.push(
          diagnostic(source.path, source.locate([i, 'competencies', j]), 'warning', 'unknown-competency', `unknown competency "${c}"${didYouMean(c, catalog.competencies)}`),
        );
      }
    });
    catalog.questions.set(entry.id, { ...existing, id: entry.id, text: entry.text ?? existing!.text, competencies });
  });
  return diagnostics;
}
